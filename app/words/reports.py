"""Reports: the Excel export, the staff list and the reconcile with NHSO's own file."""

from __future__ import annotations

from app.message import Message


def visit_log_unreadable(name: str, detail: str) -> Message:
    return Message(
        f"อ่านบันทึกการขอรหัสไม่ได้ ({name}) — แจ้งผู้ดูแลระบบพร้อมไฟล์บันทึก",
        f"Cannot read the visit log ({name}: {detail}) — tell IT and give them the log file.",
    )


def nhso_export_unreadable(name: str, detail: str) -> Message:
    return Message(
        f"เปิดไฟล์ {name} ไม่ได้ — ต้องเป็นไฟล์ .xlsx “รายงานการขอ Authen code” จาก สปสช. ({detail})",
        f"Cannot open {name}: it must be NHSO's “รายงานการขอ Authen code” .xlsx export ({detail}).",
    )


def not_nhso_export(missing_headers: str) -> Message:
    return Message(
        f"ไฟล์นี้ไม่ใช่ “รายงานการขอ Authen code” ของ สปสช. — ไม่พบหัวคอลัมน์ {missing_headers}",
        f"This is not NHSO's “รายงานการขอ Authen code” export: missing column header(s) "
        f"{missing_headers}.",
    )


def staff_list_written(count: int, target: object) -> Message:
    return Message(
        f"บันทึกรายชื่อเจ้าหน้าที่ {count} คนใน {target} — กรอกช่องสีเหลืองก่อนส่ง",
        f"wrote {count} staff to {target}; fill in the yellow cells before sending",
    )


def visits_written(rows: int, target: object) -> Message:
    return Message(f"บันทึก {rows} รายการใน {target}", f"wrote {rows} visits to {target}")


def rows_skipped(count: int) -> Message:
    """Rows of NHSO's file whose ID or date could not be read."""
    return Message(
        f"ข้ามแถวที่อ่านเลขบัตรหรือวันที่ไม่ได้ {count} แถว",
        f"skipped {count} rows with an unreadable CID or date",
    )


def no_codes_of_hospital(hcode: str) -> Message:
    return Message(
        f"ไฟล์นี้ไม่มีรายการของหน่วยบริการ {hcode}", f"the file holds no codes of hospital {hcode}"
    )


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
