"""The Authen panel: rights, claim type, mobile, confirm → the claim code, large.

Keyboard first: number keys pick a claim type, Enter confirms, Ctrl+C copies the code,
Ctrl+P prints the slip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import Message
from widgets.style import ui_font

if TYPE_CHECKING:
    from app.authen.flow import AuthenOutcome, RightsCheck

PANEL_STYLE = """
QFrame#authenPanel { background: white; border: 1px solid #d0d7de; border-radius: 10px; }
QWidget#authenContent { background: white; }
QLabel#panelHint { color: #57606a; }
QLabel#rights { background: #eef6ff; border: 1px solid #b6d4fe; border-radius: 6px; padding: 8px; }
QLabel#panelError { background: #fde7e9; color: #8a1c24; border: 1px solid #f4b6bc;
                    border-radius: 6px; padding: 8px; }
QLabel#claimCode { color: #0a3069; background: #f0f7ff; border: 2px solid #54aeff;
                   border-radius: 8px; padding: 6px; }
QLabel#reusedNote { color: #6b4a00; }
QPushButton#confirmButton { background: #1f883d; color: white; border-radius: 8px;
                            min-height: 54px; }
QPushButton#confirmButton:disabled { background: #94d3a2; }
QRadioButton { padding: 4px; }
"""


class AuthenPanel(QFrame):
    confirm_requested = Signal(str, str, str)  # claim type, mobile, HN
    retry_rights_requested = Signal()
    copy_requested = Signal()
    print_requested = Signal()
    pdf_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("authenPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.setMinimumWidth(460)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(1, 1, 1, 1)
        # A long NHSO message or many claim types scroll; nothing is ever clipped.
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        content.setObjectName("authenContent")
        self._content = content
        self._scroll.setWidget(content)
        outer.addWidget(self._scroll)
        column = QVBoxLayout(content)
        column.setContentsMargins(18, 16, 18, 16)
        column.setSpacing(10)

        title = QLabel("ยืนยันตัวตนกับ สปสช. (Authen)")
        title.setFont(ui_font(16, bold=True))
        column.addWidget(title)
        self.hint = QLabel()
        self.hint.setObjectName("panelHint")
        self.hint.setFont(ui_font(13))
        self.hint.setWordWrap(True)
        column.addWidget(self.hint)
        # Errors go first: they decide what staff do next.
        self.error = QLabel()
        self.error.setObjectName("panelError")
        self.error.setFont(ui_font(13))
        self.error.setWordWrap(True)
        column.addWidget(self.error)
        self.rights = QLabel()
        self.rights.setObjectName("rights")
        self.rights.setFont(ui_font(12))
        self.rights.setWordWrap(True)
        column.addWidget(self.rights)

        self.claim_caption = QLabel("ประเภทการเข้ารับบริการ (กดตัวเลขเพื่อเลือก)")
        self.claim_caption.setFont(ui_font(13, bold=True))
        column.addWidget(self.claim_caption)
        self._claims_box = QVBoxLayout()
        column.addLayout(self._claims_box)
        self._claims = QButtonGroup(self)
        self._claims.setExclusive(True)
        for digit in range(1, 10):
            QShortcut(QKeySequence(str(digit)), self, lambda d=digit: self._pick_claim(d))

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.mobile = QLineEdit()
        self.mobile.setPlaceholderText("0812345678")
        self.mobile.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,10}")))
        self.hn = QLineEdit()
        self.hn.setMaxLength(20)
        self.hn.setPlaceholderText("ไม่บังคับ")
        for field in (self.mobile, self.hn):
            field.setFont(ui_font(16))
            field.setMinimumHeight(40)
            field.returnPressed.connect(self._on_confirm_clicked)
        self.staff = QLabel("-")
        self.staff.setFont(ui_font(13))
        form.addRow(self._form_label("เบอร์มือถือ"), self.mobile)
        form.addRow(self._form_label("HN"), self.hn)
        form.addRow(self._form_label("ผู้ให้บริการ"), self.staff)
        self._form = QWidget()
        self._form.setLayout(form)
        column.addWidget(self._form)

        self.confirm_button = QPushButton("ยืนยันและขอ Claim Code (Enter)")
        self.confirm_button.setObjectName("confirmButton")
        self.confirm_button.setFont(ui_font(16, bold=True))
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        column.addWidget(self.confirm_button)
        self.retry_button = QPushButton("ตรวจสอบสิทธิอีกครั้ง")
        self.retry_button.setFont(ui_font(13, bold=True))
        self.retry_button.clicked.connect(self.retry_rights_requested)
        column.addWidget(self.retry_button)

        self.code_caption = QLabel("Claim Code")
        self.code_caption.setFont(ui_font(13, bold=True))
        column.addWidget(self.code_caption)
        self.code = QLabel()
        self.code.setObjectName("claimCode")
        self.code.setFont(ui_font(34, bold=True))
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.code)
        self.reused_note = QLabel()
        self.reused_note.setObjectName("reusedNote")
        self.reused_note.setFont(ui_font(12))
        self.reused_note.setWordWrap(True)
        column.addWidget(self.reused_note)
        code_buttons = QHBoxLayout()
        self.copy_button = QPushButton("คัดลอก (Ctrl+C)")
        self.print_button = QPushButton("พิมพ์ (Ctrl+P)")
        self.pdf_button = QPushButton("บันทึก PDF")
        for button in (self.copy_button, self.print_button, self.pdf_button):
            button.setFont(ui_font(13, bold=True))
            button.setMinimumHeight(44)
            code_buttons.addWidget(button)
        self.copy_button.clicked.connect(self.copy_requested)
        self.print_button.clicked.connect(self.print_requested)
        self.pdf_button.clicked.connect(self.pdf_requested)
        column.addLayout(code_buttons)
        column.addStretch(1)
        QShortcut(QKeySequence.StandardKey.Print, self, self._on_print_shortcut)
        # Ctrl+C copies the code while it is shown; text fields keep their own Ctrl+C.
        QShortcut(QKeySequence.StandardKey.Copy, self, self._on_copy_shortcut)
        self._code_widgets = (
            self.code_caption, self.code, self.copy_button, self.print_button, self.pdf_button,
        )  # fmt: skip
        self.show_waiting()

    @staticmethod
    def _form_label(text: str) -> QLabel:
        label = QLabel(text)
        label.setFont(ui_font(13))
        return label

    # --- states --------------------------------------------------------------------
    def _show(self, *, rights: bool, form: bool, code: bool, error: Message | None) -> None:
        self.rights.setVisible(rights)
        for widget in (self.claim_caption, self._form, self.confirm_button):
            widget.setVisible(form)
        for button in self._claims.buttons():
            button.setVisible(form)
        for widget in self._code_widgets:
            widget.setVisible(code)
        self.reused_note.setVisible(code and bool(self.reused_note.text()))
        self.retry_button.setVisible(False)
        if error is None:
            self.error.hide()
        else:
            self.error.setText(f"{error.th}\n{error.en}")
            self.error.show()
        self._fit()

    def _fit(self) -> None:
        """A scroll area sizes its content without height-for-width, which squeezes
        wrapped labels into each other; give the content the height its width needs."""
        layout = self._content.layout()
        if layout is not None:
            layout.activate()
            width = self._scroll.viewport().width()
            self._content.setMinimumHeight(layout.totalHeightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def show_waiting(self) -> None:
        self.hint.setText("เสียบบัตรประชาชนของผู้รับบริการ ระบบจะตรวจสอบสิทธิให้ทันที")
        self._show(rights=False, form=False, code=False, error=None)

    def show_checking(self) -> None:
        self.hint.setText("กำลังตรวจสอบสิทธิกับ สปสช. …")
        self._show(rights=False, form=False, code=False, error=None)

    def show_rights(self, rights: RightsCheck, staff_name: str | None) -> None:
        reading = rights.reading
        hosp = reading.hosp_main
        self.rights.setText(
            f"<b>สิทธิหลัก:</b> {reading.main_inscl or '-'}<br>"
            f"<b>สิทธิย่อย:</b> {reading.sub_inscl or '-'}<br>"
            f"<b>หน่วยบริการประจำ:</b> {f'{hosp.name} ({hosp.hcode})' if hosp else '-'}"
        )
        for button in self._claims.buttons():
            self._claims.removeButton(button)
            button.deleteLater()
        for index, claim in enumerate(reading.claim_types, start=1):
            button = QRadioButton(f"{index}.  {claim.name}\n      {claim.code}")
            button.setFont(ui_font(14))
            button.setProperty("claim_code", claim.code)
            button.setChecked(claim.code == rights.preselected)
            self._claims.addButton(button)
            self._claims_box.addWidget(button)
        self.mobile.setText(rights.last_mobile or "")
        self.hn.clear()
        self.staff.setText(staff_name or "ยังไม่ได้ลงชื่อเข้าใช้ (F2)")
        self.hint.setText("เลือกประเภทการเข้ารับบริการ ตรวจเบอร์มือถือ แล้วกด Enter")
        self.reused_note.clear()
        self.confirm_button.setEnabled(True)
        self._show(rights=True, form=True, code=False, error=None)
        (self.confirm_button if len(self.mobile.text()) == 10 else self.mobile).setFocus()

    def show_rights_error(self, message: Message) -> None:
        self.hint.setText("ตรวจสอบสิทธิไม่สำเร็จ")
        self._show(rights=False, form=False, code=False, error=message)
        self.retry_button.show()
        self._fit()

    def show_sending(self) -> None:
        self.hint.setText("กำลังขอ Claim Code จาก สปสช. …")
        self.confirm_button.setEnabled(False)
        self.error.hide()
        self._fit()

    def show_code(self, outcome: AuthenOutcome) -> None:
        self.code.setText(outcome.claim_code)
        self.reused_note.setText(
            "ผู้รับบริการได้ Claim Code ของวันนี้จากหน่วยบริการนี้แล้ว — ใช้รหัสเดิม ไม่ได้ขอใหม่"
            if outcome.reused
            else ""
        )
        self.hint.setText("ได้รับ Claim Code แล้ว")
        self._show(rights=True, form=False, code=True, error=None)
        self.print_button.setFocus()

    def show_confirm_error(self, message: Message) -> None:
        """The form stays filled: pressing Enter again retries (a new logged attempt)."""
        self.hint.setText("ขอ Claim Code ไม่สำเร็จ — แก้ไขแล้วกด Enter เพื่อลองใหม่")
        self.confirm_button.setEnabled(True)
        self._show(rights=True, form=True, code=False, error=message)
        self.confirm_button.setFocus()
        self._scroll.verticalScrollBar().setValue(0)

    # --- input ---------------------------------------------------------------------
    @property
    def selected_claim_type(self) -> str | None:
        button = self._claims.checkedButton()
        return None if button is None else str(button.property("claim_code"))

    def _pick_claim(self, digit: int) -> None:
        buttons = self._claims.buttons()
        if self._form.isVisible() and 0 < digit <= len(buttons) and not self.mobile.hasFocus():
            buttons[digit - 1].setChecked(True)

    def _on_confirm_clicked(self) -> None:
        if not self.confirm_button.isVisible() or not self.confirm_button.isEnabled():
            return
        claim = self.selected_claim_type
        if claim is None:
            self.show_confirm_error(
                Message("เลือกประเภทการเข้ารับบริการก่อน", "Choose a claim type first.")
            )
            return
        self.confirm_requested.emit(claim, self.mobile.text(), self.hn.text())

    def _on_copy_shortcut(self) -> None:
        if self.copy_button.isVisible():
            self.copy_requested.emit()

    def _on_print_shortcut(self) -> None:
        if self.print_button.isVisible():
            self.print_requested.emit()
