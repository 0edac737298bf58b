"""Non-secret settings in a small JSON file under the config folder.

Validated on load, key by key: a bad value falls back to its default and is named in the
problem text; an unreadable file (not JSON, too large, too deeply nested) gives the
defaults and a message. Never a crash: the window opens and shows the problem.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from app.atomic_file import read_regular, write_atomic
from app.paths import app_paths
from app.settings.errors import HcodeNotSet, SettingsFileInvalid, SettingsInvalid

log = logging.getLogger(__name__)


DEFAULT_AGENT_URL = "http://localhost:8189"
MAX_FILE_BYTES = 64_000  # a settings file is a few hundred bytes


@dataclass(frozen=True)
class Settings:
    """The clinic's settings as saved (the tokens are never here: they live in the keyring)."""

    hcode: str | None = None  # the clinic's 5-digit hospital code
    hospital_name: str = ""  # printed on the slip
    agent_url: str = DEFAULT_AGENT_URL
    zone: str = "production"  # or "test": which NHSO cloud hosts (docs/nhso-agent.md §2)
    slip_printer: str | None = None  # None: the system's default printer
    slip_print_dialog: bool = False  # True: Ctrl+P shows the print dialog before printing
    idle_lock_minutes: int = 10
    staff_reader: str | None = None  # None: staff use the patient reader
    # False: a desk may issue codes with nobody signed in; the log then names the OS user.
    staff_sign_in_required: bool = True
    # NHSO's authen-status service elsewhere (a clinic's proxy, a test): scheme://host[:port];
    # "" = the zone's own host. Plain http only to this machine: the token goes along.
    status_url: str = ""
    # Several desks, one clinic (app/store): mysql://USER@HOST:PORT/DATABASE, "" = this desk
    # alone; the server's CA certificate (PEM file) when it is not in the system's store;
    # this desk's name in the shared store ("" = the PC's name).
    shared_store: str = ""
    shared_store_ca: str = ""
    desk_name: str = ""

    def validated(self) -> Settings:
        for f in fields(self):
            _VALIDATORS[f.name](getattr(self, f.name))
        return self


def _hcode(value: object) -> None:
    if value is not None and (
        not isinstance(value, str) or len(value) != 5 or not value.isascii()
        or not value.isdigit()
    ):  # fmt: skip
        raise SettingsInvalid("hcode must be exactly 5 digits (a string) or null")


def _text(name: str, nullable: bool, non_empty: bool = False) -> Callable[[object], None]:
    def check(value: object) -> None:
        if value is None and nullable:
            return
        if not isinstance(value, str) or (non_empty and not value.strip()) or len(value) > 500:
            what = "a reader name" if non_empty else "text"
            raise SettingsInvalid(f"{name} must be {what}{' or null' if nullable else ''}")

    return check


def _agent_url(value: object) -> None:
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise SettingsInvalid("agent_url must be an http(s) URL")


def _zone(value: object) -> None:
    if value not in ("production", "test"):
        raise SettingsInvalid("zone must be production or test")


LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def _status_url(value: object) -> None:
    if value == "":
        return
    if not isinstance(value, str) or len(value) > 200:
        raise SettingsInvalid("status_url must be text")
    problem = status_url_problem(value)
    if problem:
        raise SettingsInvalid(f"status_url: {problem}")


