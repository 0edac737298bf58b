"""Entry point: the window by default, subcommands for scripts and clinic IT.

Imports nothing heavy itself: `authen-desk --help` never loads Qt, requests or keyring.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Sequence

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    # Starting the window makes tens of thousands of objects that live as long as the
    # program (modules, classes, Qt's enum classes); the cyclic garbage collector would
    # walk them over and over, ~10 ms before the first frame. It is off until the window
    # has drawn its first frame (app.qt.composition.run_gui) or a command starts.
    gc.disable()
    try:
        return _run(argv)
    finally:
        gc.enable()


def _run(argv: Sequence[str] | None) -> int:
    from app.cli.exit_codes import ExitCode
    from app.cli.parser import parse_args

    args = parse_args(argv)
    if args.self_test:  # before logging: the self-test writes nothing into the user's folders
        gc.enable()
        from app.selftest import run_self_test

        return run_self_test()
    from app.logging_setup import setup_logging

    setup_logging(args.verbose)
    try:
        if getattr(args, "handler", None) is not None:
            gc.enable()  # a command may run long and make garbage of its own
            code: int = args.handler(args)
            return int(code)
        from app.qt.composition import run_gui

        return run_gui(demo=args.demo)
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except Exception:
        from app.errors import UNEXPECTED

        log.exception("unhandled error")
        print(UNEXPECTED.one_line(), file=sys.stderr)
        return ExitCode.FAILURE


if __name__ == "__main__":
    sys.exit(main())
