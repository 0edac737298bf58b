"""Server dates that are not a clock (issue: field safety 1a, 1b, 7), through the simulated
agent's real HTTP server: a year-9999 createdDate / Date header never loses an issued code,
and a sentinel 1970-01-01 never moves "today"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import clock
from app.authen.flow import AuthenFlow
from app.authen.visit_log import OK, VisitLog
from app.nhso.agent_client import AgentClient
from app.nhso.models import agent_datetime
from tests.support.agent import OUR_HCODE, AgentRig, agent_rig

SOMCHAI = "1101700123456"
NOON = dt.datetime(2026, 12, 4, 12, 0, tzinfo=clock.BANGKOK)


@pytest.fixture
def rig() -> Iterator[AgentRig]:
    with clock.frozen(NOON), agent_rig() as r:
        yield r


@pytest.fixture
def store(tmp_path: Path) -> VisitLog:
    return VisitLog(tmp_path / "authen.sqlite")


def flow(rig: AgentRig, store: VisitLog) -> AuthenFlow:
    return AuthenFlow(AgentClient(rig.url), store, OUR_HCODE, now=lambda: NOON)


def test_a_year_9999_date_is_unreadable_not_a_crash() -> None:
    assert agent_datetime("9999-12-31T20:00:00Z") is None
    assert agent_datetime("9999-12-31T20:00:00") is not None  # Bangkok wall time: fits


@pytest.mark.parametrize("from_the_start", [False, True])
def test_a_code_answered_with_year_9999_dates_is_logged_and_shown(
    rig: AgentRig, store: VisitLog, from_the_start: bool
) -> None:
    """createdDate 9999-12-31T20:00:00Z and a Date header of 31 Dec 9999: the code NHSO
    issued is kept (was: OverflowError, the row left pending with no code)."""
    f = flow(rig, store)
    if from_the_start:
        rig.agent.fault = "far_dates"
    rights = f.check_rights(SOMCHAI)
    rig.agent.fault = "far_dates"
    outcome = f.confirm(rights.reading, "PG0060001", "0812345678")
    issued = rig.agent.codes[-1].claim_code
    assert outcome.claim_code == issued and not outcome.reused
    [row] = store.on_date(NOON.date())
    assert (row.status, row.claim_code) == (OK, issued)
    assert f.clock_offset is None and outcome.clock_warning is None
    assert f.today() == NOON.date()


def test_a_sentinel_1970_date_does_not_move_today(rig: AgentRig, store: VisitLog) -> None:
    """checkDate 1970-01-01 (and a Date header of 1970): today's code is still today's and
    reused (was: "today" became 1970, a second confirm was sent)."""
    rig.agent.seed_code(SOMCHAI, "PG0060001", OUR_HCODE, NOON - dt.timedelta(hours=1))
    rig.agent.fault = "sentinel_dates"
    f = flow(rig, store)
    rights = f.check_rights(SOMCHAI)
    assert rights.clock_warning is None and f.today() == NOON.date()
    outcome = f.confirm(rights.reading, "PG0060001", "0812345678")
    assert outcome.reused and rig.posts() == 0
    assert f.clock_offset is None and f.today() == NOON.date()


def test_a_plausible_offset_still_warns_beside_an_implausible_one(
    rig: AgentRig, store: VisitLog
) -> None:
    f = AuthenFlow(AgentClient(rig.url), store, OUR_HCODE,
                   now=lambda: NOON - dt.timedelta(hours=1))  # fmt: skip
    assert f.check_rights(SOMCHAI).clock_warning is not None
    assert f.clock_offset == dt.timedelta(hours=1)
