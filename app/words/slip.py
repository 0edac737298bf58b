"""Words of printing and saving the claim-code slip."""

from __future__ import annotations

from app.message import Message

PRINT_DIALOG_TITLE = "พิมพ์ใบ Claim Code"
PDF_DIALOG_TITLE = "บันทึกใบ Claim Code เป็น PDF"
NO_PRINTER = Message(
    "ไม่พบเครื่องพิมพ์ของเครื่องนี้ — กด Ctrl+S เพื่อบันทึกใบเป็น PDF แทน หรือแจ้งผู้ดูแลระบบ",
    "No printer on this computer: press Ctrl+S to save the slip as a PDF, or tell IT.",
)
NOTHING_TO_PRINT = Message("ไม่มี Claim Code บนหน้าจอให้พิมพ์", "No claim code on screen to print.")
NOTHING_TO_SAVE = Message("ไม่มี Claim Code บนหน้าจอให้บันทึก", "No claim code on screen to save.")


def printer_missing(name: str) -> Message:
    return Message(
        f"ไม่พบเครื่องพิมพ์ “{name}” ที่ตั้งไว้ — ตรวจว่าเปิดเครื่องและต่อสายแล้ว "
        "หรือเลือกเครื่องใหม่ในตั้งค่าคลินิก (Ctrl+,) ระหว่างนี้กด Ctrl+S บันทึกเป็น PDF ได้",
        f"The slip printer “{name}” is not found: check it is on and connected, or choose "
        "another in Clinic settings (Ctrl+,); Ctrl+S saves the slip as a PDF meanwhile.",
    )


def printed(code: str, printer: str) -> Message:
    return Message(f"ส่งใบ {code} ไปที่ {printer} แล้ว", f"Sent {code} to {printer}.")


def print_failed(printer: str) -> Message:
    return Message(
        f"พิมพ์ไปที่ {printer} ไม่ได้ — ตรวจเครื่องพิมพ์ หรือกด Ctrl+S บันทึกเป็น PDF",
        f"Could not print on {printer}: check the printer, or press Ctrl+S to save a PDF.",
    )


def saved_pdf(path: str) -> Message:
    return Message(f"บันทึก PDF ไว้ที่ {path} แล้ว", f"Saved as PDF at {path}.")


def pdf_failed(path: str, reason: str) -> Message:
    return Message(
        f"บันทึก PDF ที่ {path} ไม่ได้ ({reason}) — เลือกโฟลเดอร์อื่น",
        f"Could not save the PDF at {path} ({reason}); choose another folder.",
    )
