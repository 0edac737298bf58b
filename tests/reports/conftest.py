"""Visit logs for the report tests, written with the real VisitLog at the path the program
uses (under the temp AUTHEN_DESK_HOME of conftest's autouse `app_home`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.authen.visit_log import OK, PENDING, VisitLog
from app.reports.visits import default_log_path
from app.thai_format import BANGKOK
from tests.support.nhso_export import CLAIM_TYPE_NAMES, OUR_HCODE, made_up_cid

STAFF_A = (made_up_cid(900001), "นางสาวสมมติ ใจดี")
STAFF_B = (made_up_cid(900002), "นายทดลอง รักงาน")


@dataclass
class VisitLogWriter:
    """Adds visits at chosen Bangkok times; `at` is what the log's clock says next."""

    log: VisitLog
    at: dt.datetime = field(default_factory=lambda: dt.datetime(2026, 11, 30, 9, 0))

    def clock(self) -> str:
        return self.at.replace(tzinfo=BANGKOK).isoformat(timespec="seconds")

    def add(
        self,
        when: dt.datetime,
        status: str = OK,
        *,
        pid: str | None = None,
        claim_code: str = "",
        claim_type: str = "PG0060001",
        staff: tuple[str, str] = STAFF_A,
        error_message: str = "",
        hcode: str = OUR_HCODE,
        name: str = "นายสมมติ ทดลองดี",
    ) -> int:
        self.at = when
        attempt = self.log.begin(
            pid=pid or made_up_cid(1),
            patient_name=name,
            claim_type=claim_type,
            claim_type_name=CLAIM_TYPE_NAMES.get(claim_type, ""),
            mobile="0800000000",
            hn="HN1",
            hcode=hcode,
            staff_cid=staff[0],
            staff_name=staff[1],
        )
        if status != PENDING:
            self.at = when + dt.timedelta(seconds=3)
            self.log.finish(attempt, status, claim_code=claim_code, error_message=error_message)
        return attempt


@pytest.fixture
def visit_log(app_home: Path) -> Iterator[VisitLogWriter]:
    holder = VisitLogWriter(log=None)  # type: ignore[arg-type]
    holder.log = VisitLog(default_log_path(), clock=holder.clock)
    yield holder
    holder.log.close()
