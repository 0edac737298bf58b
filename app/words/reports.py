"""Words of the reports: the visit export, the staff list, reconcile with NHSO's file."""

from __future__ import annotations

from app.message import Message


def nhso_file_refused(name: str, why_th: str, why_en: str) -> Message:
    return Message(
        f"ไม่อ่านไฟล์ {name} — {why_th} ไฟล์ “รายงานการขอ Authen code” จาก สปสช. ไม่เป็นแบบนี้ "
        "ดาวน์โหลดรายงานจากเว็บ สปสช. ใหม่ หรือเลือกช่วงวันที่สั้นลง",
        f"Not reading {name}: {why_en} NHSO's “รายงานการขอ Authen code” export is not like "
        "this — download the report from NHSO again, or a shorter date range.",
    )


def unreadable_dates(count: int) -> Message:
    return Message(
        f"อ่านวันที่เข้ารับบริการไม่ได้ {count} แถว — แถวเหล่านี้ไม่ถูกนำมาเทียบ ตรวจแถวนั้นในไฟล์ของ สปสช.",
        f"{count} row(s) have a service date that cannot be read — they are left out of the "
        "comparison; check them in NHSO's file.",
    )
