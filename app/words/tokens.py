"""Words about the NHSO tokens kept in the OS keyring."""

from __future__ import annotations

from app.message import Message

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
