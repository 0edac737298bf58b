"""verify-day for the whole clinic: with a shared store, a run on any desk checks every
desk's visits of that day (app/verify/day.py decides; this is its `VerdictStore`).

This desk's visits are checked in its own log (as without a shared store; the verdict then
reaches the shared store with the visit's next push, sent at the end of the run). Another
desk's visits come from the shared store and their verdicts are written there, on the row
itself: every desk's day list (read from the shared store) shows them, and a later push
from the desk that owns the visit never erases them (server.push keeps a verdict it has
when the pushed row has none). Another desk's visit is never given a code here (its own
log would not know it): an `imported` verdict keeps NHSO's code beside it.

A visit of another desk is known to verify_day by a negative id (this run's own numbering),
so the two kinds never mix. With the server unreachable at the start the run checks this
desk's own visits only, and says so (`clinic_wide` is False).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from app.authen.visit_log import VisitLog
from app.store.server import VISITS, SharedStore
from app.verify.day import ERROR, LogVerdicts, ToCheck, Verdict

log = logging.getLogger(__name__)


class ClinicVerdicts:
    """VerdictStore over this desk's log and every other desk's visits in the shared store."""

    def __init__(self, local: VisitLog, shared: SharedStore) -> None:
        self._local_log = local
        self.local = LogVerdicts(local)
        self.shared = shared
        self._conn: Any | None = None
        self._global_ids: dict[int, str] = {}  # negative id -> the other desk's global id
        self._ids: dict[str, int] = {}  # and back: one id per visit for the whole run
        self.clinic_wide = True
        self.problem = ""

    def _others(self, day: dt.date) -> list[dict[str, Any]]:
        """The day's visits of other desks (not in this desk's log), or none when offline."""
        if not self.clinic_wide:
            return []
        try:
            if self._conn is None:
                self._conn = self.shared.connect()
            rows = self.shared.on_date(self._conn, day)
        except Exception as exc:  # SharedStoreError, or the driver's on a lost connection
            self._offline(exc)
            return []
        mine = {
            str(r[0])
            for r in self._local_log.db.execute(
                "SELECT global_id FROM visits WHERE global_id IS NOT NULL"
            )
        }
        others = [r for r in rows if str(r["global_id"]) not in mine]
        for row in others:
            global_id = str(row["global_id"])
            if global_id not in self._ids:
                self._ids[global_id] = -(len(self._ids) + 1)
                self._global_ids[self._ids[global_id]] = global_id
        return others

    def _offline(self, exc: BaseException) -> None:
        log.warning("verify-day: shared store unreachable, this desk's visits only: %s", exc)
        self.clinic_wide = False
        self.problem = f"{type(exc).__name__}: {exc}"[:300]
        self.close()

    def _id(self, row: dict[str, Any]) -> int:
        return self._ids[str(row["global_id"])]

    def unchecked(self, day: dt.date) -> list[ToCheck]:
        todo = self.local.unchecked(day)
        for row in self._others(day):
            if str(row.get("nhso_verdict") or "") in ("", ERROR):
                todo.append(
                    ToCheck(self._id(row), str(row["pid"]), str(row["claim_code"] or ""),
                            str(row["claim_type"] or ""), str(row["created_at"]))
                )  # fmt: skip
        return todo

    def codes_on(self, day: dt.date) -> set[str]:
        codes = self.local.codes_on(day)
        for row in self._others(day):
            codes |= {str(row[c]) for c in ("claim_code", "nhso_claim_code") if row.get(c)}
        return codes

    def record(self, verdict: Verdict, imported: bool) -> None:
        if verdict.visit_id > 0:
            self.local.record(verdict, imported)
            return
        global_id = self._global_ids[verdict.visit_id]
        if self._conn is None:
            return  # went offline mid-run: asked again at the next run
        try:
            with self._conn.cursor() as cur:
                cur.execute(
                    f"UPDATE {VISITS} SET nhso_verdict = %s, nhso_claim_code = %s, "
                    "nhso_checked_at = %s, nhso_message = %s WHERE global_id = %s",
                    (verdict.verdict, verdict.nhso_claim_code, verdict.checked_at,
                     verdict.message, global_id),
                )  # fmt: skip
        except Exception as exc:  # the server went away: this desk's visits go on
            self._offline(exc)

    def verdicts(self, day: dt.date) -> list[Verdict]:
        out = self.local.verdicts(day)
        for row in self._others(day):
            out.append(
                Verdict(self._id(row), str(row["pid"]), str(row["claim_code"] or ""),
                        str(row.get("nhso_verdict") or ""), str(row.get("nhso_claim_code") or ""),
                        str(row.get("nhso_message") or ""), str(row.get("nhso_checked_at") or ""))
            )  # fmt: skip
        return out

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception as exc:  # already gone
                log.debug("closing the shared store: %s", exc)
            self._conn = None


def verdict_store(visits: VisitLog) -> LogVerdicts | ClinicVerdicts:
    """The day's visits verify-day checks: every desk's with a shared store, else this desk's."""
    from app.store.visits import SharedVisitLog

    if isinstance(visits, SharedVisitLog):
        return ClinicVerdicts(visits, visits.shared)
    return LogVerdicts(visits)


def finish_run(verdicts: LogVerdicts | ClinicVerdicts, visits: VisitLog) -> None:
    """After a run: this desk's verdicts pushed to the shared store now (best effort: what
    cannot go waits for the next push, as any change does)."""
    if isinstance(verdicts, ClinicVerdicts):
        verdicts.close()
    from app.store.visits import SharedVisitLog

    if isinstance(visits, SharedVisitLog):
        result = visits.push_waiting()
        if not result.online:
            log.warning("verify-day: verdicts wait for the shared store: %s", result.error)
