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

# --- what IT does about a broken part (doctor's fix column) ---------------------------------
START_SMART_CARD_SERVICE = Message(
    "เปิดบริการ Smart Card (Windows) หรือ pcscd (Linux)", "start the smart-card service"
)
PLUG_IN_A_READER = Message("เสียบเครื่องอ่านบัตร", "plug in a card reader")
SET_THE_DATE = Message("ตั้งวันเวลาเครื่อง", "set the date and time")
SET_THE_CLOCK = Message(
    "ตั้งเวลาเครื่องให้ตรง (วันที่ของ Claim Code และ TLS ขึ้นกับเวลา)",
    "set the clock; claim dates and TLS depend on it",
)
INSTALL_A_KEYRING = Message("ติดตั้ง/ปลดล็อก keyring ของระบบ", "install or unlock the OS keyring")
REPAIR_SETTINGS = Message(
    "authen-desk settings set <key> <value> (หรือเพิ่ม --repair)",
    "set the named key again, or add --repair to reset only the bad ones",
)
CHECK_DISK_AND_PERMISSIONS = Message(
    "ตรวจพื้นที่ดิสก์และสิทธิ์เขียนโฟลเดอร์", "check disk space and folder permissions"
)
KEEP_A_COPY = Message("คัดลอกไฟล์สำรองไว้แล้วแจ้งผู้พัฒนา", "keep a copy and call support")
FOLD_THE_JOURNAL = Message(
    "ซ่อมฐานข้อมูลแล้วเปิดโปรแกรม ห้ามลบไฟล์นี้",
    "mend the database, then start the program: it folds them in; never delete that file",
)
MAKE_THE_MACHINE_FOLDER = Message(
    "สร้างโฟลเดอร์กลางของเครื่องให้ผู้ใช้ทุกคนเขียนได้ (README: Where files go)",
    "create the machine-wide folder writable by all users",
)
RESET_PIN_COUNTS = Message(
    "ตรวจบัตรเจ้าหน้าที่ตาม README แล้วสั่ง",
    "check the staff cards (README: PIN safety), then: authen-desk pin-state reset "
    "--i-have-checked-the-cards",
)
