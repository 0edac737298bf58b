"""The front-desk window: a view. It renders the desk's state (app/desk/model.py, through
app/qt/desk_controller.py) and forwards what staff do; the rules live in the model.

Its parts live next to it: the menus and keys in widgets/menus.py, the dialogs it opens in
widgets/dialog_launchers.py, the patient area in widgets/patient_view.py and
widgets/authen_panel.py. Here: the layout, rendering `DeskState`, the status line, the
banner (shown above every page, so a message is where the clerk is looking), the day-list
page and the window's size and place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.desk.model import DeskState, Stage
from app.errors import message_for
from app.message import Message
from app.nhso.errors import AgentTimeout, AgentUnavailable
from app.qt.authen_service import AgentStatus, AuthenService, ClaimCodeResult, RightsResult
from app.qt.card_bridge import CardBridge
from app.qt.desk_controller import DeskController
from app.qt.settings_service import SettingsService
from app.qt.staff_controller import PinCheckResult, StaffController
from app.qt.token_service import TokenService, TokenStatus
from app.settings.model import Settings
from app.staff.errors import PinStateUnavailable
from app.words import desk as words
from cardreader.cid import mask_cid
from widgets.authen_panel import AuthenPanel
from widgets.dialog_launchers import DialogLaunchers
from widgets.last_codes import LastCodesStrip
from widgets.lock_view import LockView
from widgets.menus import add_reports_actions, build_desk_menus
from widgets.patient_view import PatientView
from widgets.staff_bar import StaffBar
from widgets.status_line import StatusLine
from widgets.style import STYLE_SHEET, set_wrapped_text, ui_font

if TYPE_CHECKING:  # the reports and the dialogs load when first opened; the demo's parts
    from PySide6.QtWidgets import QMessageBox

    # load only for --demo
    from app.demo.reader import DemoReader
    from app.qt.day_list_model import DayListModel
    from app.qt.report_service import ExportService, ReconcileService
    from app.qt.verify_day_service import VerifyDayService
    from cardreader.events import ServiceChanged
    from widgets.cardless_dialog import CardlessDialog
    from widgets.day_list import DayListView
    from widgets.demo_panel import DemoPanel
    from widgets.pin_dialog import PinDialog
    from widgets.settings_dialog import SettingsDialog
    from widgets.token_dialog import TokenDialog

# Small enough that a 1024x600 screen at 125% (819x480 logical, less a taskbar) holds it.
MIN_WIDTH, MIN_HEIGHT = 780, 440
DESK_TITLE = "Authen Desk — ยืนยันตัวตนผู้รับบริการ สปสช."
DAY_LIST_TITLE = "Authen Desk — รายการผู้รับบริการ / The day's visits"
FEEDBACK_MS = 8000
if TYPE_CHECKING:  # sqlite-utils loads on the database thread, after the window shows
    from app.authen.visit_log import Visit

IDLE_CHECK_MS = 5000
AGENT_PING_MS = 15000
NEED_STAFF_CARD = words.NEED_STAFF_CARD
MISSING_HCODE = words.MISSING_HCODE
MISSING_TOKENS = words.MISSING_TOKENS


@dataclass(frozen=True)
class ReportParts:
    """What the Reports menu and the day list page run on (built by the composition root)."""

    day_model: DayListModel
    day_list: DayListView
    verify: VerifyDayService
    export: ExportService
    reconcile: ReconcileService


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
        settings_service: SettingsService | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(DESK_TITLE)
        self.setStyleSheet(STYLE_SHEET)
        self.setFont(ui_font())
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        self.desk = self._desk = desk
        self.staff = self._staff = staff
        self._demo = demo
        self.settings = self._settings = settings or Settings()
        self.readers: list[str] = []
        self._readers = self.readers
        self._service_ok: bool | None = None  # the card thread has not reported yet
        self._pin_dialog: PinDialog | None = None
        self._authen = authen
        self.tokens = self._tokens = tokens
        self.settings_service = self._settings_service = settings_service
        self.settings_file = ""  # shown in the settings dialog and About
        self._clinic_name = clinic_name
        self._window_state: QSettings | None = None
        self._shown = DeskState()  # what is on screen now
        self.about_info: dict[str, str] = {}  # filled by the composition root
        self._reports: ReportParts | None = None
        self._make_reports: Callable[[], ReportParts] | None = None
        self._day_page: QWidget | None = None
        self.dialogs = DialogLaunchers(self, self._show_message)

        # The window's frame first, then its parts built into it: a part added to a tree
        # that is already in the styled window is polished once, not again each time a
        # finished subtree is moved into a bigger one (~3 ms at start).
        outer = QWidget()
        self.setCentralWidget(outer)
        outer_column = QVBoxLayout(outer)
        outer_column.setContentsMargins(0, 0, 0, 0)
        outer_column.setSpacing(0)
        banner_box = QHBoxLayout()
        banner_box.setContentsMargins(12, 8, 12, 0)
        outer_column.addLayout(banner_box)
        self._pages = QStackedWidget()
        self._pages.currentChanged.connect(self._on_page_changed)
        outer_column.addWidget(self._pages, 1)
        central = QWidget()
        self._pages.addWidget(central)
        column = QVBoxLayout(central)
        column.setContentsMargins(12, 8, 12, 8)
        column.setSpacing(8)

        # One top line: who serves (and sign-in/out), then the agent and the reader.
        header = QHBoxLayout()
        header.setSpacing(10)
        self.staff_bar = StaffBar(central)
        header.addWidget(self.staff_bar, 1)
        self.status_line = StatusLine(header)
        self.agent_status, self.reader_status = self.status_line.agent, self.status_line.reader
        column.addLayout(header)

        # The banner sits above the pages: the desk, the lock screen and the day list all
        # show it (a message is said on the page in front). Esc or its button closes it.
        self.banner = QFrame()
        self.banner.setObjectName("errorBannerFrame")
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(0, 0, 0, 0)
        self.error_banner = QLabel()
        self.error_banner.setObjectName("errorBanner")
        self.error_banner.setFont(ui_font(13))
        self.error_banner.setWordWrap(True)
        # A long message scrolls inside the banner: it never pushes the patient off screen.
        self._banner_scroll = QScrollArea()
        self._banner_scroll.setWidgetResizable(True)
        self._banner_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._banner_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._banner_scroll.setWidget(self.error_banner)
        banner_row.addWidget(self._banner_scroll, 1)
        self.banner_close = QPushButton("ปิด ✕ (Esc)")
        self.banner_close.setToolTip("ปิดข้อความนี้ — Dismiss (Esc)")
        self.banner_close.setFont(ui_font(11, bold=True))
        self.banner_close.clicked.connect(self.close_banner)
        banner_row.addWidget(self.banner_close, 0, Qt.AlignmentFlag.AlignTop)
        self.banner.hide()

        self.patient = PatientView(central)
        self.authen_panel = AuthenPanel(central)
        # The last codes sit under the patient: the Authen panel keeps the full height
        # (mobile, claim type and confirm fit a 1024x600 screen at 125%). The strip gives
        # way to the patient's rows (`_fit_last_codes`).
        self.last_codes = LastCodesStrip(central)
        self.last_codes.copy_requested.connect(self._on_last_codes_copy_requested)
        self.last_codes.reprint_requested.connect(self._on_last_codes_reprint_requested)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(self.patient, 1)
        left.addWidget(self.last_codes)
        body = QHBoxLayout()
        body.setSpacing(10)
        body.addLayout(left, 1)
        body.addWidget(self.authen_panel, 1)
        column.addLayout(body, 1)

        self.lock_view = LockView(self._pages)
        self._pages.addWidget(self.lock_view)
        banner_box.addWidget(self.banner)
        # The simulated reader sits outside the pages: reachable on the lock screen too.
        if demo is not None:
            from widgets.demo_panel import DemoPanel

            reset = self._on_demo_reset_staff if staff.can_reset_demo_card else None
            self.demo_panel: DemoPanel | None = DemoPanel(
                demo, reset_staff_card=reset, agent_down_changed=self._on_demo_agent_down
            )
            demo_row = QHBoxLayout()
            demo_row.setContentsMargins(12, 0, 12, 6)
            demo_row.addWidget(self.demo_panel)
            outer_column.addLayout(demo_row)
        else:
            self.demo_panel = None
        self.statusBar().setFont(ui_font(11))
        # Where the last codes wait when the patient needs all the room (a short screen);
        # no taller than the status bar, which so never takes a pixel from the patient.
        self.last_codes.header_button.setMaximumHeight(self.statusBar().sizeHint().height())
        self.statusBar().addPermanentWidget(self.last_codes.header_button)

        self.staff_bar.sign_in_button.clicked.connect(self._on_sign_in_requested)
        self.staff_bar.sign_out_button.clicked.connect(self._staff.sign_out)
        self.lock_view.unlock_button.clicked.connect(self._on_sign_in_requested)
        self.lock_view.sign_out_button.clicked.connect(self._staff.sign_out)
        self.lock_view.continue_button.clicked.connect(self._staff.sign_out)
        self.lock_view.continue_button.setVisible(not self._settings.staff_sign_in_required)
        self.staff_bar.token_button.clicked.connect(self.dialogs.token_settings)
        self.staff_bar.token_button.setVisible(tokens is not None)
        self.menus = build_desk_menus(self)
        self.actions_by_name = self.menus.actions_by_name
        self.file_menu = self.menus.menus["file"]
        self._staff.session_changed.connect(self._on_staff_session_changed)
        self._staff.pin_checked.connect(self._on_staff_pin_checked)
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(IDLE_CHECK_MS)
        self._idle_timer.timeout.connect(self._staff.lock_if_idle)
        self._idle_timer.start()
        self._fit_timer = QTimer(self)  # the strip gives way once the layout has settled
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_last_codes)
        self._wire_authen()

        bridge.service_changed.connect(self._on_bridge_service_changed)
        bridge.reader_added.connect(self._on_bridge_reader_added)
        bridge.reader_removed.connect(self._on_bridge_reader_removed)
        desk.changed.connect(self._on_desk_changed)
        self._on_staff_session_changed()
        self._render(desk.state, force=True)
        self._refresh_status()

    # --- the dialogs (widgets/dialog_launchers.py) --------------------------------------
    @property
    def settings_dialog(self) -> SettingsDialog | None:
        return self.dialogs.settings_dialog

    @property
    def token_dialog(self) -> TokenDialog | None:
        return self.dialogs.token_dialog

    @property
    def cardless_dialog(self) -> CardlessDialog | None:
        return self.dialogs.cardless_dialog

    @property
    def help_box(self) -> QMessageBox | None:
        return self.dialogs.help_box

    def _on_clinic_settings_requested(self) -> None:
        self.dialogs.clinic_settings()

    def _on_cardless_requested(self) -> None:
        self.dialogs.cardless()

    def shortcut_lines(self) -> list[str]:
        return self.menus.shortcut_lines()

    def about_text(self) -> str:
        from app.version import version

        info = self.about_info
        return "\n".join([
            f"Authen Desk {version()}",
            f"รหัสหน่วยบริการ / hospital code: {self._settings.hcode or 'ยังไม่ได้ตั้ง / not set'}",
            f"Agent: {info.get('agent_url', self._settings.agent_url)}",
            f"โฟลเดอร์บันทึก / log folder: {info.get('log_folder', '-')}",
        ])  # fmt: skip

    # --- forwarded to the desk ------------------------------------------------------------
    @Slot()
    def retry_rights(self) -> None:
        self._desk.retry_rights()

    @Slot()
    def sign_out(self) -> None:
        self._staff.sign_out()

    @Slot()
    def close_banner(self) -> None:
        if self.desk_state.banner is not None:
            self._desk.show_banner(None)

    def show_shared_store(self, text: str) -> None:
        """The shared store's state, kept in the status bar ("" hides it)."""
        label = getattr(self, "_shared_store_label", None)
        if label is None:
            label = self._shared_store_label = QLabel(self)
            label.setObjectName("sharedStoreStatus")
            self.statusBar().addPermanentWidget(label)
        label.setText(text)
        label.setVisible(bool(text))

    def feedback(self, text: str) -> None:
        """What just happened, in words: copied, sent to the printer, saved where."""
        self.statusBar().showMessage(text, FEEDBACK_MS)

    def _on_demo_reset_staff(self) -> None:
        from app.demo.reader import DEMO_STAFF

        message = self._staff.reset_demo_card(DEMO_STAFF.cid)
        self.feedback(message.th)
        self._show_message(message)

    def _on_demo_agent_down(self, down: bool) -> None:
        """The demo bar's toggle: the simulated agent stops (or starts again); the status
        light and the patient area learn it from the next ping, sent now."""
        if self._demo is not None:
            self._demo.set_agent_down(down)
        if self._authen is not None:
            self._authen.ping_agent()

    # --- window size and place ---------------------------------------------------------
    def restore_window_state(self, ini_file: Path | None) -> None:
        """Size and place as last left; on first start, from the screen's free area."""
        if ini_file is not None:
            self._window_state = QSettings(str(ini_file), QSettings.Format.IniFormat)
            geometry = self._window_state.value("geometry")
            if geometry is not None and self.restoreGeometry(geometry):
                return
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(MIN_WIDTH, MIN_HEIGHT)
            return
        free = screen.availableGeometry()
        width = max(min(MIN_WIDTH, free.width()), min(1280, int(free.width() * 0.92)))
        height = max(min(MIN_HEIGHT, free.height()), min(860, int(free.height() * 0.92)))
        width, height = min(width, free.width()), min(height, free.height())
        self.setGeometry(
            free.x() + (free.width() - width) // 2, free.y() + (free.height() - height) // 2,
            width, height,
        )  # fmt: skip

    def save_window_state(self) -> None:
        if self._window_state is not None:
            self._window_state.setValue("geometry", self.saveGeometry())
            self._window_state.sync()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.banner.isVisible():
            self._fit_banner()
        self._fit_timer.start()

    def _fit_banner(self) -> None:
        """As tall as its text, up to a quarter of the window (then it scrolls)."""
        width = self._banner_scroll.viewport().width() or self.width() - 160
        wanted = self.error_banner.heightForWidth(width) + 2
        limit = max(self.error_banner.fontMetrics().lineSpacing() * 3, self.height() // 4)
        self._banner_scroll.setFixedHeight(max(0, min(wanted, limit)))

    def _fit_last_codes(self) -> None:
        """The last codes take only the room the patient's rows leave: the patient card
        never scrolls for the strip; the strip folds to fewer rows (or its title line)."""
        strip = self.last_codes
        room = self.patient.height() + (strip.height() + 8 if strip.isVisible() else 0)
        strip.fit_into(room - self.patient.needed_height())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window_state()
        super().closeEvent(event)

    # --- status line ---------------------------------------------------------------
    def _refresh_status(self) -> None:
        slot = self._desk.model.patient_slot
        reader = slot.reader if slot is not None else None
        self.status_line.show_reader(self._service_ok, self._readers, reader)

    def _show_message(self, message: Message) -> None:
        self._desk.show_banner(message)

    def show_settings_problem(self, detail: str) -> None:
        self._show_message(words.settings_damaged(detail))

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
                self.banner.hide()
            else:
                set_wrapped_text(self.error_banner, state.banner.two_lines())
                self.banner.show()
                self._fit_banner()
            self._fit_timer.start()
            if self.menus.close_banner is not None:
                self.menus.close_banner.setEnabled(state.banner is not None)
        if force or state.last_codes != shown.last_codes:
            self.last_codes.show_visits(state.last_codes)
            self._fit_timer.start()
        if force or state.serving != shown.serving:
            serving = state.serving
            self.authen_panel.show_staff(serving.name if serving else None)
            self.staff_bar.show_serving(self._staff.session, serving.name if serving else None)
        if state.locked != shown.locked or force:
            member = self._staff.session.member
            if state.locked and member is not None:
                self.lock_view.show_for(member.name, not self._settings.staff_sign_in_required)
                self._pages.setCurrentWidget(self.lock_view)
            else:
                self._pages.setCurrentIndex(0)
        if force or state.patient is not shown.patient:
            if state.patient is None:
                self.patient.clear()
            else:
                self.patient.show_card(state.patient)
            self._fit_timer.start()
        photo_changed = (state.photo_known, state.photo) != (shown.photo_known, shown.photo)
        if state.patient is not None and state.photo_known and (photo_changed or force):
            self.patient.show_photo(state.photo)
        self._render_panel(state, shown, force)

    def _render_panel(self, state: DeskState, shown: DeskState, force: bool) -> None:
        panel = self.authen_panel
        if state.claim_type != shown.claim_type or force:
            panel.set_claim_type(state.claim_type)
        same = (state.stage, state.rights, state.outcome, state.failure, state.agent_down,
                state.notice) == (shown.stage, shown.rights, shown.outcome, shown.failure,
                                  shown.agent_down, shown.notice)  # fmt: skip
        if same and not force:
            return
        agent_down = words.AGENT_DOWN if state.agent_down and self._authen is not None else None
        match state.stage:
            case Stage.NO_CARD | Stage.READING:
                panel.show_waiting(agent_down, state.notice)
            case Stage.PATIENT_SHOWN:
                panel.show_checking()
            case Stage.RIGHTS_CHECKED if state.rights is not None:
                if state.rights is not shown.rights or shown.stage is not Stage.RIGHTS_CHECKED:
                    serving = state.serving
                    panel.show_rights(state.rights, serving.name if serving else None)
                    panel.set_claim_type(state.claim_type)
            case Stage.CONFIRMING:
                panel.show_sending()
            case Stage.CODE_ISSUED if state.outcome is not None:
                panel.show_code(state.outcome)
            case Stage.FAILED if state.failure is not None:
                if state.failed_at == "rights":
                    panel.show_rights_error(state.failure)
                elif state.failed_at == "confirm":
                    panel.show_confirm_error(state.failure, state.retry_allowed, state.bad_field)
                else:
                    panel.show_waiting(agent_down)
            case _:
                panel.show_waiting(agent_down)
        if self._authen is None and state.stage in (Stage.NO_CARD, Stage.READING):
            panel.hint.setText(words.AUTHEN_NOT_CONFIGURED.one_line())

    # --- staff sign-in --------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self._staff.session.touch()
        return super().eventFilter(watched, event)

    @Slot()
    def _on_sign_in_requested(self) -> None:
        """F2: the desk model says which card signs in, or why none can (on the page in
        front: the lock screen shows the banner too); the PIN dialog asks."""
        if self._pin_dialog is not None:
            return
        found = self._desk.sign_in_card()
        if found is None:
            return
        if isinstance(found, Message):
            self._show_message(found)
            return
        reader, card = found
        from app.staff.pin_texts import before_entry  # the PIN rules: at first sign-in
        from widgets.pin_dialog import PinDialog, show_refusal

        refusal = self._staff.refusal(card.cid)
        if refusal is not None:
            show_refusal(self, refusal)
            return
        try:
            pin_state = self._staff.pin_state(card.cid)
        except PinStateUnavailable as exc:  # changed since refusal() looked
            show_refusal(self, message_for(exc))
            return
        dialog = PinDialog(
            card.name_th.full, before_entry(pin_state), self,
            last_try=pin_state.attempts_before_reissue == 1,
        )  # fmt: skip
        dialog.pin_entered.connect(lambda pin: self._staff.check_pin(reader, card, pin))
        dialog.finished.connect(self._on_pin_dialog_finished)
        self._pin_dialog = dialog
        self._desk.sign_in_started()
        dialog.open()

    @Slot(int)
    def _on_pin_dialog_finished(self, _result: int) -> None:
        self._desk.sign_in_ended()
        if self._pin_dialog is not None:
            self._pin_dialog.deleteLater()
        self._pin_dialog = None

    @Slot(object)
    def _on_staff_pin_checked(self, result: PinCheckResult) -> None:
        if self._pin_dialog is not None:
            self._pin_dialog.show_result(result.message, result.ok, result.may_retry)
            attempt = result.attempt
            if result.may_retry and attempt and attempt.state.attempts_before_reissue == 1:
                self._pin_dialog.arm_last_try()

    @Slot()
    def _on_staff_session_changed(self) -> None:
        serving = self.desk_state.serving
        self.staff_bar.show_serving(self._staff.session, serving.name if serving else None)

    # --- authen -----------------------------------------------------------------------
    def _wire_authen(self) -> None:
        panel = self.authen_panel
        if self._authen is None:
            panel.hint.setText(words.AUTHEN_NOT_CONFIGURED.one_line())
            self.agent_status.hide()
            return
        self._authen.rights_checked.connect(self._on_authen_rights_checked)
        self._authen.claim_code_received.connect(self._on_authen_claim_code_received)
        self._authen.agent_status_changed.connect(self._on_authen_agent_status_changed)
        panel.confirm_requested.connect(self._desk.confirm)
        panel.claim_type_selected.connect(self._desk.select_claim_type)
        panel.retry_rights_requested.connect(self._desk.retry_rights)
        panel.copy_requested.connect(self._on_copy_requested)
        panel.print_requested.connect(self._on_panel_print_requested)
        panel.pdf_requested.connect(self._on_panel_pdf_requested)
        self.status_line.agent_checking()
        self._agent_timer = QTimer(self)
        self._agent_timer.setInterval(AGENT_PING_MS)
        self._agent_timer.timeout.connect(self._authen.ping_agent)

    def start(self) -> None:
        """Once the window is on screen: watch the agent, count any key or click as
        activity, and make the patient card's page. The application-wide filter waits for
        the first frame: it hands every event of every object to Python, and the first
        object of a class Python has no wrapper for (a scroll area's internals) makes
        PySide6 build ~150 enum classes (~20 ms) in the middle of building the window."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        if self._authen is not None:
            self._agent_timer.start()
            self._authen.ping_agent()
        self.patient.prepare()  # the card's page, hidden until the first card

    def stop(self) -> None:
        self._idle_timer.stop()
        if self._authen is not None:
            self._agent_timer.stop()
        if self._reports is not None:  # a running check or export stops at once
            self._reports.verify.cancel()
            self._reports.export.cancel()

    @Slot(object)
    def _on_authen_rights_checked(self, result: RightsResult) -> None:
        if result.error is not None:
            self._note_agent_error(result.error)

    @Slot(object)
    def _on_authen_claim_code_received(self, result: ClaimCodeResult) -> None:
        if result.error is not None:
            self._note_agent_error(result.error)
        if self._reports is not None and self.day_list_shown:
            self._reports.day_model.reload()

    def code_on_screen(self) -> Visit | None:
        """The claim code of the patient on screen, if one was issued for them."""
        state = self.desk_state
        if state.stage is Stage.CODE_ISSUED and state.outcome is not None:
            return state.outcome.record
        return None

    @Slot()
    def _on_copy_requested(self) -> None:
        if self._reports is not None and self.day_list_shown:
            self._reports.day_list.copy_code()
            return
        record = self.code_on_screen()
        if record is None:
            self.feedback(words.NO_CODE_ON_SCREEN_TO_COPY.one_line())
            return
        self._copy(record)

    def _copy(self, record: Visit) -> None:
        QGuiApplication.clipboard().setText(record.claim_code)
        self.feedback(words.copied(record.claim_code).one_line())

    @Slot(object)
    def _on_last_codes_copy_requested(self, record: Visit) -> None:
        self._copy(record)

    @Slot(object)
    def _on_last_codes_reprint_requested(self, record: Visit) -> None:
        self._print(record)

    @Slot()
    def _on_panel_print_requested(self) -> None:
        if self._reports is not None and self.day_list_shown:
            self._reports.day_list.reprint()
            return
        record = self.code_on_screen()
        if record is None:
            self.feedback("ไม่มี Claim Code บนหน้าจอให้พิมพ์ / No claim code on screen to print.")
            return
        self._print(record)

    def _print(self, record: Visit) -> None:
        from app.authen.slip import slip_for
        from widgets.slip_print import print_slip  # printing loads on first use

        settings = self._settings
        printed = print_slip(self, slip_for(record, self._clinic_name), settings.slip_printer,
                             settings.slip_print_dialog)  # fmt: skip
        if printed is not None:
            self._say_printed(printed.ok, printed.message)

    def _say_printed(self, ok: bool, message: Message) -> None:
        if ok:
            self.feedback(message.one_line())
        else:
            self._show_message(message)

    def _note_agent_error(self, error: BaseException) -> None:
        """A call that could not reach the agent is news for the status light at once."""
        if isinstance(error, AgentUnavailable | AgentTimeout):
            self._on_authen_agent_status_changed(AgentStatus(False, type(error).__name__))

    @Slot()
    def _on_panel_pdf_requested(self) -> None:
        record = self.code_on_screen()
        if record is None:
            self.feedback("ไม่มี Claim Code บนหน้าจอให้บันทึก / No claim code on screen to save.")
            return
        from widgets.slip_print import ask_pdf_path

        path = ask_pdf_path(self, record.claim_code)  # offered in the user's Documents
        if path:
            self.save_slip_pdf(record, path)

    def save_slip_pdf(self, record: Visit, path: str) -> None:
        from app.authen.slip import slip_for
        from widgets.slip_print import save_slip_pdf

        saved = save_slip_pdf(path, slip_for(record, self._clinic_name))
        self._say_printed(saved.ok, saved.message)

    @Slot(object)
    def _on_authen_agent_status_changed(self, status: AgentStatus) -> None:
        self.status_line.show_agent(status.reachable, status.detail)

    # --- clinic settings --------------------------------------------------------------
    def apply_settings(self, settings: Settings, clinic_name: str) -> None:
        """New settings take effect at once: no restart."""
        self.settings = self._settings = settings
        self._clinic_name = clinic_name
        self.lock_view.continue_button.setVisible(not settings.staff_sign_in_required)
        if settings.hcode and self.desk_state.banner == MISSING_HCODE:
            self._desk.show_banner(None)
        self.feedback(words.SETTINGS_APPLIED.one_line())

    def check_first_run(self, demo: bool) -> None:
        """Say what is missing, and open the dialog that fixes it, before the first patient
        finds out."""
        if demo:
            return
        if not self._settings.hcode:
            self._show_message(MISSING_HCODE)
            self.dialogs.open_clinic_settings_soon()
            return
        if self._tokens is not None:
            self._tokens.status_read.connect(self._on_tokens_status_read)
            self._tokens.read_status()

    @Slot(object)
    def _on_tokens_status_read(self, status: TokenStatus) -> None:
        if self._tokens is not None:
            self._tokens.status_read.disconnect(self._on_tokens_status_read)
        if status.masked is not None and not any(status.masked.values()):
            self._show_message(MISSING_TOKENS)

    # --- reports: the day list page; their dialogs open from DialogLaunchers -------------
    def attach_reports(self, make: Callable[[], ReportParts]) -> None:
        """The Reports menu now; the day list and its services when first asked for (they
        load sqlite-utils and openpyxl, which must not delay the window)."""
        self._make_reports = make
        add_reports_actions(self, self.menus)

    def reports(self) -> ReportParts | None:
        """The report parts, built on first use."""
        if self._reports is None and self._make_reports is not None:
            self._reports = reports = self._make_reports()
            page = QWidget()
            column = QVBoxLayout(page)
            column.setContentsMargins(12, 8, 12, 8)
            # No title row: on a 1024x600 screen at 125% every line goes to the table. The
            # window's title names the page; the way back sits at the end of the list's
            # own buttons (and is F3).
            back = QPushButton("กลับหน้าจุดบริการ (F3)")
            back.clicked.connect(self.toggle_day_list)
            action_row = reports.day_list.action_row.layout()
            assert action_row is not None
            action_row.addWidget(back)
            column.addWidget(reports.day_list, 1)
            self._day_page = page
            self._pages.addWidget(page)
            reports.day_list.hand_keys_to_window()
            reports.day_list.code_copied.connect(
                lambda code: self.feedback(words.copied(code).one_line())
            )
            reports.day_list.reprint_requested.connect(self._print)
            reports.day_list.retry_requested.connect(self._on_day_list_retry_requested)
            reports.reconcile.imported.connect(self.reload_day_list)
        return self._reports

    @Slot(object)
    def reload_day_list(self, _why: object = None) -> None:
        if self._reports is not None:
            self._reports.day_model.reload()

    @property
    def day_list_shown(self) -> bool:
        return self._day_page is not None and self._pages.currentWidget() is self._day_page

    @Slot(int)
    def _on_page_changed(self, _index: int) -> None:
        self.setWindowTitle(DAY_LIST_TITLE if self.day_list_shown else DESK_TITLE)

    @Slot()
    def toggle_day_list(self) -> None:
        if self.desk_state.locked:
            return
        if self.day_list_shown:
            self._pages.setCurrentIndex(0)
            return
        reports = self.reports()
        if reports is None or self._day_page is None:
            return
        self._pages.setCurrentWidget(self._day_page)
        reports.day_list.show_day()

    @Slot(object)
    def _on_day_list_retry_requested(self, visit: Visit) -> None:
        """A failed visit is retried with its card in the reader, from the desk; without
        it, the day list (the page in front) shows the banner that says so."""
        patient = self.desk_state.patient
        if patient is None or patient.cid != visit.pid:
            name = visit.patient_name or mask_cid(visit.pid)  # a failed read has no name
            self._show_message(words.retry_needs_card_of(name))
            return
        self._pages.setCurrentIndex(0)
        self._desk.retry_rights()
