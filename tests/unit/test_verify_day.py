"""verify-day against a local server playing NHSO's authen-status service: each verdict,
pacing, failures that stop the run, and resuming after a drop or a kill."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from app import clock
from app.authen.visit_log import VisitLog
from app.nhso import status_client
from app.nhso.errors import StatusUnreachable, TokenRejected
from app.nhso.http import Limits
from app.nhso.status_client import AuthenStatusClient
from app.verify.day import LogVerdicts, Pacer, Progress, RunResult, verify_day
from tests.support.day_log import DAY, EXPECTED, PEOPLE, VISITS, cid, fill_day
from tests.support.status_server import HCODE, TOKEN, Server

ROOT = Path(__file__).parents[2]


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


def _no_wait() -> Pacer:
    fake = FakeTime()
    return Pacer(clock=fake.clock, sleep=fake.sleep)


def _run(log: VisitLog, url: str, pacer: Pacer | None = None, **kwargs: Any) -> RunResult:
    client = AuthenStatusClient(TOKEN, base_url=url)
    try:
        return verify_day(DAY, LogVerdicts(log), client.check, HCODE,
                          pacer=pacer or _no_wait(), **kwargs)  # fmt: skip
    finally:
        client.close()


def test_each_verdict_is_kept_on_its_visit(tmp_path: Path) -> None:
    log = fill_day(tmp_path / "log.sqlite")
    steps: list[Progress] = []
    # 00:30 on 1 Jan in Bangkok is still 31 Dec on a UTC machine: Bangkok's time is kept.
    with (
        Server(people=PEOPLE) as server,
        clock.frozen(dt.datetime(2026, 12, 31, 17, 30, tzinfo=dt.UTC)),
    ):
        result = _run(log, server.url, progress=steps.append)
    got = [(v.verdict, v.claim_code, v.nhso_claim_code) for v in result.verdicts]
    assert got == EXPECTED
    assert result.complete and result.asked == 6
    assert sorted(server.pids) == sorted({v[0] for v in VISITS})  # one request per person
    assert all(s["date"] == "2026-11-22" for s in server.seen)
    assert [s.done for s in steps] == list(range(len(VISITS) + 1))
    # kept in the log: the import is the visit's code now, and the verdict columns are set
    row = log.db.execute(
        "SELECT claim_code, status, nhso_verdict, nhso_claim_code, nhso_checked_at, "
        "nhso_message FROM visits WHERE pid = ?", [cid(4)]).fetchone()  # fmt: skip
    assert row[:4] == ("PP2000000004", "failed", "imported", "PP2000000004")
    assert row[4] == "2027-01-01T00:30:00+07:00" and row[5] == "พบข้อมูล"


def test_a_second_run_asks_nobody(tmp_path: Path) -> None:
    log = fill_day(tmp_path / "log.sqlite")
    with Server(people=PEOPLE) as server:
        _run(log, server.url)
        first = len(server.seen)
        again = _run(log, server.url)
    assert len(server.seen) == first and again.asked == 0
    assert [v.verdict for v in again.verdicts] == [e[0] for e in EXPECTED]


def test_paced_at_five_a_second_with_an_injected_clock(tmp_path: Path) -> None:
    log = fill_day(tmp_path / "log.sqlite")
    fake = FakeTime()
    with Server(people=PEOPLE) as server:
        _run(log, server.url, pacer=Pacer(clock=fake.clock, sleep=fake.sleep))
    assert fake.sleeps == [0.2] * 5  # 6 people: the first at once, then one each 0.2 s


def test_paced_for_real(tmp_path: Path) -> None:
    log = fill_day(tmp_path / "log.sqlite")
    with Server(people=PEOPLE) as server:
        _run(log, server.url, pacer=Pacer())
    starts = [s["at"] for s in server.seen]
    assert all(b - a >= 0.19 for a, b in itertools.pairwise(starts))


def test_an_unreadable_answer_is_that_visit_s_error_and_is_asked_again(tmp_path: Path) -> None:
    log = fill_day(tmp_path / "log.sqlite")
    with Server("garbage") as server:
        result = _run(log, server.url)
    verdicts = result.verdicts
    assert {v.verdict for v in verdicts} == {"error"} and "StatusBadAnswer" in verdicts[0].message
    assert result.complete
    with Server(people=PEOPLE) as server:
        result = _run(log, server.url)
    assert [v.verdict for v in result.verdicts] == [e[0] for e in EXPECTED]


def test_a_refused_token_stops_the_run_and_records_nothing(tmp_path: Path) -> None:
    log = fill_day(tmp_path / "log.sqlite")
    with Server("401") as server, pytest.raises(TokenRejected):
        _run(log, server.url)
    assert len(server.seen) == 1
    assert len(LogVerdicts(log).unchecked(DAY)) == len(VISITS)


def test_too_slow_is_unreachable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(status_client, "LIMITS", Limits(connect=1.0, read=0.3, total=0.5))
    log = fill_day(tmp_path / "log.sqlite")
    with Server("slow", people=PEOPLE, delay=1.0) as server, pytest.raises(StatusUnreachable):
        _run(log, server.url)
    assert len(LogVerdicts(log).unchecked(DAY)) == len(VISITS)


def test_slow_within_the_deadline_is_fine(tmp_path: Path) -> None:
    log = fill_day(tmp_path / "log.sqlite")
    with Server("slow", people=PEOPLE, delay=0.2) as server:
        result = _run(log, server.url)
    assert [v.verdict for v in result.verdicts] == [e[0] for e in EXPECTED]


def test_dropped_mid_run_then_resumed_asks_only_the_rest(tmp_path: Path) -> None:
    log = fill_day(tmp_path / "log.sqlite")
    with Server("drop", people=PEOPLE, drop_after=3) as server, pytest.raises(StatusUnreachable):
        _run(log, server.url)
    done = [v for v in LogVerdicts(log).verdicts(DAY) if v.verdict]
    assert [v.pid for v in done] == [cid(1), cid(2)]  # the 3rd request was dropped
    with Server(people=PEOPLE) as server:
        result = _run(log, server.url)
    # only the visits left: cid(1)'s second visit came after the drop, so cid(1) again
    assert server.pids == [cid(3), cid(4), cid(5), cid(6), cid(1)]
    assert [(v.verdict, v.claim_code, v.nhso_claim_code) for v in result.verdicts] == EXPECTED


CHILD = """
import sys
from pathlib import Path
from app.authen.visit_log import VisitLog
from app.nhso.status_client import AuthenStatusClient
from app.verify.day import LogVerdicts, Pacer, verify_day
from tests.support.day_log import DAY
from tests.support.status_server import HCODE, TOKEN
log = VisitLog(Path(sys.argv[1]))
client = AuthenStatusClient(TOKEN, base_url=sys.argv[2])
verify_day(DAY, LogVerdicts(log), client.check, HCODE, pacer=Pacer())
"""


def test_killed_halfway_the_next_run_asks_only_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite"
    fill_day(path).close()
    with Server("slow", people=PEOPLE, delay=0.3) as server:
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), server.url], cwd=ROOT)
        deadline = time.monotonic() + 30
        while len(server.seen) < 4 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.02)
        child.kill()
        child.wait()
    log = VisitLog(path)
    checked = {v.visit_id for v in LogVerdicts(log).verdicts(DAY) if v.verdict}
    left = LogVerdicts(log).unchecked(DAY)
    assert 2 <= len(checked) < len(VISITS), "the child was killed halfway"
    assert {v.visit_id for v in left}.isdisjoint(checked)
    with Server(people=PEOPLE) as server:
        result = _run(log, server.url)
    assert sorted(set(server.pids)) == sorted({v.pid for v in left})  # only the rest asked
    assert [(v.verdict, v.claim_code, v.nhso_claim_code) for v in result.verdicts] == EXPECTED


def test_cancel_stops_between_requests(tmp_path: Path) -> None:
    import threading

    log = fill_day(tmp_path / "log.sqlite")
    cancel = threading.Event()

    def progress(step: Progress) -> None:
        if step.done == 2:
            cancel.set()

    with Server(people=PEOPLE) as server:
        result = _run(log, server.url, progress=progress, cancel=cancel)
    assert result.cancelled and not result.complete and result.checked == 2
    assert len(server.seen) == 2