def status_url_problem(value: str) -> str | None:
    """Why `value` cannot be the status service's base URL, or None."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value)
        port = parts.port  # raises for a port that is not a number
    except ValueError:
        return "not a URL"
    del port
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be http(s)://host[:port]"
    if parts.path not in ("", "/") or parts.query or parts.fragment or "@" in parts.netloc:
        return "a base URL only: scheme, host, optional port (no path, query or user)"
    if parts.scheme == "http" and parts.hostname.lower() not in LOOPBACK_HOSTS:
        return "plain http only to this machine (127.0.0.1, localhost); the token goes along"
    return None


def _shared_store(value: object) -> None:
    from app.store.config import url_problem

    if value == "":
        return
    if not isinstance(value, str) or len(value) > 300:
        raise SettingsInvalid("shared_store must be text")
    problem = url_problem(value)
    if problem:
        raise SettingsInvalid(problem)


def _desk_name(value: object) -> None:
    from app.store.config import desk_problem

    if not isinstance(value, str):
        raise SettingsInvalid("desk_name must be text")
    problem = desk_problem(value)
    if problem:
        raise SettingsInvalid(problem)


def _idle(value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 240:
        raise SettingsInvalid("idle_lock_minutes must be a whole number 1..240")


def _flag(name: str) -> Callable[[object], None]:
    def check(value: object) -> None:
        if not isinstance(value, bool):
            raise SettingsInvalid(f"{name} must be true or false")

    return check


_VALIDATORS: dict[str, Callable[[object], None]] = {
    "hcode": _hcode,
    "hospital_name": _text("hospital_name", nullable=False),
    "agent_url": _agent_url,
    "zone": _zone,
    "slip_printer": _text("slip_printer", nullable=True),
    "slip_print_dialog": _flag("slip_print_dialog"),
    "idle_lock_minutes": _idle,
    "staff_reader": _text("staff_reader", nullable=True, non_empty=True),
    "staff_sign_in_required": _flag("staff_sign_in_required"),
    "status_url": _status_url,
    "shared_store": _shared_store,
    "shared_store_ca": _text("shared_store_ca", nullable=False),
    "desk_name": _desk_name,
}
KEYS = tuple(f.name for f in fields(Settings))


def settings_path() -> Path:
    return app_paths().settings_file


def read_raw(path: Path) -> dict[str, Any] | None:
    """The file's JSON object; None when there is no file. SettingsFileInvalid when it
    cannot be read as one (not JSON, too large, too deeply nested, not an object)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SettingsFileInvalid(str(path), f"larger than {MAX_FILE_BYTES} bytes")
        # a regular file only: a FIFO there would hang `settings show` and the window
        raw: Any = json.loads(read_regular(path, MAX_FILE_BYTES).decode("utf-8"))
    except FileNotFoundError:
        return None
    except RecursionError as exc:
        raise SettingsFileInvalid(str(path), "nested too deeply to be a settings file") from exc
    except (OSError, ValueError) as exc:
        if isinstance(exc, SettingsFileInvalid):
            raise
        raise SettingsFileInvalid(str(path), str(exc)) from exc
    if not isinstance(raw, dict):
        raise SettingsFileInvalid(str(path), "not a JSON object")
    return raw


def parse(raw: dict[str, Any]) -> tuple[Settings, dict[str, str]]:
    """The settings with every valid key kept and each bad one at its default, and why
    each bad key was refused (unknown keys, e.g. from a newer version, are ignored)."""
    good: dict[str, Any] = {}
    bad: dict[str, str] = {}
    for key in KEYS:
        if key in raw:
            try:
                _VALIDATORS[key](raw[key])
                good[key] = raw[key]
            except SettingsInvalid as exc:
                bad[key] = str(exc)
    return Settings(**good), bad


def required_hcode(hcode: str | None) -> str:
    """The hospital code a command cannot work without: HcodeNotSet (one message, exit 78)
    when it is not set, for the window and every command alike."""
    if not hcode:
        raise HcodeNotSet()
    return hcode


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The settings and, when the file was unusable in part or whole, why (to show to
    clinic IT)."""
    path = path or settings_path()
    try:
        raw = read_raw(path)
    except SettingsFileInvalid as exc:
        log.warning("settings unreadable, using defaults: %s", exc)
        return Settings(), str(exc)
    if raw is None:
        return Settings(), None
    settings, bad = parse(raw)
    if bad:
        log.warning("settings: bad values use defaults: %s", bad)
        return settings, f"{path}: " + "; ".join(bad.values())
    return settings, None


def save_settings(
    settings: Settings, path: Path | None = None, keep: dict[str, Any] | None = None
) -> None:
    """Write the settings (and `keep`: unknown keys of a newer version, left as found)."""
    data = {**(keep or {}), **asdict(settings.validated())}
    write_atomic(path or settings_path(), json.dumps(data, indent=2, ensure_ascii=False).encode())


def with_value(settings: Settings, key: str, value: Any) -> Settings:
    return replace(settings, **{key: value}).validated()


def problem(key: str, value: Any) -> str | None:
    """Why `value` cannot be `key`'s value, or None: the settings dialog checks each field
    as it is typed with the same rules the file is loaded with."""
    try:
        _VALIDATORS[key](value)
    except SettingsInvalid as exc:
        return str(exc)
    return None


def save_with_backup(settings: Settings, path: Path | None = None) -> Path | None:
    """Save from the window: values validated, keys of a newer version kept as found, and
    the previous file kept as settings.json.bak (returned; None when there was none)."""
    path = path or settings_path()
    settings.validated()
    keep: dict[str, Any] = {}
    backup = None
    try:
        raw = read_raw(path)
    except SettingsFileInvalid:
        raw = None  # the damaged file is still kept as the backup below
    if raw is not None:
        keep = {k: v for k, v in raw.items() if k not in KEYS}
    if path.exists():
        backup = path.with_name(path.name + ".bak")
        write_atomic(backup, read_regular(path))
    save_settings(settings, path, keep=keep)
    return backup
