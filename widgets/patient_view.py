"""The patient as read from the card: photo, names, CID, dates, address."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from app.thai_format import SEX_TH, thai_age, thai_date
from cardreader.cid import format_cid
from widgets.style import BetweenWordsLabel, ui_font

if TYPE_CHECKING:  # the card's data types load with the card's reading code
    from cardreader.model import IdCard

PHOTO_SIZE = (108, 132)  # the card photo's shape; small enough for a 1024x600 screen


class _CardDetails(QScrollArea):
    """The card's page: photo and names on top, its fields below; made when first needed."""

    def __init__(self) -> None:
        super().__init__()
        # Photo and names side by side on top, the card's fields below at full width: the
        # fast path (name, CID) stays at the top of a narrow window.
        details = QWidget()
        column = QVBoxLayout(details)
        column.setContentsMargins(14, 12, 14, 12)
        column.setSpacing(8)
        row = QHBoxLayout()
        row.setSpacing(16)
        column.addLayout(row)
        self.photo = QLabel("กำลังอ่านรูป…")
        self.photo.setObjectName("photo")
        self.photo.setFixedSize(*PHOTO_SIZE)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        # A Thai name breaks at its spaces, not inside a name (libthai: เกียรติ|ก้องสกุลวงศ์).
        self.name_th = BetweenWordsLabel()
        self.name_th.setFont(ui_font(19, bold=True))
        self.name_en = QLabel()
        self.name_en.setFont(ui_font(14))
        self.name_en.setWordWrap(True)
        self.cid = QLabel()
        self.cid.setFont(ui_font(18, bold=True))
        self.cid.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        names = QVBoxLayout()
        names.setSpacing(4)
        for label in (self.name_th, self.cid, self.name_en):  # name and CID first
            names.addWidget(label)
        names.addStretch(1)
        row.addLayout(names, 1)
        self.values: dict[str, QLabel] = {}
        self.address_label = BetweenWordsLabel()
        # Two short fields share a row (age and sex, issue and expiry): a short screen keeps
        # every row of the card in view beside the last codes.
        rows = [
            [("birth", "วันเกิด")],
            [("age", "อายุ"), ("sex", "เพศ")],
            [("address", "ที่อยู่")],
            [("issued", "วันออกบัตร"), ("expiry", "หมดอายุ")],
        ]
        for index, fields in enumerate(rows, start=3):
            line = QHBoxLayout()
            line.setSpacing(10)
            for number, (key, caption) in enumerate(fields):
                label = QLabel(caption)
                label.setObjectName("fieldLabel")
                label.setFont(ui_font(12))
                # the address breaks between its words (no taller than Qt's own breaks)
                value = self.address_label if key == "address" else QLabel()
                value.setFont(ui_font(13))
                value.setWordWrap(True)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                if number == 0:
                    grid.addWidget(label, index, 0, Qt.AlignmentFlag.AlignTop)
                else:
                    line.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
                line.addWidget(value, 1)
                self.values[key] = value
            grid.addLayout(line, index, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(rows) + 3, 1)
        column.addLayout(grid, 1)
        # A long address (160 bytes) or a large system font must scroll, never be cut off.
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(details)
        details.setObjectName("patientDetails")


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

        # The card's page is made when first needed (after the window's first frame, or
        # at the first card): the prompt is all the first frame shows.
        self._card: _CardDetails | None = None

    def prepare(self) -> None:
        """Make the card's page now, so the first card shows at once."""
        self._card_page()

    def _card_page(self) -> _CardDetails:
        if self._card is None:
            self._card = _CardDetails()
            self._stack.addWidget(self._card)
        return self._card

    @property
    def photo(self) -> QLabel:
        return self._card_page().photo

    @property
    def name_th(self) -> BetweenWordsLabel:
        return self._card_page().name_th

    @property
    def name_en(self) -> QLabel:
        return self._card_page().name_en

    @property
    def cid(self) -> QLabel:
        return self._card_page().cid

    @property
    def address_label(self) -> BetweenWordsLabel:
        return self._card_page().address_label

    def value_text(self, key: str) -> str:
        if key == "address":
            return self.address_label.whole_text()
        return self._card_page().values[key].text()

    def show_card(self, card: IdCard) -> None:
        page = self._card_page()
        self.name_th.set_text(card.name_th.full)
        self.name_en.setText(card.name_en.full)
        self.cid.setText(format_cid(card.cid))
        page.values["birth"].setText(thai_date(card.birth_date))
        page.values["age"].setText(thai_age(card.birth_date))
        page.values["sex"].setText(SEX_TH.get(card.sex, card.sex))
        self.address_label.set_text(card.address.one_line or "—")
        page.values["issued"].setText(thai_date(card.issue_date))
        page.values["expiry"].setText(thai_date(card.expiry_date))
        self.photo.setPixmap(QPixmap())
        self.photo.setText("กำลังอ่านรูป…")
        self._stack.setCurrentWidget(page)

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

    def needed_height(self) -> int:
        """The height that shows every row of the card (or the prompt) without scrolling."""
        if not self.showing_card:
            return self.placeholder.minimumSizeHint().height()
        page = self._card_page()
        details = page.widget()
        layout = details.layout() if details is not None else None
        if layout is None:
            return self.height()
        layout.activate()
        chrome = self.height() - page.viewport().height()
        return layout.totalHeightForWidth(page.viewport().width()) + max(0, chrome)

    @property
    def details_scroll_max(self) -> int:
        """How far the card's rows scroll: 0 when all of them show."""
        return 0 if self._card is None else self._card.verticalScrollBar().maximum()

    @property
    def showing_card(self) -> bool:
        return self._card is not None and self._stack.currentWidget() is self._card
