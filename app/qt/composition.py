"""The composition root: the one place that builds a desk (services, card thread, window)
and the only module of app/ that imports widgets/. `run_gui` and the tests build the desk
through `build_desk`, so the wiring the tests check is the wiring clinics run.

Start-up order keeps the window fast: the window is shown first; the card thread, the
agent check and the database (opened on first use by its own thread) come after.
"""

from __future__ import annotations

import gc
import getpass
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from app.desk.model import DeskModel
from app.errors import message_for
from app.paths import AppPaths, app_paths
from app.qt.authen_service import AuthenService
from app.qt.card_bridge import CardBridge
from app.qt.cardless_service import CardlessService
from app.qt.desk_controller import DeskController
from app.qt.settings_service import LiveSettings, SettingsService
from app.qt.staff_controller import StaffController
from app.qt.tasks import TaskRunner
from app.qt.token_service import TokenService
from app.settings.model import Settings, load_settings
from app.staff.session import StaffMember
from cardreader.backend import ReaderBackend
from widgets.main_window import MainWindow, ReportParts

if TYPE_CHECKING:  # the simulated reader (app.demo.reader) loads only for --demo
    import keyring.backend

    from app.authen.visit_log import VisitLog
    from app.demo.reader import DemoReader
    from app.qt.shared_store_status import SharedStoreStatus


WINDOW_STATE_FILE = "window.ini"  # size and place, beside the settings file


