"""The right code for the right patient, on any clock (issue 18, items 3 and 4), through
the simulated agent's real HTTP server: a confirm answer that is not this patient's code is
refused and kept flagged; a PC clock off from the agent's is noticed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import clock
from app.authen.errors import AnswerFlagged
from app.authen.flow import AuthenFlow
from app.authen.visit_log import FLAGGED, OK, VisitLog
from app.cli.exit_codes import ExitCode
from app.demo.simulated_agent import OTHER_CARD_PID
from app.desk.model import Stage
from app.errors import describe
from app.nhso.agent_client import AgentClient
from app.nhso.models import ConfirmResult, agent_datetime
from cardreader.cid import mask_cid
from tests.support.agent import OUR_HCODE, AgentRig, agent_rig
from tests.support.staff import SUDA
from tests.unit.test_desk_model import inserted, open_desk, outcome_for, rights_for

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
    return AuthenFlow(AgentClient(rig.url), store, OUR_HCODE)


# --- item 3: the code belongs to the patient on screen, or it is refused and kept ---------
@pytest.mark.parametrize(
    ("fault", "kind", "named"),
    [("other_pid", "other_pid", mask_cid(OTHER_CARD_PID)), ("no_pid", "no_pid", ""),
     ("other_claim_type", "other_claim_type", mask_cid(SOMCHAI)),
     ("ep_code", "bad_code", mask_cid(SOMCHAI)), ("short_code", "bad_code", mask_cid(SOMCHAI))],
)  # fmt: skip
def test_an_answer_not_this_patients_is_refused_and_kept_flagged(
    rig: AgentRig, store: VisitLog, caplog: pytest.LogCaptureFixture,
    fault: str, kind: str, named: str,
) -> None:  # fmt: skip
    f = flow(rig, store)
    reading = f.check_rights(SOMCHAI).reading
    rig.agent.fault = fault
    caplog.set_level(logging.DEBUG)
    with pytest.raises(AnswerFlagged) as flagged:
        f.confirm(reading, "PG0060001", "0812345678", "HN1", SUDA)
    issued = rig.agent.codes[-1].claim_code  # what NHSO issued, to whomever
    assert (flagged.value.kind, flagged.value.named) == (kind, named)
    [row] = store.on_date(clock.today())
    assert (row.status, row.claim_code, row.answer_pid, row.pid) == (
        FLAGGED,
        issued,
        named,
        SOMCHAI,
    )
    assert OTHER_CARD_PID not in row.error_message and "NOT this patient" in row.error_message
    assert issued not in caplog.text and OTHER_CARD_PID not in caplog.text
    described = describe(flagged.value)
    assert described.exit_code is ExitCode.ANSWER_FLAGGED == 26
    assert (
        issued not in described.message.en and "NOT given to this patient" in described.message.en
    )
    assert rig.posts() == 1


def test_a_pid_written_with_dashes_is_this_patients(rig: AgentRig, store: VisitLog) -> None:
    f = flow(rig, store)
    reading = f.check_rights(SOMCHAI).reading
    rig.agent.fault = "dashed_pid"
    outcome = f.confirm(reading, "PG0060001", "0812345678")
    assert outcome.record.status == "ok" and outcome.claim_code == rig.agent.codes[-1].claim_code


@pytest.mark.parametrize(
    ("pid", "normalised"),
    [("1-1017-00123-45-6", SOMCHAI), (" 1101700123456 ", SOMCHAI), (1101700123456, SOMCHAI),
     ("", ""), ("110170012345", ""), ("๑๑๐๑๗๐๐๑๒๓๔๕๖", "")],
)  # fmt: skip
def test_confirm_answer_pid_is_normalised(pid: object, normalised: str) -> None:
    result = ConfirmResult.parse({"pid": pid, "claimCode": " PP1234567890 "})
    assert result.pid == normalised and result.claim_code == "PP1234567890"


def test_the_desk_offers_no_retry_after_a_flagged_answer() -> None:
    model = open_desk()
    slot, patient = inserted(model, "somchai")
    model.rights_checked(slot, rights_for(patient, "PG0060001"), None)
    assert model.confirm("0812345678", "")
    model.claim_code_received(slot, None, AnswerFlagged("other_pid", "3-xxxx-xxxx2-34-5"))
    assert model.state.stage is Stage.FAILED and not model.state.retry_allowed
    assert model.confirm("0812345678", "") == [] and model.state.last_codes == ()
    assert model.state.failure is not None and "3-xxxx-xxxx2-34-5" in model.state.failure.en


# --- item 4: a wrong PC clock is noticed --------------------------------------------------
def test_a_pc_clock_an_hour_behind_warns_and_reuses_by_the_agents_day(
    rig: AgentRig, store: VisitLog
) -> None:
    """Real time 00:30 on 4 Dec in Bangkok (17:30 UTC); the PC says 23:30 on the 3rd. The
    code issued at 00:10 is today's: reused, not refused as "already authenticated"."""
    real = dt.datetime(2026, 12, 3, 17, 30, tzinfo=dt.UTC)
    rig.agent.now = lambda: real
    rig.agent.seed_code(SOMCHAI, "PG0060001", OUR_HCODE, real - dt.timedelta(minutes=20))
    f = AuthenFlow(AgentClient(rig.url), store, OUR_HCODE, now=lambda: real - dt.timedelta(hours=1))
    rights = f.check_rights(SOMCHAI)
    assert rights.clock_warning is not None and "+1 h 0 min" in rights.clock_warning.en
    assert "+1 ชม. 0 นาที" in rights.clock_warning.th
    outcome = f.confirm(rights.reading, "PG0060001", "0812345678")
    assert outcome.reused and rig.posts() == 0
    assert outcome.clock_warning is not None and "+1 ชม. 0 นาที" in outcome.clock_warning.th


