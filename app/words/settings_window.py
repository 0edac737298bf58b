"""Words of the clinic settings dialog and its service."""

from __future__ import annotations

from app.message import Message

SAVING = Message("กำลังบันทึก…", "Saving…")
HCODE_EMPTY = Message(
    "รหัสหน่วยบริการยังว่าง — ต้องใส่ก่อนขอ Claim Code ได้",
    "The hospital code is empty: it is needed before any claim code.",
)
# What is wrong with a typed value, said for the field it is under.
FIELD_PROBLEMS = {
    "hcode": Message("รหัสหน่วยบริการต้องเป็นตัวเลข 5 หลัก เช่น 12345",
                     "The hospital code is 5 digits, e.g. 12345."),
    "agent_url": Message(
        "ที่อยู่ Agent ต้องขึ้นต้นด้วย http:// หรือ https:// เช่น http://localhost:8189",
        "The agent's address starts with http:// or https://, e.g. http://localhost:8189.",
    ),
    "hospital_name": Message("ชื่อหน่วยบริการยาวเกินไป", "The clinic's name is too long."),
}  # fmt: skip
