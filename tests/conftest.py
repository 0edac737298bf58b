"""Shared fixtures. Qt runs offscreen; every file the program writes goes to a temp home."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import keyring
import keyring.backend
import pytest

from tests.support.agent import AgentRig, agent_rig
from tests.support.pcscd import PcscdHarness, missing_requirements
from tests.support.platform import WINDOWS
from tests.support.secret_service import MemoryKeyring, SecretServiceSession, missing_tools

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def skip_unless_ci(ci_failure: str, skip_reason: str) -> NoReturn:
    """A real part is missing: in CI that fails the test (CI must run everything), on a
    developer's machine the test is skipped."""
    if IN_CI:
        pytest.fail(ci_failure)
    pytest.skip(skip_reason)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """posix_only / windows_only (tests/support/platform.py): skipped on the other system."""
    for item in items:
        for name, runs_here in (("posix_only", not WINDOWS), ("windows_only", WINDOWS)):
            marker = item.get_closest_marker(name)
            if marker is not None and not runs_here:
                why = marker.args[0] if marker.args else marker.kwargs.get("reason", "")
                item.add_marker(pytest.mark.skip(reason=f"{name}: {why}"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """No silent skips in Linux CI: a skipped test fails there, unless it is the Windows
    form of a check (windows_only)."""
    outcome = yield
    report: pytest.TestReport = outcome.get_result()  # type: ignore[attr-defined]
    if not (report.skipped and IN_CI and sys.platform.startswith("linux")):
        return
    if hasattr(report, "wasxfail") or item.get_closest_marker("windows_only") is not None:
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = f"skipped in Linux CI (CI=true), which must run every test: {reason}"


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
        skip_unless_ci(f"CI needs a real pcscd: {problem}", problem)
    harness = PcscdHarness(tmp_path_factory.mktemp("pcscd"))
    harness.start()
    yield harness
    harness.stop()


@pytest.fixture(scope="session")
def secret_service(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[keyring.backend.KeyringBackend]:
    """The real Secret Service (gnome-keyring on a private bus) as the keyring, for this
    process and its children. In CI it must run; elsewhere the tests' own backend stands in."""
    problem = missing_tools()
    if problem is not None:
        if IN_CI:
            pytest.fail(f"CI needs a real Secret Service: {problem}")
        fallback = MemoryKeyring()
        keyring.set_keyring(fallback)
        yield fallback
        return
    session = SecretServiceSession(tmp_path_factory.mktemp("secret-service"))
    backend = session.start()
    keyring.set_keyring(backend)
    yield backend
    session.stop()


@pytest.fixture
def real_secret_service(secret_service: keyring.backend.KeyringBackend) -> None:
    """For tests whose child processes need the keyring: only the real one crosses processes."""
    if isinstance(secret_service, MemoryKeyring):
        pytest.skip("gnome-keyring is not installed (./run-tests installs it)")


@pytest.fixture
def rig() -> Iterator[AgentRig]:
    """The simulated NHSO agent on a loopback port, with its recorded requests."""
    with agent_rig() as r:
        yield r
