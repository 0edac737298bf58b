"""The `authen-desk` command line: options, and each feature's commands registered the same
way. Building the parser imports no Qt, requests, keyring or SQLite: `--help` stays fast.

A feature adds its commands in its own `cli.py` with `add_parsers(subparsers)`, and its
handlers import what they need when they run. List the module in COMMAND_MODULES.
"""

from __future__ import annotations

import argparse
import importlib
import sys
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


def build_parser() -> Parser:
    parser = Parser(
        prog="authen-desk",
        description="Authen Desk — ยืนยันตัวตนผู้รับบริการ สปสช. ที่จุดคัดกรอง "
        "(NHSO front-desk authentication)",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="run on the built-in simulated card reader and agent (no hardware needed)",
    )
    parser.add_argument("--verbose", action="store_true", help="debug-level logging")
    parser.add_argument(
        "--self-test", action="store_true", help="check this installation (one line per part)"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parsers(subparsers)
    return parser
