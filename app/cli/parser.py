"""The `authen-desk` command line: options, and each feature's commands registered the same
way. Building the parser imports no Qt, requests, keyring or SQLite: `--help` stays fast.

A feature adds its commands in its own `cli.py` with `add_parsers(subparsers)`, and its
handlers import what they need when they run. List the module in COMMAND_MODULES.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from app.cli.exit_codes import ExitCode
from app.version import version

COMMAND_MODULES = (
    "app.card.cli",
    "app.staff.cli",
    "app.authen.cli",
    "app.tokens.cli",
    "app.settings.cli",
    "app.doctor.cli",
    "app.reports.cli",
    "app.verify.cli",
    "app.store.cli",
)


class Parser(argparse.ArgumentParser):
    """A usage error is one line on stderr and exit 64, never 2 (2 means "no reader")."""

    def error(self, message: str) -> NoReturn:
        print(
            f"{self.prog}: คำสั่งไม่ถูกต้อง / usage error: {message} (see {self.prog} --help)",
            file=sys.stderr,
        )
        sys.exit(ExitCode.USAGE)


class _VersionAction(argparse.Action):
    """`--version`: the version is looked up only when asked for; importlib.metadata would
    otherwise cost every start of the window ~15 ms."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS,
            help="show the program's version and exit",
        )  # fmt: skip

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        print(f"Authen Desk {version()}")
        parser.exit()


if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


def _add_window_options(parser: argparse.ArgumentParser) -> None:
    """The options of the window itself (no COMMAND)."""
    parser.add_argument(
        "--demo",
        action="store_true",
        help="run on the built-in simulated card reader and agent (no hardware needed)",
    )
    parser.add_argument("--verbose", action="store_true", help="debug-level logging")
    parser.add_argument(
        "--self-test", action="store_true", help="check this installation (one line per part)"
    )


def build_parser() -> Parser:
    parser = Parser(
        prog="authen-desk",
        description="Authen Desk — ยืนยันตัวตนผู้รับบริการ สปสช. ที่จุดคัดกรอง "
        "(NHSO front-desk authentication)",
    )
    parser.add_argument("--version", action=_VersionAction)
    _add_window_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parsers(subparsers)
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line. The window's own options are read without loading any command's
    module (each feature's cli.py imports that feature: ~10 ms of every start of the
    window); anything else (a COMMAND, --help, --version, a typo) goes to the whole
    parser, which answers exactly as it always does."""
    words = list(sys.argv[1:] if argv is None else argv)
    window = Parser(prog="authen-desk", add_help=False, allow_abbrev=False)
    _add_window_options(window)
    window.set_defaults(command=None)
    known, rest = window.parse_known_args(words)
    if not rest:
        return known
    return build_parser().parse_args(words)
