"""Reports: the Excel export, the staff list and the reconcile with NHSO's own file."""

from __future__ import annotations

from app.message import Message


def folder_missing(folder: object) -> Message:
    return Message(
        f"ไม่พบโฟลเดอร์ {folder} — เลือกที่บันทึกไฟล์ใหม่",
        f"The folder {folder} does not exist — choose another place to save.",
    )


def report_not_written(target: object, reason: str) -> Message:
    return Message(
        f"บันทึกไฟล์ {target} ไม่ได้ ({reason}) — ตรวจพื้นที่ดิสก์และสิทธิ์ของโฟลเดอร์",
        f"Cannot write {target} ({reason}) — check disk space and folder permissions.",
    )


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
