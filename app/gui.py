"""Starting the window: QApplication, the card thread, and shutting both down cleanly."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app.card_bridge import CardBridge
from app.demo import DemoReader
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
    window = MainWindow(bridge, demo_reader)
    window.show()
    bridge.start()
    try:
        return app.exec()
    finally:
        bridge.stop()
