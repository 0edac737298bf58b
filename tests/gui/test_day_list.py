"""The day list driven by qtbot: today by default, newest first, colours, filter and search
as you type (debounced), sorting, paging through the database thread, and the row-action
signals."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.authen.visit_log import Visit, VisitLog
from app.authen.visit_query import VisitFilter
from app.qt import day_list_model
from app.qt.day_list_model import COLUMNS, GREEN, RED, ROW_ROLE, YELLOW, DayListModel
from app.qt.tasks import TaskRunner
from tests.support.day_log import DAY, VISITS, cid, fill_day
from widgets.day_list import DayListView

COL = {c.key: n for n, c in enumerate(COLUMNS)}


@pytest.fixture
def tasks(tmp_path: Path) -> Iterator[TaskRunner]:
    path = tmp_path / "log.sqlite"
    log = fill_day(path)
    with log.db.conn:  # NHSO's verdicts on two visits: one verified, one imported
        log.db.execute("UPDATE visits SET nhso_verdict = 'verified' WHERE id = 1")
        log.db.execute("UPDATE visits SET nhso_verdict = 'imported', claim_code = 'PP2' "
                       "WHERE id = 4")  # fmt: skip
    log.close()
    threads: set[str] = set()

    def open_log() -> VisitLog:
        threads.add(threading.current_thread().name)
        return VisitLog(path)

    runner = TaskRunner(open_log)
    runner.opened_on = threads  # type: ignore[attr-defined]
    yield runner
    runner.shutdown()


@pytest.fixture
def view(qtbot: QtBot, tasks: TaskRunner, monkeypatch: pytest.MonkeyPatch) -> DayListView:
    monkeypatch.setattr("widgets.day_list.today", lambda: DAY)
    model = DayListModel(tasks)
    view = DayListView(model)
    qtbot.addWidget(view)
    view.resize(1200, 500)
    view.show()
    with qtbot.waitSignal(model.loaded, timeout=5000):
        view.show_day()
    return view


def texts(view: DayListView, key: str) -> list[str]:
    model = view.model
    return [model.data(model.index(r, COL[key])) for r in range(model.rowCount())]


def search(qtbot: QtBot, view: DayListView, text: str) -> None:
    """Typed a character at a time (QTest.keyClicks cannot type Thai offscreen)."""
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        view.search.clear()
        for char in text:
            view.search.insert(char)


def test_today_newest_first_masked_and_coloured(view: DayListView, tasks: TaskRunner) -> None:
    model = view.model
    assert model.rowCount() == len(VISITS)
    assert texts(view, "name")[0] == VISITS[-1][3]  # the last visit first
    assert texts(view, "pid")[-1] == "1-xxxx-xxxx0-01-" + cid(1)[-1]
    assert all(cid(1) not in t for t in texts(view, "pid"))
    assert texts(view, "time")[-1] == "08:00"
    colours = [model.data(model.index(r, 0), Qt.ItemDataRole.BackgroundRole).color()
               for r in range(model.rowCount())]  # fmt: skip
    ids = [model.data(model.index(r, 0), ROW_ROLE).visit.id for r in range(model.rowCount())]
    by_id = dict(zip(ids, colours, strict=True))
    assert by_id[1] == GREEN and by_id[4] == GREEN  # verified; imported from NHSO
    assert by_id[2] == YELLOW and by_id[3] == YELLOW  # a code, not yet verified
    assert by_id[5] == RED and by_id[7] == RED  # no code
    assert texts(view, "verdict")[-1] == "ตรงกับ สปสช."
    assert "7 ราย" in view.counts_label.text()
    # every read ran on the one database thread
    assert tasks.opened_on == {n for n in tasks.opened_on if n.startswith("database")}  # type: ignore[attr-defined]


def test_search_as_you_type_is_debounced(qtbot: QtBot, view: DayListView) -> None:
    asked: list[VisitFilter] = []
    original = view.model.set_filter

    def spy(query: VisitFilter) -> None:
        asked.append(query)
        original(query)

    view.model.set_filter = spy  # type: ignore[method-assign]
    search(qtbot, view, "ใจดี")
    assert len(asked) == 1 and asked[0].search == "ใจดี"  # four keys, one query
    assert texts(view, "name") == ["นายสมชาย ใจดี"] * 2
    search(qtbot, view, cid(3)[:12])
    assert texts(view, "name") == ["นายวิชัย มั่นคง"]
    search(qtbot, view, "00010")
    assert len(texts(view, "name")) == 5
    search(qtbot, view, "PP1000000006")
    assert texts(view, "claim_code") == ["PP1000000006"]


def test_filters(qtbot: QtBot, view: DayListView) -> None:
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        view.outcome.setCurrentIndex(2)  # failed
    assert set(texts(view, "status")) == {"ไม่สำเร็จ"}
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        view.outcome.setCurrentIndex(0)
    qtbot.waitUntil(lambda: view.staff.count() == 3, timeout=5000)
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        view.staff.setCurrentIndex(view.staff.findText("นายแดง ขยัน"))
    assert set(texts(view, "staff")) == {"นายแดง ขยัน"} and len(texts(view, "staff")) == 3
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        view.verdict.setCurrentIndex(2)  # verified (and imported)
    assert len(texts(view, "staff")) == 1
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        view.date_from.setDate(view.date_from.date().addDays(-3))
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        view.date_to.setDate(view.date_to.date().addDays(-1))
    assert view.model.rowCount() == 0


def test_sort_by_clicking_a_header(qtbot: QtBot, view: DayListView) -> None:
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        view.table.sortByColumn(COL["name"], Qt.SortOrder.AscendingOrder)
    names = texts(view, "name")
    assert names == sorted(names)
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        view.table.sortByColumn(COL["claim_code"], Qt.SortOrder.DescendingOrder)
    codes = texts(view, "claim_code")
    assert codes == sorted(codes, reverse=True)


def test_pages_arrive_as_the_view_scrolls(qtbot: QtBot, tmp_path: Path) -> None:
    many = [(cid(n), "ok", f"PP{n:010d}", f"คนที่ {n}", "", "นายแดง ขยัน") for n in range(1, 46)]
    path = tmp_path / "many.sqlite"
    fill_day(path, visits=many).close()
    tasks = TaskRunner(lambda: VisitLog(path))
    try:
        model = DayListModel(tasks)
        model.page_size = 20
        with qtbot.waitSignal(model.loaded, timeout=5000):
            model.set_filter(VisitFilter.day(DAY))
        assert model.rowCount() == 20 and model.canFetchMore(QModelIndex())
        for expected in (40, 45):
            with qtbot.waitSignal(model.rowsInserted, timeout=5000):
                model.fetchMore(QModelIndex())
            assert model.rowCount() == expected
        assert not model.canFetchMore(QModelIndex())
    finally:
        tasks.shutdown()


def test_a_stale_page_is_dropped(qtbot: QtBot, view: DayListView) -> None:
    model = view.model
    model.set_filter(VisitFilter.day(DAY, search="ใจดี"))
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_filter(VisitFilter.day(DAY, search="ทองคำ"))
    qtbot.wait(100)
    assert texts(view, "name") == ["นางสาวพรทิพย์ ทองคำ"]


def select(view: DayListView, name: str, status: str) -> Visit:
    model = view.model
    for row in range(model.rowCount()):
        visit = model.visit_at(row)
        if visit is not None and visit.patient_name == name and visit.status == status:
            view.table.selectRow(row)
            return visit
    raise AssertionError(name)


def test_row_actions_emit_the_visit(qtbot: QtBot, view: DayListView) -> None:
    visit = select(view, "นายวิชัย มั่นคง", "reused")
    assert view.copy_button.isEnabled() and not view.retry_button.isEnabled()
    with qtbot.waitSignal(view.code_copied) as copied:
        qtbot.keyClick(view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert copied.args == ["PP1000000003"]
    assert QGuiApplication.clipboard().text() == "PP1000000003"
    with qtbot.waitSignal(view.reprint_requested) as reprint:
        qtbot.keyClick(view.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert reprint.args == [visit]
    failed = select(view, "นางสาวพรทิพย์ ทองคำ", "ok")
    assert failed.claim_code
    failed = select(view, "นายสมชาย ใจดี", "failed")
    assert view.retry_button.isEnabled() and not view.reprint_button.isEnabled()
    with qtbot.waitSignal(view.retry_requested) as retry:
        view.retry_button.click()
    assert retry.args == [failed]
    with qtbot.assertNotEmitted(view.code_copied):
        view.copy_code()  # no code on this row


def test_a_log_that_cannot_be_read_is_said(qtbot: QtBot, tmp_path: Path) -> None:
    from app.authen.errors import VisitLogUnavailable

    def broken() -> VisitLog:
        raise VisitLogUnavailable("disk gone")

    tasks = TaskRunner(broken)
    try:
        view = DayListView(DayListModel(tasks))
        qtbot.addWidget(view)
        view.show()
        with qtbot.waitSignal(view.model.load_failed, timeout=5000):
            view.show_day(dt.date(2026, 11, 22))
        assert view.problem_label.isVisible() and view.problem_label.text()
    finally:
        tasks.shutdown()


def test_colour_rule() -> None:
    from app.authen.visit_query import DayRow

    visit = Visit.from_row({"id": 1, "claim_code": "PP1", "status": "ok"})
    assert day_list_model.colour(DayRow(visit)) == YELLOW
    assert day_list_model.colour(DayRow(visit, nhso_verdict="different")) == YELLOW
    assert day_list_model.colour(DayRow(visit, nhso_verdict="verified")) == GREEN
    no_code = Visit.from_row({"id": 2, "claim_code": "", "status": "failed"})
    assert day_list_model.colour(DayRow(no_code, nhso_verdict="not_found")) == RED


def test_a_search_selects_its_first_row_and_down_goes_into_the_list(
    qtbot: QtBot, view: DayListView
) -> None:
    """Issue 20.4: the whole list by keyboard, no mouse between typing and Ctrl+C."""
    view.table.clearSelection()
    search(qtbot, view, "วิชัย")
    assert view.model.rowCount() == 1
    assert view.selected_visit() is not None
    assert view.table.selectionModel().isRowSelected(0)  # selected, not only current
    view.activateWindow()
    view.search.setFocus()
    qtbot.waitUntil(view.search.hasFocus, timeout=2000)
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.table.hasFocus() and view.table.currentIndex().row() == 0
    with qtbot.waitSignal(view.code_copied) as copied:
        qtbot.keyClick(view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert copied.args == ["PP1000000003"]


def test_keys_on_a_row_they_cannot_act_on_say_why(qtbot: QtBot, view: DayListView) -> None:
    select(view, "เด็กชายกิตติ แก้วมณี", "pending")
    with qtbot.assertNotEmitted(view.code_copied):
        qtbot.keyClick(view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert "ยังไม่มี Claim Code" in view.note.text() and view.note.isVisible()
    with qtbot.assertNotEmitted(view.reprint_requested):
        qtbot.keyClick(view.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert "Ctrl+R" in view.note.text()
    select(view, "นายวิชัย มั่นคง", "reused")
    assert view.note.text() == ""  # a new row: the old reason goes
    with qtbot.assertNotEmitted(view.retry_requested):
        qtbot.keyClick(view.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "ได้รหัสแล้ว" in view.note.text()
    view.table.clearSelection()
    view.table.setCurrentIndex(QModelIndex())
    view.copy_code()
    assert "ยังไม่ได้เลือกแถว" in view.note.text()


def test_dates_are_in_the_buddhist_era_and_long_cells_have_their_text(
    qtbot: QtBot, view: DayListView
) -> None:
    """Issue 20.11: 22/11/2569 like every other date; a name cut by its column is whole in
    its tooltip."""
    assert view.date_from.text() == f"22/11/{DAY.year + 543}"
    view.date_from.setFocus()
    view.date_from.lineEdit().selectAll()
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        qtbot.keyClicks(view.date_from, f"21/11/{DAY.year + 543}")
        qtbot.keyClick(view.date_from, Qt.Key.Key_Tab)
    assert view.current_filter().start == DAY - dt.timedelta(days=1)
    model = view.model
    name = model.data(model.index(0, COL["name"]))
    assert model.data(model.index(0, COL["name"]), Qt.ItemDataRole.ToolTipRole).startswith(name)
