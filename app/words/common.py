"""Sentences every area shares: files, the unexpected. (Dates typed on a command line:
app/words/dates.py.)"""

from __future__ import annotations

from app.message import Message

UNEXPECTED = Message(
    "เกิดข้อผิดพลาดที่ไม่คาดคิด — ลองอีกครั้ง หากยังเกิดซ้ำให้แจ้งผู้ดูแลระบบพร้อมไฟล์บันทึก",
    "Something unexpected went wrong — try again; if it repeats, give IT the log file.",
)


def file_not_found(path: object) -> Message:
    return Message(f"ไม่พบไฟล์ {path}", f"File not found: {path}.")


def file_not_written(reason: object) -> Message:
    return Message(f"เขียนไฟล์ไม่ได้: {reason}", f"cannot write the file: {reason}")


def as_given(text: str) -> Message:
    """An error that carries no wording of its own: its text, in both places."""
    return Message(text, text)


def logs_not_written(reason: object) -> Message:
    return Message(
        f"เขียนไฟล์บันทึกการทำงานไม่ได้ ({reason}) — แสดงคำเตือนทางหน้าจอแทน",
        f"cannot write logs ({reason}); warnings go to stderr instead",
    )
