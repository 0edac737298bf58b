"""Words of the day list (the window's list of the day's visits)."""

from __future__ import annotations

from app.message import Message

SEARCH_PLACEHOLDER = Message(
    "ค้นหา: เลขบัตร, HN, Claim Code หรือชื่อ (ลูกศรลง = ไปที่รายการ)",
    "search (Down: to the list)",
)
NO_ROW = Message(
    "ยังไม่ได้เลือกแถว — กดลูกศรลงเพื่อเลือกรายการ", "No row selected: press Down to pick one."
)
NO_CODE = Message(
    "แถวที่เลือกยังไม่มี Claim Code — ลองขอรหัสใหม่ได้ด้วย Ctrl+R",
    "The selected visit has no claim code; Ctrl+R retries it.",
)
NOT_RETRYABLE = Message("แถวที่เลือกได้รหัสแล้ว ไม่ต้องขอใหม่", "The selected visit already has its code.")


def counts(total: int, with_code: int, failed: int, verified: int) -> str:
    return f"{total} ราย · ได้รหัส {with_code} · ไม่สำเร็จ {failed} · ตรงกับ สปสช. {verified}"
