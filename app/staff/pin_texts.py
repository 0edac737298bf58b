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


def wrong(state: PinState) -> Message:
    left = state.attempts_before_reissue
    card = state.card_tries_left
    card_th = f" (บัตรยังรับได้อีก {card} ครั้ง)" if card is not None else ""
    card_en = f" (the card itself allows {card} more)" if card is not None else ""
    return Message(
        f"PIN ไม่ถูกต้อง — ใส่ได้อีก {left} ครั้ง ก่อนต้องไปขอ PIN ใหม่ที่สำนักทะเบียน{card_th}",
        f"Wrong PIN — {left} attempt(s) left before the PIN must be re-issued{card_en}.",
    )


def before_entry(state: PinState) -> Message | None:
    """What the PIN dialog says above the field; None for a card with no failures."""
    if state.blocked:
        return BLOCKED
    if state.refused:
        return REFUSED
    if state.consecutive_failures == 0:
        return None
    return Message(
        f"ใส่ PIN ผิดติดต่อกันมาแล้ว {state.consecutive_failures} ครั้ง — "
        f"ใส่ได้อีก {state.attempts_before_reissue} ครั้ง โปรดตรวจให้แน่ใจก่อนกด Enter",
        f"{state.consecutive_failures} wrong PIN(s) in a row so far — "
        f"{state.attempts_before_reissue} attempt(s) left; check before pressing Enter.",
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
