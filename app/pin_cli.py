"""`authen-desk verify-pin`: check a staff card's PIN under the 3/5 rules.

The PIN comes from standard input only (never argv, where `ps` and shell history see it).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from app import pin_messages
from app.card_cli import choose_reader, exit_code_for, fail
from app.messages import Message, message_for
from app.paths import app_paths
from app.pin_policy import PinAttempt, PinLockoutPolicy, Verdict
from app.pin_service import verify_pin_on_card
from app.pin_store import PinFailureStore, PinStateUnavailable
from app.stdin_secret import read_secret_line
from cardreader import errors
from cardreader.pcsc import PcscBackend
from cardreader.pin import is_valid_pin

log = logging.getLogger(__name__)

EXIT_WRONG = 10
EXIT_REFUSED = 11
EXIT_BLOCKED = 12
EXIT_BAD_INPUT = 1

_EXITS = {Verdict.OK: 0, Verdict.WRONG: EXIT_WRONG, Verdict.REFUSED: EXIT_REFUSED,
          Verdict.BLOCKED: EXIT_BLOCKED}  # fmt: skip

BAD_PIN = Message(
    "PIN ต้องเป็นตัวเลข 4 หลัก — ไม่ได้ส่งไปที่บัตร",
    "A PIN is exactly 4 digits — nothing was sent to the card.",
)


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "verify-pin", help="check the PIN of the staff card in a reader (PIN on stdin)"
    )
    parser.add_argument("--reader", help="reader name (or a unique part of it)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def _result(attempt: PinAttempt) -> dict[str, object]:
    return {
        "result": attempt.verdict.value,
        "consecutive_failures": attempt.state.consecutive_failures,
        "card_tries_left": attempt.state.card_tries_left,
    }


def run(args: argparse.Namespace) -> int:
    pin = read_secret_line("PIN: ")
    if not is_valid_pin(pin):
        pin[:] = b"\x00" * len(pin)
        fail(BAD_PIN)
        return EXIT_BAD_INPUT
    policy = PinLockoutPolicy(PinFailureStore(app_paths().state_dir))
    backend = PcscBackend()
    try:
        backend.open()
        reader = choose_reader(backend.poll(0), args.reader)
        with backend.connect(reader) as transport:
            _cid, attempt = verify_pin_on_card(transport, policy, pin)
    except errors.CardError as exc:
        log.info("verify-pin failed: %s: %s", type(exc).__name__, exc)
        fail(message_for(exc))
        return exit_code_for(exc)
    except PinStateUnavailable as exc:
        log.error("PIN state unavailable: %s", exc)
        fail(pin_messages.STATE_UNAVAILABLE)
        return 1
    finally:
        pin[:] = b"\x00" * len(pin)
        backend.close()
    if args.json:
        print(json.dumps(_result(attempt)))
    else:
        print(pin_messages.for_attempt(attempt).one_line())
    if attempt.verdict is not Verdict.OK and args.json:
        print(pin_messages.for_attempt(attempt).one_line(), file=sys.stderr)
    return _EXITS[attempt.verdict]
