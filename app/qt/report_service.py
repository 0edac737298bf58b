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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.message import Message
from app.qt.report_base import ReportService, window_message
from app.qt.settings_service import LiveSettings
from app.qt.tasks import TaskRunner
from app.reports.common import ExportCancelled
from app.reports.errors import ReportError
from app.reports.reconcile import NhsoRow, ReconcileResult

if TYPE_CHECKING:
    from app.authen.visit_log import Visit

log = logging.getLogger(__name__)


def _message(error: BaseException) -> Message:
    return error.message if isinstance(error, ReportError) else window_message(error)


class ExportService(ReportService):
    """The clinic's name on the export's summary sheet is the live settings' at the
    moment the export starts."""

    progressed = Signal(int, int)  # done, total
    finished = Signal(object)  # ExportResult
    cancelled = Signal()
    failed = Signal(object)  # Message

    def __init__(
        self,
        tasks: TaskRunner,
        log_path: Path,
        settings: LiveSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(tasks, settings, parent)
        self.log_path = log_path

    def export(self, start: dt.date, end: dt.date, out: Path, mask_cid: bool) -> bool:
        cancel = self._begin()
        if cancel is None:
            return False
        log_path, hospital = self.log_path, self.settings.clinic_name

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

    def _on_done(self, result: object) -> None:
        self._end()
        self.finished.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        self._end()
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
    # our log's patient names by (pid, claim code): "not in NHSO" rows name the patient
    names: dict[tuple[str, str], str] = field(default_factory=dict)

    def name_of(self, pid: str, claim_code: str) -> str:
        return self.names.get((pid, claim_code), "")


class ReconcileService(ReportService):
    """Compares with the live settings' hcode of the moment the file is opened."""

    reconciled = Signal(object)  # Reconciled
    imported = Signal(int)  # how many codes were added to the log
    failed = Signal(object)  # Message

    def __init__(
        self,
        tasks: TaskRunner,
        log_path: Path,
        settings: LiveSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(tasks, settings, parent)
        self.log_path = log_path

    def reconcile(self, path: Path) -> None:
        log_path, hcode = self.log_path, self.settings.hcode

        def work() -> Reconciled:
            from app.reports.reconcile import read_nhso_export, reconcile
            from app.reports.visits import open_visits
            from app.settings.model import required_hcode

            our_hcode = required_hcode(hcode)
            export = read_nhso_export(path)
            period = export.period
            names: dict[tuple[str, str], str] = {}

            def named(rows: Iterator[Visit]) -> Iterator[Visit]:
                for visit in rows:  # read once: the names are kept as the rows go by
                    if visit.claim_code and visit.patient_name:
                        names[(visit.pid, visit.claim_code)] = visit.patient_name
                    yield visit

            with open_visits(log_path, *(period or (None, None))) as visits:
                result = reconcile(export.rows, named(visits.rows), our_hcode, period)
            return Reconciled(path, period, result, export.skipped, names)

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
