"""Words of the NHSO token dialog (clinic IT's window onto the OS keyring)."""

from __future__ import annotations

from app.message import Message

CONNECTED = Message("เชื่อมต่อสำเร็จ", "Connected.")
NO_TOKEN = Message(
    "ยังไม่มี Token ให้ทดสอบ — วาง Token ในช่อง หรือบันทึก Token ก่อน",
    "No token to test: paste one in the field, or save one first.",
)
SAVED = Message("บันทึก Token แล้ว", "Tokens saved.")
CLEARED = Message("ลบ Token แล้ว", "Token cleared.")
NOT_IN_USERCONFIG = Message("ไม่พบ nhso.service.token ในไฟล์นี้", "No nhso.service.token in that file.")
IMPORTED = Message(
    "นำเข้า Token จาก Agent แล้ว — กด บันทึก เพื่อเก็บลง keyring",
    "Token imported from the agent — press Save to keep it in the keyring.",
)
TESTING = Message("กำลังทดสอบ…", "testing…")
CLEAR_TITLE = "ลบ Token"
CLEAR_YES = "ลบ Token"
CLEAR_NO = "ไม่ลบ"
NO_KEYRING = "ไม่พบที่เก็บรหัสผ่านที่ใช้ได้ — แจ้งผู้ดูแลระบบ / no usable keyring"
# What a clinic's IT person calls each keyring back-end (never a Python class name).
KEYRING_NAMES = {
    "keyring.backends.Windows": "Windows Credential Manager (ตัวจัดการข้อมูลประจำตัวของ Windows)",
    "keyring.backends.macOS": "macOS Keychain (พวงกุญแจของ macOS)",
    "keyring.backends.SecretService": "Secret Service (GNOME Keyring / KDE Wallet)",
    "keyring.backends.libsecret": "Secret Service (GNOME Keyring / KDE Wallet)",
    "keyring.backends.kwallet": "KDE Wallet",
    "keyring.backends.fail": NO_KEYRING,
}


def clear_question(label_th: str, kind: str) -> Message:
    return Message(
        f"ลบ {label_th} ออกจาก keyring ใช่หรือไม่? เมื่อลบแล้วต้องวาง Token ใหม่จึงจะใช้งานได้",
        f"Remove the {kind} token from the keyring? It must be pasted again before it can be used.",
    )


FINDING_KEYRING = "…"  # the keyring's name while a worker finds it


def kept_in(where: str | None) -> str:
    """`where`: the keyring in IT's words; None for one with no common name."""
    text = "Token เก็บไว้ในที่เก็บรหัสผ่านของระบบปฏิบัติการเท่านั้น ไม่บันทึกลงไฟล์"
    return f"{text} (ใช้อยู่: {where})" if where else text


def stored(masked: str) -> str:
    return f"บันทึกไว้แล้ว: {masked}"


NOT_SET = "ยังไม่มี Token / not set"


def test_agent(url: str) -> str:
    return f"ทดสอบ Agent ({url})"
