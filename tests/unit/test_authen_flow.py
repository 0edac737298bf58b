"""The authen decisions against the simulated agent, and the log that loses nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import clock
from app.authen.errors import HeldByOtherHospital, InvalidInput, VisitLogUnavailable
from app.authen.flow import AuthenFlow
from app.authen.visit_log import MIGRATIONS, VisitLog
from app.nhso.agent_client import AgentClient
from app.nhso.errors import AgentUnavailable
from app.nhso.models import LatestAuthen
from app.settings.errors import HcodeNotSet
from tests.support.agent import OUR_HCODE, AgentRig
from tests.support.staff import SUDA

# A PC whose clock is UTC, one minute before and half an hour after Bangkok's midnight:
# the log, the agent and the flow all keep Bangkok's date (issue 18, item 1).
AROUND_MIDNIGHT = [
    dt.datetime(2026, 12, 3, 16, 59, tzinfo=dt.UTC),  # 23:59 on 3 Dec in Bangkok
    dt.datetime(2026, 12, 3, 17, 30, tzinfo=dt.UTC),  # 00:30 on 4 Dec in Bangkok
]


@pytest.fixture(autouse=True, params=AROUND_MIDNIGHT, ids=["2359-bangkok", "0030-bangkok"])
def fixed_clock(request: pytest.FixtureRequest) -> Iterator[dt.datetime]:
    with clock.frozen(request.param):
        yield request.param


@pytest.fixture
def store(tmp_path: Path) -> VisitLog:
    return VisitLog(tmp_path / "authen.sqlite")


def flow(rig: AgentRig, store: VisitLog, client: AgentClient | None = None) -> AuthenFlow:
    return AuthenFlow(client or AgentClient(rig.url), store, OUR_HCODE)


def test_new_code_is_logged_with_staff(rig: AgentRig, store: VisitLog) -> None:
    f = flow(rig, store)
    rights = f.check_rights("1101700123456")
    assert rights.preselected == "PG0060001" and rights.last_mobile is None
    outcome = f.confirm(rights.reading, "PG0060001", "081-234-5678", "HN42", SUDA)
    assert not outcome.reused and outcome.claim_code.startswith("PP")
    record = store.get(outcome.record.id)
    assert (record.status, record.staff_name, record.hcode, record.mobile, record.hn) == (
        "ok", "นางสาวสุดา ใจงาม", OUR_HCODE, "0812345678", "HN42",
    )  # fmt: skip
    assert f.check_rights().last_mobile == "0812345678"


def test_same_day_same_claim_type_is_reused_without_a_new_request(
    rig: AgentRig, store: VisitLog
) -> None:
    f = flow(rig, store)
    first = f.confirm(f.check_rights().reading, "PG0060001", "0812345678")
    posts = rig.posts()
    second = f.confirm(f.check_rights().reading, "PG0060001", "0812345678")
    assert second.reused and second.claim_code == first.claim_code
    assert rig.posts() == posts
    assert store.get(second.record.id).status == "reused"


def test_another_hospitals_code_today_is_named_after_nhso_refuses(
    rig: AgentRig, store: VisitLog
) -> None:
    code = rig.agent.seed_code("1101700123456", "PG0060001", "10669")
    f = flow(rig, store)
    with pytest.raises(HeldByOtherHospital) as held:
        f.confirm(f.check_rights().reading, "PG0060001", "0812345678")
    assert held.value.hcode == "10669" and held.value.claim_code == code
    assert rig.posts() == 1  # confirm as usual; only the refusal leads to the lookup
    [record] = store.on_date(clock.today())
    assert (record.status, record.error_kind) == ("failed", "other_hospital")


def test_yesterdays_code_does_not_count(rig: AgentRig, store: VisitLog) -> None:
    yesterday = rig.agent.now() - dt.timedelta(days=1)
    rig.agent.seed_code("1101700123456", "PG0060001", OUR_HCODE, yesterday)
    f = flow(rig, store)
    assert not f.confirm(f.check_rights().reading, "PG0060001", "0812345678").reused


def test_a_400_falls_back_to_the_lookup(rig: AgentRig, store: VisitLog) -> None:
    """Another desk issued today's code between our lookup and our confirm-save."""

    class RacingClient(AgentClient):
        calls = 0

        def latest_5(self, pid: str) -> list[LatestAuthen]:
            RacingClient.calls += 1
            if RacingClient.calls == 1:
                rig.agent.seed_code(pid, "PG0060001", OUR_HCODE)  # the other desk
                return []
            return super().latest_5(pid)

    f = flow(rig, store, RacingClient(rig.url))
    outcome = f.confirm(f.check_rights().reading, "PG0060001", "0812345678")
    assert outcome.reused and rig.posts() == 1