@dataclass
class Desk:
    """Everything one running desk is made of, and the order it starts and stops in."""

    window: MainWindow
    controller: DeskController
    bridge: CardBridge
    staff: StaffController
    authen: AuthenService
    tokens: TokenService
    tasks: TaskRunner
    settings: Settings
    demo: DemoReader | None = None
    settings_service: SettingsService | None = None
    shared_store: SharedStoreStatus | None = None  # the background push (app/store)
    _stopped: bool = field(default=False, repr=False)

    def apply_settings(self, settings: Settings) -> None:
        """Saved from the settings dialog: in effect at once, no restart. The demo keeps
        its own simulated agent."""
        self.settings = settings
        model = self.controller.model
        model.staff_reader = settings.staff_reader
        model.staff_sign_in_required = settings.staff_sign_in_required
        self.staff.session.idle_seconds = settings.idle_lock_minutes * 60
        self.tokens.zone = settings.zone
        demo_hcode: str | None = None
        if self.demo is None:
            self.authen.configure(settings.agent_url, settings.hcode)
            self.tokens.agent_url = settings.agent_url
            clinic = settings.hospital_name
        else:
            from app.demo.reader import DEMO_CLINIC_NAME, DEMO_HCODE

            demo_hcode = DEMO_HCODE
            self.authen.configure(self.authen.agent_url, settings.hcode or DEMO_HCODE)
            clinic = settings.hospital_name or DEMO_CLINIC_NAME
        if self.controller.cardless is not None:
            self.controller.cardless.hcode = settings.hcode or demo_hcode
            self.controller.cardless.zone = settings.zone
        self.window.apply_settings(settings, clinic)
        self.controller.refresh()

    def start(self) -> None:
        """After the window is on screen: the card thread, then the agent's status; the
        visit log opens on its own thread, and a damaged one is said on screen at once."""
        if self.demo is not None and self.demo.agent is None:
            # Built after show, so the demo's window is up as fast as a clinic's.
            from app.demo.reader import DEMO_HCODE

            hcode = self.settings.hcode or DEMO_HCODE
            url = self.demo.start_agent(hcode).url
            self.authen.configure(url, hcode)
            self.tokens.agent_url = url
            self.window.about_info["agent_url"] = url
            cardless = self.controller.cardless
            if cardless is not None and cardless.base_url is None:  # NHSO's status service,
                cardless.base_url = url  # simulated too: the demo's no-card path finishes
        self.bridge.start()
        self.window.start()
        if self.shared_store is not None:
            self.shared_store.start()
        self.window.check_first_run(self.demo is not None)
        self.tasks.run_db(
            lambda log: log.schema_version, lambda _version: None,
            lambda error: self.controller.show_banner(message_for(error)), self.controller,
        )  # fmt: skip

    def shutdown(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if self.shared_store is not None:
            self.shared_store.stop()
        self.window.stop()
        self.bridge.stop()
        self.tasks.shutdown()
        if self.demo is not None:
            self.demo.stop_agent()


def build_desk(
    *,
    demo: DemoReader | None = None,
    backend: ReaderBackend | None = None,
    settings: Settings | None = None,
    settings_problem: str | None = None,
    paths: AppPaths | None = None,
    keyring_backend: keyring.backend.KeyringBackend | None = None,
    status_base_url: str | None = None,
    demo_staff: bool = False,
    settings_path: Path | None = None,
) -> Desk:
    """A desk on the real readers and agent, or on the simulated ones when `demo` is given.
    `demo_staff`: the demo's staff member serves from the start (`authen-desk --demo`
    needs no sign-in and no setup between F5 and a claim code)."""
    paths = paths or app_paths()
    if settings is None:
        settings, settings_problem = load_settings()
    reader_backend: ReaderBackend
    if backend is not None:
        reader_backend = backend
    elif demo is not None:
        reader_backend = demo.readers
    else:
        from cardreader.pcsc import PcscBackend

        reader_backend = PcscBackend()
    bridge = CardBridge(reader_backend)
    log_path = paths.visit_log(demo=demo is not None)

    def open_visit_log() -> VisitLog:
        from app.authen.visit_log import VisitLog

        if demo is None and settings.shared_store:  # several desks (app/store)
            from app.store.open import open_visit_log as open_shared

            return open_shared(log_path, settings)
        return VisitLog(log_path)

    tasks = TaskRunner(open_visit_log)
    # The demo counts its staff card's wrong PINs in a folder of its own, never the
    # machine-wide counts of the clinic's real cards (so the demo bar may reset them).
    pin_dir = paths.user_state_dir / "demo-pin-state" if demo is not None else paths.machine_pin_dir
    staff = StaffController.for_desk(
        bridge, pin_dir, settings.idle_lock_minutes * 60, demo=demo is not None
    )
    demo_hcode: str | None = None
    demo_clinic = ""
    if demo is not None:
        # The demo talks to its own simulated agent and keeps its own log.
        from app.demo.reader import DEMO_CLINIC_NAME, DEMO_HCODE, DEMO_STAFF

        demo_hcode, demo_clinic = DEMO_HCODE, DEMO_CLINIC_NAME
        hcode = settings.hcode or DEMO_HCODE
        agent_url = ""  # the simulated agent starts after the window shows (Desk.start)
        authen = AuthenService(tasks, agent_url, hcode, demo.mobile_hint, settle_fresh_cards=False)
        clinic = settings.hospital_name or DEMO_CLINIC_NAME
        if demo_staff:
            staff.session.sign_in(DEMO_STAFF)
    else:
        agent_url = settings.agent_url
        authen = AuthenService(tasks, agent_url, settings.hcode)
        clinic = settings.hospital_name
    from app.tokens.store import TokenStore  # keyring itself loads on first use

    tokens = TokenService(
        tasks, TokenStore(keyring_backend), agent_url, settings.zone, status_base_url
    )
    model = DeskModel(
        settings.staff_reader,
        staff_sign_in_required=settings.staff_sign_in_required,
        desk_user=os_user(),
    )
    cardless = CardlessService(
        tasks, tokens.store, settings.hcode or demo_hcode, settings.zone,
        status_base_url, demo_token="demo" if demo is not None else None,
    )  # fmt: skip
    desk = DeskController(model, bridge, authen, staff, cardless=cardless)
    live = LiveSettings(
        settings,
        fallback_hcode=demo_hcode,
        fallback_clinic=demo_clinic,
    )  # the one settings source the reports read; the settings dialog's save updates it
    settings_service = SettingsService(tasks, settings_path, live=live)
    window = MainWindow(
        desk, bridge, staff, demo, settings, authen, clinic, tokens, settings_service
    )
    window.settings_file = str(settings_path or paths.settings_file)
    window.about_info = {"agent_url": agent_url, "log_folder": str(paths.log_dir)}
    window.restore_window_state(paths.config_dir / WINDOW_STATE_FILE)
    if settings_problem is not None:
        window.show_settings_problem(settings_problem)
    window.attach_reports(lambda: _report_parts(tasks, tokens, live, log_path, status_base_url))
    built = Desk(window, desk, bridge, staff, authen, tokens, tasks, settings, demo,
                 settings_service)  # fmt: skip
    if demo is None:
        from app.qt.shared_store_status import SharedStoreStatus

        built.shared_store = SharedStoreStatus(tasks, log_path, settings, window)
        built.shared_store.changed.connect(window.show_shared_store)
    settings_service.saved.connect(built.apply_settings)
    return built


def _report_parts(
    tasks: TaskRunner,
    tokens: TokenService,
    live: LiveSettings,
    log_path: Path,
    status_base_url: str | None,
) -> ReportParts:
    """The day list, verify-day, export and reconcile, on the desk's own log and tokens."""
    from app.qt.day_list_model import DayListModel
    from app.qt.report_service import ExportService, ReconcileService
    from app.qt.verify_day_service import VerifyDayService
    from widgets.day_list import DayListView

    model = DayListModel(tasks)
    verify = VerifyDayService(tasks, tokens.store, live, status_base_url or "")
    return ReportParts(
        model, DayListView(model), verify, ExportService(tasks, log_path, live),
        ReconcileService(tasks, log_path, live),
    )  # fmt: skip


def os_user() -> StaffMember:
    """Who serves on a desk without staff sign-in: the OS account, named in the log."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):  # no login name (a service account without one)
        name = "?"
    return StaffMember("", f"{name} (บัญชีเครื่อง / OS user)")


def run_gui(demo: bool, after_start: Callable[[Desk], None] | None = None) -> int:
    """The program's window until it is closed. `after_start` runs once the desk has
    started (the smoke test drives the demo through it)."""
    from widgets.style import ui_font

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Authen Desk")
    app.setFont(ui_font())
    from app.resources import app_icon, install_translations
    from app.single_instance import hold_instance_mutex

    hold_instance_mutex()  # Windows: the installer waits while this program runs
    app.setWindowIcon(app_icon())
    install_translations(app)
    demo_reader = None
    if demo:
        from app.demo.reader import DemoReader

        demo_reader = DemoReader()
    desk = build_desk(demo=demo_reader, demo_staff=demo)
    desk.window.show()

    def start() -> None:
        # Start-up is over: what it made lives as long as the program, so the collector
        # leaves it be (freeze) and runs again from here (app.main turned it off).
        gc.freeze()
        gc.enable()
        desk.start()
        if after_start is not None:
            after_start(desk)

    from app.qt.first_frame import after_first_frame

    after_first_frame(desk.window, start)  # the card thread, agent, log: after the first frame
    try:
        return app.exec()
    finally:
        desk.shutdown()
