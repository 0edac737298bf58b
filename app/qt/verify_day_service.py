"""verify-day for the window: the same run as the CLI (app/verify/day.py) on the I/O lane,
its verdicts written through the database thread, progress and the end as signals.

Cancel is a threading.Event the run checks between requests; the pacing sleep waits on it,
so a cancel is felt at once. What was checked before a cancel or a failure stays checked:
the next start goes on from there.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal

from app.message import Message
from app.qt.report_base import ReportService, window_message
from app.qt.settings_service import LiveSettings
from app.qt.tasks import TaskRunner
from app.verify.day import (
    LogVerdicts,
    Pacer,
    Progress,
    RunResult,
    ToCheck,
    Verdict,
    verify_day,
)

if TYPE_CHECKING:
    from app.authen.visit_log import VisitLog
    from app.store.verify import ClinicVerdicts
    from app.tokens.store import TokenStore

log = logging.getLogger(__name__)
T = TypeVar("T")


class ThreadBoundVerdicts:
    """VerdictStore whose every call hops to the database thread (the run is on the I/O
    lane; the log's connection belongs to the database thread)."""

    def __init__(self, tasks: TaskRunner) -> None:
        self._tasks = tasks
        self._verdicts: LogVerdicts | ClinicVerdicts | None = None  # one per run

    def _on_db_thread(self, visits: VisitLog) -> LogVerdicts | ClinicVerdicts:
        if self._verdicts is None:  # with a shared store: every desk's visits of the day
            from app.store.verify import verdict_store  # the server's driver: at the first run

            self._verdicts = verdict_store(visits)
        return self._verdicts

    def _call(self, fn: Callable[[LogVerdicts | ClinicVerdicts], T]) -> T:
        return self._tasks.call_db(lambda visits: fn(self._on_db_thread(visits)))

    def finish(self) -> None:
        """This desk's verdicts pushed to the shared store (when there is one)."""
        from app.store.verify import finish_run

        self._tasks.call_db(lambda visits: finish_run(self._on_db_thread(visits), visits))

    def unchecked(self, day: dt.date) -> list[ToCheck]:
        return self._call(lambda v: v.unchecked(day))

    def codes_on(self, day: dt.date) -> set[str]:
        return self._call(lambda v: v.codes_on(day))

    def record(self, verdict: Verdict, imported: bool) -> None:
        self._call(lambda v: v.record(verdict, imported))

    def verdicts(self, day: dt.date) -> list[Verdict]:
        return self._call(lambda v: v.verdicts(day))


class VerifyDayService(ReportService):
    """hcode, zone and the status service's address are the live settings' of the moment
    a run starts; `status_url` (a test's server) overrides the last."""

    started = Signal(object)  # the day
    progressed = Signal(int, int, object)  # done, total, the last Verdict (or None)
    finished = Signal(object)  # RunResult (cancelled or complete)
    failed = Signal(object)  # Message: the run could not go on (token, network, …)

    def __init__(
        self,
        tasks: TaskRunner,
        store: TokenStore,
        settings: LiveSettings,
        status_url: str = "",
        parent: QObject | None = None,
        pacer: Callable[[threading.Event], Pacer] | None = None,
    ) -> None:
        super().__init__(tasks, settings, parent)
        self._store = store
        self.status_url = status_url
        self._pacer = pacer or (lambda cancel: Pacer(sleep=cancel.wait))

    def start(self, day: dt.date) -> bool:
        """False when a run is already going."""
        cancel = self._begin()
        if cancel is None:
            return False
        current = self.settings.current
        hcode, zone, store = self.settings.hcode, current.zone, self._store
        base_url = self.status_url or current.status_url or None
        verdicts = ThreadBoundVerdicts(self._tasks)
        make_pacer = self._pacer

        def work() -> RunResult:
            from app.nhso.status_client import AuthenStatusClient
            from app.settings.model import required_hcode
            from app.tokens.kinds import TokenKind

            our_hcode = required_hcode(hcode)
            token = store.require(TokenKind.AUTHEN)
            client = AuthenStatusClient(token, zone, base_url)
            try:
                return verify_day(day, verdicts, client.check, our_hcode, pacer=make_pacer(cancel),
                                  progress=self._emit_progress, cancel=cancel)  # fmt: skip
            finally:
                client.close()
                verdicts.finish()

        self.started.emit(day)
        self._tasks.run(work, self._on_done, self._on_failed, self)
        return True

    def _emit_progress(self, step: Progress) -> None:
        # from the worker: a queued signal to the GUI thread
        self.progressed.emit(step.done, step.total, step.last)

    def _on_done(self, result: RunResult) -> None:
        self._end()
        self.finished.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        self._end()
        log.info("verify-day stopped: %s: %s", type(error).__name__, error)
        self.failed.emit(window_message(error))


def summary(result: RunResult) -> Message:
    from app.words import verify as verify_words

    return verify_words.day_checked(len(result.verdicts), result.counts(), result.cancelled)
