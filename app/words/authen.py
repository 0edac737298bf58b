"""Asking NHSO for a claim code at the desk (with or without the card), the answer that is
not this patient's, the PC's clock, and the visit log that keeps every attempt."""

from __future__ import annotations

import datetime as dt

from app.message import Message

# A visit's outcome in the words the front desk uses (the day list, the Excel export).
VISIT_OUTCOME_TH = {
    "ok": "ได้รหัสใหม่",
    "reused": "ใช้รหัสเดิมของวันนี้",
    "failed": "ไม่สำเร็จ",
    "pending": "ค้าง (ไม่ทราบผล)",
    "imported": "นำเข้าจาก สปสช.",  # a code NHSO holds that the desk never asked for
    "cardless": "ไม่มีบัตร ยังไม่มีรหัส",  # ID typed; NHSO had no code of ours today
    "flagged": "ต้องตรวจสอบ (คำตอบไม่ใช่ของผู้รับบริการ)",  # NHSO's answer was not theirs
}


def held_by_other_hospital(hcode: str, hname: str) -> Message:
    """Who holds today's code, by name when NHSO gave one, and what must happen next; a
    retry here changes nothing until that hospital cancels its code."""
    th = f"{hname} (รหัส {hcode})" if hname else f"หน่วยบริการรหัส {hcode}"
    en = f"{hname} (code {hcode})" if hname else f"hospital {hcode}"
    return Message(
        f"วันนี้ผู้รับบริการได้รับ Claim Code จาก {th} แล้ว สปสช. จึงไม่ออกรหัสให้ที่นี่ "
        f"— ผู้รับบริการ (หรือเจ้าหน้าที่ที่นี่) ต้องติดต่อ {th} ให้ยกเลิกรหัสของวันนี้ก่อน "
        "เมื่อยกเลิกแล้ว เสียบบัตรใหม่เพื่อขอรหัสที่นี่ (ลองซ้ำตอนนี้จะไม่สำเร็จ)",
        f"Today's claim code for this person was issued by {en}, so NHSO will not issue one "
        f"here — the patient (or staff here) must ask {en} to cancel today's code; once it "
        "is cancelled, insert the card again to get a code here (retrying now cannot work).",
    )


AGENT_READ_ANOTHER_CARD = Message(
    "Agent อ่านได้บัตรคนละใบกับที่แสดงบนจอ — ให้มีบัตรผู้รับบริการใบเดียวในเครื่องอ่าน",
    "The agent read a different card than the one on screen — leave only the "
    "patient's card in the readers.",
)


def code_kept_in_journal(claim_code: str, kept_in: str) -> Message:
    """A code NHSO issued that the visit log could not take, kept in the journal file."""
    return Message(
        f"ได้รับ Claim Code {claim_code} แล้ว แต่บันทึกลงประวัติไม่ได้ — "
        f"เก็บไว้ที่ {kept_in} และจะรวมเข้าประวัติเมื่อเปิดโปรแกรมครั้งถัดไป "
        "(แจ้งผู้ดูแลระบบเรื่องดิสก์/ฐานข้อมูล)",
        f"Claim code {claim_code} was issued, but the visit log could "
        f"not take it — it is kept in {kept_in} and goes into the log "
        "at the next start (tell IT about the disk or database).",
    )


def code_kept_nowhere(claim_code: str) -> Message:
    return Message(
        f"ได้รับ Claim Code {claim_code} แล้ว แต่บันทึกไม่ได้เลย (ดิสก์เต็ม?) — จดรหัสนี้ไว้ทันที แล้วแจ้งผู้ดูแลระบบ",
        f"Claim code {claim_code} was issued but could not be saved "
        "anywhere (disk full?) — write it down now and call IT.",
    )


def visit_log_damaged(path: str) -> Message:
    return Message(
        f"ไฟล์ประวัติ {path} เสียหาย — ปิดโปรแกรม ย้ายไฟล์นี้ (และ -wal, -shm) "
        "ไปเก็บไว้ ห้ามลบ แล้วเปิดใหม่ โปรแกรมจะสร้างไฟล์ใหม่ ส่งไฟล์เดิมให้ผู้ดูแลระบบ "
        "(ยังไม่ได้ส่งคำขอใด ๆ)",
        f"The visit log {path} is damaged — close Authen Desk, move that "
        "file (and its -wal, -shm) somewhere safe, do not delete it, and start again: a new "
        "log is created; give the old file to IT (nothing was sent).",
    )


VISIT_LOG_UNWRITABLE = Message(
    "บันทึกประวัติการยืนยันตัวตนไม่ได้ (ดิสก์เต็มหรือไม่มีสิทธิ์เขียน) จึงยังไม่ส่งคำขอ — แจ้งผู้ดูแลระบบ",
    "The visit log cannot be written (disk full or no permission), so nothing was sent — call IT.",
)

