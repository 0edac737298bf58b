"""posix_only / windows_only and "no skipped test in Linux CI" (tests/conftest.py), run on a
small test file with the suite's own conftest as a plugin."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
PROBE = """
import pytest

def test_plain_skip():
    pytest.skip("no reason in CI")

@pytest.mark.windows_only("the Windows form")
def test_windows_form():
    pass

@pytest.mark.posix_only("a POSIX mechanism")
def test_posix_form():
    pass
"""


def run_probe(tmp_path: Path, ci: str) -> str:
    probe = tmp_path / "test_probe.py"
    probe.write_text(PROBE)
    env = {**os.environ, "CI": ci}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider",
         "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path), "-rA", str(probe)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return result.stdout


@pytest.mark.posix_only("the check is for Linux CI")
def test_in_linux_ci_a_skip_fails_unless_windows_only(tmp_path: Path) -> None:
    out = run_probe(tmp_path, "true")
    assert "test_probe.py::test_plain_skip - skipped in Linux CI (CI=true)" in out, out
    assert "SKIPPED" in out and "windows_only: the Windows form" in out, out
    assert re.search(r"^PASSED \S*test_probe.py::test_posix_form$", out, re.MULTILINE), out


@pytest.mark.posix_only("the check is for Linux CI")
def test_outside_ci_a_skip_stays_a_skip(tmp_path: Path) -> None:
    out = run_probe(tmp_path, "false")
    assert "FAILED" not in out and "1 passed, 2 skipped" in out, out
