"""`authen-desk doctor`: one line per part of the desk, for clinic IT."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.cli.parser import Subparsers


def add_parsers(subparsers: Subparsers) -> None:
    check = subparsers.add_parser("doctor", help="check every part of this desk")
    check.add_argument("--json", action="store_true")
    check.add_argument(
        "--capture",
        metavar="FILE",
        help="record one exchange with the agent (shapes only, personal values masked)",
    )
    check.add_argument("--agent-url", help="NHSO agent URL for --capture (default: settings)")
    check.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.capture:
        return run_capture(args)
    from app.doctor.checks import run as run_checks

    return run_checks(args.json)


def run_capture(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.authen.errors import InvalidInput
    from app.authen.flow import validate_agent_url
    from app.cli.output import fail, say
    from app.doctor.capture import capture
    from app.settings.model import load_settings
    from app.words import common as common_words
    from app.words import doctor as doctor_words

    settings, _ = load_settings()
    try:
        url = validate_agent_url(args.agent_url or settings.agent_url)
    except InvalidInput as exc:
        return fail(exc, "doctor --capture")
    target = Path(args.capture)
    try:
        code = capture(url, target)
    except OSError as exc:
        say(common_words.file_not_written(exc))
        return 1
    say(doctor_words.capture_written(target))
    return code