@pytest.mark.parametrize("mobile", ["081234567", "08123456789", "08l2345678", "", "๐๘๑๒๓๔๕๖๗๘"])
def test_bad_mobile_is_refused_before_anything_is_sent(
    rig: AgentRig, store: VisitLog, mobile: str
) -> None:
    f = flow(rig, store)
    reading = f.check_rights().reading
    with pytest.raises(InvalidInput):
        f.confirm(reading, "PG0060001", mobile)
    assert rig.posts() == 0 and store.on_date(clock.today()) == []


def test_unknown_claim_type_and_missing_hcode(rig: AgentRig, store: VisitLog) -> None:
    f = flow(rig, store)
    reading = f.check_rights().reading
    with pytest.raises(InvalidInput):
        f.confirm(reading, "PG0130001", "0812345678")  # not among somchai's rights
    with pytest.raises(HcodeNotSet):
        AuthenFlow(AgentClient(rig.url), store, None).confirm(reading, "PG0060001", "0812345678")
    assert rig.posts() == 0


def test_dead_agent_mid_flow_is_logged_as_failed(rig: AgentRig, store: VisitLog) -> None:
    f = flow(rig, store)
    reading = f.check_rights().reading
    rig.agent.stop()
    with pytest.raises(AgentUnavailable):
        f.confirm(reading, "PG0060001", "0812345678")
    [record] = store.on_date(clock.today())
    assert (record.status, record.error_kind, record.pid) == (
        "failed", "AgentUnavailable", "1101700123456",
    )  # fmt: skip


def test_a_crash_mid_request_leaves_a_pending_row(rig: AgentRig, store: VisitLog) -> None:
    class Crashing(AgentClient):
        def latest_5(self, pid: str) -> list[LatestAuthen]:
            raise KeyboardInterrupt  # the process dies here

    f = flow(rig, store, Crashing(rig.url))
    with pytest.raises(KeyboardInterrupt):
        f.confirm(f.check_rights().reading, "PG0060001", "0812345678")
    [record] = store.on_date(clock.today())
    assert record.status == "pending" and record.mobile == "0812345678"


def test_log_survives_reopening_and_is_versioned(tmp_path: Path) -> None:
    path = tmp_path / "authen.sqlite"
    first = VisitLog(path)
    row = first.begin(pid="1101700123456", claim_type="PG0060001", mobile="0812345678")
    first.close()
    again = VisitLog(path)
    assert again.schema_version == len(MIGRATIONS) and again.integrity_ok()
    assert again.get(row).status == "pending"
    indexes = {tuple(i.columns) for i in again.db.table("visits").indexes}
    assert {("created_at",), ("pid",), ("claim_code",)} <= indexes


def test_unwritable_log_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(VisitLogUnavailable):
        VisitLog(blocker / "authen.sqlite")


def test_another_hospitals_code_is_known_before_enter(rig: AgentRig, store: VisitLog) -> None:
    """Issue 20.9: latest-5 says so with the rights; ours today, or none, says nothing."""
    f = flow(rig, store)
    rights = f.check_rights("1101700123456")
    assert f.held_elsewhere(rights.reading, rights.preselected) is None
    code = rig.agent.seed_code("1101700123456", "PG0060001", "10669", hname="โรงพยาบาลลำปาง")
    held = f.held_elsewhere(rights.reading, rights.preselected)
    assert held is not None and (held.hcode, held.claim_code) == ("10669", code)
    assert held.hname == "โรงพยาบาลลำปาง"
    rig.agent.fault = "latest500"  # an agent that cannot say: no warning, Enter still tells
    assert f.held_elsewhere(rights.reading, rights.preselected) is None


def test_a_failed_rights_check_is_logged_with_the_cards_name(
    rig: AgentRig, store: VisitLog
) -> None:
    f = AuthenFlow(AgentClient("http://127.0.0.1:9"), store, OUR_HCODE)  # nothing listens
    with pytest.raises(AgentUnavailable):
        f.check_rights("1101700123456", patient_name="นายสมชาย ใจดี")
    [visit] = store.db.table("visits").rows
    assert (visit["status"], visit["patient_name"]) == ("failed", "นายสมชาย ใจดี")
