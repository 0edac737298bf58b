"""`authen-desk verify-pin`: check a staff card's PIN under the 3/5 rules;
`authen-desk pin-state show|reset`: the machine-wide failure counts, for clinic IT.

The PIN comes from standard input only (never argv, where `ps` and shell history see it).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from app.cli.exit_codes import ExitCode
from app.words import staff as staff_words

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
    state = subparsers.add_parser("pin-state", help="the PIN failure counts of this PC")
    actions = state.add_subparsers(dest="pin_state_action", required=True)
    actions.add_parser("show", help="where the counts are and whether they are sound").set_defaults(
        handler=run_show
    )
    reset = actions.add_parser(
        "reset",
        help="start the counts again after damage (old files kept; every card gets one try)",
    )
    reset.add_argument(
        "--i-have-checked-the-cards",
        dest="checked",
        action="store_true",
        help="confirm that no staff card is known to have wrong PINs spent on it",
    )
    reset.set_defaults(handler=run_reset)


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
    from app.staff import pin_texts
    from app.staff.errors import PinFormatInvalid, PinResultNotSaved, PinStateUnavailable
    from app.staff.pin_check import verify_pin_on_card
    from app.staff.pin_policy import PinLockoutPolicy, Verdict
    from app.staff.pin_store import machine_store
    from cardreader import errors
    from cardreader.pcsc import PcscBackend
    from cardreader.pin import is_valid_pin

    pin = read_secret_line("PIN: ")
    if not is_valid_pin(pin):
        pin[:] = b"\x00" * len(pin)
        return fail(PinFormatInvalid("not 4 digits"), "verify-pin")
    from app.store.open import pin_counts

    policy = PinLockoutPolicy(pin_counts(machine_store()))
    backend = PcscBackend()
    try:
        backend.open()
        reader = choose_reader(backend.poll(0), args.reader)
        with backend.connect(reader) as transport:
            _cid, attempt = verify_pin_on_card(transport, policy, pin)
    except (errors.CardError, PinStateUnavailable, PinResultNotSaved) as exc:
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


def run_show(args: argparse.Namespace) -> int:
    from app.cli.output import fail
    from app.paths import machine_dir
    from app.staff.errors import PinStateUnavailable
    from app.staff.pin_store import machine_store

    where = machine_dir()
    try:
        print(machine_store().check())
    except PinStateUnavailable as exc:
        return fail(exc, "pin-state show")
    if not where.shared:
        print(f"per-user only: {where.why_not_shared}")
    return ExitCode.OK


NOT_CONFIRMED = staff_words.RESET_NOT_CONFIRMED


def run_reset(args: argparse.Namespace) -> int:
    from app.cli.output import fail, say
    from app.staff import audit
    from app.staff.errors import PinStateUnavailable
    from app.staff.pin_store import ASSUMED_AFTER_RESET, machine_store

    if not args.checked:
        say(NOT_CONFIRMED)
        return ExitCode.USAGE
    store = machine_store()
    try:
        aside = store.reset()
    except (PinStateUnavailable, OSError) as exc:
        return fail(exc if isinstance(exc, PinStateUnavailable) else PinStateUnavailable(str(exc)))
    audit.record("pin-state-reset", str(store.folder), None, None)
    for path in aside:
        print(f"kept aside: {path}")
    say(staff_words.pin_counts_reset(ASSUMED_AFTER_RESET))
    return ExitCode.OK
