"""Staff sign-in in the window: F2, the PIN dialog, the 3/5 rules, the idle lock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.demo.reader import DemoReader
from app.qt.composition import build_desk
from app.settings.model import Settings
from cardreader.virtual.card import VirtualThaiIdCard
from cardreader.virtual.persona import shipped_persona
from cardreader.virtual.simulated import SimulatedReaders
from tests.gui.conftest import DeskDriver
from tests.support.secret_service import MemoryKeyring
from widgets.pin_dialog import PinDialog

pytestmark = pytest.mark.gui
SHOTS = Path(__file__).parents[2] / "screenshots"


class Desk(DeskDriver):
    """The shared desk plus the staff sign-in keys."""

    def press_f2(self) -> PinDialog | None:
        # Offscreen there is no window manager to hand activation back after a dialog.
        self.activate()
        self.qtbot.keyClick(self.win, Qt.Key.Key_F2)
        return self.win._pin_dialog

    def enter_pin(self, dialog: PinDialog, pin: str) -> None:
        self.qtbot.keyClicks(dialog.field, pin)
        with self.qtbot.waitSignal(self.staff.pin_checked, timeout=5000):
            self.qtbot.keyClick(dialog.field, Qt.Key.Key_Return)


@pytest.fixture
def desk(desk: DeskDriver) -> Iterator[Desk]:
    driver = Desk(desk.desk, desk.demo, desk.qtbot)
    yield driver
    if driver.win._pin_dialog is not None:
        driver.win._pin_dialog.reject()


def shot(widget: object, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / name))  # type: ignore[attr-defined]


def refusal_box() -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            return widget
    return None


def test_insertion_never_verifies(desk: Desk) -> None:
    card = desk.insert_card("suda")
    assert card.verify_count == 0
    assert desk.win.patient.showing_card


def test_f2_without_a_card_asks_for_one(desk: Desk) -> None:
    assert desk.press_f2() is None
    assert "F2" in desk.win.error_banner.text()


def test_right_pin_signs_in_and_the_staff_card_is_not_a_patient(desk: Desk) -> None:
    card = desk.insert_card("suda")
    dialog = desk.press_f2()
    assert dialog is not None and dialog.status.isHidden()
    shot(dialog, "pin-dialog-fresh.png")
    desk.enter_pin(dialog, "2580")
    assert desk.staff.session.active
    assert desk.staff.session.member is not None
    assert desk.staff.session.member.name == "นางสาวสุดา ใจงาม"
    assert "นางสาวสุดา ใจงาม" in desk.win.staff_bar.label.text()
    assert not desk.win.patient.showing_card
    # Signed in: a calm note in the patient area, never a red banner (issue 20.11).
    assert desk.win.banner.isHidden()
    assert "ลงชื่อเข้าใช้แล้ว" in desk.win.authen_panel.hint.text()
    assert desk.win.authen_panel.hint.isVisible()
    assert card.verify_count == 1
    desk.remove()
    desk.insert_card("somchai")
    assert desk.win.patient.name_th.whole_text() == "นายสมชาย ใจดี"
    shot(desk.win, "main-window-signed-in.png")


def test_a_staff_card_put_in_after_f2_is_not_rights_checked(desk: Desk) -> None:
    """Issue 20.11: F2 first, then the card: it goes to the sign-in, NHSO is not asked."""
    checked: list[object] = []
    desk.authen.rights_checked.connect(checked.append)
    assert desk.press_f2() is None
    assert desk.win.banner.isVisible() and "F2" in desk.win.error_banner.text()
    desk.insert_card("suda")
    desk.qtbot.wait(300)  # a rights check would have been asked by now
    assert not desk.win.patient.showing_card and checked == []
    assert desk.win.banner.isHidden()
    assert "F2" in desk.win.authen_panel.hint.text()
    shot(desk.win, "main-window-staff-card-for-sign-in.png")
    dialog = desk.press_f2()
    assert dialog is not None
    desk.enter_pin(dialog, "2580")
    assert desk.staff.session.active and desk.win.banner.isHidden()
    shot(desk.win, "main-window-signed-in-card-still-in.png")
    desk.remove()
    desk.insert("somchai")  # the next card is a patient's: rights checked
    assert desk.win.patient.name_th.whole_text() == "นายสมชาย ใจดี" and len(checked) == 1


def test_wrong_pins_then_refused_then_the_dialog_will_not_open(desk: Desk) -> None:
    card = desk.insert_card("suda")
    dialog = desk.press_f2()
    assert dialog is not None
    desk.enter_pin(dialog, "1111")
    assert "ใส่ได้อีก 2 ครั้ง" in dialog.status.text() and dialog.field.isEnabled()
    shot(dialog, "pin-dialog-one-wrong.png")
    desk.enter_pin(dialog, "1112")
    # Item 8: the last try before the 3-failure stop warns in plain words before sending.
    width = dialog.width()
    desk.qtbot.keyClicks(dialog.field, "1113")
    desk.qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert "ครั้งสุดท้าย" in dialog.status.text() and card.verify_count == 2
    assert dialog.width() == width  # typing and warnings never make it jump
    shot(dialog, "pin-dialog-last-try.png")
    with desk.qtbot.waitSignal(desk.staff.pin_checked, timeout=5000):
        desk.qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert "สำนักทะเบียน" in dialog.status.text()
    assert not dialog.field.isEnabled() and dialog.field.isHidden()
    shot(dialog, "pin-dialog-third-wrong.png")
    dialog.reject()
    assert desk.press_f2() is None  # refuses to open at all
    box = refusal_box()
    assert box is not None and "สำนักทะเบียน" in box.text()
    shot(box, "pin-refused.png")
    box.close()
    assert card.verify_count == 3 and card.pin_tries_left == 2
    assert not desk.staff.session.active


def test_blocked_card(desk: Desk) -> None:
    desk.insert_card("suda", tries=0)
    dialog = desk.press_f2()
    assert dialog is not None
    desk.enter_pin(dialog, "2580")
    assert "บัตรประชาชนใบใหม่" in dialog.status.text()
    dialog.reject()
    assert desk.press_f2() is None
    box = refusal_box()
    assert box is not None and "บัตรประชาชนใบใหม่" in box.text()
    shot(box, "pin-blocked.png")
    box.close()


def test_card_swapped_while_typing_gets_no_verify(desk: Desk) -> None:
    desk.insert_card("suda")
    dialog = desk.press_f2()
    assert dialog is not None
    desk.remove()
    other = desk.insert_card("somchai")
    desk.enter_pin(dialog, "2580")
    assert other.verify_count == 0
    assert not desk.staff.session.active
    assert dialog.field.isEnabled()


def test_idle_lock_and_unlock_with_the_same_card(desk: Desk) -> None:
    desk.insert_card("suda")
    dialog = desk.press_f2()
    assert dialog is not None
    desk.enter_pin(dialog, "2580")
    desk.remove()
    desk.insert_card("somchai")
    desk.staff.session.idle_seconds = 0
    desk.staff.lock_if_idle()
    assert desk.staff.session.locked
    assert desk.win._pages.currentWidget() is desk.win.lock_view
    assert not desk.win.patient.showing_card
    shot(desk.win, "main-window-locked.png")
    assert desk.press_f2() is None  # somchai's card cannot unlock suda's session
    desk.remove()
    desk.insert_card("suda")
    desk.staff.session.idle_seconds = 600
    dialog = desk.press_f2()
    assert dialog is not None
    desk.enter_pin(dialog, "2580")
    assert desk.staff.session.active
    assert desk.win._pages.currentIndex() == 0


def test_sign_out(desk: Desk) -> None:
    desk.insert_card("suda")
    dialog = desk.press_f2()
    assert dialog is not None
    desk.enter_pin(dialog, "2580")
    desk.qtbot.mouseClick(desk.win.staff_bar.sign_out_button, Qt.MouseButton.LeftButton)
    assert desk.staff.session.member is None
    assert "ยังไม่ได้ลงชื่อเข้าใช้" in desk.win.staff_bar.label.text()


def test_second_reader_for_staff(qtbot: QtBot, tmp_path: Path) -> None:
    """Staff keep their card in their own reader; patients come and go in the other."""
    readers = SimulatedReaders(("Patient Reader", "Staff Reader"))
    built = build_desk(
        backend=readers,
        settings=Settings(
            hcode="12345", staff_reader="Staff Reader", agent_url="http://127.0.0.1:9"
        ),
        keyring_backend=MemoryKeyring(),
    )
    win, bridge, staff = built.window, built.bridge, built.staff
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(bridge.reader_added, timeout=5000):
        built.start()
    try:
        with qtbot.waitSignal(bridge.card_read, timeout=5000):
            readers.insert(VirtualThaiIdCard(shipped_persona("malee")), "Patient Reader")
        with qtbot.waitSignal(bridge.card_read, timeout=5000):
            readers.insert(VirtualThaiIdCard(shipped_persona("suda")), "Staff Reader")
        assert win.patient.name_th.whole_text() == "นางมาลี ศรี สุขใจ"  # the staff card is not shown
        desk = Desk(built, DemoReader(), qtbot)
        dialog = desk.press_f2()
        assert dialog is not None
        desk.enter_pin(dialog, "2580")
        assert staff.session.member is not None and staff.session.member.cid == "1709900011220"
        assert win.patient.name_th.whole_text() == "นางมาลี ศรี สุขใจ"
        with qtbot.waitSignal(bridge.card_removed, timeout=5000):
            readers.remove("Patient Reader")
        with qtbot.waitSignal(bridge.card_read, timeout=5000):
            readers.insert(VirtualThaiIdCard(shipped_persona("krit")), "Patient Reader")
        assert win.patient.cid.text() == "1-0103-00987-65-8"
    finally:
        built.shutdown()
