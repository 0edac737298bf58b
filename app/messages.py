"""One Thai sentence (and its English twin) per error, with what to do next."""

from __future__ import annotations

from dataclasses import dataclass

from cardreader import errors as card_errors


@dataclass(frozen=True)
class Message:
    th: str
    en: str

    def one_line(self) -> str:
        return f"{self.th} / {self.en}"


_CARD_MESSAGES: list[tuple[type[BaseException], Message]] = [
    (
        card_errors.CardChanged,
        Message(
            "บัตรในเครื่องอ่านเปลี่ยนไปแล้ว — เสียบบัตรที่ต้องการแล้วลองใหม่",
            "A different card is now in the reader — insert the right card and try again.",
        ),
    ),
    (
        card_errors.PcscServiceGone,
        Message(
            "บริการเครื่องอ่านบัตร (PC/SC) ไม่ทำงาน — เสียบเครื่องอ่านบัตร หรือเปิดบริการ Smart Card แล้วลองอีกครั้ง",
            "The smart-card service (PC/SC) is not running — plug in a reader or start the "
            "Smart Card service, then try again.",
        ),
    ),
    (
        card_errors.NoReader,
        Message(
            "ไม่พบเครื่องอ่านบัตร — เสียบเครื่องอ่านบัตรแล้วลองอีกครั้ง",
            "No card reader found — plug in the reader and try again.",
        ),
    ),
    (
        card_errors.NoCard,
        Message(
            "ไม่มีบัตรในเครื่องอ่าน — เสียบบัตรประชาชนโดยหันชิปเข้าเครื่อง",
            "There is no card in the reader — insert the ID card, chip first.",
        ),
    ),
    (
        card_errors.CardRemoved,
        Message(
            "บัตรถูกดึงออกระหว่างอ่าน — เสียบบัตรค้างไว้จนอ่านเสร็จ",
            "The card was pulled out during the read — insert it again and leave it in.",
        ),
    ),
    (
        card_errors.CardUnresponsive,
        Message(
            "บัตรไม่ตอบสนอง — ถอดบัตร เช็ดชิป แล้วเสียบใหม่ให้ถูกด้าน",
            "The card does not respond — take it out, wipe the chip, insert it the right way up.",
        ),
    ),
    (
        card_errors.CardBusy,
        Message(
            "โปรแกรมอื่นกำลังใช้บัตรอยู่ — รอสักครู่แล้วลองอีกครั้ง",
            "Another program is using the card — wait a moment and try again.",
        ),
    ),
    (
        card_errors.NotThaiIdCard,
        Message(
            "บัตรนี้ไม่ใช่บัตรประจำตัวประชาชน — ใช้บัตรประชาชนไทยแบบมีชิป",
            "This is not a Thai national ID card — use a chip ID card.",
        ),
    ),
    (
        card_errors.CardDataInvalid,
        Message(
            "อ่านข้อมูลบัตรไม่ถูกต้อง — ถอดบัตรแล้วเสียบใหม่ หากยังไม่ได้ให้ใช้เครื่องอ่านอื่น",
            "The card's data came back damaged — reinsert the card; if it persists, "
            "try another reader.",
        ),
    ),
]

UNEXPECTED = Message(
    "เกิดข้อผิดพลาดที่ไม่คาดคิด — ลองอีกครั้ง หากยังเกิดซ้ำให้แจ้งผู้ดูแลระบบพร้อมไฟล์บันทึก",
    "Something unexpected went wrong — try again; if it repeats, give IT the log file.",
)


def message_for(error: BaseException) -> Message:
    for kind, message in _CARD_MESSAGES:
        if isinstance(error, kind):
            return message
    return UNEXPECTED
