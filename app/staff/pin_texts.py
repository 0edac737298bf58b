"""Which sentence staff read about their PIN for a given state or attempt. The sentences
themselves are in the catalogue (app/words/staff.py)."""

from __future__ import annotations

from app.message import Message
from app.staff.pin_policy import PinAttempt, PinState, Verdict
from app.words import staff as words

REFUSED = words.PIN_REFUSED
BLOCKED = words.PIN_BLOCKED
STATE_UNAVAILABLE = words.PIN_STATE_UNAVAILABLE
OK = words.PIN_OK


def wrong(state: PinState) -> Message:
    return words.pin_wrong(state.attempts_before_reissue, state.card_tries_left)


def before_entry(state: PinState) -> Message | None:
    """What the PIN dialog says above the field; None for a card with no failures."""
    if state.blocked:
        return BLOCKED
    if state.refused:
        return REFUSED
    if state.consecutive_failures == 0:
        return None
    return words.pin_failures_so_far(state.consecutive_failures, state.attempts_before_reissue)


def for_attempt(attempt: PinAttempt) -> Message:
    match attempt.verdict:
        case Verdict.OK:
            return OK
        case Verdict.WRONG:
            return REFUSED if attempt.state.refused else wrong(attempt.state)
        case Verdict.REFUSED:
            return REFUSED
        case Verdict.BLOCKED:
            return BLOCKED
