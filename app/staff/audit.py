"""Who changed which token kind, and when — never the value. One JSON object per line."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from app.paths import app_paths
from cardreader.cid import mask_cid


def audit_path() -> Path:
    return app_paths().audit_file


def record(action: str, kind: str, staff_cid: str | None, staff_name: str | None) -> None:
    entry = {
        "at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "action": action,
        "kind": kind,
        "staff": mask_cid(staff_cid) if staff_cid else None,
        "staff_name": staff_name,
        "os_user": os.environ.get("USERNAME") or os.environ.get("USER"),
    }
    path = audit_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
