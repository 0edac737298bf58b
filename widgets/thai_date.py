"""A date field in the Buddhist era, like every other date the program shows (3/12/2569).

Qt has no Buddhist calendar, so the field keeps a Gregorian QDate and only its text is in
พ.ศ.: `textFromDateTime` writes the year + 543, `validate` / `dateTimeFromText` read it
back. The calendar popup is Qt's (month names in Thai from the Thai locale); its year
heading is the one place a Christian year remains.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDateEdit, QWidget

BUDDHIST_OFFSET = 543
_FULL = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_PARTIAL = re.compile(r"^\s*\d{0,2}(/\d{0,2}(/\d{0,4})?)?\s*$")


def buddhist_text(day: QDate) -> str:
    return f"{day.day():02d}/{day.month():02d}/{day.year() + BUDDHIST_OFFSET}"


def parse_buddhist(text: str) -> QDate | None:
    found = _FULL.match(text)
    if found is None:
        return None
    day, month, year = (int(part) for part in found.groups())
    value = QDate(year - BUDDHIST_OFFSET, month, day)
    return value if value.isValid() else None


class ThaiDateEdit(QDateEdit):
    def __init__(self, day: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLocale(QLocale(QLocale.Language.Thai, QLocale.Country.Thailand))
        self.setDisplayFormat("dd/MM/yyyy")  # the sections the arrow keys step through
        self.setCalendarPopup(True)
        self.setToolTip("วัน/เดือน/ปี พ.ศ. — ลูกศรขึ้น/ลงเปลี่ยนค่า, Alt+ลง เปิดปฏิทิน")
        if day is not None:
            self.setDate(day)

    def textFromDateTime(self, value: QDateTime) -> str:
        return buddhist_text(value.date())

    def dateTimeFromText(self, text: str) -> QDateTime:
        day = parse_buddhist(text)
        return QDateTime(day if day is not None else self.date(), QTime(0, 0))

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        day = parse_buddhist(text)
        if day is not None and self.minimumDate() <= day <= self.maximumDate():
            return QValidator.State.Acceptable, text, pos
        if _PARTIAL.match(text) or _FULL.match(text):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def fixup(self, text: str) -> str:
        return buddhist_text(self.date()) if parse_buddhist(text) is None else text
