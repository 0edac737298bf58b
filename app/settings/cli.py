"""`authen-desk settings show|set`: configure a desk without editing JSON by hand."""

from __future__ import annotations

import argparse
import dataclasses
import json
from typing import TYPE_CHECKING, Any

from app.cli.exit_codes import ExitCode
from app.settings.model import Settings
from app.words import settings as settings_words

if TYPE_CHECKING:
    from app.cli.parser import Subparsers

OPTIONAL = {"hcode", "staff_reader", "slip_printer"}
_TEXT_UNSET = {"status_url", "shared_store", "shared_store_ca", "desk_name"}  # "none" -> ""


def add_parsers(subparsers: Subparsers) -> None:
    settings = subparsers.add_parser("settings", help="show or change this desk's settings")
    actions = settings.add_subparsers(dest="settings_action", required=True)
    show = actions.add_parser("show", help="print the settings")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)
    set_ = actions.add_parser("set", help="change one setting (use 'none' to unset)")
    set_.add_argument("key", choices=[f.name for f in dataclasses.fields(Settings)])
    set_.add_argument("value")
    set_.add_argument(
        "--repair",
        action="store_true",
        help="when other values in the file are bad, reset only those to their defaults "
        "(the old file is kept beside it)",
    )
    set_.set_defaults(handler=run_set)


def run_show(args: argparse.Namespace) -> int:
    from app.cli.output import say
    from app.settings.model import load_settings, settings_path

    settings, problem = load_settings()
    if problem:
        say(settings_words.settings_ignored(problem))
    values = dataclasses.asdict(settings)
    if args.json:
        print(json.dumps(values, ensure_ascii=False))
    else:
        print(f"{'file':<18} {settings_path()}")
        for key, value in values.items():
            print(f"{key:<18} {value if value not in (None, '') else '-'}")
    return ExitCode.OK


def _parse_value(key: str, text: str) -> Any:
    if key in OPTIONAL and text.lower() == "none":
        return None
    if key in _TEXT_UNSET and text.lower() in ("none", ""):
        return ""
    if key == "idle_lock_minutes":
        return int(text) if text.isascii() and text.isdigit() else -1
    if key in ("staff_sign_in_required", "slip_print_dialog"):
        flags = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
        return flags.get(text.lower(), text)
    return text


def run_set(args: argparse.Namespace) -> int:
    """Change one key and nothing else. A file with other bad values is refused (rewriting
    it would silently reset them) unless --repair says to reset exactly those; whenever a
    file is rewritten, the previous one is kept as settings.json.bak."""
    from app.atomic_file import read_regular, write_atomic
    from app.cli.output import fail, say
    from app.settings.errors import SettingsFileInvalid, SettingsInvalid
    from app.settings.model import KEYS, parse, read_raw, save_settings, settings_path, with_value

    path = settings_path()
    unreadable = False
    try:
        raw = read_raw(path)
    except SettingsFileInvalid as exc:
        if not args.repair:
            return fail(exc, "settings set")
        raw, unreadable = {}, True
    current, bad = parse(raw or {})
    bad.pop(args.key, None)  # the value being set replaces it anyway
    if bad and not args.repair:
        return fail(
            SettingsFileInvalid(str(path), "; ".join(bad.values()), tuple(bad)), "settings set"
        )
    value = _parse_value(args.key, args.value)
    try:
        updated = with_value(current, args.key, value)
    except SettingsInvalid as exc:
        return fail(exc, "settings set")
    try:
        if path.exists():
            suffix = ".damaged" if unreadable or bad else ".bak"  # the bad file, kept apart
            write_atomic(path.with_name(path.name + suffix), read_regular(path))
        unknown = {k: v for k, v in (raw or {}).items() if k not in KEYS}
        save_settings(updated, path, keep=unknown)
    except OSError as exc:
        say(settings_words.settings_not_saved(str(exc.strerror)))
        return ExitCode.FAILURE
    if unreadable or bad:
        keys = ", ".join(bad) or "all"
        say(settings_words.reset_to_defaults(keys))
    print(f"{args.key} = {value if value is not None else '-'}")
    return ExitCode.OK
