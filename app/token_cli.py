"""`authen-desk token set|status|clear` and `authen-desk doctor`."""

from __future__ import annotations

import argparse
import json

from app import audit, doctor
from app.card_cli import fail
from app.messages import Message
from app.stdin_secret import read_secret_line
from app.token_store import InvalidToken, KeyringUnavailable, TokenKind, TokenStore

KINDS = [kind.value for kind in TokenKind]
EXIT_KEYRING = 30
EXIT_INVALID = 22

NO_KEYRING = Message(
    "ไม่มี keyring ของระบบที่ใช้ได้ (หรือถูกล็อกอยู่) จึงไม่เก็บ Token — ติดตั้งหรือปลดล็อกก่อน",
    "No usable OS keyring (or it is locked), so the token was not stored — install or unlock "
    "one first.",
)
BAD_TOKEN = Message(
    "Token ไม่ถูกต้อง — Token ของ สปสช. มีรูปแบบ xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
    "Not an NHSO token — they look like xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.",
)


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    check = subparsers.add_parser("doctor", help="check every part of this desk")
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=lambda args: doctor.run(args.json))


def run_set(args: argparse.Namespace) -> int:
    kind = TokenKind(args.kind)
    try:
        masked = TokenStore().set(kind, read_secret_line("Token: ").decode(errors="replace"))
    except InvalidToken:
        fail(BAD_TOKEN)
        return EXIT_INVALID
    except KeyringUnavailable:
        fail(NO_KEYRING)
        return EXIT_KEYRING
    audit.record("set", kind.value, None, None)
    print(f"{kind.value}: {masked}")
    return 0


def run_status(args: argparse.Namespace) -> int:
    store = TokenStore()
    try:
        status = store.status()
    except KeyringUnavailable:
        fail(NO_KEYRING)
        return EXIT_KEYRING
    if args.json:
        print(
            json.dumps(
                {
                    "keyring": store.backend_name(),
                    "tokens": {
                        k.value: {"present": v is not None, "masked": v} for k, v in status.items()
                    },
                }
            )
        )
    else:
        print(f"keyring: {store.backend_name()}")
        for kind, masked in status.items():
            print(f"{kind.value:<12} {masked or 'ไม่มี / not set'}")
    return 0


def run_clear(args: argparse.Namespace) -> int:
    kind = TokenKind(args.kind)
    try:
        cleared = TokenStore().clear(kind)
    except KeyringUnavailable:
        fail(NO_KEYRING)
        return EXIT_KEYRING
    audit.record("clear", kind.value, None, None)
    print(f"{kind.value}: {'cleared' if cleared else 'was not set'}")
    return 0
