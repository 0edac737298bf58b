"""The reports for the window: the visit export and the reconcile with NHSO's file, run
through the TaskRunner, with progress, cancel and results as signals.

The export reads the log with its own connection (app.reports.visits.open_visits) on the
I/O lane, not on the database thread: a 100 000-row export takes seconds, and the desk must
go on writing visits meanwhile (WAL lets one reader and the writer work side by side).
Adding NHSO's codes to the log (reconcile's "add as imported") is a write, so it goes
through the database thread.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.errors import message_for
from app.message import Message
from app.qt.tasks import TaskRunner
from app.reports.common import ExportCancelled
from app.reports.errors import ReportError
from app.reports.reconcile import NhsoRow, ReconcileResult

log = logging.getLogger(__name__)


def _message(error: BaseException) -> Message:
    return error.message if isinstance(error, ReportError) else message_for(error)


class ExportService(QObject):
    progressed = Signal(int, int)  # done, total
    finished = Signal(object)  # ExportResult
    cancelled = Signal()
    failed = Signal(object)  # Message

    def __init__(
        self,
        tasks: TaskRunner,
        log_path: Path,
        hospital_name: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.log_path = log_path
        self.hospital_name = hospital_name
        self._cancel: threading.Event | None = None

    @property
    def running(self) -> bool:
        return self._cancel is not None

    def export(self, start: dt.date, end: dt.date, out: Path, mask_cid: bool) -> bool:
        if self._cancel is not None:
            return False
        cancel = threading.Event()
        self._cancel = cancel
        log_path, hospital = self.log_path, self.hospital_name

        def progress(done: int, total: int) -> bool:
            self.progressed.emit(done, total)  # queued to the GUI thread
            return not cancel.is_set()

        def work() -> object:
            from app.reports.visit_export import export_visits
            from app.reports.visits import open_visits

            with open_visits(log_path, start, end) as visits:
                return export_visits(
                    visits.rows, out, start=start, end=end, hospital_name=hospital,
                    total=visits.total, mask_cid=mask_cid, progress=progress,
                )  # fmt: skip

        self._tasks.run(work, self._on_done, self._on_failed, self)
        return True

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _on_done(self, result: object) -> None:
        self._cancel = None
        self.finished.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        self._cancel = None
        if isinstance(error, ExportCancelled):
            self.cancelled.emit()
            return
        log.info("export failed: %s: %s", type(error).__name__, error)
        self.failed.emit(_message(error))


@dataclass(frozen=True)
class Reconciled:
    path: Path
    period: tuple[dt.date, dt.date] | None
    result: ReconcileResult
    skipped: int


class ReconcileService(QObject):
    reconciled = Signal(object)  # Reconciled
    imported = Signal(int)  # how many codes were added to the log
    failed = Signal(object)  # Message

    def __init__(
        self, tasks: TaskRunner, log_path: Path, hcode: str | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.log_path = log_path
        self.hcode = hcode

    def reconcile(self, path: Path) -> None:
        log_path, hcode = self.log_path, self.hcode

        def work() -> Reconciled:
            from app.reports.reconcile import read_nhso_export, reconcile
            from app.reports.visits import open_visits
            from app.settings.model import required_hcode

            our_hcode = required_hcode(hcode)
            export = read_nhso_export(path)
            period = export.period
            with open_visits(log_path, *(period or (None, None))) as visits:
                result = reconcile(export.rows, visits.rows, our_hcode, period)
            return Reconciled(path, period, result, export.skipped)

        self._tasks.run(work, self.reconciled.emit, self._on_failed, self)

    def import_rows(self, rows: list[NhsoRow]) -> None:
        from app.verify.day import import_nhso_rows

        chosen = list(rows)
        self._tasks.run_db(
            lambda visits: import_nhso_rows(visits, chosen), self.imported.emit,
            self._on_failed, self,
        )  # fmt: skip

    def _on_failed(self, error: BaseException) -> None:
        log.info("reconcile failed: %s: %s", type(error).__name__, error)
        self.failed.emit(_message(error))
