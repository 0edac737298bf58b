"""Staff sign-in and the PIN. The wording follows NHSO's own rules: 3 wrong in a row =
re-issue at a registration office; 5 = the card's identity part locks."""

from __future__ import annotations

from app.message import Message

_PIN_ANSWER_TH = {"ok": "PIN ถูกต้อง", "wrong": "PIN ไม่ถูกต้อง", "blocked": "บัตรถูกล็อก"}


def pin_state_damaged(detail: str) -> Message:
    return Message(
        "ข้อมูลจำนวนครั้งที่ใส่ PIN ผิดเสียหายหรือหายไป จึงไม่ส่ง PIN ไปที่บัตร (ไม่นับใหม่จากศูนย์) "
        f"— ผู้ดูแลระบบ: ดู README หัวข้อความปลอดภัยของ PIN ({detail})",
        "The PIN failure counts are damaged or missing, so the PIN was not sent to the "
        f"card (they are never taken as zero) — IT: see README, PIN safety ({detail}).",
    )


PIN_STATE_UNAVAILABLE = Message(
    "อ่านหรือบันทึกจำนวนครั้งที่ใส่ PIN ไม่ได้ (ดิสก์เต็ม ไม่มีสิทธิ์เขียน หรือมีการตรวจ PIN อื่นค้างอยู่) "
    "จึงยังไม่ส่ง PIN ไปที่บัตร (เพื่อไม่ให้บัตรถูกล็อก) — แจ้งผู้ดูแลระบบ",
    "The PIN attempt count cannot be read or saved (disk full, no permission, or "
    "another PIN check is stuck), so the PIN was not sent to the card (to protect it "
    "from locking) — call IT.",
)


def pin_result_not_saved(answer: str) -> Message:
    """`answer`: what the card said ("ok", "wrong", "blocked")."""
    return Message(
        f"บัตรได้รับ PIN แล้วและตอบว่า {_PIN_ANSWER_TH.get(answer, '?')} "
        "แต่บันทึกคำตอบของบัตรไม่ได้ (ดิสก์เต็มหรือไม่มีสิทธิ์เขียน) — ครั้งนี้ถูกนับเป็นการใส่ผิดไว้แล้ว "
        "แจ้งผู้ดูแลระบบก่อนลองอีก",
        f"The card received the PIN and answered '{answer}', but its answer could not "
        "be saved (disk full or no permission) — this try stays counted as a wrong one; call "
        "IT before trying again.",
    )


PIN_FORMAT_INVALID = Message(
    "PIN ต้องเป็นตัวเลข 4 หลัก — ไม่ได้ส่งไปที่บัตร",
    "A PIN is exactly 4 digits — nothing was sent to the card.",
)
PIN_REFUSED = Message(
    "ใส่ PIN ผิดติดต่อกัน 3 ครั้งแล้ว ต้องไปขอออก PIN ใหม่ที่สำนักทะเบียน บัตรยังไม่ถูกล็อก — ห้ามลองใส่ PIN กับบัตรใบนี้อีก",
    "The PIN has been entered wrongly 3 times in a row and must be re-issued at a "
    "registration office. The card is not locked yet — do not try it again.",
)
PIN_BLOCKED = Message(
    "ส่วนยืนยันตัวตนของบัตรใบนี้ถูกล็อกแล้ว ต้องไปทำบัตรประชาชนใบใหม่",
    "The card's identity part is locked for good; a new ID card is needed.",
)
PIN_OK = Message("ยืนยัน PIN สำเร็จ", "PIN verified.")


def pin_tries_left(left: int, card_first: bool) -> Message:
    """One count for staff: `left` tries before this stops; `card_first`: what stops is the
    card itself (True) or, always so far, the PIN (the program refuses after 3 wrong in a
    row, so the card's own 5 are never reached)."""
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


def pin_wrong(count: Message) -> Message:
    """`count`: pin_tries_left(...)."""
    return Message(f"PIN ไม่ถูกต้อง — {count.th}", f"Wrong PIN — {count.en}.")


def pin_failed_before(count: Message) -> Message:
    """Above the PIN field for a card with earlier wrong PINs; `count`: pin_tries_left(...)."""
    return Message(
        f"บัตรนี้ใส่ PIN ผิดมาก่อนแล้ว — {count.th} โปรดตรวจให้แน่ใจก่อนกด Enter",
        f"This card had wrong PINs before: {count.en}; check before pressing Enter.",
    )


RESET_NOT_CONFIRMED = Message(
    "ยังไม่ได้ล้างค่า — ตรวจบัตรของเจ้าหน้าที่ทุกคนก่อน (ดู README: ความปลอดภัยของ PIN) "
    "แล้วสั่งใหม่พร้อม --i-have-checked-the-cards",
    "Nothing reset — check every staff card first (README: PIN safety), then run it "
    "again with --i-have-checked-the-cards.",
)


def pin_counts_reset(assumed: int) -> Message:
    return Message(
        f"ล้างค่าแล้ว — บัตรทุกใบจะถูกนับว่าใส่ผิดมาแล้ว {assumed} ครั้ง "
        "(ใส่ได้อีก 1 ครั้ง) จนกว่าบัตรจะตอบจำนวนของตัวเอง",
        f"Reset. Every card counts as {assumed} wrong PINs (one try left) "
        "until the card itself answers.",
    )


DEMO_CARD_READY = Message(
    "บัตรเจ้าหน้าที่สาธิตพร้อมใช้อีกครั้ง — ใส่ PIN ได้ 3 ครั้ง (เฉพาะโหมดสาธิต)",
    "The demo staff card is ready again — 3 PIN tries (demo only).",
)
STAFF_CARD_IN_READER = Message(
    "นี่คือบัตรของเจ้าหน้าที่ — ถอดบัตรออก แล้วเสียบบัตรของผู้รับบริการ",
    "This is the staff member's card — take it out and insert the patient's card.",
)
NOBODY_SERVING = Message(
    "ยังไม่มีเจ้าหน้าที่ลงชื่อเข้าใช้ จึงยังไม่ขอ Claim Code — เสียบบัตรเจ้าหน้าที่แล้วกด F2 เพื่อลงชื่อ",
    "No staff member is signed in, so no claim code was asked for — insert the staff card "
    "and press F2 to sign in.",
)
