"""The agent client against the simulated agent (a real HTTP server) and misbehaving ones."""

from __future__ import annotations

import base64
import datetime as dt
import socket

import pytest

from app.nhso.agent_client import AgentClient
from app.nhso.errors import (
    AgentBadAnswer,
    AgentNoCard,
    AgentNoReader,
    AgentRejected,
    AgentTimeout,
    AgentUnavailable,
)
from app.nhso.models import AgentReading, ConfirmRequest, LatestAuthen, agent_datetime
from cardreader.virtual.simulated import SimulatedReaders
from tests.support.agent import OUR_HCODE, AgentRig, agent_rig


def test_terminals_and_read(rig: AgentRig) -> None:
    client = AgentClient(rig.url)
    assert [(t.name, t.card_present) for t in client.terminals()] == [("Simulated Reader 0", True)]
    reading = client.read()
    assert reading.pid == "1101700123456" and reading.first_name == "สมชาย"
    assert reading.main_inscl.startswith("(UCS)")
    assert [c.code for c in reading.claim_types] == ["PG0060001"]
    assert reading.correlation_id and reading.image is None
    assert reading.hosp_main is not None and reading.hosp_main.hcode == OUR_HCODE


def test_read_with_image_and_read_card_only(rig: AgentRig) -> None:
    client = AgentClient(rig.url)
    reading = client.read(with_image=True)
    assert reading.image is not None
    assert base64.b64decode(reading.image).startswith(b"\xff\xd8")
    only = client.read_card_only()
    assert only.pid == reading.pid and only.correlation_id == "" and only.claim_types == ()


def test_claim_types_differ_per_person(rig: AgentRig) -> None:
    rig.insert("krit")  # Bangkok address
    assert "PG0180001" in [c.code for c in AgentClient(rig.url).read().claim_types]
    rig.insert("malee")  # over 60
    assert "PG0130001" in [c.code for c in AgentClient(rig.url).read().claim_types]


def test_no_reader_is_418_and_no_card_is_500() -> None:
    with agent_rig(None) as rig:
        with pytest.raises(AgentNoCard):
            AgentClient(rig.url, sleep=lambda s: None).read()
        assert rig.agent.requests.count("GET /api/smartcard/read") == 3  # settle-and-retry
        rig.readers.remove_reader("Simulated Reader 0")
        with pytest.raises(AgentNoReader):
            AgentClient(rig.url).read()
        assert AgentClient(rig.url).terminals() == []


def test_confirm_and_duplicate_today(rig: AgentRig) -> None:
    client = AgentClient(rig.url)
    reading = client.read()
    request = ConfirmRequest(reading.pid, "PG0060001", "0812345678", reading.correlation_id)
    result = client.confirm_save(request)
    assert result.claim_code.startswith("PP") and len(result.claim_code) == 12
    assert result.claim_code[2:].isdigit()
    with pytest.raises(AgentRejected) as rejected:
        client.confirm_save(request)
    assert "วันนี้" in rejected.value.message
    latest = client.latest_authen_code(reading.pid)
    assert latest.claim_code == result.claim_code and latest.is_claim_code
    assert latest.issued_on(rig.agent.now().date())
    assert [c.claim_code for c in client.latest_5(reading.pid)] == [result.claim_code]


def test_wrong_correlation_id_is_rejected(rig: AgentRig) -> None:
    client = AgentClient(rig.url)
    reading = client.read()
    with pytest.raises(AgentRejected):
        client.confirm_save(ConfirmRequest(reading.pid, "PG0060001", "0812345678", "nope"))


def test_no_code_yet(rig: AgentRig) -> None:
    latest = AgentClient(rig.url).latest_authen_code("1101700123456")
    assert latest.claim_code == "" and not latest.issued_on(rig.agent.now().date())


def test_garbage_and_html_are_unreadable_answers(rig: AgentRig) -> None:
    for fault in ("garbage", "html"):
        rig.agent.fault = fault
        with pytest.raises(AgentBadAnswer):
            AgentClient(rig.url).read()


