"""Words of the authen flow: the answer that is not this patient's, the PC's clock."""

from __future__ import annotations

import datetime as dt

from app.message import Message

# --- an answer from NHSO that cannot be this patient's code (issue 18, item 3) -------------
_KEPT_TH = (
    'ไม่ได้ใช้รหัสนี้กับผู้รับบริการคนนี้ — เก็บไว้ในบันทึกเป็นรายการ "ต้องตรวจสอบ" '
    "ให้ผู้ดูแลระบบตรวจสอบกับ สปสช. (ดูในรายการประจำวัน หรือคำสั่ง history) "
    "อย่าขอรหัสซ้ำจนกว่าจะตรวจสอบแล้ว"
)
_KEPT_EN = (
    "The code was NOT given to this patient — it is kept in the log as a flagged row for "
    "IT to settle with NHSO (see the day list or `history`). Do not ask again until it is "
    "settled."
)


def answer_other_pid(named: str) -> Message:
    """NHSO's confirm answer names another person (`named`: masked)."""
    return Message(
        f"คำตอบของ สปสช. เป็นของบุคคลอื่น ({named}) — บัตรในเครื่องอ่านของ Agent "
        f"ไม่ใช่บัตรของผู้รับบริการคนนี้ {_KEPT_TH}",
        f"NHSO's answer names another person ({named}) — the card in the agent's reader "
        f"is not this patient's. {_KEPT_EN}",
    )


def answer_untrusted(why: Message) -> Message:
    """The confirm answer cannot be trusted as this patient's code (`why`: ANSWER_…)."""
    return Message(
        f"คำตอบของ สปสช. เชื่อถือไม่ได้ ({why.th}) {_KEPT_TH}",
        f"NHSO's answer cannot be trusted ({why.en}). {_KEPT_EN}",
    )


# why: the blank of answer_untrusted
ANSWER_NO_PID = Message("ไม่ระบุเลขประจำตัวประชาชน", "it names no ID number")
ANSWER_OTHER_CLAIM_TYPE = Message("ประเภทการเข้ารับบริการไม่ใช่ที่ขอ", "another claim type than asked")
ANSWER_BAD_CODE = Message("รหัสไม่ใช่ PP ตามด้วยตัวเลข 10 หลัก", "the code is not PP + 10 digits")


# --- the PC's clock (issue 18, item 4) ---------------------------------------------------
def clock_off(offset: dt.timedelta) -> Message:
    """The PC's clock is far from the agent's / NHSO's (`offset`: theirs - ours; + means
    the PC is behind)."""
    from app.clock import skew_text

    return Message(
        f"นาฬิกาของเครื่องนี้คลาดจากเวลาของ Agent/สปสช. {skew_text(offset, 'th')} — "
        "การมารับบริการอาจถูกบันทึกผิดวัน ให้ผู้ดูแลระบบตั้งเวลาและเขตเวลา (กรุงเทพฯ) ของเครื่อง",
        f"This PC's clock is off from the agent's/NHSO's time by {skew_text(offset)} — "
        "visits may be logged on the wrong day; ask IT to set the clock and time zone "
        "(Bangkok).",
    )


def together(first: Message, second: Message) -> Message:
    """Two messages in one banner, one under the other."""
    return Message(f"{first.th}\n{second.th}", f"{first.en}\n{second.en}")
