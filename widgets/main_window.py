"""The front-desk window. It renders the desk's state (app/desk/model.py, through
app/qt/desk_controller.py) and forwards what staff do; the rules live in the model."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.authen.slip import slip_for
from app.demo.reader import DemoReader
from app.desk.model import DeskState, Stage
from app.message import Message
from app.nhso.errors import AgentTimeout, AgentUnavailable
from app.qt.authen_service import AgentStatus, AuthenService, ClaimCodeResult, RightsResult
from app.qt.card_bridge import CardBridge
from app.qt.desk_controller import DeskController
from app.qt.staff_controller import PinCheckResult, StaffController
from app.qt.token_service import TokenService
from app.settings.model import Settings
from app.staff import pin_texts
from cardreader.events import ServiceChanged
from widgets.authen_panel import AuthenPanel
from widgets.demo_panel import DemoPanel
from widgets.lock_view import LockView
from widgets.patient_view import PatientView
from widgets.pin_dialog import PinDialog, show_refusal
from widgets.staff_bar import StaffBar
from widgets.style import STYLE_SHEET, ui_font
from widgets.token_dialog import TokenDialog

IDLE_CHECK_MS = 5000
AGENT_PING_MS = 15000
NEED_STAFF_CARD = Message(
    "เสียบบัตรประชาชนของเจ้าหน้าที่ในเครื่องอ่าน รอให้อ่านเสร็จ แล้วกด F2",
    "Insert the staff member's ID card, wait for it to be read, then press F2.",
)


class MainWindow(QMainWindow):
    def __init__(
        self,
        desk: DeskController,
        bridge: CardBridge,
        staff: StaffController,
        demo: DemoReader | None = None,
        settings: Settings | None = None,
        authen: AuthenService | None = None,
        clinic_name: str = "",
        tokens: TokenService | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("Authen Desk — ยืนยันตัวตนผู้รับบริการ สปสช.")
        self.setStyleSheet(STYLE_SHEET)
        self.setFont(ui_font())
        self.resize(1280, 800)
        self._desk = desk
        self._staff = staff
        self._settings = settings or Settings()
        self._readers: list[str] = []
        self._service_ok = True
        self._pin_dialog: PinDialog | None = None
        self._authen = authen
        self._tokens = tokens
        self.token_dialog: TokenDialog | None = None
        self._clinic_name = clinic_name
        self._shown = DeskState()  # what is on screen now

        self._pages = QStackedWidget()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(18, 14, 18, 14)
        column.setSpacing(12)

        self.staff_bar = StaffBar()
        column.addWidget(self.staff_bar)

        header = QHBoxLayout()
        title = QLabel("ข้อมูลผู้รับบริการจากบัตรประชาชน")
        title.setFont(ui_font(16, bold=True))
        header.addWidget(title, 1)
        self.agent_status = QLabel()
        self.agent_status.setFont(ui_font(12, bold=True))
        header.addWidget(self.agent_status, 0, Qt.AlignmentFlag.AlignRight)
        self.reader_status = QLabel()
        self.reader_status.setFont(ui_font(12, bold=True))
        header.addWidget(self.reader_status, 0, Qt.AlignmentFlag.AlignRight)
        column.addLayout(header)

        self.error_banner = QLabel()
        self.error_banner.setObjectName("errorBanner")
        self.error_banner.setFont(ui_font(13))
        self.error_banner.setWordWrap(True)
        self.error_banner.hide()
        column.addWidget(self.error_banner)

        self.patient = PatientView()
        self.authen_panel = AuthenPanel()
        body = QHBoxLayout()
        body.setSpacing(12)
        body.addWidget(self.patient, 1)
        body.addWidget(self.authen_panel, 1)
        column.addLayout(body, 1)

        if demo is not None:
            self.demo_panel: DemoPanel | None = DemoPanel(demo)
            column.addWidget(self.demo_panel)
        else:
            self.demo_panel = None
        self.lock_view = LockView()
        self._pages.addWidget(central)
        self._pages.addWidget(self.lock_view)
        self.setCentralWidget(self._pages)

        self.staff_bar.sign_in_button.clicked.connect(self._on_sign_in_requested)
        self.staff_bar.sign_out_button.clicked.connect(self._staff.sign_out)
        self.lock_view.unlock_button.clicked.connect(self._on_sign_in_requested)
        self.lock_view.sign_out_button.clicked.connect(self._staff.sign_out)
        QShortcut(QKeySequence("F2"), self, self._on_sign_in_requested)
        QShortcut(QKeySequence("Ctrl+T"), self, self._on_token_settings_requested)
        self.staff_bar.token_button.clicked.connect(self._on_token_settings_requested)
        self.staff_bar.token_button.setVisible(tokens is not None)
        self._staff.session_changed.connect(self._on_staff_session_changed)
        self._staff.pin_checked.connect(self._on_staff_pin_checked)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # any key or click counts as activity
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(IDLE_CHECK_MS)
        self._idle_timer.timeout.connect(self._staff.lock_if_idle)
        self._idle_timer.start()
        self._wire_authen()

        bridge.service_changed.connect(self._on_bridge_service_changed)
        bridge.reader_added.connect(self._on_bridge_reader_added)
        bridge.reader_removed.connect(self._on_bridge_reader_removed)
        desk.changed.connect(self._on_desk_changed)
        self._on_staff_session_changed()
        self._render(desk.state, force=True)
        self._refresh_status()

    # --- status line ---------------------------------------------------------------
    def _set_status(self, text: str, kind: str) -> None:
        self.reader_status.setText(text)
        self.reader_status.setObjectName(kind)
        self.reader_status.setStyleSheet("")  # re-polish for the new object name

    def _refresh_status(self) -> None:
        slot = self._desk.model.patient_slot
        if not self._service_ok:
            self._set_status("● บริการเครื่องอ่านบัตรไม่ทำงาน", "statusBad")
        elif not self._readers:
            self._set_status("● ไม่พบเครื่องอ่านบัตร", "statusBad")
        elif slot is not None:
            self._set_status(f"● มีบัตรใน {slot.reader}", "statusOk")
        else:
            self._set_status(f"● พร้อมอ่านบัตร ({', '.join(self._readers)})", "statusWarn")

    def _show_message(self, message: Message) -> None:
        self._desk.show_banner(message)

    def show_settings_problem(self, detail: str) -> None:
        self._show_message(
            Message(
                f"ไฟล์ตั้งค่าเสียหาย จึงใช้ค่าเริ่มต้นไปก่อน — แจ้งผู้ดูแลระบบ ({detail})",
                "The settings file is damaged; defaults are in use — tell IT.",
            )
        )

    @Slot(object)
    def _on_bridge_service_changed(self, event: ServiceChanged) -> None:
        self._service_ok = event.available
        self._refresh_status()

    @Slot(str)
    def _on_bridge_reader_added(self, reader: str) -> None:
        if reader not in self._readers:
            self._readers.append(reader)
        self._refresh_status()

    @Slot(str)
    def _on_bridge_reader_removed(self, reader: str) -> None:
        if reader in self._readers:
            self._readers.remove(reader)
        self._refresh_status()

    # --- rendering the desk ----------------------------------------------------------
    @property
    def desk_state(self) -> DeskState:
        return self._desk.state

    @Slot(object)
    def _on_desk_changed(self, state: DeskState) -> None:
        self._render(state)
        self._refresh_status()

    def _render(self, state: DeskState, force: bool = False) -> None:
        """Updates only what changed, so typing in the form is never undone by a render."""
        shown, self._shown = self._shown, state
        if force or state.banner != shown.banner:
            if state.banner is None:
                self.error_banner.hide()
            else:
                self.error_banner.setText(state.banner.two_lines())
                self.error_banner.show()
        if state.locked != shown.locked or force:
            member = self._staff.session.member
            if state.locked and member is not None:
                self.lock_view.show_for(member.name)
                self._pages.setCurrentWidget(self.lock_view)
            else:
                self._pages.setCurrentIndex(0)
        if force or state.patient is not shown.patient:
            if state.patient is None:
                self.patient.clear()
            else:
                self.patient.show_card(state.patient)
        photo_changed = (state.photo_known, state.photo) != (shown.photo_known, shown.photo)
        if state.patient is not None and state.photo_known and (photo_changed or force):
            self.patient.show_photo(state.photo)
        self._render_panel(state, shown, force)

    def _render_panel(self, state: DeskState, shown: DeskState, force: bool) -> None:
        panel = self.authen_panel
        same = (state.stage, state.rights, state.outcome, state.failure) == (
            shown.stage, shown.rights, shown.outcome, shown.failure,
        )  # fmt: skip
        if same and not force:
            return
        match state.stage:
            case Stage.NO_CARD | Stage.READING:
                panel.show_waiting()
            case Stage.PATIENT_SHOWN:
                panel.show_checking()
            case Stage.RIGHTS_CHECKED if state.rights is not None:
                if state.rights is not shown.rights or shown.stage is not Stage.RIGHTS_CHECKED:
                    member = self._desk.model.member
                    panel.show_rights(state.rights, member.name if member else None)
            case Stage.CONFIRMING:
                panel.show_sending()
            case Stage.CODE_ISSUED if state.outcome is not None:
                panel.show_code(state.outcome)
            case Stage.FAILED if state.failure is not None:
                if state.failed_at == "rights":
                    panel.show_rights_error(state.failure)
                elif state.failed_at == "confirm":
                    panel.show_confirm_error(state.failure)
                else:
                    panel.show_waiting()
            case _:
                panel.show_waiting()

    # --- staff sign-in --------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self._staff.session.touch()
        return super().eventFilter(watched, event)

    @Slot()
    def _on_sign_in_requested(self) -> None:
        if self._pin_dialog is not None:
            return
        session = self._staff.session
        if session.active:
            return
        found = self._desk.model.staff_card()
        if found is None:
            self._show_message(NEED_STAFF_CARD)
            return
        reader, card = found
        if session.locked and session.member is not None and session.member.cid != card.cid:
            self._show_message(
                Message(
                    f"ใส่บัตรของ {session.member.name} เพื่อปลดล็อก หรือกด ออกจากระบบ",
                    "Insert the signed-in staff member's card to unlock, or sign out.",
                )
            )
            return
        refusal = self._staff.refusal(card.cid)
        if refusal is not None:
            show_refusal(self, refusal)
            return
        dialog = PinDialog(
            card.name_th.full, pin_texts.before_entry(self._staff.pin_state(card.cid)), self
        )
        dialog.pin_entered.connect(lambda pin: self._staff.check_pin(reader, card, pin))
        dialog.finished.connect(self._on_pin_dialog_finished)
        self._pin_dialog = dialog
        dialog.open()

    @Slot(int)
    def _on_pin_dialog_finished(self, _result: int) -> None:
        if self._pin_dialog is not None:
            self._pin_dialog.deleteLater()
        self._pin_dialog = None

    @Slot(object)
    def _on_staff_pin_checked(self, result: PinCheckResult) -> None:
        if self._pin_dialog is not None:
            self._pin_dialog.show_result(result.message, result.ok, result.may_retry)

    @Slot()
    def _on_staff_session_changed(self) -> None:
        session = self._staff.session
        self.staff_bar.show_session(session)
        if self._shown.stage is Stage.RIGHTS_CHECKED:
            member = session.member if session.active else None
            self.authen_panel.staff.setText(member.name if member else "ยังไม่ได้ลงชื่อเข้าใช้ (F2)")

    # --- authen -----------------------------------------------------------------------
    def _wire_authen(self) -> None:
        panel = self.authen_panel
        if self._authen is None:
            panel.hint.setText("ยังไม่ได้ตั้งค่าการเชื่อมต่อ สปสช. — Authen is not configured")
            self.agent_status.hide()
            return
        self._authen.rights_checked.connect(self._on_authen_rights_checked)
        self._authen.claim_code_received.connect(self._on_authen_claim_code_received)
        self._authen.agent_status_changed.connect(self._on_authen_agent_status_changed)
        panel.confirm_requested.connect(self._on_panel_confirm_requested)
        panel.retry_rights_requested.connect(self._desk.retry_rights)
        panel.copy_requested.connect(self._on_panel_copy_requested)
        panel.print_requested.connect(self._on_panel_print_requested)
        panel.pdf_requested.connect(self._on_panel_pdf_requested)
        self.agent_status.setText("● Agent: กำลังตรวจสอบ…")
        self._agent_timer = QTimer(self)
        self._agent_timer.setInterval(AGENT_PING_MS)
        self._agent_timer.timeout.connect(self._authen.ping_agent)

    def start(self) -> None:
        """Once the window is on screen: watch the agent."""
        if self._authen is not None:
            self._agent_timer.start()
            self._authen.ping_agent()

    def stop(self) -> None:
        self._idle_timer.stop()
        if self._authen is not None:
            self._agent_timer.stop()

    @Slot(object)
    def _on_authen_rights_checked(self, result: RightsResult) -> None:
        if result.error is not None:
            self._note_agent_error(result.error)

    @Slot(object)
    def _on_authen_claim_code_received(self, result: ClaimCodeResult) -> None:
        if result.error is not None:
            self._note_agent_error(result.error)

    @Slot(str, str, str)
    def _on_panel_confirm_requested(self, claim_type: str, mobile: str, hn: str) -> None:
        self._desk.confirm(claim_type, mobile, hn)

    @Slot()
    def _on_panel_copy_requested(self) -> None:
        outcome = self.desk_state.outcome
        if outcome is not None:
            QGuiApplication.clipboard().setText(outcome.claim_code)

    @Slot()
    def _on_panel_print_requested(self) -> None:
        outcome = self.desk_state.outcome
        if outcome is not None:
            from widgets.claim_slip import preview_and_print  # printing loads on first use

            self._print_dialog = preview_and_print(
                self, slip_for(outcome.record, self._clinic_name), self._settings.slip_printer
            )

    def _note_agent_error(self, error: BaseException) -> None:
        """A call that could not reach the agent is news for the status light at once."""
        if isinstance(error, AgentUnavailable | AgentTimeout):
            self._on_authen_agent_status_changed(AgentStatus(False, type(error).__name__))

    @Slot()
    def _on_panel_pdf_requested(self) -> None:
        outcome = self.desk_state.outcome
        if outcome is None:
            return
        record = outcome.record
        path, _ = QFileDialog.getSaveFileName(
            self, "บันทึกใบ Claim Code เป็น PDF", f"{record.claim_code}.pdf", "PDF (*.pdf)"
        )
        if path:
            from widgets.claim_slip import save_pdf

            save_pdf(path, slip_for(record, self._clinic_name))

    @Slot(object)
    def _on_authen_agent_status_changed(self, status: AgentStatus) -> None:
        if status.reachable:
            self.agent_status.setText("● Agent พร้อม")
            self.agent_status.setStyleSheet("color: #1a7f37;")
        else:
            self.agent_status.setText("● ติดต่อ Agent ไม่ได้")
            self.agent_status.setStyleSheet("color: #cf222e;")
        self.agent_status.setToolTip(status.detail)

    # --- token settings ---------------------------------------------------------------
    @Slot()
    def _on_token_settings_requested(self) -> None:
        if self._tokens is None:
            return
        if not self._staff.session.active:
            self._show_message(
                Message(
                    "การตั้งค่า Token ต้องลงชื่อเข้าใช้ด้วยบัตรเจ้าหน้าที่ก่อน (F2)",
                    "Token settings need a signed-in staff member first (F2).",
                )
            )
            return
        if self.token_dialog is None:
            self.token_dialog = TokenDialog(self._tokens, self._staff.session.member, self)
            self.token_dialog.finished.connect(self._on_token_dialog_finished)
        self.token_dialog.open()

    @Slot(int)
    def _on_token_dialog_finished(self, _result: int) -> None:
        if self.token_dialog is not None:
            self.token_dialog.deleteLater()
        self.token_dialog = None
