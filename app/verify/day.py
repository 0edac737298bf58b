"""Verify a day: ask NHSO's authen-status service about every person in that date's log
and keep its verdict on each visit (JHCIS's "ตรวจสอบ Claim Code ของ Visit นี้", for a day).

Verdicts (one per visit):
- verified:  NHSO holds this visit's code for our hospital that day;
- not_found: NHSO holds no code for this person that day at our hospital;
- different: NHSO holds another code for our hospital (ours stays; theirs is kept beside it);
- imported:  our visit had no code but NHSO holds one made elsewhere (NHSO's web portal, a
             kiosk): the code is added to the visit, marked imported;
- error:     that one answer could not be read (the reason is kept); asked again next run.

Resumable: each verdict is written as it comes, and a run asks only about visits with no
verdict yet (or an error). A failure that stops every request (token refused, NHSO
unreachable, TLS) ends the run with that error; what was checked stays checked.
Paced (docs/nhso-agent.md §2: ~5 calls a second); the clock and the sleep are
injectable so tests run without waiting.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from app.nhso.errors import StatusBadAnswer, StatusError
from app.nhso.models import normalise_pid
from cardreader.cid import mask_cid

if TYPE_CHECKING:
    from app.authen.visit_log import VisitLog
    from app.nhso.status_client import AuthenStatus
    from app.reports.reconcile import NhsoRow

log = logging.getLogger(__name__)

VERIFIED, NOT_FOUND, DIFFERENT, IMPORTED, ERROR = (
    "verified", "not_found", "different", "imported", "error",
)  # fmt: skip
VERDICTS = (VERIFIED, NOT_FOUND, DIFFERENT, IMPORTED, ERROR)
SETTLED = frozenset({VERIFIED, NOT_FOUND, DIFFERENT, IMPORTED})  # a rerun skips these
RATE_PER_SECOND = 5.0
IMPORTED_FROM_REPORT = "นำเข้าจากรายงานการขอ Authen code ของ สปสช."
CLOSE_CLAIM_PREFIX = "EP"  # codes of closing a claim, not claim codes (section 4)

VERDICT_TH = {
    VERIFIED: "ตรงกับ สปสช.",
    NOT_FOUND: "ไม่พบใน สปสช.",
    DIFFERENT: "รหัสต่างจาก สปสช.",
    IMPORTED: "นำรหัสจาก สปสช. มาใส่",
    ERROR: "ตรวจไม่สำเร็จ",
}


@dataclass(frozen=True)
class ToCheck:
    visit_id: int
    pid: str
    claim_code: str
    claim_type: str
    created_at: str


@dataclass(frozen=True)
class Verdict:
    visit_id: int
    pid: str
    claim_code: str  # ours (after an import: the imported one)
    verdict: str  # "" when never checked
    nhso_claim_code: str
    message: str
    checked_at: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "pid": self.pid,
            "claim_code": self.claim_code,
            "verdict": self.verdict,
            "nhso_claim_code": self.nhso_claim_code,
            "message": self.message,
        }


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    last: Verdict | None


@dataclass(frozen=True)
class RunResult:
    day: dt.date
    asked: int  # requests sent this run
    checked: int  # verdicts written this run
    verdicts: tuple[Verdict, ...]  # every visit of the day, as now stored
    cancelled: bool = False

    @property
    def complete(self) -> bool:
        return not self.cancelled and all(v.verdict for v in self.verdicts)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(VERDICTS, 0)
        for verdict in self.verdicts:
            if verdict.verdict:
                out[verdict.verdict] += 1
        return out


class VerdictStore(Protocol):
    """What a run needs from the visit log."""

    def unchecked(self, day: dt.date) -> list[ToCheck]: ...

    def codes_on(self, day: dt.date) -> set[str]: ...

    def record(self, verdict: Verdict, imported: bool) -> None: ...

    def verdicts(self, day: dt.date) -> list[Verdict]: ...


def _day_range(day: dt.date) -> list[str]:
    return [day.isoformat(), (day + dt.timedelta(days=1)).isoformat()]


class LogVerdicts:
    """VerdictStore on the local visit log (the columns of visit_log._migration_day_list).
    Each verdict is committed on its own: a run killed halfway keeps what it learnt."""

    def __init__(self, visit_log: VisitLog) -> None:
        self._conn = visit_log.db.conn

    def unchecked(self, day: dt.date) -> list[ToCheck]:
        rows = self._conn.execute(
            "SELECT id, pid, coalesce(claim_code, ''), coalesce(claim_type, ''), created_at "
            "FROM visits WHERE created_at >= ? AND created_at < ? "
            "AND coalesce(nhso_verdict, '') IN ('', ?) ORDER BY id",
            [*_day_range(day), ERROR],
        )
        return [ToCheck(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows]

    def codes_on(self, day: dt.date) -> set[str]:
        rows = self._conn.execute(
            "SELECT DISTINCT claim_code FROM visits WHERE created_at >= ? AND created_at < ? "
            "AND coalesce(claim_code, '') != ''",
            _day_range(day),
        )
        return {str(r[0]) for r in rows}

    def record(self, verdict: Verdict, imported: bool) -> None:
        values: dict[str, Any] = {
            "nhso_verdict": verdict.verdict,
            "nhso_claim_code": verdict.nhso_claim_code,
            "nhso_checked_at": verdict.checked_at,
            "nhso_message": verdict.message,
        }
        if imported:
            values["claim_code"] = verdict.claim_code
        assignments = ", ".join(f"{name} = ?" for name in values)
        with self._conn:
            self._conn.execute(
                f"UPDATE visits SET {assignments} WHERE id = ?",
                [*values.values(), verdict.visit_id],
            )

    def verdicts(self, day: dt.date) -> list[Verdict]:
        rows = self._conn.execute(
            "SELECT id, pid, coalesce(claim_code, ''), coalesce(nhso_verdict, ''), "
            "coalesce(nhso_claim_code, ''), coalesce(nhso_message, ''), "
            "coalesce(nhso_checked_at, '') FROM visits "
            "WHERE created_at >= ? AND created_at < ? ORDER BY id",
            _day_range(day),
        )
        return [Verdict(int(r[0]), *(str(v) for v in r[1:])) for r in rows]


class Pacer:
    """At most `per_second` request starts a second. `sleep` may return early (a cancel
    waking it): the next call simply waits what is left."""

    def __init__(
        self,
        per_second: float = RATE_PER_SECOND,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], object] = time.sleep,
    ) -> None:
        self.interval = 1.0 / per_second
        self._clock = clock
        self._sleep = sleep
        self._next: float | None = None

    def wait(self) -> None:
        now = self._clock()
        if self._next is not None and now < self._next:
            self._sleep(self._next - now)
            now = max(now, self._clock())
        self._next = (now if self._next is None else max(now, self._next)) + self.interval


def decide(
    visit: ToCheck, status: AuthenStatus, hcode: str, day: dt.date, taken: set[str]
) -> tuple[str, str, str]:
    """(verdict, NHSO's code, message) for one visit from NHSO's answer. `taken`: codes
    other visits of ours that day already hold (never imported twice)."""
    ours = status.for_hospital(hcode, day)
    held = {h.claim_code for h in ours if h.claim_code}
    message = status.message
    named = normalise_pid(status.personal_id)
    if ours and named != visit.pid:
        # Not this person's answer: nothing is verified or imported from it (kept as an
        # error verdict, masked, for clinic IT).
        shown = mask_cid(named) if named else "no pid"
        return ERROR, "", f"NOT this patient's answer: NHSO named {shown}; {message}"[:300]
    if visit.claim_code and visit.claim_code in held:
        return VERIFIED, visit.claim_code, message
    candidates = [
        h.claim_code
        for h in ours
        if h.is_claim_code  # PP + 10 digits only: never an EP close-claim code
        and (not visit.claim_type or not h.service_code or h.service_code == visit.claim_type)
        and h.claim_code not in taken
    ]
    if not candidates:
        return NOT_FOUND, "", message
    if visit.claim_code:
        return DIFFERENT, candidates[0], message
    return IMPORTED, candidates[0], message


def now_iso() -> str:
    from app import clock

    return clock.now_iso()


def verify_day(
    day: dt.date,
    store: VerdictStore,
    check: Callable[[str, dt.date], AuthenStatus],
    hcode: str,
    *,
    pacer: Pacer | None = None,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
    clock: Callable[[], str] = now_iso,
) -> RunResult:
    """Checks the day's unchecked visits, one request per person. Raises the StatusError
    that stopped it (token refused, unreachable, TLS, redirect); StatusBadAnswer for one
    person is that visit's `error` verdict."""
    pacer = pacer or Pacer()
    todo = store.unchecked(day)
    taken = store.codes_on(day)
    answers: dict[str, AuthenStatus | StatusBadAnswer] = {}
    asked = checked = 0
    if progress is not None:
        progress(Progress(0, len(todo), None))
    for index, visit in enumerate(todo, start=1):
        if cancel is not None and cancel.is_set():
            break
        answer = answers.get(visit.pid)
        if answer is None:
            pacer.wait()
            if cancel is not None and cancel.is_set():
                break
            asked += 1
            try:
                answer = check(visit.pid, day)
            except StatusBadAnswer as exc:
                answer = exc
            except StatusError:
                log.warning("verify %s stopped after %d of %d", day, index - 1, len(todo))
                raise
            answers[visit.pid] = answer
        if isinstance(answer, StatusBadAnswer):
            verdict = Verdict(visit.visit_id, visit.pid, visit.claim_code, ERROR, "",
                              f"{type(answer).__name__}: {answer}"[:300], clock())  # fmt: skip
            imported = False
        else:
            kind, code, message = decide(visit, answer, hcode, day, taken)
            imported = kind == IMPORTED
            if imported:
                taken.add(code)
            verdict = Verdict(visit.visit_id, visit.pid, code if imported else visit.claim_code,
                              kind, code, message, clock())  # fmt: skip
        store.record(verdict, imported)
        checked += 1
        log.info("verify %s: visit %d %s %s", day, visit.visit_id, mask_cid(visit.pid),
                 verdict.verdict)  # fmt: skip
        if progress is not None:
            progress(Progress(index, len(todo), verdict))
    cancelled = cancel is not None and cancel.is_set()
    return RunResult(day, asked, checked, tuple(store.verdicts(day)), cancelled)


def import_nhso_rows(
    visit_log: VisitLog, rows: list[NhsoRow], clock: Callable[[], str] = now_iso
) -> int:
    """NHSO's codes the log never had (reconcile's nhso_only), added as visits whose status
    and verdict say "imported". A code already in the log is skipped, so importing twice
    adds nothing. Returns how many were added."""
    from app.thai_format import BANGKOK

    conn = visit_log.db.conn
    added = 0
    now = clock()
    with conn:
        for row in rows:
            if conn.execute(
                "SELECT 1 FROM visits WHERE claim_code = ?", [row.claim_code]
            ).fetchone():
                continue
            when = row.service_at.replace(tzinfo=BANGKOK).isoformat(timespec="seconds")
            values = {
                "created_at": when, "updated_at": now, "status": IMPORTED, "pid": row.pid,
                "patient_name": row.patient_name, "claim_type": row.claim_type,
                "claim_type_name": "", "mobile": "", "hn": row.hn, "claim_code": row.claim_code,
                "hcode": row.hcode, "staff_cid": "", "staff_name": "", "error_kind": "",
                "error_message": "", "nhso_verdict": IMPORTED, "nhso_claim_code": row.claim_code,
                "nhso_checked_at": now, "nhso_message": IMPORTED_FROM_REPORT,
            }  # fmt: skip
            names = ", ".join(values)
            marks = ", ".join("?" * len(values))
            conn.execute(f"INSERT INTO visits ({names}) VALUES ({marks})", list(values.values()))
            added += 1
    log.info("imported %d code(s) from NHSO's report", added)
    return added