def test_slow_agent_times_out(rig: AgentRig) -> None:
    rig.agent.fault = "slow"
    rig.agent.slow_seconds = 2
    with pytest.raises(AgentTimeout):
        AgentClient(rig.url, nhso_timeout=0.3).read()


def test_agent_not_running() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(AgentUnavailable):
        AgentClient(f"http://127.0.0.1:{port}").terminals()


def test_agent_that_never_answers() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        with pytest.raises(AgentTimeout):
            AgentClient(url, local_timeout=0.3).terminals()


def test_tolerant_parsing() -> None:
    reading = AgentReading.parse(
        {"pid": "1101700123456", "claimTypes": [{"claimType": "PG0060001"}, {"x": 1}, "junk"],
         "hospMain": "not an object", "unknown": {"nested": True},
         "correlationId": "5a0c2e77-9b1d-4e6f-a3c8-1f2e3d4c5b6a"}
    )  # fmt: skip
    assert [c.code for c in reading.claim_types] == ["PG0060001"]
    assert reading.hosp_main is None and reading.main_inscl == ""
    with pytest.raises(AgentBadAnswer, match="'pid' malformed"):
        AgentReading.parse({"pid": "123"})
    with pytest.raises(AgentBadAnswer, match="'correlationId' missing"):
        AgentReading.parse({"pid": "1101700123456", "claimTypes": []})
    with pytest.raises(AgentBadAnswer, match="'claimTypes' missing"):
        AgentReading.parse({"pid": "1101700123456", "correlationId": "5a0c2e77-9b1d-4e6f"})
    with pytest.raises(AgentBadAnswer):
        AgentReading.parse(["not", "a", "dict"])


BKK = dt.timezone(dt.timedelta(hours=7))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-11-07T17:26:31", dt.datetime(2025, 11, 7, 17, 26, 31, tzinfo=BKK)),
        ("2025-11-07T17:26:31.123", dt.datetime(2025, 11, 7, 17, 26, 31, 123000, tzinfo=BKK)),
        ("2025-11-07T17:26:31.123456789", dt.datetime(2025, 11, 7, 17, 26, 31, 123456, tzinfo=BKK)),
        ("2025-11-07T17:26:31+07:00", dt.datetime(2025, 11, 7, 17, 26, 31, tzinfo=BKK)),
        ("2025-11-07T17:26:31Z", dt.datetime(2025, 11, 8, 0, 26, 31, tzinfo=BKK)),
        ("2025-11-07T17:26:31.5+00:00", dt.datetime(2025, 11, 8, 0, 26, 31, 500000, tzinfo=BKK)),
        ("2025-11-07 17:26:31", dt.datetime(2025, 11, 7, 17, 26, 31, tzinfo=BKK)),
        ("2025-11-07", dt.datetime(2025, 11, 7, tzinfo=BKK)),
        ("not a date", None),
        ("", None),
    ],
)
def test_agent_dates_are_read_as_bangkok_time(text: str, expected: dt.datetime | None) -> None:
    assert agent_datetime(text) == expected


def test_today_is_the_codes_own_bangkok_date_around_midnight() -> None:
    day = dt.date(2026, 11, 22)
    late_utc = LatestAuthen("PG0060001", "PP1000000001", "1", "2026-11-21T17:10:00Z", "")
    late_local = LatestAuthen("PG0060001", "PP1000000001", "1", "2026-11-21T23:59:59", "")
    early_local = LatestAuthen("PG0060001", "PP1000000001", "1", "2026-11-22T00:00:01", "")
    # checkDate (the server's clock, maybe UTC) no longer decides "today"
    utc_check = LatestAuthen("PG0060001", "PP1000000001", "1", "2026-11-22T06:00:00",
                             "2026-11-21T23:00:00")  # fmt: skip
    assert late_utc.issued_on(day) and early_local.issued_on(day) and utc_check.issued_on(day)
    assert not late_local.issued_on(day)
    assert not LatestAuthen("PG0060001", "", "1", "2026-11-22T08:00:00", "").issued_on(day)


def test_simulated_readers_fixture_is_isolated() -> None:
    assert SimulatedReaders().reader_names == ["Simulated Reader 0"]
