"""The front desk's words: the desk model's refusals, the window's banners and the patient
area's notices (app/desk/model.py, widgets/main_window.py, widgets/authen_panel.py)."""

from __future__ import annotations

from app.message import Message
from app.words import authen, staff

# --- the desk model ---------------------------------------------------------------------
STAFF_CARD_IN_READER = staff.STAFF_CARD_IN_READER  # one entry for the sentence
BAD_MOBILE = authen.BAD_MOBILE_AT_DESK  # one entry for the sentence
NOBODY_SERVING = staff.NOBODY_SERVING  # one entry for the sentence
TYPED_CID_INVALID = authen.NOT_A_CID  # one entry for the sentence
LOOKING_UP = authen.LOOKING_UP  # one entry for the sentence
CHOOSE_CLAIM_TYPE = authen.CHOOSE_CLAIM_TYPE  # one entry for the sentence
CARDLESS_NO_KEYRING = Message(
    "ค้นหาที่ สปสช. ไม่ได้: เครื่องนี้ไม่มี keyring ของระบบให้อ่าน Token authen (หรือถูกล็อกอยู่) "
    "— ผู้ดูแลระบบติดตั้งหรือปลดล็อก keyring แล้วตั้ง Token (Ctrl+T)",
    "Cannot look up at NHSO: this computer has no usable OS keyring to read the authen "
    "token from (or it is locked) — IT installs or unlocks one, then sets the token (Ctrl+T).",
)

# --- sign-in ------------------------------------------------------------------------------
NEED_STAFF_CARD = Message(
    "เสียบบัตรประชาชนของเจ้าหน้าที่ในเครื่องอ่าน รอให้อ่านเสร็จ แล้วกด F2",
    "Insert the staff member's ID card, wait for it to be read, then press F2.",
)
STAFF_CARD_READ_PRESS_F2 = Message(
    "อ่านบัตรเจ้าหน้าที่แล้ว — กด F2 เพื่อใส่ PIN (บัตรนี้ไม่ตรวจสอบสิทธิ)",
    "The staff card is read — press F2 to type the PIN (no rights are checked for it).",
)
SIGNED_IN_TAKE_CARD_OUT = Message(
    "ลงชื่อเข้าใช้แล้ว — ถอดบัตรเจ้าหน้าที่ออก แล้วเสียบบัตรประชาชนของผู้รับบริการ",
    "Signed in — take the staff card out and insert the patient's ID card.",
)
TOKENS_NEED_SIGN_IN = Message(
    "การตั้งค่า Token ต้องลงชื่อเข้าใช้ด้วยบัตรเจ้าหน้าที่ก่อน (F2)",
    "Token settings need a signed-in staff member first (F2).",
)


def unlock_needs_card_of(name: str) -> Message:
    return Message(
        f"ใส่บัตรของ {name} เพื่อปลดล็อก หรือกด ออกจากระบบ",
        "Insert the signed-in staff member's card to unlock, or sign out.",
    )


# --- first run and settings ----------------------------------------------------------------
MISSING_HCODE = Message(
    "ยังไม่ได้ตั้งรหัสหน่วยบริการ จึงยังขอ Claim Code ไม่ได้ — ใส่รหัสในหน้าตั้งค่าคลินิกที่เปิดให้ (เมนู ตั้งค่า → ตั้งค่าคลินิก)",
    "The hospital code is not set, so no claim code can be issued yet — enter it in the "
    "clinic settings opened for you (Settings → Clinic settings).",
)
MISSING_TOKENS = Message(
    "ยังไม่ได้ตั้ง Token ของ สปสช. — เจ้าหน้าที่ลงชื่อเข้าใช้ (F2) แล้วเปิด ตั้งค่า → Token (Ctrl+T)",
    "No NHSO token is set yet — a staff member signs in (F2), then opens Settings → "
    "Tokens (Ctrl+T).",
)


def settings_damaged(detail: str) -> Message:
    return Message(
        f"ไฟล์ตั้งค่าเสียหาย จึงใช้ค่าเริ่มต้นไปก่อน — แจ้งผู้ดูแลระบบ ({detail})",
        "The settings file is damaged; defaults are in use — tell IT.",
    )


