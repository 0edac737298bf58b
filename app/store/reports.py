"""The reports' visits (Excel export, reconcile) from the shared store: every desk's,
streamed from the server, this desk's own pushed first. None when the desk has no shared
store or it does not answer: the reports then read this desk's log, as without one."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.authen.visit_log import Visit
    from app.reports.visits import VisitRows

log = logging.getLogger(__name__)


@contextlib.contextmanager
def clinic_visits(
    log_path: Path, start: dt.date | None, end: dt.date | None
) -> Iterator[VisitRows | None]:
    from app.settings.model import load_settings

    settings = load_settings()[0]
    if not settings.shared_store:
        yield None
        return
    import pymysql.cursors
    import pymysql.err

    from app.authen.visit_log import VisitLog
    from app.reports.visits import VisitRows, visit_from_row
    from app.store.errors import SharedStoreError
    from app.store.open import shared_store
    from app.store.server import VISITS
    from app.store.visits import push_waiting
    from app.tokens.errors import KeyringUnavailable

    try:
        store = shared_store(settings)
        conn = store.connect()
    except (SharedStoreError, KeyringUnavailable) as exc:
        log.warning("reports read this desk's log only: %s", exc)
        yield None
        return
    try:
        if log_path.exists():
            local = VisitLog(log_path)
            try:
                push_waiting(local, store, conn)
            finally:
                local.close()
        where, params = "1 = 1", []
        if start is not None:
            where += " AND created_at >= %s"
            params.append(start.isoformat())
        if end is not None:
            where += " AND created_at < %s"
            params.append((end + dt.timedelta(days=1)).isoformat())
        with conn.cursor() as cur:
            cur.execute(f"SELECT COUNT(*) FROM {VISITS} WHERE {where}", params)
            total = int(cur.fetchone()[0])
        cursor = conn.cursor(pymysql.cursors.SSDictCursor)  # streamed, not all in memory
        cursor.execute(
            f"SELECT * FROM {VISITS} WHERE {where} ORDER BY created_at, desk, local_id", params
        )

        def rows() -> Iterator[Visit]:
            from app.store.errors import SharedStoreUnavailable

            try:
                for row in cursor:
                    found = visit_from_row({**_as_row(row), "id": row["local_id"]})
                    if found is not None:
                        yield found
            except (pymysql.err.MySQLError, OSError) as exc:  # the server went away mid-way
                raise SharedStoreUnavailable(f"{type(exc).__name__}: {exc}") from None

        yield VisitRows(total, rows())
    finally:
        with contextlib.suppress(Exception):
            conn.close()


def _as_row(row: dict[str, Any]) -> dict[str, Any]:
    return dict(row)
