"""Visits as the reports see them, and the ONE place that reads them from the visit log.

The log is app.authen.visit_log.VisitLog (table `visits`); this
later. Only `open_visits` below knows that, so the rename touches one function.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.reports.errors import VisitLogUnreadable
from app.words.authen import VISIT_OUTCOME_TH

if TYPE_CHECKING:
    # The one visit record, the log's (app/authen/visit_log.py): the reports read its
    # `created`, `updated`, `service_date`, `outcome_th` and `has_code`.
    from app.authen.visit_log import Visit

OUTCOME_TH = VISIT_OUTCOME_TH  # the day list and the export's summary order by it


@dataclass(frozen=True)
class VisitRows:
    total: int
    rows: Iterator[Visit]


def default_log_path() -> Path:
    from app.paths import app_paths

    return app_paths().visit_log()


@contextlib.contextmanager
def open_visits(
    path: Path | None = None, start: dt.date | None = None, end: dt.date | None = None
) -> Iterator[VisitRows]:
    """The visits whose service date (Bangkok) is in [start, end], oldest first, streamed.

    The adapter to the visit log: the only code in app/reports that knows its class, table
    and columns. A missing log file gives no visits and is not created.
    """
    own = path is None or path == default_log_path()
    path = path or default_log_path()
    if own:  # several desks: every desk's visits when the clinic's shared store answers
        from app.store.reports import clinic_visits

        with clinic_visits(path, start, end) as shared:
            if shared is not None:
                yield shared
                return
    if not path.exists():
        yield VisitRows(0, iter(()))
        return
    from app.authen.errors import VisitLogUnavailable as LogUnavailable
    from app.authen.visit_log import VisitLog

    try:
        log = VisitLog(path)
    except LogUnavailable as exc:
        raise _log_unavailable(path, exc) from exc
    try:
        where, params = "1 = 1", []
        if start is not None:  # created_at is ISO text in Bangkok time, so text order works
            where += " and created_at >= ?"
            params.append(start.isoformat())
        if end is not None:
            where += " and created_at < ?"
            params.append((end + dt.timedelta(days=1)).isoformat())
        conn = log.db.conn
        total = int(
            conn.execute(f"select count(*) from visits where {where}", params).fetchone()[0]
        )
        cursor = conn.execute(f"select * from visits where {where} order by id", params)
        names = [d[0] for d in cursor.description]

        def rows() -> Iterator[Visit]:
            for values in cursor:
                visit = visit_from_row(dict(zip(names, values, strict=True)))
                if visit is not None:
                    yield visit

        yield VisitRows(total, rows())
    except sqlite3.Error as exc:
        raise _log_unavailable(path, exc) from exc
    finally:
        log.close()


def visit_from_row(row: dict[str, Any]) -> Visit | None:
    """A row of the log (or of the shared store, app/store) as the reports see it: None
    for a row without a readable time (no visit); a flagged code is not this patient's, so
    no report shows it as theirs (its note, error_message, names it for IT)."""
    from app.authen.visit_log import FLAGGED, Visit

    visit = Visit.from_row(row)
    if visit.created is None:
        return None
    if visit.status == FLAGGED:
        visit = dataclasses.replace(visit, claim_code=visit.patient_code)
    return visit


def _log_unavailable(path: Path, exc: Exception) -> VisitLogUnreadable:
    from app.words import reports as words

    return VisitLogUnreadable(words.visit_log_unreadable(path.name, str(exc)))
