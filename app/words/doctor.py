"""`authen-desk doctor`: what it tells clinic IT."""

from __future__ import annotations

from app.message import Message


def capture_written(target: object) -> Message:
    return Message(
        f"บันทึกผลการติดต่อ Agent ไว้ที่ {target} (ไม่มีข้อมูลส่วนบุคคล) — ส่งไฟล์นี้ให้ผู้พัฒนา",
        f"Agent exchange recorded in {target} (personal values masked) — send it back.",
    )


def checks_failed(count: int) -> Message:
    """The verdict of `doctor` / `--self-test` when something failed."""
    return Message(f"ไม่ผ่าน {count} รายการ", f"{count} check(s) FAILED")


ALL_CHECKS_PASSED = Message("ผ่านทุกรายการ", "all checks passed")
ALL_WELL = Message("ทุกส่วนพร้อมใช้งาน", "all well")
PROBLEMS_FOUND = Message("พบปัญหา", "problems found")
