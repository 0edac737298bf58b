"""The composition root: the one place that builds a desk (services, card thread, window)
and the only module of app/ that imports widgets/. `run_gui` and the tests build the desk
through `build_desk`, so the wiring the tests check is the wiring clinics run.

Start-up order keeps the window fast: the window is shown first; the card thread, the
agent check and the database (opened on first use by its own thread) come after.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import keyring.backend
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.authen.visit_log import VisitLog
from app.demo.reader import DEMO_CLINIC_NAME, DEMO_HCODE, DemoReader
from app.paths import AppPaths, app_paths
from app.qt.authen_service import AuthenService
from app.qt.card_bridge import CardBridge
from app.qt.staff_controller import StaffController
from app.qt.tasks import TaskRunner
from app.qt.token_service import TokenService
from app.settings.model import Settings, load_settings
from app.tokens.store import TokenStore
from cardreader.backend import ReaderBackend
from widgets.main_window import MainWindow


@dataclass
class Desk:
    """Everything one running desk is made of, and the order it starts and stops in."""

    window: MainWindow
    bridge: CardBridge
    staff: StaffController
    authen: AuthenService
    tokens: TokenService
    tasks: TaskRunner
    settings: Settings
    demo: DemoReader | None = None
    _stopped: bool = field(default=False, repr=False)

    def start(self) -> None:
        """After the window is on screen: the card thread, then the agent's status."""
        self.bridge.start()
        self.window.start()

    def shutdown(self) -> None:
        if self._stopped:
            return
        self._stopped = True
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
) -> Desk:
    """A desk on the real readers and agent, or on the simulated ones when `demo` is given."""
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
    tasks = TaskRunner(lambda: VisitLog(log_path))
    staff = StaffController.for_desk(bridge, paths.pin_state_dir, settings.idle_lock_minutes * 60)
    if demo is not None:
        # The demo talks to its own simulated agent and keeps its own log.
        hcode = settings.hcode or DEMO_HCODE
        agent_url = demo.start_agent(hcode).url
        authen = AuthenService(tasks, agent_url, hcode, demo.mobile_hint)
        clinic = settings.hospital_name or DEMO_CLINIC_NAME
    else:
        agent_url = settings.agent_url
        authen = AuthenService(tasks, agent_url, settings.hcode)
        clinic = settings.hospital_name
    tokens = TokenService(
        tasks, TokenStore(keyring_backend), agent_url, settings.zone, status_base_url
    )
    window = MainWindow(bridge, staff, demo, settings, authen, clinic, tokens)
    if settings_problem is not None:
        window.show_settings_problem(settings_problem)
    return Desk(window, bridge, staff, authen, tokens, tasks, settings, demo)


def run_gui(demo: bool) -> int:
    from widgets.style import ui_font

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Authen Desk")
    app.setFont(ui_font())
    desk = build_desk(demo=DemoReader() if demo else None)
    desk.window.show()
    QTimer.singleShot(0, desk.start)
    try:
        return app.exec()
    finally:
        desk.shutdown()
