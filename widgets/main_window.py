"""The front-desk window: who serves (staff sign-in), reader state and the card's data.
The Authen panel grows from here."""

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
from app.errors import message_for
from app.message import Message
from app.nhso.errors import AgentTimeout, AgentUnavailable
from app.qt.authen_service import AgentStatus, AuthenService, ClaimCodeResult, RightsResult
from app.qt.card_bridge import CardBridge
from app.qt.staff_controller import PinCheckResult, StaffController
from app.qt.token_service import TokenService
from app.settings.model import Settings
from app.staff import pin_texts
from cardreader.events import (
    CardInserted,
    CardPhotoRead,
    CardRead,
    CardReadFailed,
    CardRemovedEvent,
    CardSlot,
    ServiceChanged,
)
from cardreader.model import IdCard
from widgets.authen_panel import AuthenPanel
from widgets.claim_slip import preview_and_print, save_pdf
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
STAFF_CARD_IN_READER = Message(
    "นี่คือบัตรของเจ้าหน้าที่ — ถอดบัตรออก แล้วเสียบบัตรของผู้รับบริการ",
    "This is the staff member's card — take it out and insert the patient's card.",
)


class MainWindow(QMainWindow):
    def __init__(
        self,
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
        self._bridge = bridge
        self._staff = staff
        self._settings = settings or Settings()
        self._readers: list[str] = []
        self._slots: dict[str, CardSlot] = {}  # the card now in each reader
        self._patient_slot: CardSlot | None = None  # what the patient view follows
        self._cards: dict[str, tuple[CardSlot, IdCard]] = {}
        self._service_ok = True
        self._pin_dialog: PinDialog | None = None
        self._authen = authen
        self._tokens = tokens
        self.token_dialog: TokenDialog | None = None
        self._clinic_name = clinic_name
        self._rights: RightsResult | None = None
        self._outcome: ClaimCodeResult | None = None

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
        self._on_staff_session_changed()
        self._wire_authen()

        bridge.service_changed.connect(self._on_bridge_service_changed)
        bridge.reader_added.connect(self._on_bridge_reader_added)
        bridge.reader_removed.connect(self._on_bridge_reader_removed)
        bridge.card_inserted.connect(self._on_bridge_card_inserted)
        bridge.card_removed.connect(self._on_bridge_card_removed)
        bridge.card_read.connect(self._on_bridge_card_read)
        bridge.card_photo_read.connect(self._on_bridge_card_photo_read)
        bridge.card_read_failed.connect(self._on_bridge_card_read_failed)
        self._refresh_status()

    # --- status line ---------------------------------------------------------------
    def _set_status(self, text: str, kind: str) -> None:
        self.reader_status.setText(text)
        self.reader_status.setObjectName(kind)
        self.reader_status.setStyleSheet("")  # re-polish for the new object name

    def _refresh_status(self) -> None:
        if not self._service_ok:
            self._set_status("● บริการเครื่องอ่านบัตรไม่ทำงาน", "statusBad")
        elif not self._readers:
            self._set_status("● ไม่พบเครื่องอ่านบัตร", "statusBad")
        elif self._patient_slot is not None:
            self._set_status(f"● มีบัตรใน {self._patient_slot.reader}", "statusOk")
        else:
            self._set_status(f"● พร้อมอ่านบัตร ({', '.join(self._readers)})", "statusWarn")

    def _show_error(self, error: BaseException) -> None:
        self._show_message(message_for(error))

    def _show_message(self, message: Message) -> None:
        self.error_banner.setText(f"{message.th}\n{message.en}")
        self.error_banner.show()

    def show_settings_problem(self, detail: str) -> None:
        self._show_message(
            Message(
                f"ไฟล์ตั้งค่าเสียหาย จึงใช้ค่าเริ่มต้นไปก่อน — แจ้งผู้ดูแลระบบ ({detail})",
                "The settings file is damaged; defaults are in use — tell IT.",
            )
        )

    def _hide_error(self) -> None:
        self.error_banner.hide()

    # --- card events -----------------------------------------------------------------
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

    @Slot(object)
    def _on_bridge_card_inserted(self, event: CardInserted) -> None:
        self._slots[event.slot.reader] = event.slot
        if event.slot.reader != self._settings.staff_reader:
            self._patient_slot = event.slot
        self._hide_error()
        self._refresh_status()

    @Slot(object)
    def _on_bridge_card_removed(self, event: CardRemovedEvent) -> None:
        if self._slots.get(event.slot.reader) == event.slot:
            del self._slots[event.slot.reader]
            self._cards.pop(event.slot.reader, None)
        if event.slot == self._patient_slot:
            self._patient_slot = None
            self.patient.clear()
            self._rights = self._outcome = None
            self.authen_panel.show_waiting()
        self._refresh_status()

    def _is_staff_card(self, reader: str, card: IdCard) -> bool:
        member = self._staff.session.member
        return reader == self._settings.staff_reader or (
            member is not None and member.cid == card.cid
        )

    @Slot(object)
    def _on_bridge_card_read(self, event: CardRead) -> None:
        if self._slots.get(event.slot.reader) != event.slot:
            return  # a card since pulled or swapped: stale
        self._cards[event.slot.reader] = (event.slot, event.card)
        if event.slot != self._patient_slot:
            return  # the staff reader's card: kept for F2, never shown as a patient
        self._hide_error()
        if self._staff.session.locked:
            return  # nobody's data on a locked desk
        if self._is_staff_card(event.slot.reader, event.card) and self._staff.session.active:
            self.patient.clear()
            self._show_message(STAFF_CARD_IN_READER)
            return
        self.patient.show_card(event.card)
        self._request_rights()

    @Slot(object)
    def _on_bridge_card_photo_read(self, event: CardPhotoRead) -> None:
        # The view shows only the current patient's card (never a staff card), so a photo
        # belongs on it exactly when it is of that slot and a card is shown.
        if event.slot == self._patient_slot and self.patient.showing_card:
            self.patient.show_photo(event.photo)

    @Slot(object)
    def _on_bridge_card_read_failed(self, event: CardReadFailed) -> None:
        if self._slots.get(event.slot.reader) != event.slot:
            return
        if event.slot == self._patient_slot:
            if event.stage == "photo" and self.patient.showing_card:
                self.patient.show_photo(None)
            else:
                self.patient.clear()
        self._show_error(event.error)

    # --- staff sign-in --------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self._staff.session.touch()
        return super().eventFilter(watched, event)

    def _staff_card(self) -> tuple[str, IdCard] | None:
        """The card to sign in with: in the staff reader if one is set, else the current one."""
        reader = self._settings.staff_reader or (
            self._patient_slot.reader if self._patient_slot else None
        )
        known = self._cards.get(reader) if reader else None
        return (known[0].reader, known[1]) if known else None

    @Slot()
    def _on_sign_in_requested(self) -> None:
        if self._pin_dialog is not None:
            return
        session = self._staff.session
        if session.active:
            return
        found = self._staff_card()
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
        if session.locked and session.member is not None:
            self.patient.clear()
            self.lock_view.show_for(session.member.name)
            self._pages.setCurrentWidget(self.lock_view)
            return
        self._pages.setCurrentIndex(0)
        current = self._cards.get(self._patient_slot.reader) if self._patient_slot else None
        if current and self._is_staff_card(current[0].reader, current[1]) and session.active:
            # The card just used to sign in is nobody's visit: no rights, no confirm button.
            self.patient.clear()
            self._rights = self._outcome = None
            self.authen_panel.show_waiting()
            self._show_message(STAFF_CARD_IN_READER)
        elif self._rights is not None:
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
        panel.retry_rights_requested.connect(self._request_rights)
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

    def _patient_card(self) -> tuple[CardSlot, IdCard] | None:
        if self._patient_slot is None:
            return None
        known = self._cards.get(self._patient_slot.reader)
        return known if known and known[0] == self._patient_slot else None

    @Slot()
    def _request_rights(self) -> None:
        patient = self._patient_card()
        if self._authen is None or patient is None:
            return
        self._rights = self._outcome = None
        self.authen_panel.show_checking()
        self._authen.check_rights(patient[0], patient[1].cid)

    @Slot(object)
    def _on_authen_rights_checked(self, result: RightsResult) -> None:
        if result.slot != self._patient_slot:
            return  # that patient has left
        patient = self._patient_card()
        if (
            patient
            and self._is_staff_card(patient[0].reader, patient[1])
            and self._staff.session.active
        ):
            return  # a staff card signed in while its rights were being checked
        if result.rights is None:
            assert result.error is not None
            self._note_agent_error(result.error)
            self.authen_panel.show_rights_error(message_for(result.error))
            return
        self._rights = result
        member = self._staff.session.member
        self.authen_panel.show_rights(result.rights, member.name if member else None)

    @Slot(str, str, str)
    def _on_panel_confirm_requested(self, claim_type: str, mobile: str, hn: str) -> None:
        if self._authen is None or self._rights is None or self._rights.rights is None:
            return
        if self._rights.slot != self._patient_slot:
            return
        self.authen_panel.show_sending()
        session = self._staff.session
        self._authen.confirm(
            self._rights.slot, self._rights.rights.reading, claim_type, mobile, hn,
            session.member if session.active else None,
        )  # fmt: skip

    @Slot(object)
    def _on_authen_claim_code_received(self, result: ClaimCodeResult) -> None:
        if result.slot != self._patient_slot:
            return  # the answer is logged; the desk has moved on to another patient
        if result.outcome is None:
            assert result.error is not None
            self._note_agent_error(result.error)
            self.authen_panel.show_confirm_error(message_for(result.error))
            return
        self._outcome = result
        self.authen_panel.show_code(result.outcome)

    @Slot()
    def _on_panel_copy_requested(self) -> None:
        if self._outcome is not None and self._outcome.outcome is not None:
            clipboard = QGuiApplication.clipboard()
            clipboard.setText(self._outcome.outcome.claim_code)

    @Slot()
    def _on_panel_print_requested(self) -> None:
        if self._outcome is not None and self._outcome.outcome is not None:
            self._print_dialog = preview_and_print(
                self,
                slip_for(self._outcome.outcome.record, self._clinic_name),
                self._settings.slip_printer,
            )

    def _note_agent_error(self, error: BaseException) -> None:
        """A call that could not reach the agent is news for the status light at once."""
        if isinstance(error, AgentUnavailable | AgentTimeout):
            self._on_authen_agent_status_changed(AgentStatus(False, type(error).__name__))

    @Slot()
    def _on_panel_pdf_requested(self) -> None:
        if self._outcome is None or self._outcome.outcome is None:
            return
        record = self._outcome.outcome.record
        path, _ = QFileDialog.getSaveFileName(
            self, "บันทึกใบ Claim Code เป็น PDF", f"{record.claim_code}.pdf", "PDF (*.pdf)"
        )
        if path:
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
