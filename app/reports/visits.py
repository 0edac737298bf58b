"""Visits as the reports see them, and the ONE place that reads them from the visit log.

The log is app.authen.visit_log.VisitLog (table `visits`); this
later. Only `open_visits` below knows that, so the rename touches one function.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.message import Message
from app.reports.errors import VisitLogUnavailable
from app.thai_format import BANGKOK

# Outcome of a visit's code request, in the words the front desk uses (app.authen.visit_log).
OUTCOME_TH = {
    "ok": "ได้รหัสใหม่",
    "reused": "ใช้รหัสเดิมของวันนี้",
    "failed": "ไม่สำเร็จ",
    "pending": "ค้าง (ไม่ทราบผล)",
    "imported": "นำเข้าจาก สปสช.",  # a code NHSO holds that the desk never asked for
    "cardless": "ไม่มีบัตร ยังไม่มีรหัส",  # ID typed; NHSO had no code of ours today
    "flagged": "ต้องตรวจสอบ (คำตอบไม่ใช่ของผู้รับบริการ)",  # app.authen.visit_log.FLAGGED
}
WITH_CODE = frozenset({"ok", "reused", "imported"})


@dataclass(frozen=True)
class Visit:
    id: int
    created_at: dt.datetime  # naive Bangkok time: what Excel cells hold
    updated_at: dt.datetime | None
    status: str
    pid: str
    patient_name: str
    claim_type: str
    claim_type_name: str
    mobile: str
    hn: str
    claim_code: str
    hcode: str
    staff_cid: str
    staff_name: str
    error_message: str
    nhso_verdict: str  # filled by verify-day once it exists; "" before
    desk: str = ""  # several desks (app/store): which desk logged it

    @property
    def service_date(self) -> dt.date:
        return self.created_at.date()

    @property
    def outcome_th(self) -> str:
        return OUTCOME_TH.get(self.status, self.status)

    @property
    def has_code(self) -> bool:
        # verify-day adds NHSO's code to a failed visit, marked imported (app/verify/day.py)
        imported = self.nhso_verdict == "imported"
        return (self.status in WITH_CODE or imported) and bool(self.claim_code)


@dataclass(frozen=True)
class VisitRows:
    total: int
    rows: Iterator[Visit]


def bangkok_naive(value: str) -> dt.datetime | None:
    """An ISO time from the log as naive Bangkok time (Excel has no time zones)."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(BANGKOK).replace(tzinfo=None)
    return parsed


def _text(row: dict[str, Any], name: str) -> str:
    value = row.get(name)  # .get: columns added by later migrations may not exist yet
    return "" if value is None else str(value)


def visit_from_row(row: dict[str, Any]) -> Visit | None:
    """A row of the log (or of the shared store, app/store) as the reports see it."""
    return _visit(row)


def _visit(row: dict[str, Any]) -> Visit | None:
    created = bangkok_naive(_text(row, "created_at"))
    if created is None:
        return None
    return Visit(
        id=int(row["id"]),
        created_at=created,
        updated_at=bangkok_naive(_text(row, "updated_at")),
        status=_text(row, "status"),
        pid=_text(row, "pid"),
        patient_name=_text(row, "patient_name"),
        claim_type=_text(row, "claim_type"),
        claim_type_name=_text(row, "claim_type_name"),
        mobile=_text(row, "mobile"),
        hn=_text(row, "hn"),
        # a flagged code is not this patient's: its note (error_message) names it for IT
        claim_code="" if _text(row, "status") == "flagged" else _text(row, "claim_code"),
        hcode=_text(row, "hcode"),
        staff_cid=_text(row, "staff_cid"),
        staff_name=_text(row, "staff_name"),
        error_message=_text(row, "error_message"),
        nhso_verdict=_text(row, "nhso_verdict"),
        desk=_text(row, "desk"),
    )


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
                visit = _visit(dict(zip(names, values, strict=True)))
                if visit is not None:
                    yield visit

        yield VisitRows(total, rows())
    except sqlite3.Error as exc:
        raise _log_unavailable(path, exc) from exc
    finally:
        log.close()


def _log_unavailable(path: Path, exc: Exception) -> VisitLogUnavailable:
    return VisitLogUnavailable(
        Message(
            f"อ่านบันทึกการขอรหัสไม่ได้ ({path.name}) — แจ้งผู้ดูแลระบบพร้อมไฟล์บันทึก",
            f"Cannot read the visit log ({path.name}: {exc}) — tell IT and give them the log file.",
        )
    )
