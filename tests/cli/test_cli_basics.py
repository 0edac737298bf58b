"""The command line itself: usage errors, the version, and a start that loads nothing heavy."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from app.cli.exit_codes import ExitCode
from tests.support.cli import run_cli

ROOT = Path(__file__).parents[2]
HEAVY = ("PySide6", "requests", "keyring", "sqlite_utils", "openpyxl", "smartcard")


def test_a_wrong_option_is_a_usage_error_not_no_reader() -> None:
    for args in (["--bogus"], ["read-card", "--nope"], ["token", "set", "bad-kind"], ["authen"]):
        result = run_cli(*args)
        assert result.returncode == ExitCode.USAGE == 64, args
        assert len(result.stderr.strip().splitlines()) == 1 and "usage error" in result.stderr


def test_version_comes_from_pyproject() -> None:
    declared = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M)
    assert declared is not None
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"Authen Desk {declared.group(1)}"


def test_help_and_version_load_no_heavy_module() -> None:
    probe = (
        "import sys\n"
        "from app.main import main\n"
        "for args in (['--help'], ['--version'], ['history', '--help']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_frozen_build_carries_every_command() -> None:
    """Commands are imported by name, which PyInstaller cannot see: build.spec lists them."""
    from app.cli.parser import COMMAND_MODULES

    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert [m for m in COMMAND_MODULES if f'"{m}"' not in spec] == []
