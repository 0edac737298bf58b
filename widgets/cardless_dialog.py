"""The card cannot be read: staff type the 13-digit ID. Checked as typed (check digit);
the dialog says first what NHSO does and does not allow without the card."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.words import desk as words
from cardreader.cid import is_valid_cid
from widgets.style import ui_font

EXPLAIN = words.CARDLESS_EXPLAIN.th  # English: words.CARDLESS_EXPLAIN.en, the tooltip


class CardlessDialog(QDialog):
    cid_entered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("ไม่มีบัตร / อ่านบัตรไม่ได้ — Typed ID")
        self.setFont(ui_font(12))
        column = QVBoxLayout(self)
        self.explain = QLabel(EXPLAIN)
        self.explain.setWordWrap(True)
        self.explain.setToolTip(words.CARDLESS_EXPLAIN.en)
        column.addWidget(self.explain)
        self.field = QLineEdit()
        self.field.setFont(ui_font(18, bold=True))
        self.field.setPlaceholderText("เลข 13 หลัก")
        self.field.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9 -]{0,17}")))
        column.addWidget(self.field)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #8a1c24;")
        self.problem.setWordWrap(True)
        column.addWidget(self.problem)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton("ยกเลิก (Esc)")
        self.ok_button = QPushButton("ค้นหาที่ สปสช. (Enter)")
        self.ok_button.setDefault(True)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        column.addLayout(buttons)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self._on_ok_clicked)
        self.field.textChanged.connect(self._check)
        self._check("")

    def showEvent(self, event: QShowEvent) -> None:
        self._fit()
        super().showEvent(event)

    def _fit(self) -> None:
        """The whole explanation, at every screen size: as wide as the screen allows (up to
        560), and as tall as its wrapped lines need — a dialog does not ask a wrapped label
        its height for the width it gets, so it is told."""
        screen = self.screen()
        free = screen.availableGeometry().width() - 40 if screen is not None else 560
        width = max(320, min(560, free))
        self.setFixedWidth(width)
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        inner = width - (margins.left() + margins.right() if margins is not None else 22)
        for label in (self.explain, self.problem):
            label.setMinimumHeight(max(0, label.heightForWidth(inner)))
        if layout is not None:
            layout.activate()
            height = max(layout.totalHeightForWidth(width), layout.totalMinimumSize().height())
            self.setMinimumHeight(height)
            self.resize(width, max(height, self.height()))

    @property
    def cid(self) -> str:
        return self.field.text().replace("-", "").replace(" ", "")

    def _check(self, _text: str) -> None:
        cid = self.cid
        good = is_valid_cid(cid)
        self.ok_button.setEnabled(good)
        if len(cid) == 13 and not good:
            self.problem.setText(words.CARDLESS_BAD_CHECK_DIGIT.th)
        elif len(cid) > 13:
            self.problem.setText(words.CARDLESS_TOO_LONG.th)
        else:
            self.problem.setText("")
        if self.isVisible():  # a wrapped line is never cut off
            self._fit()

    def _on_ok_clicked(self) -> None:
        if is_valid_cid(self.cid):
            self.cid_entered.emit(self.cid)
            self.accept()
