"""What staff read about their PIN, Thai first. The wording follows NHSO's own rules:
3 wrong in a row = re-issue at a registration office; 5 = the card's identity part locks."""

from __future__ import annotations

from app.errors import message_for
from app.message import Message
from app.staff.errors import PinStateUnavailable
from app.staff.pin_policy import PinAttempt, PinState, Verdict

REFUSED = Message(
    "ใส่ PIN ผิดติดต่อกัน 3 ครั้งแล้ว ต้องไปขอออก PIN ใหม่ที่สำนักทะเบียน บัตรยังไม่ถูกล็อก — ห้ามลองใส่ PIN กับบัตรใบนี้อีก",
    "The PIN has been entered wrongly 3 times in a row and must be re-issued at a "
    "registration office. The card is not locked yet — do not try it again.",
)
BLOCKED = Message(
    "ส่วนยืนยันตัวตนของบัตรใบนี้ถูกล็อกแล้ว ต้องไปทำบัตรประชาชนใบใหม่",
    "The card's identity part is locked for good; a new ID card is needed.",
)
STATE_UNAVAILABLE = message_for(PinStateUnavailable())
OK = Message("ยืนยัน PIN สำเร็จ", "PIN verified.")


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
    left, card_first = tries_left(state)
    if card_first:
        return Message(
            f"ใส่ได้อีก {left} ครั้ง ก่อนบัตรถูกล็อก (ต้องทำบัตรใหม่)",
            f"{left} attempt(s) left before the card locks (a new card would be needed)",
        )
    return Message(
        f"ใส่ได้อีก {left} ครั้ง ก่อน PIN ถูกล็อก (ต้องไปขอ PIN ใหม่ที่สำนักทะเบียน บัตรจะไม่ถูกล็อก)",
        f"{left} attempt(s) left before the PIN locks (re-issued at a registration office; "
        "the card itself will not lock)",
    )


def wrong(state: PinState) -> Message:
    count = _count(state)
    return Message(f"PIN ไม่ถูกต้อง — {count.th}", f"Wrong PIN — {count.en}.")


def before_entry(state: PinState) -> Message | None:
    """What the PIN dialog says above the field; None for a card with no failures."""
    if state.blocked:
        return BLOCKED
    if state.refused:
        return REFUSED
    if state.consecutive_failures == 0:
        return None
    count = _count(state)
    return Message(
        f"บัตรนี้ใส่ PIN ผิดมาก่อนแล้ว — {count.th} โปรดตรวจให้แน่ใจก่อนกด Enter",
        f"This card had wrong PINs before: {count.en}; check before pressing Enter.",
    )


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
