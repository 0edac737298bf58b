"""The clinic's settings file and the values the desk cannot work without."""

from __future__ import annotations

from app.message import Message

# One wording and one exit code (78, CONFIG) wherever the hospital code is missing:
# authen, verify-day, reports, the window, doctor.
HCODE_NOT_SET = Message(
    "ยังไม่ได้ตั้งรหัสหน่วยบริการ 5 หลัก จึงยังขอ Claim Code ไม่ได้ — ตั้งที่เมนู ตั้งค่า → ตั้งค่าคลินิก "
    "หรือสั่ง authen-desk settings set hcode 12345",
    "The 5-digit hospital code is not set, so no claim code can be asked for — set it in "
    "Settings → Clinic settings, or run authen-desk settings set hcode 12345.",
)


def settings_ignored(problem: str) -> Message:
    """The settings file could not be used: the window and every command go on with the
    defaults (the window's banner should take this entry too)."""
    return Message(
        f"ไฟล์ตั้งค่าใช้ไม่ได้ จึงใช้ค่าเริ่มต้นไปก่อน — แจ้งผู้ดูแลระบบ ({problem})",
        f"The settings file cannot be used, so defaults are in use — tell IT ({problem}).",
    )


def settings_file_invalid(path: str, keys: tuple[str, ...], detail: str) -> Message:
    which = f" ({', '.join(keys)})" if keys else ""
    return Message(
        f"ไฟล์ตั้งค่า {path} มีค่าที่ไม่ถูกต้อง{which}: {detail} — ยังไม่ได้เปลี่ยนอะไร "
        "แก้ค่านั้นด้วย settings set หรือสั่งใหม่พร้อม --repair เพื่อตั้งเฉพาะค่านั้นกลับเป็นค่าเริ่มต้น",
        f"invalid settings file {path}{which}: {detail} — nothing changed; set that key, "
        "or run again with --repair to reset only the bad values to their defaults.",
    )


def setting_invalid(detail: str) -> Message:
    return Message(f"ค่าตั้งไม่ถูกต้อง: {detail}", f"invalid setting: {detail}")


def settings_not_saved(reason: str) -> Message:
    return Message(
        f"บันทึกไฟล์ตั้งค่าไม่ได้ ({reason}) — ค่าเดิมยังใช้อยู่ แจ้งผู้ดูแลระบบ",
        f"The settings file could not be saved ({reason}); the old values stay in use — tell IT.",
    )


def reset_to_defaults(keys: str) -> Message:
    return Message(f"ตั้งกลับเป็นค่าเริ่มต้น: {keys}", f"reset to defaults: {keys}")