# --- the day list ------------------------------------------------------------------------
def retry_needs_card_of(name: str) -> Message:
    return Message(
        f"เสียบบัตรของ {name} ก่อน แล้วกด ลองใหม่ อีกครั้ง",
        f"Insert {name}'s card first, then press Retry again.",
    )


# --- the agent -----------------------------------------------------------------------------
AGENT_DOWN = Message(
    "ติดต่อ Agent ของ สปสช. ไม่ได้ จึงตรวจสิทธิและขอ Claim Code ไม่ได้ — "
    "ตรวจว่าโปรแกรม NHSO Secure Smart Card Agent เปิดอยู่ (ไอคอนที่มุมขวาล่าง) "
    "ถ้าไม่เปิดให้เปิดโปรแกรมนั้น แล้วกด F9 ตรวจสอบอีกครั้ง ถ้ายังไม่ได้ แจ้งผู้ดูแลระบบ",
    "The NHSO agent cannot be reached, so no rights check and no claim code — check that "
    "the NHSO Secure Smart Card Agent is running (its icon, bottom right); start it, then "
    "press F9 to check again. If it still fails, call IT.",
)


def held_elsewhere_warning(hname: str, hcode: str, claim_code: str) -> Message:
    """Before Enter: today's code is already held by another hospital."""
    th = f"{hname} (รหัส {hcode})" if hname else f"หน่วยบริการรหัส {hcode}"
    en = f"{hname} (code {hcode})" if hname else f"hospital {hcode}"
    return Message(
        f"⚠ วันนี้ได้รหัสจาก {th} แล้ว — ขอที่นี่ไม่ได้จนกว่าที่นั่นยกเลิก",
        f"⚠ Today's claim code was issued by {en} ({claim_code}) — NHSO will not issue "
        "one here until it is cancelled there.",
    )


# --- the PIN dialog and the demo staff card --------------------------------------------------
PIN_LAST_TRY = Message(
    "นี่คือครั้งสุดท้าย — ถ้า PIN ผิดอีกครั้ง ต้องไปขอ PIN ใหม่ที่สำนักทะเบียน "
    "ตรวจตัวเลขให้แน่ใจ แล้วกด Enter อีกครั้งเพื่อส่ง (หรือกด Esc เพื่อยกเลิก)",
    "This is the last try — one more wrong PIN and it must be re-issued at a registration "
    "office. Check the digits, then press Enter again to send (or Esc to cancel).",
)
PIN_CHECKING = Message("กำลังตรวจสอบ PIN กับบัตร…", "Checking the PIN with the card…")
DEMO_STAFF_CARD_RESET = staff.DEMO_CARD_READY  # one entry for the sentence

# --- the typed ID (no card, F8) ----------------------------------------------------------------
CARDLESS_EXPLAIN = Message(
    "อ่านบัตรไม่ได้? พิมพ์เลขประจำตัวประชาชน 13 หลัก\n"
    "ขอ Claim Code ใหม่ไม่ได้เมื่อไม่มีบัตร (Agent ของ สปสช. ยืนยันได้เฉพาะบัตรที่อ่านได้) "
    "แต่ค้นหาได้ว่าวันนี้มีรหัสจากหน่วยบริการนี้แล้วหรือไม่ ถ้ามีจะบันทึกไว้กับการมาครั้งนี้ "
    "ถ้าไม่มีจะบันทึกการมาแบบไม่มีบัตรและบอกช่องทางที่ สปสช. มีให้",
    "Card unreadable? Type the 13-digit ID. No new claim code can be issued without the card "
    "(the NHSO agent confirms only a card it has read), but NHSO can say whether today's code "
    "from this clinic exists: if so it is recorded for this visit; if not, the visit is "
    "logged as cardless and NHSO's channels are named.",
)
CARDLESS_BAD_CHECK_DIGIT = Message(
    "เลขนี้ไม่ถูกต้อง (หลักสุดท้ายไม่ตรงสูตรตรวจสอบ) — ตรวจเลขอีกครั้ง",
    "That number is not valid (the check digit does not match) — check it.",
)
CARDLESS_TOO_LONG = Message("เกิน 13 หลัก", "More than 13 digits.")


