"""`authen-desk verify-pin`: check a staff card's PIN under the 3/5 rules.

The PIN comes from standard input only (never argv, where `ps` and shell history see it).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from app.cli.exit_codes import ExitCode

if TYPE_CHECKING:
    from app.cli.parser import Subparsers
    from app.staff.pin_policy import PinAttempt


def add_parsers(subparsers: Subparsers) -> None:
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
    from app.card.cli import choose_reader
    from app.cli.output import fail
    from app.cli.stdin_secret import read_secret_line
    from app.paths import app_paths
    from app.staff import pin_texts
    from app.staff.errors import PinFormatInvalid, PinStateUnavailable
    from app.staff.pin_check import verify_pin_on_card
    from app.staff.pin_policy import PinLockoutPolicy, Verdict
    from app.staff.pin_store import PinFailureStore
    from cardreader import errors
    from cardreader.pcsc import PcscBackend
    from cardreader.pin import is_valid_pin

    pin = read_secret_line("PIN: ")
    if not is_valid_pin(pin):
        pin[:] = b"\x00" * len(pin)
        return fail(PinFormatInvalid("not 4 digits"), "verify-pin")
    policy = PinLockoutPolicy(PinFailureStore(app_paths().state_dir))
    backend = PcscBackend()
    try:
        backend.open()
        reader = choose_reader(backend.poll(0), args.reader)
        with backend.connect(reader) as transport:
            _cid, attempt = verify_pin_on_card(transport, policy, pin)
    except (errors.CardError, PinStateUnavailable) as exc:
        return fail(exc, "verify-pin")
    finally:
        pin[:] = b"\x00" * len(pin)
        backend.close()
    exits = {
        Verdict.OK: ExitCode.OK,
        Verdict.WRONG: ExitCode.PIN_WRONG,
        Verdict.REFUSED: ExitCode.PIN_REFUSED,
        Verdict.BLOCKED: ExitCode.PIN_BLOCKED,
    }
    if args.json:
        print(json.dumps(_result(attempt)))
        if attempt.verdict is not Verdict.OK:
            print(pin_texts.for_attempt(attempt).one_line(), file=sys.stderr)
    else:
        print(pin_texts.for_attempt(attempt).one_line())
    return exits[attempt.verdict]
