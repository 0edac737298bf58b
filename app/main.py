"""Entry point: the GUI by default, subcommands for scripts and IT."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from app import authen_cli, card_cli, pin_cli, settings_cli, token_cli
from app.logging_setup import setup_logging
from app.messages import UNEXPECTED

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="authen-desk",
        description="Authen Desk — ยืนยันตัวตนผู้รับบริการ สปสช. ที่จุดคัดกรอง "
        "(NHSO front-desk authentication)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="run on the built-in simulated card reader (no hardware needed)",
    )
    parser.add_argument("--verbose", action="store_true", help="debug-level logging")
    parser.add_argument("--self-test", action="store_true", help="check this installation")
    subparsers = parser.add_subparsers(dest="command")
    card_cli.add_parser(subparsers)
    pin_cli.add_parser(subparsers)
    authen_cli.add_parsers(subparsers)
    token_cli.add_parsers(subparsers)
    settings_cli.add_parsers(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_test:  # before logging: the self-test writes nothing into the user's folders
        from app.selftest import run_self_test

        return run_self_test()
    setup_logging(args.verbose)
    try:
        if getattr(args, "handler", None) is not None:
            code: int = args.handler(args)
            return code
        from app.gui import run_gui

        return run_gui(demo=args.demo)
    except KeyboardInterrupt:
        return 130
    except Exception:
        log.exception("unhandled error")
        print(UNEXPECTED.one_line(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
