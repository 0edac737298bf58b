"""Entry point: the window by default, subcommands for scripts and clinic IT.

Imports nothing heavy itself: `authen-desk --help` never loads Qt, requests or keyring.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    from app.cli.exit_codes import ExitCode
    from app.cli.parser import parse_args

    args = parse_args(argv)
    if args.self_test:  # before logging: the self-test writes nothing into the user's folders
        from app.selftest import run_self_test

        return run_self_test()
    from app.logging_setup import setup_logging

    setup_logging(args.verbose)
    try:
        if getattr(args, "handler", None) is not None:
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
