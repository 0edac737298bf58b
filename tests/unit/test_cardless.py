"""The cardless path (issue 13 item 15): a typed ID, checked; NHSO's authen-status lookup;
today's code imported, or the visit logged cardless; the log says the ID was typed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app import clock
from app.authen.cardless import look_up
from app.authen.errors import InvalidInput
from app.authen.visit_log import CARDLESS, IMPORTED, TYPED, VisitLog
from app.desk.model import TYPED_CID_INVALID, DeskModel, LookUpCardless
from app.nhso.status_client import AuthenStatus, AuthenStatusClient, ServiceHistory
from tests.support.staff import SUDA
from tests.support.status_server import TOKEN, Server, found
from tests.support.status_server import history as nhso_history

DAY = dt.date(2026, 11, 30)
CID = "1101700123456"  # somchai's, a valid check digit


class FakeStatus:
    def __init__(self, histories: tuple[ServiceHistory, ...]) -> None:
        self.histories = histories
        self.asked: list[str] = []

    def check(self, pid: str, day: dt.date, service_code: str | None = None) -> AuthenStatus:
        self.asked.append(pid)
        return AuthenStatus(True, "", pid, self.histories)


def history(hcode: str) -> ServiceHistory:
    return ServiceHistory(hcode, "x", "2026-11-30T08:10:00", "PP1234567890", "PG0060001",
                          "เข้ารับบริการรักษาทั่วไป", "app")  # fmt: skip


def test_todays_code_from_us_is_imported_as_typed(tmp_path: Path) -> None:
    log = VisitLog(tmp_path / "v.sqlite")
    status = FakeStatus((history("99999"), history("12345")))
    with clock.frozen(dt.datetime(2026, 11, 30, 9, 0)):
        outcome = look_up(CID, "12345", lambda: status, log, DAY, SUDA)
    assert outcome.imported and outcome.record.claim_code == "PP1234567890"
    [row] = log.on_date(DAY)
    assert (row.status, row.id_source, row.staff_name) == (IMPORTED, TYPED, SUDA.name)


def test_no_code_is_a_cardless_visit_with_the_channels(tmp_path: Path) -> None:
    log = VisitLog(tmp_path / "v.sqlite")
    outcome = look_up(CID, "12345", lambda: FakeStatus((history("99999"),)), log, DAY, SUDA)
    assert not outcome.imported and outcome.record.claim_code == ""
    assert (outcome.record.status, outcome.record.id_source) == (CARDLESS, TYPED)
    assert "1330" in outcome.message.th and "Agent" in outcome.message.th


def test_a_bad_check_digit_sends_and_logs_nothing(tmp_path: Path) -> None:
    log = VisitLog(tmp_path / "v.sqlite")
    status = FakeStatus(())
    with pytest.raises(InvalidInput):
        look_up("1101700123457", "12345", lambda: status, log, DAY)
    assert status.asked == [] and list(log.db.table("visits").rows) == []


def test_the_desk_checks_the_typed_id_and_asks_for_the_lookup() -> None:
    model = DeskModel(staff_sign_in_required=False, desk_user=SUDA)
    assert model.type_cid("1-1017-00123-45-7") == []
    assert model.state.banner == TYPED_CID_INVALID
    assert model.type_cid("1-1017-00123-45-6") == [LookUpCardless(CID, SUDA)]


def test_an_ep_close_claim_code_listed_first_is_never_imported(tmp_path: Path) -> None:
    """NHSO's answer lists today's EP code before the PP code (issue 18, item 2): only the
    PP code of this hospital today is the visit's claim code."""
    answer = found(
        CID,
        nhso_history("EP2000000001", "2026-11-30T11:02:00"),
        nhso_history("PP2000000000", "2026-11-30T08:10:00"),
    )
    log = VisitLog(tmp_path / "v.sqlite")
    with Server(people={CID: answer}) as server:
        client = AuthenStatusClient(TOKEN, base_url=server.url)
        outcome = look_up(CID, "12345", lambda: client, log, DAY, SUDA)
    assert outcome.imported and outcome.record.claim_code == "PP2000000000"
    assert log.get(outcome.record.id).claim_code == "PP2000000000"


def test_only_an_ep_code_today_is_a_cardless_visit(tmp_path: Path) -> None:
    answer = found(CID, nhso_history("EP2000000001", "2026-11-30T11:02:00"))
    log = VisitLog(tmp_path / "v.sqlite")
    with Server(people={CID: answer}) as server:
        client = AuthenStatusClient(TOKEN, base_url=server.url)
        outcome = look_up(CID, "12345", lambda: client, log, DAY, SUDA)
    assert not outcome.imported and outcome.record.claim_code == ""
    assert outcome.record.status == CARDLESS and "EP2000000001" not in outcome.message.en


@pytest.mark.parametrize(
    ("when", "day"),
    [("2026-11-29T17:30:00Z", dt.date(2026, 11, 30)),  # 00:30 on the 30th in Bangkok
     ("2026-11-30T16:59:00+00:00", dt.date(2026, 11, 30)),  # 23:59 Bangkok
     ("2026-11-30T17:00:00Z", dt.date(2026, 12, 1)),
     ("2026-11-30T06:00:00+07:00", dt.date(2026, 11, 30)),
     ("2026-11-30T08:10:00", dt.date(2026, 11, 30))],  # no offset: Bangkok already
)  # fmt: skip
def test_service_date_time_with_an_offset_is_bangkoks_day(when: str, day: dt.date) -> None:
    status = AuthenStatus(True, "", CID, (ServiceHistory("12345", "x", when, "PP1234567890",
                                                         "PG0060001", "x", "app"),))  # fmt: skip
    assert [h.claim_code for h in status.claim_codes_for("12345", day)] == ["PP1234567890"]
    assert status.for_hospital("12345", day - dt.timedelta(days=1)) == []


def test_nhsos_clock_far_from_the_pcs_is_a_banner(tmp_path: Path) -> None:
    """NHSO's Date header (the real time) 17:30 UTC; the PC says 16:59 UTC: 31 min off."""
    answer = found(CID, nhso_history("PP2000000000", "2026-12-04T00:10:00"))
    log = VisitLog(tmp_path / "v.sqlite")
    with (
        Server(people={CID: answer}) as server,
        clock.frozen(dt.datetime(2026, 12, 3, 16, 59, tzinfo=dt.UTC)),
    ):
        server.date = "Thu, 03 Dec 2026 17:30:00 GMT"
        client = AuthenStatusClient(TOKEN, base_url=server.url)
        outcome = look_up(CID, "12345", lambda: client, log, dt.date(2026, 12, 4), SUDA)
    assert outcome.clock_warning is not None and "+31 min" in outcome.clock_warning.en
    model = DeskModel(staff_sign_in_required=False, desk_user=SUDA)
    model.cardless_looked_up(outcome, None)
    banner = model.state.banner
    assert banner is not None and "+31 min" in banner.en and outcome.message.en in banner.en
