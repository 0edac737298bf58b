"""Words about the files the program reads and writes."""

from __future__ import annotations

from app.message import Message

KIND_TH = {
    "folder": "โฟลเดอร์",
    "FIFO": "ท่อข้อมูล (FIFO)",
    "device": "อุปกรณ์",
    "socket": "ซ็อกเก็ต",
    "symbolic link": "ลิงก์ (symbolic link)",
    "special file": "ไฟล์พิเศษ",
}


def not_a_file_to_write(path: str, kind: str) -> Message:
    return Message(
        f"ไม่บันทึกทับ {path} เพราะเป็น{KIND_TH.get(kind, kind)} ไม่ใช่ไฟล์ธรรมดา — เลือกชื่อไฟล์ใหม่",
        f"Not writing to {path}: it is a {kind}, not a regular file — choose another file name.",
    )


def not_a_file_to_read(path: str, kind: str) -> Message:
    return Message(
        f"อ่าน {path} ไม่ได้ เพราะเป็น{KIND_TH.get(kind, kind)} ไม่ใช่ไฟล์ธรรมดา "
        "— ย้ายหรือลบสิ่งนั้นออก แล้วลองใหม่",
        f"Cannot read {path}: it is a {kind}, not a regular file — move or delete it, then "
        "try again.",
    )


def no_such_folder(folder: str) -> Message:
    return Message(
        f"ไม่พบโฟลเดอร์ {folder} — เลือกที่บันทึกไฟล์ใหม่",
        f"The folder {folder} does not exist — choose another place to save.",
    )


def cannot_write(path: str, reason: str) -> Message:
    return Message(
        f"บันทึกไฟล์ {path} ไม่ได้ ({reason}) — ตรวจพื้นที่ดิสก์และสิทธิ์ของโฟลเดอร์",
        f"Cannot write {path} ({reason}) — check disk space and folder permissions.",
    )
