"""The window with a shared store: the status bar says how many visits wait while the
server is down, and the background push sends them when it is back."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.authen.visit_log import OK, VisitLog
from app.paths import app_paths
from app.qt.composition import build_desk
from app.settings.model import Settings
from cardreader.virtual.simulated import SimulatedReaders
from tests.store.test_shared_store import count
from tests.support.mariadb import MariaDBServer

SHOTS = Path(__file__).parents[2] / "screenshots"


def test_status_bar_offline_then_pushed(qtbot: QtBot, server: MariaDBServer, password: str) -> None:
    settings = Settings(hcode="12345", shared_store=server.url(), desk_name="desk-a")
    local = VisitLog(app_paths().visit_log())
    for n in range(3):  # visits logged while the server was away
        visit = local.begin(pid=f"{1101700123450 + n}", claim_type="PG0060001", hcode="12345")
        local.finish(visit, OK, claim_code=f"PP{n}")
    local.close()
    server.stop()
    desk = build_desk(backend=SimulatedReaders(), settings=settings)
    qtbot.addWidget(desk.window)
    desk.window.show()
    assert desk.shared_store is not None
    try:
        desk.start()
        qtbot.waitUntil(lambda: hasattr(desk.window, "_shared_store_label"), timeout=15000)
        label = desk.window._shared_store_label
        assert label.isVisible()
        assert "shared store offline — 3 visits waiting" in label.text()
        assert "ออฟไลน์" in label.text()
        SHOTS.mkdir(exist_ok=True)
        desk.window.grab().save(str(SHOTS / "shared-store-offline.png"))
        server.start()
        desk.shared_store.push_now()
        qtbot.waitUntil(lambda: not label.isVisible(), timeout=15000)
        assert count(server) == 3
    finally:
        desk.shutdown()


def test_without_a_shared_store_the_window_has_no_such_label(qtbot: QtBot) -> None:
    desk = build_desk(backend=SimulatedReaders(), settings=Settings(hcode="12345"))
    qtbot.addWidget(desk.window)
    try:
        desk.start()
        assert desk.shared_store is not None and desk.shared_store.text == ""
        assert getattr(desk.window, "_shared_store_label", None) is None
    finally:
        desk.shutdown()
