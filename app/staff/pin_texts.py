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


def tries_left(state: PinState) -> tuple[int, bool]:
    """One count for staff: the tries left before this stops, and whether what stops is
    the card itself (True) or — always so far — the PIN, which the program refuses after 3
    wrong in a row so the card's own 5 are never reached."""
    left = state.attempts_before_reissue
    card = state.card_tries_left
    if card is not None and card < left:
        return card, True
    return left, False


def _count(state: PinState) -> Message:
    return words.pin_tries_left(*tries_left(state))


def wrong(state: PinState) -> Message:
    return words.pin_wrong(_count(state))


def before_entry(state: PinState) -> Message | None:
    """What the PIN dialog says above the field; None for a card with no failures."""
    if state.blocked:
        return BLOCKED
    if state.refused:
        return REFUSED
    if state.consecutive_failures == 0:
        return None
    return words.pin_failed_before(_count(state))


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
