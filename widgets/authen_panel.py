"""The Authen panel: rights, claim type, mobile, confirm → the claim code, large.

Keyboard first: while the claim-type list has focus its number keys pick a claim type (and
nowhere else, so a number typed anywhere never changes it); Enter in the mobile or HN field
confirms the claim type shown as selected. The window's menu holds Ctrl+C and Ctrl+P.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import (
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QRegularExpressionValidator,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import Message
from app.words import desk as words
from app.words.desk import held_elsewhere_warning
from widgets.style import escape_rich, set_wrapped_text, ui_font

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
QLabel#heldWarning { background: #fff8c5; color: #6b4a00; border: 1px solid #d4a72c;
                     border-radius: 6px; padding: 8px; }
QLabel#codeClaimType { color: #0a3069; }
QLabel#selectedClaim { color: #0a3069; background: #eef6ff; border-radius: 6px; padding: 6px; }
QLabel#mobileSource { color: #57606a; }
QPushButton#confirmButton { background: #1f883d; color: white; border-radius: 8px;
                            min-height: 42px; }
QPushButton#confirmButton:disabled { background: #94d3a2; }
QRadioButton { padding: 4px; }
"""


class ClickLabel(QLabel):
    clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)


class ClaimList(QWidget):
    """The claim types as radio buttons. Digits pick one only while focus is in here."""

    chosen = Signal(str)  # the claim type code picked by key or click
    entered = Signal()  # Enter or Return while the list has focus

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(2)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self._rows: list[QWidget] = []

    def buttons(self) -> list[QRadioButton]:
        return [b for b in self.group.buttons() if isinstance(b, QRadioButton)]

    def set_claims(self, claims: list[tuple[str, str]], selected: str | None) -> None:
        for row in self._rows:
            row.deleteLater()
        for button in self.buttons():
            self.group.removeButton(button)
        self._rows = []
        for index, (code, name) in enumerate(claims, start=1):
            # A radio button never wraps its text: a long Thai name goes in a label that
            # wraps between words, and clicking it picks the row.
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            button = QRadioButton(f"{index}.")
            button.setFont(ui_font(14))
            button.setProperty("claim_code", code)
            button.setChecked(code == selected)
            button.clicked.connect(lambda _=False, c=code: self.chosen.emit(c))
            label = ClickLabel(f"{name}  ({code})")
            label.setFont(ui_font(14))
            label.setWordWrap(True)
            label.clicked.connect(button.click)
            line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(label, 1)
            self.group.addButton(button)
            self._column.addWidget(row)
            self._rows.append(row)

    def row_texts(self) -> list[str]:
        return [label.text() for row in self._rows for label in row.findChildren(QLabel)]

    def select(self, code: str | None) -> None:
        for button in self.buttons():
            if button.property("claim_code") == code and not button.isChecked():
                button.setChecked(True)

    def row_of(self, code: str | None) -> QWidget | None:
        for row, button in zip(self._rows, self.buttons(), strict=False):
            if button.property("claim_code") == code:
                return row
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        buttons = self.buttons()
        if len(text) == 1 and text.isdigit() and 0 < int(text) <= len(buttons):
            button = buttons[int(text) - 1]
            button.setFocus()
            self.chosen.emit(str(button.property("claim_code")))
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            return
        super().keyPressEvent(event)


