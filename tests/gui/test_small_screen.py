"""The clinic laptop: a 1024x600 screen at 125 % (819x480 in Qt's logical pixels), in Thai.

The day list gives its table the room and keeps each filter's text whole; the lock screen's
buttons stay in view under a banner; a Thai name or address wraps between words, never
inside one, and a long name in the last codes ends in "…" on its one line.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.authen.visit_log import Visit
from app.staff.session import StaffMember
from app.words.slip import NO_PRINTER
from cardreader.thai_id import read_id_card
from cardreader.virtual.card import VirtualThaiIdCard, VirtualTransport
from cardreader.virtual.persona import shipped_persona
from tests.gui.conftest import DeskDriver
from tests.gui.test_whole_words import lines_of
from widgets.last_codes import LastCodesStrip
from widgets.patient_view import PatientView
from widgets.style import set_wrapped_text, ui_font

pytestmark = pytest.mark.gui
SMALLEST = (819, 480)  # a 1024x600 screen at 125 %, in Qt's logical pixels


def show_day_list(desk: DeskDriver, size: tuple[int, int]) -> None:
    win = desk.win
    win.resize(*size)
    win.toggle_day_list()
    reports = win.reports()
    assert reports is not None
    desk.qtbot.waitUntil(lambda: win.day_list_shown and reports.day_list.isVisible(), timeout=5000)
    desk.qtbot.wait(50)  # the layout settles (the filters refit to the width)


def test_the_day_list_table_keeps_its_rows_on_the_smallest_screen(desk: DeskDriver) -> None:
    """Before: about two rows under one line of cut-off filters (and the demo bar)."""
    show_day_list(desk, SMALLEST)
    reports = desk.win.reports()
    assert reports is not None
    table = reports.day_list.table
    rows = table.viewport().height() // table.verticalHeader().defaultSectionSize()
    assert rows >= 5, rows  # no title row: the way back is at the end of the list's buttons
    assert desk.win.windowTitle().endswith("The day's visits")
    assert desk.win.demo_panel is not None
    desk.win.demo_panel.hide()  # a clinic's window has no demo bar
    desk.qtbot.wait(50)
    rows = table.viewport().height() // table.verticalHeader().defaultSectionSize()
    assert rows >= 7, rows
    desk.win.toggle_day_list()
    assert not desk.win.windowTitle().endswith("The day's visits")


@pytest.mark.parametrize("size", [SMALLEST, (1024, 600), (1093, 614), (1366, 768)])
def test_the_day_list_filters_are_whole_and_in_view(
    desk: DeskDriver, size: tuple[int, int]
) -> None:
    show_day_list(desk, size)
    reports = desk.win.reports()
    assert reports is not None
    view = reports.day_list
    for box in (view.outcome, view.claim_type, view.staff, view.verdict):
        assert box.isVisible()
        assert box.width() >= box.sizeHint().width(), box.currentText()  # not squeezed
        right = box.mapTo(view, QPoint(box.width(), box.height()))
        assert right.x() <= view.width() and right.y() <= view.height(), box.currentText()
        shown = box.shown_text()
        assert shown and shown in box.currentText()
        if box.shown_text() != box.currentText():
            assert box.toolTip() == box.currentText()  # the Thai words, all of it on hover
    if size[0] >= 1366:  # a wide screen has room for every filter's Thai and English
        assert all(box.shown_text() == box.currentText() for box in view.filter_boxes)


def test_the_lock_screen_buttons_stay_in_view_under_a_banner(desk: DeskDriver) -> None:
    """Before: the banner above the pages pushed the sign-out button out of the lock screen's
    view (it scrolled away below "ใส่ PIN")."""
    win = desk.win
    win.resize(*SMALLEST)
    desk.staff.session.sign_in(StaffMember("1709900011220", "นางสาวสุดา ใจงาม"))
    desk.staff.session.idle_seconds = 0
    desk.staff.lock_if_idle()
    desk.qtbot.waitUntil(win.lock_view.isVisible, timeout=2000)
    win._on_sign_in_requested()  # F2 without the staff card: a banner above the lock screen
    desk.qtbot.waitUntil(win.banner.isVisible, timeout=2000)
    desk.qtbot.wait(50)
    lock = win.lock_view
    buttons = [lock.unlock_button, lock.sign_out_button, lock.continue_button]
    assert all(button.isVisible() for button in buttons)  # this desk may go on without staff
    for button in buttons:
        assert button.visibleRegion().boundingRect() == button.rect(), button.text()
        corner = button.mapTo(win, QPoint(button.width(), button.height()))
        assert corner.x() <= win.width() and corner.y() <= win.height()


def visit(name: str, kind: str, number: int) -> Visit:
    return Visit(
        id=number, created_at="2026-12-04T10:39:00+07:00", updated_at="2026-12-04T10:39:00+07:00",
        status="ok", pid="1010300098765", patient_name=name, claim_type="PG0060001",
        claim_type_name=kind, mobile="", hn="", claim_code=f"PP{number:010d}", hcode="12345",
        staff_cid="", staff_name="", error_kind="", error_message="",
    )  # fmt: skip


def test_a_long_name_in_the_last_codes_ends_in_an_ellipsis_on_one_line(qtbot: QtBot) -> None:
    strip = LastCodesStrip()
    qtbot.addWidget(strip)
    long_name = "นางสาวประภัสสรวรรณ เกียรติก้องสกุลวงศ์ศรีสวัสดิ์"
    kind = "เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)"
    strip.show_visits((visit(long_name, kind, 1), visit("นายสมชาย ใจดี", kind, 2)))
    strip.show()
    strip.resize(400, strip.sizeHint().height())  # under the patient on the smallest screen
    qtbot.waitExposed(strip)
    qtbot.wait(20)
    for label in strip.findChildren(QLabel):
        if label.objectName() == "lastCodeText":  # one line, at any width
            assert not label.wordWrap(), label.text()
            assert label.sizeHint().height() < 2 * label.fontMetrics().lineSpacing()
    first, second = strip.name_labels()
    assert first.text().endswith("…") and long_name in first.toolTip()
    assert long_name in strip.row_texts()[0] and kind in strip.row_texts()[0]
    assert second.toolTip() == f"นายสมชาย ใจดี — {kind}"


def krit_view(qtbot: QtBot, width: int) -> PatientView:
    card = read_id_card(VirtualTransport(VirtualThaiIdCard(shipped_persona("krit"))), False)
    view = PatientView()
    qtbot.addWidget(view)
    view.show_card(card)
    view.resize(width, 600)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(20)
    return view


def runs_kept(label: QLabel, whole: str) -> list[str]:
    """The runs (text between spaces) that fit a line yet were split across two."""
    rich = label.textFormat().name == "RichText"
    width = label.contentsRect().width()
    lines = lines_of(label.text(), rich, label, width)
    metrics = QFontMetricsF(label.font())
    split = []
    for before, after in pairwise(lines):
        run = before.split(" ")[-1] + after.split(" ")[0]
        if run in whole.split(" ") and metrics.horizontalAdvance(run) <= width:
            split.append(run)
    return split


@pytest.mark.parametrize("width", [390, 460, 540, 660])
def test_a_thai_name_and_address_wrap_between_words_and_no_taller(qtbot: QtBot, width: int) -> None:
    """Before: นายกฤษณ์ เกียรติก้องสกุล|วงศ์ and ถนน|พหลโยธิน (libthai's cuts in a name)."""
    view = krit_view(qtbot, width)
    for label, whole in (
        (view.name_th, "นายกฤษณ์ เกียรติก้องสกุลวงศ์"),
        (view.address_label, view.value_text("address")),
    ):
        assert view.value_text("address").startswith("1234/567-89")
        assert runs_kept(label, whole) == [], label.text()
        plain = lines_of(whole, False, label, label.contentsRect().width())
        shown = lines_of(label.text(), label.textFormat().name == "RichText", label,
                         label.contentsRect().width())  # fmt: skip
        assert len(shown) <= len(plain)  # the patient card is no taller
        assert "".join(shown).replace(" ", "") == whole.replace(" ", "")


def test_the_last_codes_rows_are_never_squeezed_when_a_banner_takes_room(
    desk: DeskDriver,
) -> None:
    """One-line rows fit more of them; a banner shown after the strip measured its room
    (no window resize) must not leave two rows squeezed into the height of one."""
    from app.words import desk as words

    win = desk.win
    win.resize(*SMALLEST)
    for persona in ("somchai", "krit"):
        desk.insert(persona)
        if win.authen_panel.mobile.text() == "":
            win.authen_panel.mobile.setText("0812345678")
        desk.enter()
        desk.remove()
    desk.qtbot.wait(50)
    win._show_message(words.settings_damaged("ตั้งค่า " * 60))
    desk.qtbot.waitUntil(win.banner.isVisible, timeout=2000)
    desk.qtbot.wait(50)
    strip = win.last_codes
    assert strip.isVisible() or strip.header_button.isVisible()
    for label in strip.name_labels() if strip.isVisible() else []:
        row = label.parentWidget()
        assert row is not None
        if row.isVisible():
            assert row.height() >= row.sizeHint().height()
            assert row.mapTo(strip, QPoint(0, row.height())).y() <= strip.height()


def test_the_last_codes_never_take_more_than_the_room_they_are_given(qtbot: QtBot) -> None:
    """The strip measured its title line without "Show all" beside it (hidden while every
    row fitted) and kept a title line the patient's rows needed (krit's card scrolled by a
    few pixels at 1366x768 125%)."""
    strip = LastCodesStrip()
    qtbot.addWidget(strip)
    kind = "เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)"
    strip.show_visits(tuple(visit("นายสมชาย ใจดี", kind, n) for n in range(5)))
    strip.resize(500, 400)
    strip.show()
    qtbot.waitExposed(strip)
    for space in range(300, -1, -1):  # from every row shown down to none
        strip.fit_into(1000)  # all rows fit: "Show all" hidden
        strip.fit_into(space)
        if strip.isVisible():
            assert strip.sizeHint().height() + 8 <= space, (space, strip.rows_shown)
        else:
            assert strip.header_button.isVisible()


def test_the_administrator_is_never_split_across_lines(qtbot: QtBot) -> None:
    """libthai cuts ผู้ดูแล|ระบบ (the administrator): the banner said "หรือแจ้งผู้ดูแล" over
    "ระบบ" at 1024x600 125%."""
    label = QLabel()
    qtbot.addWidget(label)
    label.setFont(ui_font(13))
    label.setWordWrap(True)
    text = NO_PRINTER.two_lines()
    set_wrapped_text(label, text)
    rich = label.textFormat().name == "RichText"
    split_plain = 0
    for width in range(200, 900, 4):
        plain = lines_of(text, False, label, width)
        split_plain += any(a.endswith("ผู้ดูแล") and b.startswith("ระบบ") for a, b in pairwise(plain))
        shown = lines_of(label.text(), rich, label, width)
        assert not any(a.endswith("ผู้ดูแล") and b.startswith("ระบบ") for a, b in pairwise(shown))
    assert split_plain  # Qt's own breaks do split it at some width: the check means something
