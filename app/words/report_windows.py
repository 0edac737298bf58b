"""Words of the window's report dialogs: export, verify-day, reconcile."""

from __future__ import annotations

from app.message import Message

EXPORT_TITLE = Message("ส่งออกรายการเป็น Excel", "Export to Excel")
VERIFY_TITLE = Message("ตรวจสอบรหัสกับ สปสช.", "Verify with NHSO")
RECONCILE_TITLE = Message("เทียบกับรายงานของ สปสช.", "Reconcile with NHSO's report")
DATES_REVERSED = Message("วันที่เริ่มต้องไม่หลังวันที่สิ้นสุด", "The first date must not be after the last.")
EXPORT_CANCELLED = Message("หยุดแล้ว ไม่ได้บันทึกไฟล์", "Cancelled; no file was written.")
VERIFY_PACE = Message("ถามทีละราย ไม่เกิน 5 รายต่อวินาที", "one person at a time, at most 5 a second")
RECONCILED = Message("เทียบเสร็จแล้ว", "Compared.")
READING = Message("กำลังอ่าน…", "reading…")
# The window's wording of "hospital code not set": where to set it on screen, not a command.
HCODE_NOT_SET = Message(
    "ยังไม่ได้ตั้งรหัสหน่วยบริการ 5 หลัก — ตั้งที่ ตั้งค่า → ตั้งค่าคลินิก (Ctrl+,) แล้วลองอีกครั้ง",
    "The 5-digit hospital code is not set: set it in Settings → Clinic settings (Ctrl+,), "
    "then try again.",
)


def exported(rows: int, path: object) -> Message:
    return Message(f"บันทึก {rows} รายการใน {path}", f"Wrote {rows} visits to {path}")


def verify_progress(done: int, total: int) -> Message:
    return Message(f"ตรวจแล้ว {done} จาก {total}", f"checked {done} of {total}")


def skipped_rows(skipped: int) -> Message:
    return Message(f"ข้ามแถวที่อ่านไม่ได้ {skipped} แถว", f"skipped {skipped} rows")


def imported(added: int) -> Message:
    return Message(
        f"เพิ่มลงบันทึก {added} รายการ (นำเข้าจาก สปสช.)",
        f"Added {added} visits to the log (imported from NHSO).",
    )
