"""The PIN dialog: four masked digits, numeric keypad and Enter, status above the field."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import Message
from app.words import desk as words
from widgets.style import ui_font

PIN_DIALOG_STYLE = """
QLabel#pinStatusWarn { background: #fff4d6; color: #6b4a00; border: 1px solid #e8c766;
                       border-radius: 6px; padding: 8px 10px; }
QLabel#pinStatusBad { background: #fde7e9; color: #8a1c24; border: 1px solid #f4b6bc;
                      border-radius: 6px; padding: 8px 10px; }
QLabel#pinStatusOk { background: #e6f4ea; color: #14532d; border: 1px solid #9bd3ae;
                     border-radius: 6px; padding: 8px 10px; }
QLineEdit#pinField { letter-spacing: 12px; padding: 6px; }
"""


DIALOG_WIDTH = 560
LAST_TRY = words.PIN_LAST_TRY


class PinDialog(QDialog):
    """Emits `pin_entered` with the PIN as a bytearray (the receiver wipes it)."""

    pin_entered = Signal(object)

    def __init__(
        self,
        staff_name: str,
        status: Message | None,
        parent: QWidget | None = None,
        last_try: bool = False,
    ):
        """`last_try`: one more wrong PIN and the card must have its PIN re-issued — the
        first Enter only warns, in plain words; the second sends."""
        super().__init__(parent)
        self.setWindowTitle("ยืนยันตัวตนเจ้าหน้าที่ — Staff PIN")
        self.setStyleSheet(PIN_DIALOG_STYLE)
        self.setFont(ui_font(13))
        # One width throughout: typing, a status line or a warning never makes it jump.
        self.setFixedWidth(DIALOG_WIDTH)
        self._last_try = last_try
        self._warned = False
        column = QVBoxLayout(self)
        # Grow with the status text: a clipped warning about a card lock is worse than none.
        column.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        column.setSpacing(14)
        column.setContentsMargins(24, 20, 24, 20)

        who = QLabel(staff_name)
        who.setFont(ui_font(20, bold=True))
        who.setWordWrap(True)
        column.addWidget(who)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setFont(ui_font(13))
        column.addWidget(self.status)

        self.prompt = QLabel("ใส่ PIN 4 หลักของบัตรประชาชน แล้วกด Enter")
        self.prompt.setFont(ui_font(15))
        column.addWidget(self.prompt)

        self.field = QLineEdit()
        self.field.setObjectName("pinField")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(4)
        self.field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}")))
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setFont(ui_font(32, bold=True))
        self.field.setMinimumHeight(72)
        self.field.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        column.addWidget(self.field)

        buttons = QHBoxLayout()
        self.cancel_button = QPushButton("ยกเลิก (Esc)")
        self.ok_button = QPushButton("ยืนยัน (Enter)")
        for button in (self.cancel_button, self.ok_button):
            button.setFont(ui_font(14, bold=True))
            button.setMinimumHeight(48)
        self.ok_button.setDefault(True)
        self.ok_button.setEnabled(False)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        column.addLayout(buttons)

        self.field.textChanged.connect(self._on_field_text_changed)
        self.ok_button.clicked.connect(self._on_ok_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self._set_status(status, "pinStatusWarn")

    def _set_status(self, message: Message | None, kind: str) -> None:
        if message is None:
            self.status.hide()
            return
        self.status.setObjectName(kind)
        self.status.setStyleSheet("")
        self.status.setText(f"{message.th}\n{message.en}")
        self.status.show()
        width = DIALOG_WIDTH - 48
        self.status.setMinimumHeight(self.status.heightForWidth(width))
        self.adjustSize()

    def _on_field_text_changed(self, text: str) -> None:
        self.ok_button.setEnabled(len(text) == 4 and self.field.isEnabled())

    def _on_ok_clicked(self) -> None:
        if len(self.field.text()) != 4:
            return
        if self._last_try and not self._warned:
            self._warned = True
            self._set_status(LAST_TRY, "pinStatusBad")
            self.ok_button.setText("ส่ง PIN (Enter)")
            self.field.setFocus()
            return
        pin = bytearray(self.field.text().encode("ascii"))
        self.field.clear()  # the PIN lives on only in the bytearray the receiver wipes
        self.field.setEnabled(False)
        self.ok_button.setEnabled(False)
        self._set_status(words.PIN_CHECKING, "pinStatusWarn")
        self.pin_entered.emit(pin)

    def arm_last_try(self) -> None:
        """The next PIN is the last before the 3-failure stop: warn before sending it."""
        self._last_try, self._warned = True, False

    def show_result(self, message: Message, ok: bool, may_retry: bool) -> None:
        if ok:
            self._set_status(message, "pinStatusOk")
            self.accept()
            return
        self._set_status(message, "pinStatusBad")
        self.field.setEnabled(may_retry)
        if may_retry:
            self.field.setFocus()
        else:  # nothing more may be typed for this card: no field that invites it
            self.prompt.hide()
            self.field.hide()
            self.ok_button.hide()
            self.cancel_button.setText("ปิด (Esc)")
            self.cancel_button.setFocus()
            self.adjustSize()


def show_refusal(parent: QWidget | None, message: Message) -> QMessageBox:
    """The dialog's stand-in for a card the rules forbid: it explains, it takes no PIN."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("ห้ามใส่ PIN กับบัตรใบนี้ — PIN not allowed")
    box.setFont(ui_font(14))
    box.setText(message.th)
    box.setInformativeText(message.en)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    close = box.button(QMessageBox.StandardButton.Close)
    close.setText("ปิด (Close)")
    close.setFont(ui_font(13, bold=True))
    box.open()
    return box
