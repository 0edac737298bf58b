"""`authen-desk settings show|set`: configure a desk without editing JSON by hand."""

from __future__ import annotations

import argparse
import dataclasses
import json
from typing import TYPE_CHECKING, Any

from app.cli.exit_codes import ExitCode
from app.message import Message
from app.settings.model import Settings

if TYPE_CHECKING:
    from app.cli.parser import Subparsers

OPTIONAL = {"hcode", "staff_reader", "slip_printer"}


def add_parsers(subparsers: Subparsers) -> None:
    settings = subparsers.add_parser("settings", help="show or change this desk's settings")
    actions = settings.add_subparsers(dest="settings_action", required=True)
    show = actions.add_parser("show", help="print the settings")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)
    set_ = actions.add_parser("set", help="change one setting (use 'none' to unset)")
    set_.add_argument("key", choices=[f.name for f in dataclasses.fields(Settings)])
    set_.add_argument("value")
    set_.set_defaults(handler=run_set)


def run_show(args: argparse.Namespace) -> int:
    from app.cli.output import say
    from app.settings.model import load_settings, settings_path

    settings, problem = load_settings()
    if problem:
        say(Message(f"ไฟล์ตั้งค่าเสียหาย ใช้ค่าเริ่มต้น: {problem}",
                    f"settings damaged, defaults shown: {problem}"))  # fmt: skip
    values = dataclasses.asdict(settings)
    if args.json:
        print(json.dumps(values, ensure_ascii=False))
    else:
        print(f"{'file':<18} {settings_path()}")
        for key, value in values.items():
            print(f"{key:<18} {value if value not in (None, '') else '-'}")
    return ExitCode.OK


def run_set(args: argparse.Namespace) -> int:
    from app.cli.output import fail, say
    from app.settings.errors import SettingsInvalid
    from app.settings.model import load_settings, save_settings

    settings, _problem = load_settings()
    value: Any = args.value
    if args.key in OPTIONAL and args.value.lower() == "none":
        value = None
    elif args.key == "idle_lock_minutes":
        value = int(args.value) if args.value.isascii() and args.value.isdigit() else -1
    try:
        updated = dataclasses.replace(settings, **{args.key: value}).validated()
        save_settings(updated)
    except SettingsInvalid as exc:
        return fail(exc, "settings set")
    except OSError as exc:
        say(Message(f"บันทึกไม่ได้: {exc.strerror}", f"cannot save: {exc.strerror}"))
        return ExitCode.FAILURE
    print(f"{args.key} = {value if value is not None else '-'}")
    return ExitCode.OK
