"""verify-day: checking the day's codes with NHSO."""

from __future__ import annotations

from app.message import Message


def day_checked(total: int, counts: dict[str, int], cancelled: bool) -> Message:
    th = (f"ตรวจ {total} ราย: ตรงกับ สปสช. {counts['verified']}, ไม่พบ {counts['not_found']}, "
          f"รหัสต่างกัน {counts['different']}, นำรหัสจาก สปสช. {counts['imported']}, "
          f"ตรวจไม่สำเร็จ {counts['error']}")  # fmt: skip
    en = (f"{total} visits: verified {counts['verified']}, not found {counts['not_found']}, "
          f"different {counts['different']}, imported {counts['imported']}, "
          f"errors {counts['error']}")  # fmt: skip
    if cancelled:
        th += " (หยุดก่อนครบ — สั่งตรวจอีกครั้งเพื่อตรวจส่วนที่เหลือ)"
        en += " (stopped early: run it again to check the rest)"
    return Message(th, en)