class AuthenPanel(QFrame):
    confirm_requested = Signal(str, str)  # mobile, HN (the desk knows the claim type)
    claim_type_selected = Signal(str)
    retry_rights_requested = Signal()
    copy_requested = Signal()
    print_requested = Signal()
    pdf_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("authenPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.setMinimumWidth(380)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(1, 1, 1, 1)
        # A long NHSO message or many claim types scroll; nothing is ever clipped.
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Our own viewport: `_fit` reads its width, and a viewport Qt made itself would
        # make PySide6 look its class up among every QWidget subclass (~8 ms at start).
        self._scroll.setViewport(QWidget())
        content = QWidget()
        content.setObjectName("authenContent")
        self._content = content
        self._scroll.setWidget(content)
        outer.addWidget(self._scroll)
        column = QVBoxLayout(content)
        column.setContentsMargins(14, 10, 14, 10)
        column.setSpacing(8)

        # Warn before Enter (today's code already held by another hospital): first in the
        # panel, in the hint's place, so even a short screen shows it with the rights.
        self.held_warning = QLabel()
        self.held_warning.setObjectName("heldWarning")
        self.held_warning.setFont(ui_font(12, bold=True))
        self.held_warning.setWordWrap(True)
        self.held_warning.hide()
        column.addWidget(self.held_warning)
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

        self.claim_caption = QLabel("ประเภทการเข้ารับบริการ (คลิก หรือกด Tab มาที่รายการแล้วกดตัวเลข)")
        self.claim_caption.setFont(ui_font(13, bold=True))
        self.claim_caption.setWordWrap(True)
        column.addWidget(self.claim_caption)
        self.claim_list = ClaimList()
        self.claim_list.chosen.connect(self.claim_type_selected)
        self.claim_list.entered.connect(self._on_claim_list_entered)
        column.addWidget(self.claim_list)
        self.mobile_source = QLabel()
        self.mobile_source.setObjectName("mobileSource")
        self.mobile_source.setFont(ui_font(11))
        self.mobile_source.setWordWrap(True)
        column.addWidget(self.mobile_source)
        self.staff = QLabel("-")  # also in the window's top line; here beside the visit
        self.staff.setObjectName("panelHint")
        self.staff.setFont(ui_font(11))
        self.staff.setWordWrap(True)
        column.addWidget(self.staff)

        # Mobile and HN side by side: one row of a short screen.
        form = QHBoxLayout()
        form.setContentsMargins(0, 0, 0, 0)
        self.mobile = QLineEdit()
        self.mobile.setPlaceholderText("ตัวเลข 10 หลัก")
        self.mobile.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,10}")))
        self.hn = QLineEdit()
        self.hn.setMaxLength(20)
        self.hn.setPlaceholderText("ไม่บังคับ")
        for field in (self.mobile, self.hn):
            field.setFont(ui_font(15))
            field.setMinimumHeight(36)
            field.returnPressed.connect(self._on_confirm_clicked)
        self.hn.setMaximumWidth(160)
        # Each field shows what it is for whole: ten digits, and HN's "ไม่บังคับ" (optional).
        metrics = QFontMetrics(self.hn.font())
        self.mobile.setMinimumWidth(metrics.horizontalAdvance("0" * 10) + 24)
        self.hn.setMinimumWidth(min(160, metrics.horizontalAdvance(self.hn.placeholderText()) + 24))
        form.addWidget(self._form_label("เบอร์มือถือ"))
        form.addWidget(self.mobile, 3)
        form.addWidget(self._form_label("HN"))
        form.addWidget(self.hn, 1)
        self._form = QWidget()
        self._form.setLayout(form)

        # The footer never scrolls away: the mobile number, what will be asked for, for
        # whom, and the button — the fast path fits a 1024x600 screen at 125%.
        footer = QWidget()
        footer.setObjectName("authenContent")
        footer_column = QVBoxLayout(footer)
        footer_column.setContentsMargins(14, 4, 14, 10)
        footer_column.setSpacing(4)
        footer_column.addWidget(self._form)
        self.selected_claim = QLabel()
        self.selected_claim.setObjectName("selectedClaim")
        self.selected_claim.setFont(ui_font(11, bold=True))
        self.selected_claim.setWordWrap(True)
        # Never squeezed below its text: the claim type in use is always readable.
        self.selected_claim.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        footer_column.addWidget(self.selected_claim)
        self.confirm_button = QPushButton("ยืนยันและขอ Claim Code (Enter)")
        self.confirm_button.setObjectName("confirmButton")
        self.confirm_button.setFont(ui_font(15, bold=True))
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        footer_column.addWidget(self.confirm_button)
        outer.addWidget(footer)
        self._footer = footer
        self.retry_button = QPushButton("ตรวจสอบสิทธิอีกครั้ง")
        self.retry_button.setFont(ui_font(13, bold=True))
        self.retry_button.clicked.connect(self.retry_rights_requested)
        column.addWidget(self.retry_button)

        self.code_caption = QLabel("Claim Code")
        self.code_caption.setFont(ui_font(13, bold=True))
        column.addWidget(self.code_caption)
        self.code = QLabel()
        self.code.setObjectName("claimCode")
        self.code.setFont(ui_font(28, bold=True))  # 12 characters fit a 1024x600 screen at 125%
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.code)
        self.code_claim_type = QLabel()
        self.code_claim_type.setObjectName("codeClaimType")
        self.code_claim_type.setFont(ui_font(14, bold=True))
        self.code_claim_type.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_claim_type.setWordWrap(True)
        column.addWidget(self.code_claim_type)
        self.reused_note = QLabel()
        self.reused_note.setObjectName("reusedNote")
        self.reused_note.setFont(ui_font(12))
        self.reused_note.setWordWrap(True)
        column.addWidget(self.reused_note)
        code_buttons = QHBoxLayout()
        self.copy_button = QPushButton("คัดลอก (Ctrl+C)")
        self.print_button = QPushButton("พิมพ์ (Ctrl+P)")
        self.pdf_button = QPushButton("PDF (Ctrl+S)")
        for button in (self.copy_button, self.print_button, self.pdf_button):
            button.setFont(ui_font(11, bold=True))
            button.setMinimumHeight(40)
            button.setStyleSheet("padding: 4px 8px;")  # three side by side at 1024x600, 125%
            code_buttons.addWidget(button)
        self.copy_button.clicked.connect(self.copy_requested)
        self.print_button.clicked.connect(self.print_requested)
        self.pdf_button.clicked.connect(self.pdf_requested)
        column.addLayout(code_buttons)
        column.addStretch(1)
        self._code_widgets = (
            self.code_caption, self.code, self.code_claim_type, self.copy_button,
            self.print_button, self.pdf_button,
        )  # fmt: skip
        self.show_waiting()

    def _hint(self, message: Message) -> None:
        """The status line: Thai on screen, English on hover."""
        set_wrapped_text(self.hint, message.th)
        self.hint.setToolTip(message.en)

    @staticmethod
    def _form_label(text: str) -> QLabel:
        label = QLabel(text)
        label.setFont(ui_font(13))
        return label

    # --- states --------------------------------------------------------------------
    def _show(self, *, rights: bool, form: bool, code: bool, error: Message | None) -> None:
        self.rights.setVisible(rights)
        warn = rights and form and bool(self.held_warning.text())
        self.held_warning.setVisible(warn)
        for widget in (
            self.claim_caption, self.claim_list, self._form, self.mobile_source, self._footer,
            self.staff,
        ):  # fmt: skip
            widget.setVisible(form)
        for widget in self._code_widgets:
            widget.setVisible(code)
        self.reused_note.setVisible(code and bool(self.reused_note.text()))
        self.retry_button.setVisible(False)
        if error is None:
            self.error.hide()
            self.hint.setVisible(not warn)
        else:  # the error says what to do: on a short screen it takes the hint's place
            set_wrapped_text(self.error, error.two_lines())
            self.error.show()
            self.hint.hide()
        self._fit()

    def _fit(self) -> None:
        """A scroll area sizes its content without height-for-width, which squeezes
        wrapped labels into each other; give the content the height its width needs."""
        layout = self._content.layout()
        if layout is not None:
            layout.activate()
            width = self._scroll.viewport().width()
            self._content.setMinimumHeight(layout.totalHeightForWidth(width))
        # The same for the footer's wrapped line: the claim type in use is never clipped.
        margins = self._footer.contentsMargins()
        width = self.width() - margins.left() - margins.right() - 4
        self.selected_claim.setMinimumHeight(max(0, self.selected_claim.heightForWidth(width)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def show_waiting(
        self, agent_down: Message | None = None, notice: Message | None = None
    ) -> None:
        """No patient yet; with `agent_down`, what is wrong and what to do, in its place;
        `notice`, a calm note in the hint's place (a staff card is in the reader, …)."""
        self._hint(notice or words.HINT_WAITING)
        self._show(rights=False, form=False, code=False, error=agent_down)

    def show_checking(self) -> None:
        self._hint(words.HINT_CHECKING)
        self._show(rights=False, form=False, code=False, error=None)

    def show_rights(self, rights: RightsCheck, staff_name: str | None) -> None:
        reading = rights.reading
        hosp = reading.hosp_main
        # The agent's words go into rich text: escaped, so a stray '<' is text, not markup.
        hosp_text = f"{escape_rich(hosp.name)} ({escape_rich(hosp.hcode)})" if hosp else "-"
        self.rights.setText(
            f"<b>สิทธิหลัก:</b> {escape_rich(reading.main_inscl) or '-'}<br>"
            f"<b>สิทธิย่อย:</b> {escape_rich(reading.sub_inscl) or '-'}<br>"
            f"<b>หน่วยบริการประจำ:</b> {hosp_text}"
        )
        self._names = {c.code: c.name for c in reading.claim_types}
        self.claim_list.set_claims([(c.code, c.name) for c in reading.claim_types],
                                   rights.preselected)  # fmt: skip
        self.set_claim_type(rights.preselected)
        self.mobile.setText(rights.last_mobile or "")
        self.mobile_source.setText(MOBILE_SOURCES.get(rights.mobile_source, ""))
        self.hn.clear()
        held = rights.held_elsewhere
        warning = (
            None
            if held is None
            else held_elsewhere_warning(held.hname, held.hcode, held.claim_code)
        )
        self.held_warning.setText("" if warning is None else warning.th)  # short: Thai here,
        self.held_warning.setToolTip("" if warning is None else warning.en)  # English on hover
        self.show_staff(staff_name)
        self._hint(words.HINT_RIGHTS)
        self.reused_note.clear()
        self.confirm_button.setEnabled(True)
        self._show(rights=True, form=True, code=False, error=None)
        self.mobile_source.setVisible(bool(self.mobile_source.text()))
        self.focus_mobile()

    def show_staff(self, staff_name: str | None) -> None:
        self.staff.setText(f"ผู้ให้บริการ: {staff_name}" if staff_name else words.NOBODY_SIGNED_IN.th)

    def focus_mobile(self) -> None:
        """Typing replaces a prefilled number; Enter confirms."""
        self.mobile.setFocus(Qt.FocusReason.OtherFocusReason)
        self.mobile.selectAll()

    def focus_claim_list(self) -> None:
        """Alt+1: focus the claim-type list (on its chosen row, scrolled into view), where
        the digits choose and Enter confirms."""
        buttons = self.claim_list.buttons()
        if not self.claim_list.isVisible() or not buttons:
            return
        checked = [b for b in buttons if b.isChecked()]
        (checked or buttons)[0].setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._scroll_to_choice()

    def _scroll_to_choice(self) -> None:
        row = self.claim_list.row_of(self.selected_claim_type)
        if row is not None:
            self._content.layout().activate()  # type: ignore[union-attr]
            self._scroll.ensureWidgetVisible(row, 0, 8)

    def _on_claim_list_entered(self) -> None:
        """Enter on the list: confirm — or, with no mobile number yet, go and type it."""
        if not self.mobile.text().strip():
            self.focus_mobile()
            return
        self._on_confirm_clicked()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab stays in the patient's form: claim type → mobile → HN → confirm → claim
        type (never out to the last codes, the staff bar or an old patient's reprint)."""
        chain = self._tab_chain()
        focus = QApplication.focusWidget()
        at = -1
        for index, (_target, area) in enumerate(chain):
            if focus is not None and (area is focus or area.isAncestorOf(focus)):
                at = index
        if len(chain) < 2 or at < 0:
            return super().focusNextPrevChild(next)
        target, area = chain[(at + (1 if next else -1)) % len(chain)]
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        if area is self.claim_list:
            self._scroll_to_choice()
        return True

    def _tab_chain(self) -> list[tuple[QWidget, QWidget]]:
        """(what gets focus, the area it stands for) in Tab order."""
        if self._form.isVisible() and self.confirm_button.isVisible():
            buttons = self.claim_list.buttons()
            checked = [b for b in buttons if b.isChecked()]
            chain: list[tuple[QWidget, QWidget]] = []
            if buttons:
                chain.append(((checked or buttons)[0], self.claim_list))
            return [*chain, (self.mobile, self.mobile), (self.hn, self.hn),
                    (self.confirm_button, self.confirm_button)]  # fmt: skip
        if self.copy_button.isVisible():
            return [(b, b) for b in (self.copy_button, self.print_button, self.pdf_button)]
        return []

    def set_claim_type(self, code: str | None) -> None:
        """Render the desk's selected claim type: checked in the list and named in words."""
        self.claim_list.select(code)
        focus = QApplication.focusWidget()
        if focus is not None and self.claim_list.isAncestorOf(focus):
            self._scroll_to_choice()
        names = getattr(self, "_names", {})
        if code is None:
            self.selected_claim.setText(words.NO_CLAIM_TYPE_CHOSEN.th)
        else:
            self.selected_claim.setText(f"จะขอรหัสสำหรับ: {names.get(code, code)} ({code})")
        self._fit()

    def show_rights_error(self, message: Message) -> None:
        self._hint(words.HINT_RIGHTS_FAILED)
        self._show(rights=False, form=False, code=False, error=message)
        self.retry_button.show()
        self._fit()

    def show_sending(self) -> None:
        self._hint(words.HINT_SENDING)
        self.confirm_button.setEnabled(False)
        self.error.hide()
        self._fit()

    def show_code(self, outcome: AuthenOutcome) -> None:
        record = outcome.record
        self.code.setText(outcome.claim_code)
        self.code_claim_type.setText(claim_type_text(record.claim_type, record.claim_type_name))
        notes = []
        if outcome.reused:
            notes.append(words.CODE_REUSED.th)
        for message in (record.notice, outcome.clock_warning):
            if message is not None:
                notes.append(message.two_lines())
        self.reused_note.setText("\n".join(notes))
        self._hint(words.HINT_CODE)
        # The code first: on a short screen nothing stands above it but this line.
        self._show(rights=False, form=False, code=True, error=None)
        self.print_button.setFocus()

    def show_confirm_error(
        self, message: Message, retry_allowed: bool = True, bad_field: str = ""
    ) -> None:
        """The form stays filled: Enter again retries (a new logged attempt) — unless a
        retry could change nothing, when the form goes and the message says what to do."""
        if not retry_allowed:
            self._hint(words.HINT_NOT_HERE)
            self._show(rights=True, form=False, code=False, error=message)
            self._scroll.verticalScrollBar().setValue(0)
            return
        self._hint(words.HINT_CONFIRM_FAILED)
        self.confirm_button.setEnabled(True)
        self._show(rights=True, form=True, code=False, error=message)
        self.mobile_source.setVisible(bool(self.mobile_source.text()))
        if bad_field == "mobile":
            self.focus_mobile()
        else:
            self.confirm_button.setFocus()
        self._scroll.verticalScrollBar().setValue(0)

    # --- input ---------------------------------------------------------------------
    @property
    def selected_claim_type(self) -> str | None:
        button = self.claim_list.group.checkedButton()
        return None if button is None else str(button.property("claim_code"))

    def _on_confirm_clicked(self) -> None:
        if not self.confirm_button.isVisible() or not self.confirm_button.isEnabled():
            return
        self.confirm_requested.emit(self.mobile.text(), self.hn.text())


MOBILE_SOURCES = {
    "last_visit": "เบอร์มือถือจากการมาครั้งก่อน / from the last visit — พิมพ์ทับได้เลย",
    "demo": "เบอร์มือถือตัวอย่างของโหมดสาธิต / demo number",
}


def claim_type_text(code: str, name: str) -> str:
    """The claim type as staff read it next to a code: its name, then its code."""
    return f"{name} ({code})" if name and name != code else code
