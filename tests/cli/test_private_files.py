"""Every file and folder the program creates is private to the OS user whatever the umask
(issue 11 item 14); the machine-wide PIN folder is shared on purpose and holds no
personal data (README: Where files go). On Windows there is no umask: the same files'
ACLs must let in only the user (tests/support/platform.py); the machine folder's ACL is
the installer's (tests/packaging/test_installer.py, the Windows workflow's icacls)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.platform import WINDOWS, assert_private

ROOT = Path(__file__).parents[2]


def run(umask: int, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app.main", *args],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
        preexec_fn=None if WINDOWS else lambda: os.umask(umask),  # the child's umask
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_private_whatever_the_umask(app_home: Path, umask: int) -> None:
    run(umask, "settings", "set", "hcode", "12345")
    run(umask, "settings", "set", "zone", "test")  # rewrites: keeps settings.json.bak
    run(umask, "history", "--json")  # creates the visit log
    run(umask, "pin-state", "reset", "--i-have-checked-the-cards")  # audit + PIN state
    machine = app_home / "machine"
    expected = {
        "config/settings.json", "config/settings.json.bak", "data/authen.sqlite",
        "logs/authen-desk.log", "logs/audit.log",
    }  # fmt: skip
    seen = {p.relative_to(app_home).as_posix() for p in app_home.rglob("*") if p.is_file()}
    assert expected <= seen
    assert_private(app_home)
    for path in app_home.rglob("*"):
        if path == machine or machine in path.parents:
            continue
        assert_private(path)


@pytest.mark.posix_only("file modes; on Windows the installer gives the folder its ACL")
@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_the_machine_folder_is_shared_whatever_the_umask(app_home: Path, umask: int) -> None:
    run(umask, "pin-state", "reset", "--i-have-checked-the-cards")
    machine = app_home / "machine"
    # Shared by every OS user of the PC; nothing personal in it.
    assert mode(machine) == 0o777
    assert mode(machine / "pin-state.json") == mode(machine / "pin-state.salt") == 0o644
    assert mode(machine / "pin-state.lock") == 0o666
