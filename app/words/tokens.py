"""NHSO tokens kept in the OS keyring."""

from __future__ import annotations

from app.message import Message

KEYRING_UNAVAILABLE = Message(
    "ไม่มี keyring ของระบบที่ใช้ได้ (หรือถูกล็อกอยู่) จึงไม่เก็บ Token — ติดตั้งหรือปลดล็อกก่อน",
    "No usable OS keyring (or it is locked), so the token was not stored — install "
    "or unlock one first.",
)


def token_not_set(kind: str) -> Message:
    """The one wording for a missing token, whoever needs it (window, verify-day, doctor)."""
    return Message(
        f"ยังไม่ได้ตั้ง Token {kind} — เจ้าหน้าที่ลงชื่อเข้าใช้ (F2) แล้วเปิด "
        f"ตั้งค่า → Token (Ctrl+T) หรือผู้ดูแลระบบใช้ authen-desk token set {kind}",
        f"The {kind} token is not set — a signed-in staff member opens "
        f"Settings → Tokens (Ctrl+T), or IT runs authen-desk token set {kind}.",
    )


INVALID_TOKEN = Message(
    "Token ไม่ถูกต้อง — Token ของ สปสช. มีรูปแบบ xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
    "Not an NHSO token — they look like xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.",
)


# What `token status` and the token dialog show for a stored value that is no token.
STORED_TOKEN_DAMAGED_STATUS = Message("ไม่ถูกต้อง — ตั้งใหม่", "damaged — set it again")


def stored_token_damaged(kind: str) -> Message:
    return Message(
        f"Token {kind} ที่เก็บไว้ไม่ถูกต้อง (มีตัวขึ้นบรรทัดใหม่ อักขระควบคุม หรือยาวเกินไป) "
        "จึงไม่ได้ส่งไป สปสช. — ตั้ง Token ใหม่: ตั้งค่า → Token (Ctrl+T) หรือ authen-desk token set",
        f"The stored {kind} token is not a valid NHSO token (a line break, a control "
        "character or far too long), so nothing was sent to NHSO — set it again: Settings → "
        "Tokens (Ctrl+T), or authen-desk token set.",
    )
