"""The patient as read from the card: photo, names, CID, dates, address."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedLayout,
    QWidget,
)

from app.thai_format import SEX_TH, thai_age, thai_date
from cardreader.cid import format_cid
from cardreader.model import IdCard
from widgets.style import ui_font

PHOTO_SIZE = (178, 218)


class PatientView(QFrame):
    """Shows one card, or a prompt to insert one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientCard")
        self._stack = QStackedLayout(self)

        self.placeholder = QLabel("กรุณาเสียบบัตรประชาชน\nInsert the patient's ID card")
        self.placeholder.setObjectName("placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setFont(ui_font(20))
        self._stack.addWidget(self.placeholder)

        details = QWidget()
        row = QHBoxLayout(details)
        row.setContentsMargins(20, 20, 20, 20)
        row.setSpacing(24)
        self.photo = QLabel("กำลังอ่านรูป…")
        self.photo.setObjectName("photo")
        self.photo.setFixedSize(*PHOTO_SIZE)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        self.name_th = QLabel()
        self.name_th.setFont(ui_font(24, bold=True))
        self.name_th.setWordWrap(True)
        self.name_en = QLabel()
        self.name_en.setFont(ui_font(14))
        self.cid = QLabel()
        self.cid.setFont(ui_font(22, bold=True))
        self.cid.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.name_th, 0, 0, 1, 2)
        grid.addWidget(self.name_en, 1, 0, 1, 2)
        grid.addWidget(self.cid, 2, 0, 1, 2)
        self._values: dict[str, QLabel] = {}
        rows = [
            ("birth", "วันเกิด"),
            ("age", "อายุ"),
            ("sex", "เพศ"),
            ("address", "ที่อยู่"),
            ("issued", "วันออกบัตร"),
            ("expiry", "วันบัตรหมดอายุ"),
        ]
        for index, (key, caption) in enumerate(rows, start=3):
            label = QLabel(caption)
            label.setObjectName("fieldLabel")
            label.setFont(ui_font(13))
            value = QLabel()
            value.setFont(ui_font(15))
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(label, index, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, index, 1)
            self._values[key] = value
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(rows) + 3, 1)
        row.addLayout(grid, 1)
        # A long address (160 bytes) or a large system font must scroll, never be cut off.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(details)
        details.setObjectName("patientDetails")
        self._stack.addWidget(scroll)
        self._details = scroll

    def value_text(self, key: str) -> str:
        return self._values[key].text()

    def show_card(self, card: IdCard) -> None:
        self.name_th.setText(card.name_th.full)
        self.name_en.setText(card.name_en.full)
        self.cid.setText(format_cid(card.cid))
        self._values["birth"].setText(thai_date(card.birth_date))
        self._values["age"].setText(thai_age(card.birth_date))
        self._values["sex"].setText(SEX_TH.get(card.sex, card.sex))
        self._values["address"].setText(card.address.one_line or "—")
        self._values["issued"].setText(thai_date(card.issue_date))
        self._values["expiry"].setText(thai_date(card.expiry_date))
        self.photo.setPixmap(QPixmap())
        self.photo.setText("กำลังอ่านรูป…")
        self._stack.setCurrentWidget(self._details)

    def show_photo(self, jpeg: bytes | None) -> None:
        pixmap = QPixmap()
        if jpeg and pixmap.loadFromData(jpeg, "JPG"):
            self.photo.setPixmap(
                pixmap.scaled(
                    self.photo.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.photo.setPixmap(QPixmap())
            self.photo.setText("ไม่มีรูป")

    def clear(self) -> None:
        self._stack.setCurrentWidget(self.placeholder)

    @property
    def showing_card(self) -> bool:
        return self._stack.currentWidget() is self._details
