"""The visit log of a desk that has a shared store: the local SQLite log first, then the
shared store.

`SharedVisitLog` is a `VisitLog` (the flows, the day list, reports and verify-day use it
unchanged) that pushes what waits after each outcome, so with the server up a visit is in
the shared store by the time `finish` returns. With the server down the outcome is in the
local log as before and waits (`waiting()`); `push_waiting()` (store sync, the window's
background push) sends it later. Each row goes with its revision: pushing is idempotent.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.authen.visit_log import Visit, VisitLog, now_iso
from app.authen.visit_query import VisitQuery
from app.store.errors import SharedStoreError, SharedStoreUnavailable
from app.store.server import VISIT_COLUMNS, SharedStore

log = logging.getLogger(__name__)

BATCH = 500
SOON_BATCHES = 1  # after an outcome: that visit and up to BATCH - 1 of the backlog
RETRY_AFTER = 20.0  # seconds: after a failure, an outcome does not wait for a dead server again


@dataclass(frozen=True)
class PushResult:
    pushed: int
    waiting: int
    error: str = ""  # why the shared store could not take them ("" = it did)

    @property
    def online(self) -> bool:
        return not self.error


def waiting_count(local: VisitLog) -> int:
    return int(
        local.db.execute(
            "SELECT COUNT(*) FROM visits WHERE shared_pushed_rev < shared_rev"
        ).fetchone()[0]
    )


def _waiting_rows(local: VisitLog, limit: int, first: int = 0) -> list[dict[str, Any]]:
    """What waits, `first` (a visit just finished) before the rest, then oldest first."""
    cursor = local.db.execute(
        "SELECT * FROM visits WHERE shared_pushed_rev < shared_rev "
        "ORDER BY id = ? DESC, id LIMIT ?",
        [first, limit],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def push_waiting(
    local: VisitLog, shared: SharedStore, conn: Any | None = None, first: int = 0,
    max_batches: int | None = None,
) -> PushResult:  # fmt: skip
    """Push every visit that waits (`first` before the others, then oldest first; at most
    `max_batches` batches), in batches; each batch is marked pushed (at the revision sent)
    only once the server has it. A crash between the two pushes the batch again next
    time: the server keeps one row per global id."""
    pushed = 0
    batches = 0
    try:
        with contextlib.ExitStack() as stack:
            if conn is None:
                conn = stack.enter_context(shared.connection())
            while max_batches is None or batches < max_batches:
                rows = _waiting_rows(local, BATCH, first)
                if not rows:
                    break
                batches += 1
                batch = [
                    {
                        **{c: row.get(c) for c in VISIT_COLUMNS},
                        "global_id": row["global_id"],
                        "desk": row["desk"] or shared.desk,
                        "local_id": row["id"],
                        "rev": row["shared_rev"],
                    }
                    for row in rows
                ]
                shared.push(conn, batch)
                with local.db.conn:
                    local.db.conn.executemany(
                        "UPDATE visits SET shared_pushed_rev = ?, desk = ? "
                        "WHERE id = ? AND shared_pushed_rev < ?",
                        [(r["rev"], r["desk"], r["local_id"], r["rev"]) for r in batch],
                    )
                pushed += len(batch)
    except SharedStoreError as exc:
        return PushResult(pushed, waiting_count(local), str(exc) or type(exc).__name__)
    except Exception as exc:  # the driver's own (broken pipe mid-batch): still "later"
        if type(exc).__module__.startswith("pymysql"):
            return PushResult(pushed, waiting_count(local), f"{type(exc).__name__}: {exc}")
        raise
    return PushResult(pushed, waiting_count(local) if max_batches is not None else 0)


def row_to_visit(row: dict[str, Any]) -> Visit:
    """A shared store row as a Visit: its desk, its global id, the other desk's local id."""
    values = dict(row)
    values["id"] = int(row.get("local_id") or 0)
    return Visit.from_row(values)


