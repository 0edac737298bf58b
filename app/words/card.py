"""The ID card and its reader: what staff read when a read fails or a card is odd."""

from __future__ import annotations

from app.message import Message

CARD_CHANGED = Message(
    "บัตรในเครื่องอ่านเปลี่ยนไปแล้ว — เสียบบัตรที่ต้องการแล้วลองใหม่",
    "A different card is now in the reader — insert the right card and try again.",
)
PCSC_SERVICE_GONE = Message(
    "บริการเครื่องอ่านบัตร (PC/SC) ไม่ทำงาน — เสียบเครื่องอ่านบัตร หรือเปิดบริการ Smart Card แล้วลองอีกครั้ง",
    "The smart-card service (PC/SC) is not running — plug in a reader or start the "
    "Smart Card service, then try again.",
)
NO_READER = Message(
    "ไม่พบเครื่องอ่านบัตร — เสียบเครื่องอ่านบัตรแล้วลองอีกครั้ง",
    "No card reader found — plug in the reader and try again.",
)
NO_CARD = Message(
    "ไม่มีบัตรในเครื่องอ่าน — เสียบบัตรประชาชนโดยหันชิปเข้าเครื่อง",
    "There is no card in the reader — insert the ID card, chip first.",
)
CARD_REMOVED = Message(
    "บัตรถูกดึงออกระหว่างอ่าน — เสียบบัตรค้างไว้จนอ่านเสร็จ",
    "The card was pulled out during the read — insert it again and leave it in.",
)
CARD_UNRESPONSIVE = Message(
    "บัตรไม่ตอบสนอง — ถอดบัตร เช็ดชิป แล้วเสียบใหม่ให้ถูกด้าน",
    "The card does not respond — take it out, wipe the chip, insert it the right way up.",
)
CARD_BUSY = Message(
    "โปรแกรมอื่นกำลังใช้บัตรอยู่ — รอสักครู่แล้วลองอีกครั้ง",
    "Another program is using the card — wait a moment and try again.",
)
NOT_THAI_ID_CARD = Message(
    "บัตรนี้ไม่ใช่บัตรประจำตัวประชาชน — ใช้บัตรประชาชนไทยแบบมีชิป",
    "This is not a Thai national ID card — use a chip ID card.",
)
CARD_DATA_INVALID = Message(
    "อ่านข้อมูลบัตรไม่ถูกต้อง — ถอดบัตรแล้วเสียบใหม่ หากยังไม่ได้ให้ใช้เครื่องอ่านอื่น",
    "The card's data came back damaged — reinsert the card; if it persists, try another reader.",
)
NO_PHOTO = Message("บัตรนี้ไม่มีรูปถ่าย", "This card holds no photo.")


def photo_not_saved(reason: str) -> Message:
    return Message(
        f"บันทึกรูปไม่ได้ ({reason}) — เลือกที่เก็บไฟล์อื่น",
        f"Could not save the photo ({reason}) — choose another place.",
    )
