"""Whose code it is (field safety 1d, 1e, 7), against the real status server and the
simulated agent's HTTP server: a status answer naming someone else imports nothing; a
confirm answer without claimType is flagged; one claim-code rule (PP + 10 digits); a
year-9999 serviceDateTime is "not today", never a crash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app import clock
from app.authen.cardless import CardlessOutcome, look_up
from app.authen.errors import AnswerFlagged
from app.authen.flow import AuthenFlow
from app.authen.visit_log import CARDLESS, FLAGGED, IMPORTED, VisitLog
from app.errors import describe
from app.nhso.agent_client import AgentClient
from app.nhso.models import LatestAuthen
from app.nhso.status_client import AuthenStatusClient
from app.verify.day import ERROR, NOT_FOUND, LogVerdicts, Pacer, verify_day
from app.verify.day import IMPORTED as VERDICT_IMPORTED
from app.words import authen as words
from cardreader.cid import mask_cid
from tests.support.agent import OUR_HCODE, agent_rig
from tests.support.day_log import DAY, WHEN, cid, fill_day
from tests.support.staff import SUDA
from tests.support.status_server import HCODE, TOKEN, Server, found, history

CID = "1101700123456"
OTHER = "3100501234563"
NOON = dt.datetime(2026, 12, 4, 12, 0, tzinfo=clock.BANGKOK)


def _cardless(tmp_path: Path, answer: dict[str, object]) -> tuple[CardlessOutcome, VisitLog]:
    log = VisitLog(tmp_path / "v.sqlite")
    with Server(people={CID: answer}) as server, clock.frozen(NOON):
        client = AuthenStatusClient(TOKEN, base_url=server.url)
        try:
            outcome = look_up(CID, HCODE, lambda: client, log, NOON.date(), SUDA)
        finally:
            client.close()
    return outcome, log


@pytest.mark.parametrize(("named", "shown"), [(OTHER, mask_cid(OTHER)), ("", "")])
def test_a_status_answer_naming_someone_else_imports_nothing(
    tmp_path: Path, named: str, shown: str
) -> None:
    answer = found(named, history("PP2000000000", "2026-12-04T09:00:00"))
    outcome, log = _cardless(tmp_path, answer)
    assert not outcome.imported
    assert outcome.message == words.CARDLESS_ANSWER_NOT_THIS_PERSON
    [row] = log.on_date(NOON.date())
    assert (row.status, row.claim_code, row.answer_pid, row.pid) == (
        FLAGGED, "PP2000000000", shown, CID,
    )  # fmt: skip
    assert OTHER not in row.error_message and "NOT this patient" in row.error_message


def test_a_status_answer_with_this_pid_dashed_still_imports(tmp_path: Path) -> None:
    dashed = f"{CID[0]}-{CID[1:5]}-{CID[5:10]}-{CID[10:12]}-{CID[12]}"
    answer = found(dashed, history("PP2000000000", "2026-12-04T09:00:00"))
    outcome, log = _cardless(tmp_path, answer)
    assert outcome.imported
    assert log.on_date(NOON.date())[0].status == IMPORTED


def test_a_year_9999_service_time_is_not_today_in_the_cardless_lookup(tmp_path: Path) -> None:
    outcome, log = _cardless(tmp_path, found(CID, history("PP2000000000", "9999-12-31T23:00:00Z")))
    assert not outcome.imported
    assert log.on_date(NOON.date())[0].status == CARDLESS


def test_a_year_9999_date_header_is_no_clock_warning(tmp_path: Path) -> None:
    log = VisitLog(tmp_path / "v.sqlite")
    with Server(people={CID: found(CID)}) as server, clock.frozen(NOON):
        server.date = "Fri, 31 Dec 9999 23:00:00 GMT"
        client = AuthenStatusClient(TOKEN, base_url=server.url)
        outcome = look_up(CID, HCODE, lambda: client, log, NOON.date(), SUDA)
        client.close()
    assert outcome.clock_warning is None and log.on_date(NOON.date())[0].status == CARDLESS


def _verify(tmp_path: Path, answer: dict[str, object]) -> tuple[str, str, str]:
    log = fill_day(tmp_path / "log.sqlite", visits=[(cid(4), "failed", "", "นางมาลี ศรีสุข",
                                                     "000104", "นายแดง ขยัน")])  # fmt: skip
    now = [100.0]
    pacer = Pacer(clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    with Server(people={cid(4): answer}) as server:
        client = AuthenStatusClient(TOKEN, base_url=server.url)
        try:
            result = verify_day(DAY, LogVerdicts(log), client.check, HCODE, pacer=pacer)
        finally:
            client.close()
    [verdict] = result.verdicts
    return verdict.verdict, verdict.claim_code, verdict.nhso_claim_code


@pytest.mark.parametrize(
    ("answer", "expected"),
    [(found(cid(9), history("PP2000000004", WHEN)), (ERROR, "", "")),  # someone else's
     (found("", history("PP2000000004", WHEN)), (ERROR, "", "")),  # nobody's
     (found(cid(4), history("PP20000004", WHEN)), (NOT_FOUND, "", "")),  # PP + 8 digits
     (found(cid(4), history("XX2000000004", WHEN)), (NOT_FOUND, "", "")),  # not PP
     (found(cid(4), history("PP2000000004", "9999-12-31T23:00:00Z")), (NOT_FOUND, "", "")),
     (found(cid(4), history("PP2000000004", WHEN)),
      (VERDICT_IMPORTED, "PP2000000004", "PP2000000004"))],
)  # fmt: skip
def test_verify_day_imports_only_this_persons_claim_code(
    tmp_path: Path, answer: dict[str, object], expected: tuple[str, str, str]
) -> None:
    assert _verify(tmp_path, answer) == expected


def test_a_confirm_answer_without_claim_type_is_flagged(tmp_path: Path) -> None:
    store = VisitLog(tmp_path / "authen.sqlite")
    with clock.frozen(NOON), agent_rig() as rig:
        f = AuthenFlow(AgentClient(rig.url), store, OUR_HCODE)
        reading = f.check_rights(CID).reading
        rig.agent.fault = "no_claim_type"
        with pytest.raises(AnswerFlagged) as flagged:
            f.confirm(reading, "PG0060001", "0812345678")
        issued = rig.agent.codes[-1].claim_code
    assert flagged.value.kind == "no_claim_type"
    [row] = store.on_date(NOON.date())
    assert (row.status, row.claim_code) == (FLAGGED, issued)
    assert words.ANSWER_NO_CLAIM_TYPE.en in describe(flagged.value).message.en


@pytest.mark.parametrize(
    ("code", "claim"),
    [
        ("PP1234567890", True),
        ("PP12345678", False),
        ("PP12345678901234", False),
        ("EP1234567890", False),
    ],
)
def test_one_claim_code_rule_for_reuse(code: str, claim: bool) -> None:
    latest = LatestAuthen.parse({"claimType": "PG0060001", "claimCode": code, "hcode": "12345",
                                 "claimDateTime": "2026-12-04T09:00:00"})  # fmt: skip
    assert latest.is_claim_code is claim
