"""The task helper: results come back on the GUI thread, to living owners only, and the
visit log is only ever touched by its one database thread."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread
from pytestqt.qtbot import QtBot

from app.authen.visit_log import VisitLog
from app.qt.tasks import TaskRunner


def test_success_and_failure_arrive_on_the_gui_thread(qtbot: QtBot, tmp_path: Path) -> None:
    runner = TaskRunner(lambda: VisitLog(tmp_path / "v.sqlite"))
    owner = QObject()
    seen: list[tuple[str, object, bool]] = []
    gui = QThread.currentThread()

    def boom() -> int:
        raise ValueError("no")

    runner.run(lambda: 41 + 1, lambda v: seen.append(("ok", v, QThread.currentThread() is gui)),
               None, owner)  # fmt: skip
    runner.run(boom, lambda v: None,
               lambda e: seen.append(("failed", type(e).__name__, QThread.currentThread() is gui)),
               owner)  # fmt: skip
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=3000)
    assert sorted(seen) == [("failed", "ValueError", True), ("ok", 42, True)]
    runner.shutdown()


def test_a_result_for_a_deleted_owner_is_dropped(qtbot: QtBot, tmp_path: Path) -> None:
    runner = TaskRunner(lambda: VisitLog(tmp_path / "v.sqlite"))
    owner = QObject()
    release = threading.Event()
    seen: list[object] = []
    runner.run(lambda: release.wait(5), seen.append, seen.append, owner)
    control = QObject()
    done: list[object] = []
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=2000)
    release.set()
    runner.run(lambda: "after", done.append, None, control)
    qtbot.waitUntil(lambda: done == ["after"], timeout=3000)
    assert seen == []
    runner.shutdown()


def test_the_visit_log_lives_on_one_thread(qtbot: QtBot, tmp_path: Path) -> None:
    runner = TaskRunner(lambda: VisitLog(tmp_path / "v.sqlite"))
    owner = QObject()
    threads: list[object] = []
    store = runner.visit_store()

    def from_a_worker() -> int:
        threads.append(threading.current_thread().name)
        return store.begin(pid="1101700123456", claim_type="PG0060001")

    ids: list[int] = []
    runner.run(from_a_worker, ids.append, None, owner)

    def read_back(log: VisitLog) -> tuple[str, str]:
        return threading.current_thread().name, log.get(1).status

    runner.run_db(read_back, threads.append, None, owner)
    qtbot.waitUntil(lambda: len(ids) == 1 and len(threads) == 2, timeout=3000)
    assert str(threads[0]).startswith("io") and threads[1] == ("database_0", "pending")
    runner.shutdown()
    runner.run(lambda: 1, ids.append, None, owner)  # after shutdown: ignored, no error
    qtbot.wait(100)
    assert ids == [1]


def _alive(obj: QObject) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(obj))
