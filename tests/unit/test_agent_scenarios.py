"""Issue 12: the NHSO flow as real agents behave. Every scenario runs twice: against a local
server answering real-shaped fixtures, and against the simulated agent of the demo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.authen.errors import HeldByOtherHospital, InvalidInput
from app.authen.flow import AuthenFlow
from app.authen.visit_log import VisitLog
from app.cli.exit_codes import ExitCode
from app.errors import describe
from app.nhso.agent_client import AgentClient
from app.nhso.errors import AgentNoCard, AgentNoReader, AgentServiceFailed
from tests.support.agent import NOW, OUR_HCODE, Code, FixturePlay, Play, play

PLAYS = ["fixture", "simulated"]


@pytest.fixture(params=PLAYS)
def agent(request: pytest.FixtureRequest) -> Iterator[Play]:
    with play(request.param) as p:
        yield p


@pytest.fixture
def store(tmp_path: Path) -> VisitLog:
    return VisitLog(tmp_path / "visits.sqlite", clock=lambda: NOW.isoformat(timespec="seconds"))


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def flow(agent: Play, store: VisitLog, sleeps: Sleeps | None = None) -> AuthenFlow:
    client = AgentClient(agent.url, sleep=sleeps if sleeps is not None else Sleeps())
    return AuthenFlow(client, store, OUR_HCODE, now=lambda: NOW)


def rows(store: VisitLog) -> list[tuple[str, str]]:
    return [(v.status, v.error_kind) for v in store.on_date(NOW.date())]


# --- item 2: same-day reuse by claim type --------------------------------------------------
def test_an_ep_code_after_todays_pp_code_reuses_the_pp_code(agent: Play, store: VisitLog) -> None:
    """The bug on main: latest-authen-code shows the EP code, which was handed back."""
    newest, pp = agent.holds(
        Code("PG0060001", OUR_HCODE, "08:15:02"), Code("PG0060001", OUR_HCODE, "09:40:11", "EP")
    )
    assert newest.startswith("EP") and pp.startswith("PP")
    f = flow(agent, store)
    outcome = f.confirm(f.check_rights().reading, "PG0060001", "0812345678")
    assert outcome.reused and outcome.claim_code == pp
    assert agent.posts() == 0


def test_an_ep_code_alone_is_never_a_claim_code(agent: Play, store: VisitLog) -> None:
    [ep] = agent.holds(Code("PG0060001", OUR_HCODE, "09:40:11", "EP"))
    f = flow(agent, store)
    outcome = f.confirm(f.check_rights().reading, "PG0060001", "0812345678")
    assert not outcome.reused and outcome.claim_code.startswith("PP") and ep != outcome.claim_code


def test_todays_code_of_another_claim_type_gives_a_new_code(agent: Play, store: VisitLog) -> None:
    [other] = agent.holds(Code("PG0130001", OUR_HCODE, "08:00:00"))
    f = flow(agent, store)
    outcome = f.confirm(f.check_rights().reading, "PG0060001", "0812345678")
    assert not outcome.reused and outcome.claim_code != other and agent.posts() == 1
    assert outcome.record.claim_type == "PG0060001"


def test_yesterdays_code_late_at_night_is_not_today(agent: Play, store: VisitLog) -> None:
    yesterday = NOW.date() - dt.timedelta(days=1)
    [old] = agent.holds(Code("PG0060001", OUR_HCODE, "23:59:30", day=yesterday))
    f = flow(agent, store)
    outcome = f.confirm(f.check_rights().reading, "PG0060001", "0812345678")
    assert not outcome.reused and outcome.claim_code != old


def test_latest_5_as_a_single_object_and_terminals_as_one(agent: Play, store: VisitLog) -> None:
    agent.single_object_lists()
    [pp] = agent.holds(Code("PG0060001", OUR_HCODE, "08:15:02"))
    f = flow(agent, store)
    assert f.confirm(f.check_rights().reading, "PG0060001", "0812345678").claim_code == pp


# --- item 3: another hospital's code today -------------------------------------------------
def test_another_hospital_today_is_confirmed_and_a_refusal_names_it(
    agent: Play, store: VisitLog
) -> None:
    agent.holds(Code("PG0060001", "10669", "07:05:00"))
    f = flow(agent, store)
    with pytest.raises(HeldByOtherHospital) as held:
        f.confirm(f.check_rights().reading, "PG0060001", "0812345678")
    assert agent.posts() == 1  # asked NHSO first: no stop before asking
    assert held.value.hcode == "10669"
    text = describe(held.value).message.one_line()
    assert "10669" in text and held.value.hname in text
    if isinstance(agent, FixturePlay):  # its /read names 10669 in hospMainOp
        assert held.value.hname == "โรงพยาบาลทดสอบอำเภอ"
    assert rows(store) == [("failed", "other_hospital")]


def test_another_hospital_today_but_nhso_accepts(agent: Play, store: VisitLog) -> None:
    agent.holds(Code("PG0060001", "10669", "07:05:00"))
    agent.nhso_refuses_other_hospital(False)
    f = flow(agent, store)
    outcome = f.confirm(f.check_rights().reading, "PG0060001", "0812345678")
    assert not outcome.reused and outcome.claim_code.startswith("PP")


# --- item 1: errors read per call ----------------------------------------------------------
def test_a_500_from_confirm_save_is_an_nhso_failure_not_no_card(
    agent: Play, store: VisitLog
) -> None:
    f = flow(agent, store)
    reading = f.check_rights().reading
    agent.fails("confirm", 500)
    with pytest.raises(AgentServiceFailed) as failed:
        f.confirm(reading, "PG0060001", "0812345678")
    assert failed.value.status == 500 and failed.value.call == "confirm-save"
    described = describe(failed.value)
    assert described.exit_code == ExitCode.NHSO_FAILED  # not NO_CARD (3) as on main
    assert failed.value.message in described.message.en
    assert rows(store) == [("failed", "AgentServiceFailed")]


def test_latest_5_failing_falls_back_to_latest_authen_code(agent: Play, store: VisitLog) -> None:
    [pp] = agent.holds(Code("PG0060001", OUR_HCODE, "08:15:02"))
    agent.fails("latest5", 500)
    f = flow(agent, store)
    assert f.confirm(f.check_rights().reading, "PG0060001", "0812345678").claim_code == pp


def test_both_lookups_failing_is_an_nhso_failure(agent: Play, store: VisitLog) -> None:
    f = flow(agent, store)
    reading = f.check_rights().reading
    agent.fails("latest", 500)
    with pytest.raises(AgentServiceFailed):
        f.confirm(reading, "PG0060001", "0812345678")
    assert agent.posts() == 0


def test_no_reader_from_terminals_and_from_418(agent: Play, store: VisitLog) -> None:
    agent.no_reader()
    with pytest.raises(AgentNoReader):
        flow(agent, store).check_rights()
    with pytest.raises(AgentNoReader):
        AgentClient(agent.url, sleep=Sleeps()).read()
    assert rows(store) == [("failed", "AgentNoReader")]


def test_terminals_500_is_no_reader(agent: Play, store: VisitLog) -> None:
    agent.fails("terminals", 500)
    with pytest.raises(AgentNoReader):
        flow(agent, store).check_rights()


def test_a_settling_card_is_read_on_the_third_try(agent: Play, store: VisitLog) -> None:
    agent.read_unsettled(2)
    sleeps = Sleeps()
    rights = flow(agent, store, sleeps).check_rights(just_inserted=True)
    assert rights.reading.pid == agent.pid
    assert sleeps == [1.5, 1.0, 1.0]  # settle, then two gaps; no real sleeping


def test_a_card_that_never_settles_asks_for_reinsertion(agent: Play, store: VisitLog) -> None:
    agent.read_unsettled(5)
    sleeps = Sleeps()
    with pytest.raises(AgentNoCard):
        flow(agent, store, sleeps).check_rights()
    assert sleeps == [1.0, 1.0]  # three tries
    assert "re" in describe(AgentNoCard("x")).message.en  # "reinsert it"
    assert rows(store) == [("failed", "AgentNoCard")]


# --- item 4: real shapes -------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["OFC", "SSS"])
def test_ofc_and_sss_answers(agent: Play, store: VisitLog, kind: str) -> None:
    agent.rights(kind)
    f = flow(agent, store)
    rights = f.check_rights()
    reading = rights.reading
    assert reading.main_inscl.startswith(f"({kind})") and rights.preselected == "PG0060001"
    if kind == "OFC":
        assert reading.hosp_main is None and reading.paid_model == "" and reading.rights_end is None
    assert reading.rights_start is not None and reading.rights_start.date() < NOW.date()
    assert "ปี" in reading.age and "เดือน" in reading.age
    assert reading.title_code.isdigit() and len(reading.title_code) == 3
    assert f.confirm(reading, "PG0060001", "0812345678").claim_code.startswith("PP")


# --- item 5: the mobile number -------------------------------------------------------------
@pytest.mark.parametrize(
    "junk", ["ไม่มี", "-", "จำไม่ได้", ".", "๐๘๑๒๓๔๕๖๗๘", "812345678", "1812345678"]
)
def test_junk_is_never_prefilled(agent: Play, store: VisitLog, junk: str) -> None:
    store.begin(pid=agent.pid, mobile=junk)
    f = AuthenFlow(AgentClient(agent.url), store, OUR_HCODE, now=lambda: NOW,
                   mobile_hint=lambda pid: junk)  # fmt: skip
    rights = f.check_rights()
    assert rights.last_mobile is None and rights.mobile_source == ""


def test_the_prefill_says_where_it_came_from(agent: Play, store: VisitLog) -> None:
    hinted = AuthenFlow(AgentClient(agent.url), store, OUR_HCODE, now=lambda: NOW,
                        mobile_hint=lambda pid: "081-111-2222")  # fmt: skip
    rights = hinted.check_rights()
    assert (rights.last_mobile, rights.mobile_source) == ("0811112222", "demo")
    store.begin(pid=agent.pid, mobile="0899999999")
    rights = hinted.check_rights()
    assert (rights.last_mobile, rights.mobile_source) == ("0899999999", "last_visit")


# --- issue 11 item 6: a failed rights check is a visit -------------------------------------
def test_a_wrong_hcode_is_refused_before_sending_and_logged(agent: Play, store: VisitLog) -> None:
    for hcode in ("abc", "๑๒๓๔๕", "1234"):
        with pytest.raises(InvalidInput):
            AuthenFlow(AgentClient(agent.url), store, hcode).check_rights()
    assert rows(store) == [("failed", "InvalidInput")] * 3
    assert agent.posts() == 0
