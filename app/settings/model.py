"""Non-secret settings in a small JSON file under the config folder.

Validated on load: a broken file gives the defaults and a message, never a crash.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from app.atomic_file import write_atomic
from app.paths import app_paths
from app.settings.errors import SettingsInvalid

log = logging.getLogger(__name__)


DEFAULT_AGENT_URL = "http://localhost:8189"


@dataclass(frozen=True)
class Settings:
    hcode: str | None = None  # the clinic's 5-digit hospital code
    hospital_name: str = ""  # printed on the slip
    agent_url: str = DEFAULT_AGENT_URL
    zone: str = "production"  # or "test": which NHSO cloud hosts (nhso-interfaces.md)
    slip_printer: str | None = None  # None: the system's default printer
    idle_lock_minutes: int = 10
    staff_reader: str | None = None  # None: staff use the patient reader

    def validated(self) -> Settings:
        if self.hcode is not None and (
            not isinstance(self.hcode, str) or len(self.hcode) != 5 or not self.hcode.isdigit()
        ):
            raise SettingsInvalid("hcode must be exactly 5 digits")
        if self.zone not in ("production", "test"):
            raise SettingsInvalid("zone must be production or test")
        if not isinstance(self.agent_url, str) or not self.agent_url.startswith(
            ("http://", "https://")
        ):
            raise SettingsInvalid("agent_url must be an http(s) URL")
        if not isinstance(self.idle_lock_minutes, int) or not 1 <= self.idle_lock_minutes <= 240:
            raise SettingsInvalid("idle_lock_minutes must be 1..240")
        for name in ("staff_reader",):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise SettingsInvalid(f"{name} must be a reader name or null")
        return self


def settings_path() -> Path:
    return app_paths().settings_file


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The settings and, when the file was unusable, why (to show to clinic IT)."""
    path = path or settings_path()
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), None
    except (OSError, ValueError) as exc:
        log.warning("settings unreadable, using defaults: %s", exc)
        return Settings(), f"{path}: {exc}"
    if not isinstance(raw, dict):
        return Settings(), f"{path}: not a JSON object"
    known = {f.name for f in fields(Settings)}
    try:
        return Settings(**{k: v for k, v in raw.items() if k in known}).validated(), None
    except (TypeError, ValueError) as exc:
        log.warning("settings invalid, using defaults: %s", exc)
        return Settings(), f"{path}: {exc}"


def save_settings(settings: Settings, path: Path | None = None) -> None:
    write_atomic(
        path or settings_path(), json.dumps(asdict(settings.validated()), indent=2).encode()
    )
