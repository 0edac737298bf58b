from __future__ import annotations

from pathlib import Path

import pytest

from app.main import main
from app.paths import app_paths


def test_home_holds_everything(app_home: Path) -> None:
    paths = app_paths()
    for folder in (paths.config_dir, paths.data_dir, paths.log_dir, paths.state_dir):
        assert folder.is_relative_to(app_home)


def test_platform_dirs_without_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUTHEN_DESK_HOME")
    assert "authen-desk" in str(app_paths().config_dir)


def test_cli_logs_under_home_and_never_on_stdout(
    app_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Point the PC/SC client at a socket nobody serves: the service is "gone".
    monkeypatch.setenv("PCSCLITE_CSOCK_NAME", str(app_home / "no-such-pcscd.comm"))
    code = main(["read-card", "--json"])
    out = capsys.readouterr()
    assert code == 2
    assert out.out == ""
    assert "PC/SC" in out.err and len(out.err.strip().splitlines()) == 1
    assert (app_home / "logs" / "authen-desk.log").exists()
