"""The reports inside the desk window: F3 shows the day list with the visit just made,
the Reports menu opens verify-day, export and reconcile, retry needs the visit's card."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app import clock
from app.qt.day_list_model import COLUMNS
from tests.gui.conftest import DeskDriver
from tests.support.day_log import cid
from tests.support.nhso_export import NhsoCode, pp_code, write_nhso_export
from widgets.export_dialog import ExportDialog
from widgets.reconcile_dialog import ReconcileDialog

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


def test_ctrl_e_exports_while_the_search_box_has_focus(desk: DeskDriver) -> None:
    """Issue 20.4: a line edit keeps Ctrl+E (end of line) for itself; the window's wins."""
    reports = desk.win.reports()
    assert reports is not None
    desk.activate()
    with desk.qtbot.waitSignal(reports.day_model.loaded, timeout=5000):
        desk.qtbot.keyClick(desk.win, Qt.Key.Key_F3)
    desk.qtbot.waitUntil(reports.day_list.search.hasFocus, timeout=2000)
    desk.qtbot.keyClick(reports.day_list.search, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    desk.qtbot.waitUntil(lambda: isinstance(_open_dialog(), ExportDialog), timeout=3000)
    dialog = _open_dialog()
    assert dialog is not None
    dialog.reject()


def test_ctrl_p_in_the_window_says_why_a_row_has_no_slip(desk: DeskDriver) -> None:
    reports = desk.win.reports()
    assert reports is not None
    desk.activate()
    with desk.qtbot.waitSignal(reports.day_model.loaded, timeout=5000):
        desk.qtbot.keyClick(desk.win, Qt.Key.Key_F3)
    assert reports.day_model.rowCount() == 0
    desk.qtbot.keyClick(desk.win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert "ยังไม่ได้เลือกแถว" in reports.day_list.note.text()


def test_saved_settings_reach_the_reports_at_once(desk: DeskDriver, tmp_path: Path) -> None:
    """Issue 20.7: the reports were built with the old hcode; saving a new one in the
    settings dialog is what the next reconcile compares with, and what export names."""
    reports = desk.win.reports()  # built first: a copy taken here would go stale
    assert reports is not None
    today = clock.now().replace(hour=9, minute=30, tzinfo=None)
    nhso = write_nhso_export(tmp_path / "nhso.xlsx", [
        NhsoCode(cid(9), pp_code(99), today, hcode="54321", name="นางใหม่ มาเอง"),
    ])  # fmt: skip

    def nhso_only() -> int:
        dialog = ReconcileDialog(reports.reconcile, tmp_path, desk.win)
        with desk.qtbot.waitSignal(reports.reconcile.reconciled, timeout=10000):
            dialog.open_file(nhso)
        count = dialog.nhso_only.count()
        dialog.deleteLater()
        return count

    assert nhso_only() == 0  # another hospital's code: not ours
    desk.win.actions_by_name["ตั้งค่าคลินิก…"].trigger()
    dialog = desk.win.settings_dialog
    assert dialog is not None
    dialog.hcode.setText("54321")
    dialog.hospital_name.setText("คลินิกชื่อใหม่")
    assert desk.desk.settings_service is not None
    with desk.qtbot.waitSignal(desk.desk.settings_service.saved, timeout=5000):
        dialog.save_button.click()
    assert nhso_only() == 1  # now it is
    assert reports.export.settings.clinic_name == "คลินิกชื่อใหม่"
    assert reports.verify.settings.hcode == "54321"


def test_the_f1_list_is_in_the_ui_font(desk: DeskDriver) -> None:
    """Issue 20.11: <pre> showed the list in a monospace font without Thai shaping."""
    desk.activate()
    desk.qtbot.keyClick(desk.win, Qt.Key.Key_F1)
    box = desk.win.help_box
    assert box is not None
    assert "<pre>" not in box.text() and "<table>" in box.text()
    assert "Ctrl+P" in box.text() and "พิมพ์ใบ Claim Code" in box.text()
    box.close()
