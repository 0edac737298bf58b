"""`authen-desk token set|status|clear`: NHSO tokens in the OS keyring."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from app.cli.exit_codes import ExitCode
from app.tokens.kinds import TokenKind

if TYPE_CHECKING:
    from app.cli.parser import Subparsers

KINDS = [kind.value for kind in TokenKind]


def add_parsers(subparsers: Subparsers) -> None:
    token = subparsers.add_parser("token", help="NHSO tokens in the OS keyring")
    actions = token.add_subparsers(dest="token_action", required=True)
    set_ = actions.add_parser("set", help="store a token read from stdin")
    set_.add_argument("kind", choices=KINDS)
    set_.set_defaults(handler=run_set)
    status = actions.add_parser("status", help="which tokens are stored (masked)")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=run_status)
    clear = actions.add_parser("clear", help="remove a token")
    clear.add_argument("kind", choices=KINDS)
    clear.set_defaults(handler=run_clear)


def read_secret_text(prompt: str, kind: TokenKind) -> str:
    """One line from stdin as typed (only its line ending dropped); on a terminal, without
    echo. A password is never stripped nor re-coded: text that is not UTF-8 (a pipe) or not
    text at all (a terminal in another encoding) is refused rather than stored mangled."""
    import getpass
    import sys

    from app.store.errors import PasswordNotText
    from app.tokens.errors import InvalidToken

    def not_text() -> InvalidToken:
        if kind.is_nhso:
            return InvalidToken("the token is not text")
        return PasswordNotText("the password is not UTF-8 text")

    if sys.stdin is None:
        return ""
    if sys.stdin.isatty():
        try:
            value = getpass.getpass(prompt)
            value.encode("utf-8")  # a terminal's undecodable bytes come as lone surrogates
        except UnicodeError:
            raise not_text() from None
        return value
    line = sys.stdin.buffer.readline()
    while line and line[-1] in (0x0A, 0x0D):
        line = line[:-1]
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        raise not_text() from None


def run_set(args: argparse.Namespace) -> int:
    from app.cli.output import fail
    from app.staff import audit
    from app.tokens.errors import InvalidToken, KeyringUnavailable
    from app.tokens.store import TokenStore

    kind = TokenKind(args.kind)
    try:
        masked = TokenStore().set(kind, read_secret_text("Token: ", kind))
    except (InvalidToken, KeyringUnavailable) as exc:
        return fail(exc, "token set")
    audit.record("set", kind.value, None, None)
    print(f"{kind.value}: {masked}")
    return ExitCode.OK


def run_status(args: argparse.Namespace) -> int:
    from app.cli.output import fail
    from app.tokens.errors import KeyringUnavailable
    from app.tokens.store import TokenStore

    store = TokenStore()
    try:
        status = store.status()
    except KeyringUnavailable as exc:
        return fail(exc, "token status")
    if args.json:
        tokens = {k.value: {"present": v is not None, "masked": v} for k, v in status.items()}
        print(json.dumps({"keyring": store.backend_name(), "tokens": tokens}))
    else:
        print(f"keyring: {store.backend_name()}")
        for kind, masked in status.items():
            print(f"{kind.value:<12} {masked or 'ไม่มี / not set'}")
    return ExitCode.OK


def run_clear(args: argparse.Namespace) -> int:
    from app.cli.output import fail
    from app.staff import audit
    from app.tokens.errors import KeyringUnavailable
    from app.tokens.store import TokenStore

    kind = TokenKind(args.kind)
    try:
        cleared = TokenStore().clear(kind)
    except KeyringUnavailable as exc:
        return fail(exc, "token clear")
    audit.record("clear", kind.value, None, None)
    print(f"{kind.value}: {'cleared' if cleared else 'was not set'}")
    return ExitCode.OK
