"""Token settings for clinic IT: one row per NHSO token, kept only in the OS keyring.

Fields are masked (show/hide on demand), the stored value is shown only as first 4 + last 4,
and every change goes to the audit log (who, when, which kind — never the value).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import message_for
from app.message import Message
from app.qt.token_service import SaveResult, TestOutcome, TokenService, TokenStatus
from app.staff.session import StaffMember
from app.tokens.errors import InvalidToken
from app.tokens.kinds import TokenKind, token_from_userconfig
from app.words import store as store_words
from app.words import token_window as words
from widgets.style import OK_COLOUR, PROBLEM_COLOUR, ui_font

SAVED = words.SAVED
CLEARED = words.CLEARED


def show_outcome(label: QLabel, message: Message, ok: bool) -> None:
    label.setStyleSheet(f"color: {OK_COLOUR if ok else PROBLEM_COLOUR};")
    label.setText(f"{message.th} / {message.en}")


def reserve_lines(label: QLabel, lines: int) -> None:
    """Room for `lines` lines kept whether or not there is text: a message coming or going
    does not move what is below it."""
    label.setMinimumHeight(label.fontMetrics().lineSpacing() * lines + 4)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


def confirm_box(parent: QWidget, question: Message) -> QMessageBox:
    """A yes/no question whose buttons say what they do, in Thai; No is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, words.CLEAR_TITLE, question.two_lines(),
                      QMessageBox.StandardButton.NoButton, parent)  # fmt: skip
    yes = box.addButton(words.CLEAR_YES, QMessageBox.ButtonRole.YesRole)
    no = box.addButton(words.CLEAR_NO, QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.setProperty("yes_button", yes)
    return box


class TokenRow(QGroupBox):
    def __init__(self, kind: TokenKind, parent: QWidget | None = None) -> None:
        super().__init__(kind.label_th, parent)
        self.kind = kind
        self.setFont(ui_font(12, bold=True))
        grid = QGridLayout(self)
        self.stored = QLabel()
        self.stored.setFont(ui_font(12))
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText(
            "วาง Token ใหม่ที่นี่ / paste a new token"
            if kind.is_nhso
            else store_words.PASSWORD_PLACEHOLDER.one_line()
        )
        self.field.setFont(ui_font(13))
        self.field.setMinimumWidth(400)  # a whole UUID, or the placeholder, stays readable
        self.show_button = QPushButton("แสดง")
        self.show_button.setCheckable(True)
        self.paste_button = QPushButton("วาง")
        self.clear_button = QPushButton("ล้าง Token")
        self.test_button = QPushButton("ทดสอบการเชื่อมต่อ")
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setFont(ui_font(12))
        reserve_lines(self.result, 2)
        for button in (self.show_button, self.paste_button, self.clear_button, self.test_button):
            button.setFont(ui_font(12))
        grid.addWidget(self.stored, 0, 0, 1, 4)
        grid.addWidget(self.field, 1, 0)
        grid.addWidget(self.show_button, 1, 1)
        grid.addWidget(self.paste_button, 1, 2)
        grid.addWidget(self.clear_button, 1, 3)
        grid.addWidget(self.test_button, 2, 0, 1, 1)
        grid.addWidget(self.result, 2, 1, 1, 3)
        grid.setColumnStretch(0, 1)
        self.test_button.setVisible(kind is TokenKind.AUTHEN)
        self.show_button.toggled.connect(self._on_show_toggled)
        self.paste_button.clicked.connect(self._on_paste_clicked)

    def show_stored(self, masked: str | None) -> None:
        self.stored.setText(words.stored(masked) if masked else words.NOT_SET)

    def show_result(self, message: Message, ok: bool) -> None:
        show_outcome(self.result, message, ok)

    @Slot(bool)
    def _on_show_toggled(self, shown: bool) -> None:
        self.field.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.show_button.setText("ซ่อน" if shown else "แสดง")

    def typed(self) -> str:
        """What was typed: a token trimmed; a password as typed (spaces are part of it)."""
        text = self.field.text()
        return text.strip() if self.kind.is_nhso else text

    @Slot()
    def _on_paste_clicked(self) -> None:
        text = QGuiApplication.clipboard().text()
        self.field.setText(text.strip() if self.kind.is_nhso else text.rstrip("\r\n"))


class TokenDialog(QDialog):
    def __init__(
        self, service: TokenService, staff: StaffMember | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._staff = staff  # who is changing tokens: named in the audit log
        self.setWindowTitle("ตั้งค่า Token สปสช. — NHSO tokens")
        self.setFont(ui_font(12))
        # The rows scroll, the buttons stay: the dialog fits a 1024×600 screen at 125 %.
        outer = QVBoxLayout(self)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._body = QWidget()
        self._scroll.setWidget(self._body)
        outer.addWidget(self._scroll, 1)
        column = QVBoxLayout(self._body)
        column.setContentsMargins(0, 0, 0, 0)
        # The keyring's name is found on a worker with the status (refresh): "…" till then.
        self.intro = QLabel(words.kept_in(words.FINDING_KEYRING))
        self.intro.setWordWrap(True)
        column.addWidget(self.intro)
        # The dialog's outcome line sits under the rows, above the buttons, in room kept
        # for it: a message coming or going moves no row (it used to push them down).
        self.message = QLabel()
        self.message.setWordWrap(True)
        reserve_lines(self.message, 3)
        self.rows = {kind: TokenRow(kind) for kind in TokenKind}
        for row in self.rows.values():
            column.addWidget(row)
            row.clear_button.clicked.connect(lambda _=False, k=row.kind: self._on_clear(k))
        self.rows[TokenKind.AUTHEN].test_button.clicked.connect(self._on_test_authen)

        agent_row = QHBoxLayout()
        self.agent_test_button = QPushButton(words.test_agent(service.agent_url))
        self.agent_result = QLabel()
        self.agent_result.setWordWrap(True)
        agent_row.addWidget(self.agent_test_button)
        agent_row.addWidget(self.agent_result, 1)
        column.addLayout(agent_row)
        buttons = QHBoxLayout()
        self.import_button = QPushButton("นำเข้าจาก userconfig.properties ของ Agent…")
        self.save_button = QPushButton("บันทึก")
        self.close_button = QPushButton("ปิด")
        self.save_button.setDefault(True)
        for button in (self.import_button, self.save_button, self.close_button):
            button.setFont(ui_font(13, bold=True))
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        outer.addWidget(self.message)
        outer.addLayout(buttons)

        self.agent_test_button.clicked.connect(self._service.test_agent)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        service.tested.connect(self._on_service_tested)
        service.status_read.connect(self._on_service_status_read)
        service.saved.connect(self._on_service_saved)
        self.refresh()
        self._fit_to_screen()

    def _fit(self) -> None:
        """A scroll area sizes its content without height-for-width, which squeezes wrapped
        labels into each other (a clipped Test button was seen): give the rows the height
        their width needs."""
        layout = self._body.layout()
        if layout is not None:
            layout.activate()
            self._body.setMinimumHeight(layout.totalHeightForWidth(self._scroll.viewport().width()))

    def _fit_to_screen(self) -> None:
        """As tall as the rows need, never taller than the screen's free area."""
        body = self._body.sizeHint()
        self.setMinimumWidth(min(body.width() + 40, 900))
        screen = self.screen().availableGeometry() if self.screen() else None
        wanted = body.height() + 90
        self.resize(
            self.minimumWidth(), min(wanted, int(screen.height() * 0.92)) if screen else wanted
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _say(self, message: Message | None, ok: bool = False) -> None:
        if message is None:
            self.message.clear()  # its room stays: nothing below moves
            return
        colour = OK_COLOUR if ok else PROBLEM_COLOUR
        self.message.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.message.setText(f"{message.th}\n{message.en}")

    def refresh(self) -> None:
        """Reads the keyring on a worker; the rows fill in when it answers."""
        self._service.read_status()

    @Slot(object)
    def _on_service_status_read(self, status: TokenStatus) -> None:
        self.intro.setText(words.kept_in(status.keyring))
        usable = status.masked is not None
        for row in self.rows.values():
            row.setEnabled(usable)
        self.save_button.setEnabled(usable)
        if status.masked is None:
            self._say(status.problem)
            return
        for kind, row in self.rows.items():
            row.show_stored(status.masked[kind])

    @Slot()
    def save(self) -> bool:
        """Stores every filled field; nothing is stored when any of them is invalid.
        False when a value was refused here; the keyring's answer comes in `saved`."""
        filled = {k: r.typed() for k, r in self.rows.items() if r.field.text().strip()}
        if not filled:
            self._say(None)
            return True
        try:
            self._service.save(filled, self._staff)
        except InvalidToken as exc:
            self._say(message_for(exc))
            return False
        self.save_button.setEnabled(False)
        return True

    def _on_clear(self, kind: TokenKind) -> None:
        """A cleared token stops every authen until IT pastes it again: ask first."""
        if self.ask(words.clear_question(kind.label_th, kind.value)):
            self._service.clear(kind, self._staff)

    def ask(self, question: Message) -> bool:
        """Yes or no, No by default (tests replace this)."""
        box = confirm_box(self, question)
        box.exec()
        return box.clickedButton() is box.property("yes_button")

    @Slot(object)
    def _on_service_saved(self, result: SaveResult) -> None:
        self.save_button.setEnabled(True)
        if result.error is not None:
            self._say(message_for(result.error))
            return
        if result.action == "set":
            for kind in result.kinds:
                self.rows[kind].field.clear()
        for kind in result.kinds:  # an old test's red verdict was about the old token
            self.rows[kind].result.clear()
        self._say(SAVED if result.action == "set" else CLEARED, ok=True)

    def import_from(self, path: Path) -> bool:
        try:
            token = token_from_userconfig(path.read_text(encoding="utf-8", errors="replace"))
        except (OSError, InvalidToken):
            self._say(words.NOT_IN_USERCONFIG)
            return False
        self.rows[TokenKind.AUTHEN].field.setText(token)
        self._say(words.IMPORTED, ok=True)
        return True

    @Slot()
    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "userconfig.properties ของ NHSO Agent", "", "Properties (*.properties)"
        )
        if path:
            self.import_from(Path(path))

    @Slot()
    def _on_test_authen(self) -> None:
        row = self.rows[TokenKind.AUTHEN]
        row.result.setStyleSheet("")
        row.result.setText(words.TESTING.one_line())
        self._service.test_authen_token(self._staff, row.field.text())

    @Slot(object)
    def _on_service_tested(self, result: TestOutcome) -> None:
        if result.target == "agent":
            show_outcome(self.agent_result, result.message, result.ok)
        else:
            self.rows[TokenKind(result.target)].show_result(result.message, result.ok)
