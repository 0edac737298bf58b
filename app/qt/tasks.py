"""The one way to run blocking work off the GUI thread (Anki's QueryOp idea).

`run(fn, on_success, on_failure, owner)` runs `fn` on a worker and calls back on the GUI
thread; if `owner` (a QObject) has been deleted by then, the result is dropped. Two lanes:

- the database lane: ONE thread that owns the visit log's SQLite connection (created there
  on first use, never shared); `run_db(fn)` hands `fn` that log;
- the I/O lane: a small pool for HTTP calls and the keyring (a locked Secret Service can
  block for as long as its prompt stays open).

Code already on a worker that needs the log (the authen flow, between two HTTP calls) goes
through `visit_store()`, a VisitStore whose every call runs on the database thread.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot

if TYPE_CHECKING:  # sqlite-utils loads on the database thread, after the window shows
    from app.authen.visit_log import Visit, VisitLog

log = logging.getLogger(__name__)

T = TypeVar("T")
IO_WORKERS = 3


@dataclass(frozen=True)
class _Callbacks:
    """Where a task's result goes, and whose death drops it."""

    owner: QObject
    on_success: Callable[[Any], None]
    on_failure: Callable[[BaseException], None] | None


class DatabaseThread:
    """One thread that owns the visit log: every call runs there, in order."""

    def __init__(self, open_log: Callable[[], VisitLog]) -> None:
        self._open_log = open_log
        self._log: VisitLog | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="database")

    def _with_log(self, fn: Callable[[VisitLog], T]) -> T:
        if self._log is None:  # on the database thread, which owns it from now on
            self._log = self._open_log()
        return fn(self._log)

    def submit(self, fn: Callable[[VisitLog], T]) -> Future[T]:
        return self._pool.submit(self._with_log, fn)

    def run_here(self, fn: Callable[[], object]) -> None:
        """`fn` on the database thread; it opens the log itself (through `with_log`), so a
        log that cannot be opened is `fn`'s failure to report, not a lost Future's."""
        self._pool.submit(fn)

    def with_log(self, fn: Callable[[VisitLog], T]) -> T:
        return self._with_log(fn)

    def call(self, fn: Callable[[VisitLog], T]) -> T:
        """From another worker only: blocks until the database thread has run `fn`."""
        return self.submit(fn).result()

    def shutdown(self) -> None:
        def close() -> None:
            if self._log is not None:
                self._log.close()
                self._log = None

        self._pool.submit(close)
        self._pool.shutdown(wait=True, cancel_futures=False)


class ThreadBoundVisitStore:
    """The VisitStore the flow uses from a worker: each call hops to the database thread."""

    def __init__(self, database: DatabaseThread) -> None:
        self._database = database

    def begin(self, **values: str) -> int:
        return self._database.call(lambda visits: visits.begin(**values))

    def finish(self, visit_id: int, status: str, **values: str) -> Visit:
        return self._database.call(lambda visits: visits.finish(visit_id, status, **values))

    def last_mobile(self, pid: str) -> str | None:
        return self._database.call(lambda visits: visits.last_mobile(pid))

    def same_day(
        self, hcode: str, pid: str, claim_type: str, day: dt.date
    ) -> AbstractContextManager[Visit | None]:
        """A shared store's same-day check across desks (app/store), held around the
        confirm on this worker (its lock has a connection of its own); none without one."""
        shared = self._database.call(lambda visits: getattr(visits, "shared", None))
        if shared is None:
            return contextlib.nullcontext(None)
        from app.store.visits import same_day

        return same_day(shared, hcode, pid, claim_type, day)


class TaskRunner(QObject):
    _finished = Signal(int, object, object)  # task id, result, error (from a worker)

    def __init__(self, open_log: Callable[[], VisitLog], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database = DatabaseThread(open_log)
        self._io = ThreadPoolExecutor(max_workers=IO_WORKERS, thread_name_prefix="io")
        self._ids = itertools.count(1)
        self._pending: dict[int, _Callbacks] = {}
        self._closed = False
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    def visit_store(self) -> ThreadBoundVisitStore:
        return ThreadBoundVisitStore(self._database)

    def call_db(self, fn: Callable[[VisitLog], T]) -> T:
        """From a worker only (never the GUI thread): `fn(visit_log)` on the database
        thread, waiting for its result. For work that needs the log between HTTP calls
        beyond what visit_store() offers (verify-day's verdicts)."""
        return self._database.call(fn)

    def run(
        self,
        fn: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None] | None,
        owner: QObject,
    ) -> None:
        """`fn` on the I/O lane; a callback on the GUI thread unless `owner` is gone."""
        task = self._register(owner, on_success, on_failure)
        if task is not None:
            self._io.submit(self._run, task, fn)

    def run_db(
        self,
        fn: Callable[[VisitLog], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None] | None,
        owner: QObject,
    ) -> None:
        """`fn(visit_log)` on the database thread."""
        task = self._register(owner, on_success, on_failure)
        if task is not None:
            database = self._database
            database.run_here(lambda: self._run(task, lambda: database.with_log(fn)))

    def _register(
        self,
        owner: QObject,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None] | None,
    ) -> int | None:
        if self._closed:  # a timer firing as the window closes
            return None
        task = next(self._ids)
        self._pending[task] = _Callbacks(owner, on_success, on_failure)
        return task

    def _run(self, task: int, fn: Callable[[], object]) -> None:
        try:
            result = fn()
        except Exception as exc:
            log.info("task %d failed: %s: %s", task, type(exc).__name__, exc)
            self._finished.emit(task, None, exc)
            return
        self._finished.emit(task, result, None)

    @Slot(int, object, object)
    def _on_finished(self, task: int, result: object, error: BaseException | None) -> None:
        callbacks = self._pending.pop(task, None)
        if callbacks is None or self._closed or not shiboken6.isValid(callbacks.owner):
            return  # its owner is gone: nobody is left to show it to
        if error is None:
            callbacks.on_success(result)
        elif callbacks.on_failure is not None:
            callbacks.on_failure(error)
        else:
            log.error("unhandled task failure: %s", error)

    def shutdown(self) -> None:
        """Waits for work already running (an HTTP call ends at its deadline), so that a
        claim code NHSO has just issued is still written to the log; work not yet started is
        dropped."""
        self._closed = True
        self._pending.clear()
        self._io.shutdown(wait=True, cancel_futures=True)
        self._database.shutdown()