# --- the patient area (widgets/authen_panel.py): short status lines -------------------------
HINT_WAITING = Message(
    "เสียบบัตรประชาชนของผู้รับบริการ ระบบจะตรวจสอบสิทธิให้ทันที",
    "Insert the patient's ID card; the rights are checked at once.",
)
HINT_CHECKING = Message("กำลังตรวจสอบสิทธิกับ สปสช. …", "Checking the rights with NHSO …")
HINT_RIGHTS = Message(
    "เลือกประเภทการเข้ารับบริการ พิมพ์เบอร์มือถือ แล้วกด Enter",
    "Choose the claim type, type the mobile number, then press Enter.",
)
HINT_RIGHTS_FAILED = Message("ตรวจสอบสิทธิไม่สำเร็จ", "The rights check failed.")
HINT_SENDING = Message("กำลังขอ Claim Code จาก สปสช. …", "Asking NHSO for the claim code …")
HINT_CODE = Message("ได้รับ Claim Code แล้ว", "Claim code received.")
HINT_NOT_HERE = Message("ขอ Claim Code ที่นี่ไม่ได้ในตอนนี้", "No claim code can be issued here now.")
HINT_CONFIRM_FAILED = Message(
    "ขอ Claim Code ไม่สำเร็จ — แก้ไขแล้วกด Enter เพื่อลองใหม่",
    "The claim code request failed — fix it and press Enter to try again.",
)
NO_CLAIM_TYPE_CHOSEN = Message("ยังไม่ได้เลือกประเภทการเข้ารับบริการ", "No claim type chosen yet.")
NOBODY_SIGNED_IN = Message(
    "ยังไม่มีผู้ให้บริการ — ลงชื่อเข้าใช้ก่อน (F2)", "Nobody serves yet — sign in first (F2)."
)
CODE_REUSED = Message(
    "ผู้รับบริการได้ Claim Code ของวันนี้จากหน่วยบริการนี้แล้ว — ใช้รหัสเดิม ไม่ได้ขอใหม่",
    "Today's claim code from this clinic already exists — it is used again, none was asked for.",
)
AUTHEN_NOT_CONFIGURED = Message("ยังไม่ได้ตั้งค่าการเชื่อมต่อ สปสช.", "Authen is not configured.")

# --- the window's status line and feedback --------------------------------------------------
# The two "not yet" lights are no wider than the lights they turn into, so the top line
# does not reflow (the staff member's name wrapping) as the desk starts.
AGENT_CHECKING = Message("● ตรวจ Agent…", "● Agent: checking…")
AGENT_READY = Message("● Agent พร้อม", "● Agent ready")
AGENT_UNREACHABLE_LIGHT = Message("● ติดต่อ Agent ไม่ได้", "● Agent unreachable")
NO_CODE_ON_SCREEN_TO_COPY = Message(
    "ไม่มี Claim Code ของผู้รับบริการบนหน้าจอ — คัดลอกรหัสก่อนหน้าได้จากแถบรหัสล่าสุด",
    "No claim code on screen.",
)
SETTINGS_APPLIED = Message("บันทึกการตั้งค่าแล้ว ใช้ทันที", "Settings saved and applied.")
READER_SERVICE_DOWN = Message(
    "● บริการเครื่องอ่านบัตรไม่ทำงาน", "● The card reader service is not running"
)
NO_READER = Message("● ไม่พบเครื่องอ่านบัตร", "● No card reader found")
# Until the card thread's first report: not "no reader" in red at every start.
READER_CHECKING = Message("● หาเครื่องอ่าน…", "● Looking for card readers…")
CARD_IN_READER = Message("● มีบัตรในเครื่องอ่าน", "● A card is in the reader")
READY_TO_READ = Message("● พร้อมอ่านบัตร", "● Ready to read a card")


def copied(code: str) -> Message:
    return Message(f"คัดลอก {code} แล้ว", f"Copied {code}.")