def test_a_pc_clock_utc_labelled_bangkok_is_noticed(rig: AgentRig, store: VisitLog) -> None:
    """The PC shows UTC's wall time as if Bangkok's: 7 hours behind."""
    f = AuthenFlow(AgentClient(rig.url), store, OUR_HCODE,
                   now=lambda: NOON.replace(tzinfo=None) - dt.timedelta(hours=7))  # fmt: skip
    assert f.check_rights(SOMCHAI).clock_warning is not None
    assert f.clock_offset == dt.timedelta(hours=7)


def test_a_clock_within_five_minutes_is_fine(rig: AgentRig, store: VisitLog) -> None:
    f = AuthenFlow(AgentClient(rig.url), store, OUR_HCODE,
                   now=lambda: NOON + dt.timedelta(minutes=4))  # fmt: skip
    rights = f.check_rights(SOMCHAI)
    outcome = f.confirm(rights.reading, "PG0060001", "0812345678")
    assert rights.clock_warning is None and outcome.clock_warning is None


def test_the_desk_shows_the_clock_warning_as_a_banner() -> None:
    from app.words import authen as words

    model = open_desk()
    slot, patient = inserted(model, "somchai")
    warning = words.clock_off(dt.timedelta(hours=7))
    rights = dataclasses.replace(rights_for(patient, "PG0060001"), clock_warning=warning)
    model.rights_checked(slot, rights, None)
    assert model.state.banner == warning
    model.confirm("0812345678", "")
    outcome = dataclasses.replace(outcome_for(patient, "PP1234567890"), clock_warning=warning)
    model.claim_code_received(slot, outcome, None)
    assert model.state.stage is Stage.CODE_ISSUED and model.state.banner == warning


def test_the_readme_lists_every_exit_code() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    listed = {
        int(number)
        for line in table.splitlines()
        if line.startswith("| ") and line[2:3].isdigit()
        for number in line.split("|")[1].split("/")
    }
    assert {int(code) for code in ExitCode} <= listed


def test_a_flagged_code_is_never_this_patients_in_the_day_list_or_export(
    rig: AgentRig, store: VisitLog
) -> None:
    from app.reports.visits import visit_from_row

    f = flow(rig, store)
    reading = f.check_rights(SOMCHAI).reading
    rig.agent.fault = "other_pid"
    with pytest.raises(AnswerFlagged):
        f.confirm(reading, "PG0060001", "0812345678")
    [row] = store.on_date(clock.today())
    assert row.claim_code and row.patient_code == ""  # not copied, not reprinted
    exported = visit_from_row(dict(store.db.table("visits").get(row.id)))
    assert exported is not None and exported.claim_code == "" and not exported.has_code
    assert row.claim_code in exported.error_message  # for clinic IT


@pytest.mark.parametrize("pid", ["110170012345", "11017001234567", "ID 1101700123456 x"])
def test_a_pid_field_that_is_no_pid_is_masked_and_flagged(pid: str) -> None:
    result = ConfirmResult.parse({"pid": pid, "claimCode": "PP1234567890"})
    assert result.pid == "" and result.named_pid and "0012345" not in result.named_pid
    assert result.named_pid[-4:] == pid[-4:]


@pytest.mark.parametrize(
    ("created", "off"),
    [("2026-12-04T12:00:00.123", False),  # Bangkok wall time, as the agent writes it
     ("2026-12-04T05:00:00", False),  # UTC wall time without an offset (seen): not "off"
     ("2026-12-04T05:00:00Z", False), ("2026-12-04T12:20:00+07:00", True),
     ("2026-12-04T04:40:00Z", True)],
)  # fmt: skip
def test_created_date_is_compared_whichever_zone_it_is_in(
    rig: AgentRig, store: VisitLog, created: str, off: bool
) -> None:
    """createdDate's zone is unresolved: a naive time counts by its closer reading."""
    f = flow(rig, store)
    f.client.last_server_time = None  # the Date header of a local agent says nothing here
    f._observe_clock(created)
    assert (f.clock_warning is not None) == off


# --- server dates that are not a clock (items 1a, 1b, 7): a year-9999 createdDate / Date
# header never loses an issued code, and a sentinel 1970-01-01 never moves "today" -------


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
