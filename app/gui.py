"""Starting the window: QApplication, the card thread, and shutting both down cleanly."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app.authen_service import AuthenService
from app.card_bridge import CardBridge
from app.demo import DEMO_HCODE, DemoReader
from app.paths import app_paths
from app.settings import load_settings
from app.staff_controller import StaffController
from app.staff_session import StaffMember
from app.token_service import TokenService
from app.token_store import TokenStore
from cardreader.backend import ReaderBackend
from cardreader.pcsc import PcscBackend


def run_gui(demo: bool) -> int:
    from widgets.main_window import MainWindow
    from widgets.style import ui_font

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Authen Desk")
    app.setFont(ui_font())
    demo_reader = DemoReader() if demo else None
    backend: ReaderBackend = demo_reader.readers if demo_reader else PcscBackend()
    bridge = CardBridge(backend)
    settings, problem = load_settings()
    staff = StaffController.for_desk(bridge, app_paths().state_dir, settings.idle_lock_minutes * 60)

    def serving() -> StaffMember | None:
        # Read from the authen worker: a reference swap, safe without a lock.
        session = staff.session
        return session.member if session.active else None

    data_dir = app_paths().data_dir
    if demo_reader is not None:
        # The demo never writes into the clinic's real log, and talks to its own agent.
        agent = demo_reader.start_agent(settings.hcode or DEMO_HCODE)
        authen = AuthenService(
            agent.url, data_dir / "demo-authen.sqlite", settings.hcode or DEMO_HCODE, serving,
            demo_reader.mobile_hint,
        )  # fmt: skip
    else:
        authen = AuthenService(
            settings.agent_url, data_dir / "authen.sqlite", settings.hcode, serving
        )
    tokens = TokenService(
        TokenStore(), demo_reader.agent.url if demo_reader and demo_reader.agent else
        settings.agent_url, settings.zone, serving,
    )  # fmt: skip
    window = MainWindow(
        bridge, staff, demo_reader, settings, authen,
        settings.hospital_name or ("คลินิกสาธิต Authen Desk" if demo else ""), tokens,
    )  # fmt: skip
    if problem is not None:
        window.show_settings_problem(problem)
    window.show()
    bridge.start()
    try:
        return app.exec()
    finally:
        bridge.stop()
        authen.shutdown()
        tokens.shutdown()
        if demo_reader is not None:
            demo_reader.stop_agent()
