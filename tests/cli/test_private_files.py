"""Every file and folder the program creates is private to the OS user whatever the umask
(issue 11 item 14); the machine-wide PIN folder is shared on purpose and holds no
personal data (README: Where files go)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def run(umask: int, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app.main", *args],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
        preexec_fn=lambda: os.umask(umask),  # the child starts with this umask
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
    seen = {str(p.relative_to(app_home)) for p in app_home.rglob("*") if p.is_file()}
    assert expected <= seen
    assert mode(app_home) == 0o700
    for path in app_home.rglob("*"):
        if path == machine or machine in path.parents:
            continue
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path
    # Shared by every OS user of the PC; nothing personal in it.
    assert mode(machine) == 0o777
    assert mode(machine / "pin-state.json") == mode(machine / "pin-state.salt") == 0o644
    assert mode(machine / "pin-state.lock") == 0o666
