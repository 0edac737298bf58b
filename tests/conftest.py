"""Shared fixtures. Qt runs offscreen; every file the program writes goes to a temp home."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.support.pcscd import PcscdHarness, missing_requirements

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("AUTHEN_DESK_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PcscdHarness]:
    """A running pcscd with vpcd. In CI a missing pcscd fails the tests, never skips them."""
    problem = missing_requirements()
    if problem is not None:
        if IN_CI:
            pytest.fail(f"CI needs a real pcscd: {problem}")
        pytest.skip(problem)
    harness = PcscdHarness(tmp_path_factory.mktemp("pcscd"))
    harness.start()
    yield harness
    harness.stop()
