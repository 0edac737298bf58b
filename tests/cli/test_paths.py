from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.paths import app_paths


def test_home_holds_everything(app_home: Path) -> None:
    paths = app_paths()
    for folder in (paths.config_dir, paths.data_dir, paths.log_dir, paths.user_state_dir):
        assert folder.is_relative_to(app_home)


def test_platform_dirs_without_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUTHEN_DESK_HOME")
    assert "authen-desk" in str(app_paths().config_dir)


@pytest.mark.posix_only("PCSCLITE_CSOCK_NAME is pcsc-lite's; Windows' Smart Card service has none")
def test_cli_logs_under_home_and_never_on_stdout(app_home: Path) -> None:
    # A socket nobody serves: the PC/SC service is "gone". In a child process, because
    # libpcsclite caches the socket name for the life of the process.
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": str(app_home / "no-such-pcscd.comm")}
    result = subprocess.run(
        [sys.executable, "-m", "app.main", "read-card", "--json"],
        capture_output=True, text=True, env=env, timeout=60, cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stdout == ""
    assert "PC/SC" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert (app_home / "logs" / "authen-desk.log").exists()
