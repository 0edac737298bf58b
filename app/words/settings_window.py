"""Words of the clinic settings dialog and its service."""

from __future__ import annotations

from app.message import Message


def settings_not_saved(reason: str) -> Message:
    return Message(
        f"บันทึกไฟล์ตั้งค่าไม่ได้ ({reason}) — ค่าเดิมยังใช้อยู่ แจ้งผู้ดูแลระบบ",
        f"The settings file could not be saved ({reason}); the old values stay in use — tell IT.",
    )
