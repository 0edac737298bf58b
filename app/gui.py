"""Starting the window: QApplication, the card thread, and shutting both down cleanly."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app.card_bridge import CardBridge
from app.demo import DemoReader
from app.paths import app_paths
from app.pin_policy import PinLockoutPolicy
from app.pin_store import PinFailureStore
from app.settings import load_settings
from app.staff_controller import StaffController
from app.staff_session import StaffSession
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
    policy = PinLockoutPolicy(PinFailureStore(app_paths().state_dir))
    staff = StaffController(bridge, policy, StaffSession(settings.idle_lock_minutes * 60))
    window = MainWindow(bridge, staff, demo_reader, settings)
    if problem is not None:
        window.show_settings_problem(problem)
    window.show()
    bridge.start()
    try:
        return app.exec()
    finally:
        bridge.stop()
