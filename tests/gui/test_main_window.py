"""The window on the simulated reader, driven as staff would: F5 inserts, F6 removes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.demo.reader import DemoReader
from app.qt.card_bridge import CardBridge
from cardreader.events import CardRead, CardSlot
from tests.gui.conftest import DeskDriver
from widgets.main_window import MainWindow

pytestmark = pytest.mark.gui
SHOTS = Path(__file__).parents[2] / "screenshots"


@pytest.fixture
def window(desk: DeskDriver) -> tuple[MainWindow, DemoReader, CardBridge]:
    return desk.win, desk.demo, desk.bridge


def choose(win: MainWindow, persona_id: str) -> None:
    assert win.demo_panel is not None
    combo = win.demo_panel.persona
    combo.setCurrentIndex(combo.findData(persona_id))


def test_insert_shows_the_patient_and_photo(
    qtbot: QtBot, window: tuple[MainWindow, DemoReader, CardBridge]
) -> None:
    win, _demo, bridge = window
    choose(win, "krit")
    with qtbot.waitSignal(bridge.card_photo_read, timeout=5000):
        qtbot.keyClick(win, Qt.Key.Key_F5)
    assert win.patient.showing_card
    assert win.patient.name_th.whole_text() == "นายกฤษณ์ เกียรติก้องสกุลวงศ์"
    assert win.patient.cid.text() == "1-0103-00987-65-8"
    assert "กรุงเทพมหานคร" in win.patient.value_text("address")
    assert win.patient.value_text("birth") == "29 กุมภาพันธ์ 2543"
    assert not win.patient.photo.pixmap().isNull()
    assert "มีบัตร" in win.reader_status.text()
    SHOTS.mkdir(exist_ok=True)
    win.grab().save(str(SHOTS / "main-window-card.png"))


def test_f5_with_another_person_chosen_swaps_the_card(
    qtbot: QtBot, window: tuple[MainWindow, DemoReader, CardBridge]
) -> None:
    win, _demo, bridge = window
    choose(win, "somchai")
    with qtbot.waitSignal(bridge.card_photo_read, timeout=5000):
        qtbot.keyClick(win, Qt.Key.Key_F5)
    choose(win, "ploy")  # same ATR as somchai
    with qtbot.waitSignal(bridge.card_photo_read, timeout=5000):
        qtbot.keyClick(win, Qt.Key.Key_F5)
    assert win.patient.name_th.whole_text() == "นางสาวพลอย แสงทอง"


def test_partial_and_lifelong_dates_read_in_thai(
    qtbot: QtBot, window: tuple[MainWindow, DemoReader, CardBridge]
) -> None:
    win, demo, bridge = window
    with qtbot.waitSignal(bridge.card_read, timeout=5000):
        demo.insert("boonmee")
    assert win.patient.value_text("birth") == "2485"
    assert win.patient.value_text("expiry") == "ตลอดชีพ"


def test_removal_clears_the_patient(
    qtbot: QtBot, window: tuple[MainWindow, DemoReader, CardBridge]
) -> None:
    win, demo, bridge = window
    with qtbot.waitSignal(bridge.card_photo_read, timeout=5000):
        demo.insert("somchai")
    with qtbot.waitSignal(bridge.card_removed, timeout=5000):
        qtbot.keyClick(win, Qt.Key.Key_F6)
    assert not win.patient.showing_card
    assert "พร้อมอ่านบัตร" in win.reader_status.text()


def test_not_a_thai_id_card_shows_a_thai_sentence(
    qtbot: QtBot, window: tuple[MainWindow, DemoReader, CardBridge]
) -> None:
    win, demo, bridge = window
    with qtbot.waitSignal(bridge.card_read_failed, timeout=5000):
        demo.insert("bank-card")
    assert win.error_banner.isVisible()
    assert "ไม่ใช่บัตรประจำตัวประชาชน" in win.error_banner.text()
    assert not win.patient.showing_card
    SHOTS.mkdir(exist_ok=True)
    win.grab().save(str(SHOTS / "main-window-not-thai-id.png"))


def test_stale_result_of_a_pulled_card_is_dropped(
    qtbot: QtBot, window: tuple[MainWindow, DemoReader, CardBridge]
) -> None:
    win, demo, bridge = window
    with qtbot.waitSignal(bridge.card_read, timeout=5000) as blocker:
        demo.insert("malee")
    current: CardRead = blocker.args[0]
    with qtbot.waitSignal(bridge.card_removed, timeout=5000):
        demo.remove()
    with qtbot.waitSignal(bridge.card_read, timeout=5000):
        demo.insert("ploy")
    late = CardRead(CardSlot(current.slot.reader, current.slot.insertion), current.card, 7)
    bridge.post(late)
    qtbot.wait(50)
    assert win.patient.name_th.whole_text() == "นางสาวพลอย แสงทอง"


def test_service_loss_is_shown(
    qtbot: QtBot, window: tuple[MainWindow, DemoReader, CardBridge]
) -> None:
    win, demo, bridge = window
    with qtbot.waitSignal(bridge.service_changed, timeout=5000):
        demo.readers.set_service(False)
    assert "ไม่ทำงาน" in win.reader_status.text()
    with qtbot.waitSignal(bridge.service_changed, timeout=5000):
        demo.readers.set_service(True)
    qtbot.waitUntil(lambda: "พร้อมอ่านบัตร" in win.reader_status.text(), timeout=5000)
