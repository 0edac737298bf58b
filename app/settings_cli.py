"""`authen-desk settings show|set`: configure a desk without editing JSON by hand."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from typing import Any

from app.settings import Settings, load_settings, save_settings

EXIT_INVALID = 22
OPTIONAL = {"hcode", "patient_reader", "staff_reader", "slip_printer"}


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    settings, problem = load_settings()
    if problem:
        print(f"ไฟล์ตั้งค่าเสียหาย ใช้ค่าเริ่มต้น / settings damaged, defaults shown: {problem}",
              file=sys.stderr)  # fmt: skip
    values = dataclasses.asdict(settings)
    if args.json:
        print(json.dumps(values, ensure_ascii=False))
    else:
        for key, value in values.items():
            print(f"{key:<18} {value if value not in (None, '') else '-'}")
    return 0


def run_set(args: argparse.Namespace) -> int:
    settings, _problem = load_settings()
    value: Any = args.value
    if args.key in OPTIONAL and args.value.lower() == "none":
        value = None
    elif args.key == "idle_lock_minutes":
        value = int(args.value) if args.value.isdigit() else -1
    try:
        updated = dataclasses.replace(settings, **{args.key: value}).validated()
        save_settings(updated)
    except ValueError as exc:
        print(f"ค่าไม่ถูกต้อง / invalid value: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        print(f"บันทึกไม่ได้ / cannot save: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"{args.key} = {value if value is not None else '-'}")
    return 0