# --- input checked before anything is sent -------------------------------------------------
BAD_MOBILE = Message(
    "เบอร์มือถือต้องเป็นตัวเลข 10 หลัก ขึ้นต้นด้วย 0 เช่น 0812345678",
    "The mobile number must be 10 digits starting with 0, e.g. 0812345678.",
)
BAD_MOBILE_AT_DESK = Message(
    f"{BAD_MOBILE.th} — แก้เบอร์แล้วกด Enter",
    "The mobile number must be 10 digits starting with 0, e.g. 0812345678 — fix it and "
    "press Enter.",
)
HCODE_MALFORMED = Message(
    "รหัสหน่วยบริการต้องเป็นตัวเลขอารบิก 5 หลัก เช่น 12345",
    "The hospital code must be 5 ASCII digits, e.g. 12345.",
)
HN_NOT_TEXT = Message("HN มีอักขระที่อ่านไม่ได้", "HN holds characters that are not valid text.")
HN_CONTROL_CHARACTERS = Message("HN มีอักขระควบคุม", "HN holds control characters.")


def hn_too_long(limit: int) -> Message:
    return Message(f"HN ยาวเกิน {limit} ตัวอักษร", f"HN over {limit} characters.")


AGENT_URL_MALFORMED = Message(
    "ที่อยู่ Agent ไม่ถูกต้อง — ใช้รูปแบบ http://localhost:8189",
    "The agent URL is malformed — use the form http://localhost:8189.",
)
CLAIM_TYPE_NOT_ALLOWED = Message(
    "ประเภทการเข้ารับบริการนี้ไม่อยู่ในสิทธิของผู้รับบริการ — เลือกจากรายการ",
    "This claim type is not among the patient's rights — choose from the list.",
)
CHOOSE_CLAIM_TYPE = Message(
    "เลือกประเภทการเข้ารับบริการก่อน (กดตัวเลข หรือคลิก)",
    "Choose the claim type first (press its number, or click it).",
)

# --- without the card (the ID typed) -------------------------------------------------------
AGENT_NEEDS_A_CARD = Message(
    "ขอ Claim Code ใหม่โดยไม่มีบัตรไม่ได้ — Agent ของ สปสช. ยืนยันตัวตนได้เฉพาะบัตรที่เครื่องอ่านได้เอง",
    "No new claim code without the card — the NHSO agent confirms only a card it has read.",
)
NHSO_CHANNELS = Message(
    "ช่องทางที่ สปสช. มีให้: ผู้รับบริการยืนยันตัวตนเองผ่านแอปพลิเคชัน สปสช. บนมือถือ "
    "(แล้วกดค้นหาอีกครั้งเพื่อบันทึกรหัส) หรือโทรสายด่วน สปสช. 1330",
    "What NHSO offers: the patient confirms in the NHSO mobile app (then look up again to "
    "record the code), or call the NHSO hotline 1330.",
)
NOT_A_CID = Message(
    "เลขประจำตัวประชาชนไม่ถูกต้อง (13 หลัก หลักสุดท้ายต้องตรงตามสูตรตรวจสอบ) — ตรวจเลขอีกครั้ง",
    "That is not a valid 13-digit ID number (the check digit does not match) — check it.",
)
LOOKING_UP = Message(
    "กำลังค้นหารหัสของวันนี้ที่ สปสช. ด้วยเลขที่พิมพ์ …",
    "Looking up today's code at NHSO with the typed ID …",
)


def cardless_code_found(claim_code: str) -> Message:
    return Message(
        f"พบ Claim Code ของวันนี้จากหน่วยบริการนี้แล้ว ({claim_code}) — บันทึกไว้กับการมาครั้งนี้ "
        "(พิมพ์เลขบัตร ไม่ได้อ่านจากบัตร)",
        f"Today's claim code from this hospital exists ({claim_code}) — recorded "
        "for this visit (ID typed, not read).",
    )


CARDLESS_ANSWER_NOT_THIS_PERSON = Message(
    "คำตอบของ สปสช. ไม่ได้ระบุเลขบัตรของผู้ป่วยรายนี้ — ไม่ได้นำรหัสใดมาบันทึกกับการมาครั้งนี้ "
    "(เก็บคำตอบไว้ในบันทึกเป็นรายการที่ต้องตรวจสอบ)",
    "NHSO's answer does not name this patient's ID — no code was recorded for this visit "
    "(the answer is kept in the log, flagged for checking).",
)

CARDLESS_NO_CODE = Message(
    f"{AGENT_NEEDS_A_CARD.th} วันนี้ยังไม่มีรหัสจากหน่วยบริการนี้ — บันทึกการมาครั้งนี้ไว้แบบไม่มีบัตร "
    f"ยังไม่มีรหัส {NHSO_CHANNELS.th}",
    f"{AGENT_NEEDS_A_CARD.en} There is no code from this hospital today — the visit is "
    f"logged as cardless, with no code. {NHSO_CHANNELS.en}",
)


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
ANSWER_NO_CLAIM_TYPE = Message("ไม่ระบุประเภทการเข้ารับบริการ", "it names no claim type")
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