class SharedVisitLog(VisitLog):
    """The local log (write-ahead) and the clinic's shared store behind it."""

    def __init__(
        self, path: Path, shared: SharedStore, clock: Callable[[], str] = now_iso,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:  # fmt: skip
        super().__init__(path, clock)
        self.shared = shared
        self._monotonic = monotonic
        self._failed_at: float | None = None
        self.last_push: PushResult | None = None
        self._push_lock = threading.Lock()
        self._query_conn: Any | None = None  # the day list's, on the database thread

    # --- pushing -----------------------------------------------------------------------
    def finish(self, visit_id: int, status: str, **values: str) -> Visit:
        visit = super().finish(visit_id, status, **values)
        if visit.in_log:
            self.push_soon(visit_id)
        return visit

    def push_soon(self, visit_id: int = 0) -> PushResult | None:
        """Push this visit now (and a little of any backlog: the background push or
        `store sync` sends the rest) unless the server failed moments ago; never raises:
        the local log has the visit either way."""
        if self._failed_at is not None and self._monotonic() - self._failed_at < RETRY_AFTER:
            return None
        try:
            return self.push_waiting(first=visit_id, max_batches=SOON_BATCHES)
        except Exception:  # the outcome is in the log: a push that broke waits, never raises
            log.exception("push after visit %d failed; it waits for the next push", visit_id)
            self._failed_at = self._monotonic()
            return None

    def push_waiting(self, first: int = 0, max_batches: int | None = None) -> PushResult:
        with self._push_lock:
            result = push_waiting(self, self.shared, first=first, max_batches=max_batches)
        self.last_push = result
        self._failed_at = None if result.online else self._monotonic()
        if not result.online:
            log.warning("shared store: %d visit(s) wait: %s", result.waiting, result.error)
        return result

    def waiting(self) -> int:
        return waiting_count(self)

    # --- the same patient at two desks -----------------------------------------------------
    def same_day(
        self, hcode: str, pid: str, claim_type: str, day: dt.date
    ) -> contextlib.AbstractContextManager[Visit | None]:
        """Held around a confirm (app/authen/flow.py): see `same_day`. A server found
        unreachable here is not waited for again by this visit's push."""
        return same_day(self.shared, hcode, pid, claim_type, day, self._note_unreachable)

    def _note_unreachable(self) -> None:
        self._failed_at = self._monotonic()

    # --- clinic-wide views ----------------------------------------------------------------
    def clinic_query(self) -> VisitQuery | None:
        """The day list's query on every desk's visits (this desk's pushed first), or None
        when the shared store does not answer (the day list then shows this desk's)."""
        if self._failed_at is not None and self._monotonic() - self._failed_at < RETRY_AFTER:
            return None
        from app.store.query import SharedVisitQuery

        try:
            if self._query_conn is not None:
                try:
                    self._query_conn.ping(reconnect=False)
                except Exception:  # the server restarted or timed us out: a new one
                    with contextlib.suppress(Exception):
                        self._query_conn.close()
                    self._query_conn = None
            if self._query_conn is None:
                self._query_conn = self.shared.connect()
        except SharedStoreError as exc:
            log.warning("clinic-wide day list unavailable, this desk's only: %s", exc)
            self._query_conn = None
            self._failed_at = self._monotonic()
            return None
        push_waiting(self, self.shared, self._query_conn)
        return SharedVisitQuery(self._query_conn)

    def close(self) -> None:
        if self._query_conn is not None:
            with contextlib.suppress(Exception):
                self._query_conn.close()
            self._query_conn = None
        super().close()

    def on_date(self, day: dt.date) -> list[Visit]:
        """Every desk's visits of the day when the shared store answers (this desk's own
        are pushed first); else this desk's, as without a shared store."""
        if self._failed_at is None or self._monotonic() - self._failed_at >= RETRY_AFTER:
            try:
                with self.shared.connection() as conn:
                    push_waiting(self, self.shared, conn)
                    return [row_to_visit(r) for r in self.shared.on_date(conn, day)]
            except SharedStoreUnavailable as exc:
                self._failed_at = self._monotonic()
                log.warning("clinic-wide day list unavailable, this desk's only: %s", exc)
        return super().on_date(day)


@contextlib.contextmanager
def same_day(
    shared: SharedStore, hcode: str, pid: str, claim_type: str, day: dt.date,
    unreachable: Callable[[], None] | None = None,
) -> Iterator[Visit | None]:  # fmt: skip
    """Held around a confirm: no other desk confirms this patient and claim type until
    this one's outcome is pushed. Yields today's code from any desk of this hospital, or
    None. With the server unreachable it yields None (the desk works as before). Runs on
    whichever thread confirms: the named lock lives on a connection of its own."""
    try:
        lock = shared.same_day_lock(hcode, pid, claim_type)
        conn = lock.__enter__()
    except SharedStoreError as exc:
        log.warning("same-day check across desks skipped: %s", exc)
        if unreachable is not None:
            unreachable()
        yield None
        return
    try:
        try:
            found = shared.todays_code(conn, hcode, pid, claim_type, day)
        except Exception as exc:  # the server went away between lock and look
            log.warning("same-day check across desks failed: %s", exc)
            found = None
        yield row_to_visit(found) if found else None
    finally:
        with contextlib.suppress(Exception):
            lock.__exit__(None, None, None)
