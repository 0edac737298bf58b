"""THE clock: Bangkok's date and time whatever the machine's zone, injectable, and every
"today" of the program taken from it (issue 18, item 1)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app import clock
from app.authen.visit_log import VisitLog
from app.thai_format import age_years, thai_age

BEFORE = dt.datetime(2026, 12, 3, 16, 59, tzinfo=dt.UTC)  # 23:59 on 3 Dec in Bangkok
AFTER = dt.datetime(2026, 12, 3, 17, 30, tzinfo=dt.UTC)  # 00:30 on 4 Dec in Bangkok
SMALL_HOURS = dt.datetime(2026, 12, 3, 19, 30, tzinfo=dt.UTC)  # 02:30 on 4 Dec in Bangkok


@pytest.mark.parametrize(
    ("moment", "day"),
    [(BEFORE, dt.date(2026, 12, 3)), (AFTER, dt.date(2026, 12, 4)),
     (SMALL_HOURS, dt.date(2026, 12, 4))],
)  # fmt: skip
def test_today_is_bangkoks_date_on_a_utc_clock(moment: dt.datetime, day: dt.date) -> None:
    with clock.frozen(moment):
        assert clock.today() == day
        assert clock.now().utcoffset() == dt.timedelta(hours=7)
        assert clock.now_iso().startswith(day.isoformat()) and clock.now_iso().endswith("+07:00")


def test_a_naive_injected_time_is_bangkok_wall_time() -> None:
    with clock.frozen(dt.datetime(2026, 12, 4, 0, 30)):
        assert clock.now() == AFTER


def test_age_counts_on_bangkoks_birthday() -> None:
    """Born 4 Dec 1987: 39 from 00:00 Bangkok on 4 Dec 2026 (17:00 UTC on the 3rd)."""
    with clock.frozen(SMALL_HOURS):
        assert age_years("1987-12-04") == 39
        assert thai_age("1987-12-04") == "39 ปี"
    with clock.frozen(BEFORE):
        assert age_years("1987-12-04") == 38


def test_the_visit_log_dates_visits_in_bangkok(tmp_path: Path) -> None:
    log = VisitLog(tmp_path / "authen.sqlite")
    with clock.frozen(BEFORE):
        late = log.begin(pid="1101700123456")
    with clock.frozen(AFTER):
        early = log.begin(pid="1101700123456")
    assert [v.id for v in log.on_date(dt.date(2026, 12, 3))] == [late]
    assert [v.id for v in log.on_date(dt.date(2026, 12, 4))] == [early]
    assert log.get(early).created_at == "2026-12-04T00:30:00+07:00"


@pytest.mark.parametrize(
    ("offset", "text"),
    [(dt.timedelta(hours=7), "+7 h 0 min"), (dt.timedelta(minutes=-12), "-12 min"),
     (dt.timedelta(seconds=45), "+45 s"), (dt.timedelta(days=-1, hours=-2), "-1 d 2 h 0 min")],
)  # fmt: skip
def test_skew_text(offset: dt.timedelta, text: str) -> None:
    assert clock.skew_text(offset) == text


def test_skew_reads_naive_server_times_as_bangkok() -> None:
    pc = AFTER
    assert clock.skew(dt.datetime(2026, 12, 4, 0, 40), pc) == dt.timedelta(minutes=10)
    assert clock.skew(AFTER + dt.timedelta(hours=7), pc) == dt.timedelta(hours=7)
