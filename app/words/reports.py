"""Words of the reports: the visit export, the staff list, reconcile with NHSO's file."""

from __future__ import annotations

from app.message import Message


def _refused(name: str, why_th: str, why_en: str) -> Message:
    return Message(
        f"ไม่อ่านไฟล์ {name} — {why_th} ไฟล์ “รายงานการขอ Authen code” จาก สปสช. ไม่เป็นแบบนี้ "
        "ดาวน์โหลดรายงานจากเว็บ สปสช. ใหม่ หรือเลือกช่วงวันที่สั้นลง",
        f"Not reading {name}: {why_en} NHSO's “รายงานการขอ Authen code” export is not like "
        "this — download the report from NHSO again, or a shorter date range.",
    )


def nhso_file_too_large(name: str, megabytes: int, limit: int) -> Message:
    return _refused(
        name, f"ไฟล์ใหญ่ {megabytes} MB เกิน {limit} MB", f"it is {megabytes} MB, over {limit} MB."
    )


def nhso_file_too_many_parts(name: str, parts: int) -> Message:
    return _refused(name, f"มีไฟล์ย่อย {parts} ไฟล์", f"it holds {parts} parts.")


def nhso_file_unpacks_too_large(name: str, megabytes: int) -> Message:
    return _refused(name, f"เมื่อแตกไฟล์จะใหญ่ {megabytes} MB", f"it would unpack to {megabytes} MB.")


def nhso_file_packed_too_tightly(name: str, part: str, ratio: float) -> Message:
    return _refused(
        name,
        f"ส่วน {part} ถูกบีบอัดไว้ {ratio:.0f} เท่า",
        f"its part {part} is packed {ratio:.0f} to 1.",
    )


def nhso_file_too_many_rows(name: str, limit: int) -> Message:
    return _refused(name, f"มีเกิน {limit:,} แถว", f"it holds more than {limit:,} rows.")


def unreadable_dates(count: int) -> Message:
    return Message(
        f"อ่านวันที่เข้ารับบริการไม่ได้ {count} แถว — แถวเหล่านี้ไม่ถูกนำมาเทียบ ตรวจแถวนั้นในไฟล์ของ สปสช.",
        f"{count} row(s) have a service date that cannot be read — they are left out of the "
        "comparison; check them in NHSO's file.",
    )
