"""Who changed what (a token kind, the PIN counts), and when — never a value. One JSON
object per line. Every entry names the OS user, and the staff member when one is signed
in (null otherwise, e.g. from the command line)."""

from __future__ import annotations

import getpass
import json
import os
from pathlib import Path

from app import clock
from app.atomic_file import make_dirs, open_private
from app.paths import app_paths
from cardreader.cid import mask_cid


def audit_path() -> Path:
    return app_paths().audit_file


def os_user() -> str:
    """The OS account running the program, never empty. On POSIX the account database is
    asked (USER can be unset or set to anything); Windows has only USERNAME."""
    if hasattr(os, "getuid"):
        import pwd

        try:
            return pwd.getpwuid(os.getuid()).pw_name
        except KeyError:  # a uid without an account (a container)
            return f"uid {os.getuid()}"
    try:
        return getpass.getuser()
    except OSError:
        return "unknown"


def record(action: str, kind: str, staff_cid: str | None, staff_name: str | None) -> None:
    entry = {
        "at": clock.now_iso(),
        "action": action,
        "kind": kind,
        "staff": mask_cid(staff_cid) if staff_cid else None,
        "staff_name": staff_name,
        "os_user": os_user(),
    }
    path = audit_path()
    make_dirs(path.parent)
    fd = open_private(path, os.O_WRONLY | os.O_APPEND)
    with open(fd, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
