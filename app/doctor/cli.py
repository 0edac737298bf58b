"""`authen-desk doctor`: one line per part of the desk, for clinic IT."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.cli.parser import Subparsers


def add_parsers(subparsers: Subparsers) -> None:
    check = subparsers.add_parser("doctor", help="check every part of this desk")
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from app.doctor.checks import run as run_checks

    return run_checks(args.json)
