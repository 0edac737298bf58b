"""Words of the shared store (several desks, one clinic): errors, status, the window's bar."""

from __future__ import annotations

from app.message import Message

UNAVAILABLE = Message(
    "เชื่อมต่อฐานข้อมูลกลางของคลินิกไม่ได้ — เครื่องนี้ยังทำงานต่อได้และจะส่งข้อมูลขึ้นภายหลัง "
    "ตรวจเครือข่ายหรือแจ้งผู้ดูแลระบบ (authen-desk store status)",
    "The clinic's shared store cannot be reached — this desk keeps working and will push "
    "later; check the network or call IT (authen-desk store status).",
)
NOT_CONFIGURED = Message(
    "ยังไม่ได้ตั้งฐานข้อมูลกลาง — authen-desk settings set shared_store mysql://USER@HOST:3306/DATABASE",
    "No shared store is set — authen-desk settings set shared_store "
    "mysql://USER@HOST:3306/DATABASE",
)
NO_PASSWORD = Message(
    "ยังไม่ได้บันทึกรหัสผ่านฐานข้อมูลกลาง — authen-desk token set shared-store "
    "(พิมพ์รหัสผ่านทาง stdin) หรือ ตั้งค่า → Token ในโปรแกรม",
    "The shared store's password is not stored — authen-desk token set shared-store "
    "(password on stdin), or Settings → Tokens in the window.",
)
BAD_PASSWORD = Message(
    "รหัสผ่านฐานข้อมูลกลางว่าง ยาวเกิน 200 ตัวอักษร หรือมีตัวขึ้นบรรทัดใหม่/อักขระควบคุม — ไม่ได้บันทึก",
    "The shared store's password is empty, over 200 characters, or holds a line break or "
    "another control character — not stored.",
)
PASSWORD_NOT_TEXT = Message(
    "อ่านรหัสผ่านฐานข้อมูลกลางเป็นตัวอักษรไม่ได้ (ไม่ใช่ UTF-8) — ไม่ได้บันทึก เพื่อไม่ให้เก็บรหัสผิดไปจากที่พิมพ์ "
    "ตั้งที่ ตั้งค่า → Token (Ctrl+T) หรือส่งรหัสผ่านเป็น UTF-8 ทาง stdin",
    "The shared store's password could not be read as text (not UTF-8) — not stored, rather "
    "than store something other than what was typed. Set it in Settings → Tokens (Ctrl+T), "
    "or pipe it in as UTF-8.",
)
STORED_PASSWORD_DAMAGED = Message(
    "รหัสผ่านฐานข้อมูลกลางที่เก็บไว้ไม่ถูกต้อง (มีตัวขึ้นบรรทัดใหม่ อักขระควบคุม หรือยาวเกินไป) "
    "จึงไม่ได้ใช้ — ตั้งใหม่: ตั้งค่า → Token (Ctrl+T) หรือ authen-desk token set shared-store",
    "The stored shared-store password is damaged (a line break, a control character or far "
    "too long), so it was not used — set it again: Settings → Tokens (Ctrl+T), or "
    "authen-desk token set shared-store.",
)

PIN_OFFLINE = Message(
    "เชื่อมต่อฐานข้อมูลกลางของคลินิกไม่ได้ จึงยังไม่ส่ง PIN ไปที่บัตร — เครื่องอื่นอาจเพิ่งใส่ PIN ผิดกับบัตรใบนี้ "
    "และบัตรจะถูกล็อกถาวรเมื่อผิดครบ 5 ครั้ง ลองใหม่เมื่อเชื่อมต่อได้ หรือแจ้งผู้ดูแลระบบ "
    "(authen-desk store status)",
    "The clinic's shared store cannot be reached, so the PIN was not sent to the card — other "
    "desks may have had wrong PINs on this card, and 5 wrong PINs lock it for good. Try again "
    "once the store is back, or call IT (authen-desk store status).",
)


def schema_newer(found: int, known: int) -> Message:
    return Message(
        f"ตารางในฐานข้อมูลกลางเป็นรุ่นใหม่กว่าโปรแกรมนี้ (รุ่น {found} > {known}) — อัปเดตโปรแกรมที่เครื่องนี้",
        f"The shared store's tables are newer than this program (schema {found} > {known}) — "
        "update the program on this desk.",
    )


def offline_waiting(count: int) -> Message:
    """The window's status bar while the server cannot be reached."""
    return Message(
        f"ฐานข้อมูลกลางออฟไลน์ — รอส่ง {count} รายการ",
        f"shared store offline — {count} visits waiting",
    )


def online_waiting(count: int) -> Message:
    return Message(f"ฐานข้อมูลกลาง: กำลังส่ง {count} รายการ", f"shared store: pushing {count} visits")


ONLINE = Message("ฐานข้อมูลกลาง: เชื่อมต่อแล้ว", "shared store: connected")


def tested(server: str, schema: int, visits: int) -> Message:
    """The settings dialog's "test connection" when the server answered."""
    return Message(
        f"เชื่อมต่อฐานข้อมูลกลางได้ ({server}, ตารางรุ่น {schema}, {visits} รายการ)",
        f"The shared store answered ({server}, schema {schema}, {visits} visits).",
    )


# The settings dialog's and the token dialog's shared-store rows.
DESK_NAME_PLACEHOLDER = Message("ว่าง = ชื่อเครื่อง", "the PC's name")
TAKES_EFFECT_NEXT_START = Message(
    "มีผลเมื่อเปิดโปรแกรมครั้งถัดไป", "takes effect when the program next starts"
)
SAVED_STORE_NEXT_START = Message(
    "บันทึกแล้ว — ฐานข้อมูลกลางที่เปลี่ยนจะมีผลเมื่อเปิดโปรแกรมครั้งถัดไป (ปิดแล้วเปิดโปรแกรมใหม่) ค่าอื่นใช้แล้วตั้งแต่ตอนนี้",
    "Saved — the changed shared store takes effect when the program next starts (close it and "
    "open it again); the other settings apply now.",
)
CLOSE = Message("ปิด", "Close")
VERIFY_THIS_DESK_ONLY = Message(
    "เชื่อมต่อฐานข้อมูลกลางไม่ได้ — ตรวจสอบกับ สปสช. ได้เฉพาะ Visit ของเครื่องนี้ "
    "(Visit ของจุดบริการอื่นจะตรวจเมื่อรันอีกครั้งตอนเชื่อมต่อได้)",
    "The shared store cannot be reached — only this desk's visits were checked with NHSO "
    "(the other desks' are checked when this is run again with the store back).",
)
TEST_CONNECTION = Message("ทดสอบการเชื่อมต่อ", "test connection")
TESTING = Message("กำลังทดสอบ…", "testing…")
PASSWORD_PLACEHOLDER = Message("รหัสผ่านฐานข้อมูลกลาง", "password")
