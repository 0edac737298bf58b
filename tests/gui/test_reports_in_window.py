"""The reports inside the desk window: F3 shows the day list with the visit just made,
the Reports menu opens verify-day, export and reconcile, retry needs the visit's card."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app.qt.day_list_model import COLUMNS
from tests.gui.conftest import DeskDriver

CODE_COLUMN = next(n for n, c in enumerate(COLUMNS) if c.key == "claim_code")


def test_f3_shows_todays_visits_with_the_code_just_issued(desk: DeskDriver) -> None:
    desk.insert("somchai")
    desk.enter()
    code = desk.win.desk_state.outcome
    assert code is not None
    assert desk.win._reports is None  # nothing of the reports loads before it is asked for
    reports = desk.win.reports()
    assert reports is not None
    desk.activate()
    with desk.qtbot.waitSignal(reports.day_model.loaded, timeout=5000):
        desk.qtbot.keyClick(desk.win, Qt.Key.Key_F3)
    assert desk.win.day_list_shown
    codes = [
        reports.day_model.index(row, CODE_COLUMN).data()
        for row in range(reports.day_model.rowCount())
    ]
    assert code.claim_code in codes
    desk.win.resize(1366, 768)
    desk.qtbot.wait(50)
    desk.shot("day-list-in-window.png")
    reports.day_list.table.selectRow(0)
    copied: list[str] = []
    reports.day_list.code_copied.connect(copied.append)
    desk.qtbot.keyClick(reports.day_list.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert copied == [code.claim_code]  # Ctrl+C on the list copies the selected visit's code
    desk.qtbot.keyClick(desk.win, Qt.Key.Key_F3)
    assert not desk.win.day_list_shown


def test_the_reports_menu_opens_each_dialog(desk: DeskDriver) -> None:
    names = set(desk.win.actions_by_name)
    assert {"รายการผู้รับบริการ", "ตรวจสอบรหัสของวันกับ สปสช.…", "ส่งออก Excel…",
            "เทียบกับรายงานของ สปสช.…"} <= names  # fmt: skip
    for name in ("ตรวจสอบรหัสของวันกับ สปสช.…", "ส่งออก Excel…", "เทียบกับรายงานของ สปสช.…"):
        desk.win.actions_by_name[name].trigger()
        desk.qtbot.waitUntil(lambda: _open_dialog() is not None, timeout=3000)
        dialog = _open_dialog()
        assert dialog is not None
        dialog.reject()
        desk.qtbot.waitUntil(lambda: _open_dialog() is None, timeout=3000)


def test_retry_from_the_list_needs_the_visits_card(desk: DeskDriver) -> None:
    reports = desk.win.reports()
    assert reports is not None
    desk.insert("somchai")
    desk.enter()
    desk.remove()
    with desk.qtbot.waitSignal(reports.day_model.loaded, timeout=5000):
        desk.win.toggle_day_list()
    visit = reports.day_model.visit_at(0)
    assert visit is not None
    reports.day_list.retry_requested.emit(visit)
    assert "เสียบบัตร" in desk.win.error_banner.text() and desk.win.day_list_shown


def _open_dialog() -> QDialog | None:
    return next(
        (w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()),
        None,
    )


def test_no_two_actions_share_a_key(desk: DeskDriver) -> None:
    """Two actions on one key in one window make Qt fire neither ("ambiguous shortcut"):
    the day list's refresh on F5 silenced the demo's insert-card F5."""
    from PySide6.QtGui import QAction

    desk.win.reports()  # the day list and its actions exist once built
    keys = [
        a.shortcut().toString()
        for a in desk.win.findChildren(QAction)
        if not a.shortcut().isEmpty()
    ]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []
