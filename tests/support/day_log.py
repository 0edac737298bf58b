"""A visit log holding one made-up clinic day, and what the status server answers for it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.authen.visit_log import FAILED, OK, REUSED, VisitLog
from cardreader.cid import cid_check_digit
from tests.support.status_server import HCODE, found, history

DAY = dt.date(2026, 11, 22)


def cid(n: int) -> str:
    first12 = f"11017{n:07d}"
    return first12 + str(cid_check_digit(first12))


# (pid, status, claim code, name, hn, staff): the visits of DAY in order
VISITS: list[tuple[str, str, str, str, str, str]] = [
    (cid(1), OK, "PP1000000001", "นายสมชาย ใจดี", "000101", "นางสาวสุดา ใจงาม"),
    (cid(2), OK, "PP1000000002", "นางสมศรี รักไทย", "000102", "นางสาวสุดา ใจงาม"),
    (cid(3), REUSED, "PP1000000003", "นายวิชัย มั่นคง", "000103", "นายแดง ขยัน"),
    (cid(4), FAILED, "", "นางมาลี ศรีสุข", "000104", "นายแดง ขยัน"),
    (cid(5), "pending", "", "เด็กชายกิตติ แก้วมณี", "", "นายแดง ขยัน"),
    (cid(6), OK, "PP1000000006", "นางสาวพรทิพย์ ทองคำ", "HN-77", "นางสาวสุดา ใจงาม"),
    (cid(1), FAILED, "", "นายสมชาย ใจดี", "000101", "นางสาวสุดา ใจงาม"),  # again
]
STAFF_CID = {"นางสาวสุดา ใจงาม": "1709900011220", "นายแดง ขยัน": "3100600123457"}

WHEN = f"{DAY.isoformat()}T09:15:00"
# What NHSO answers for DAY, and the verdict each visit above should get.
PEOPLE: dict[str, dict[str, Any]] = {
    cid(1): found(cid(1), history("PP1000000001", WHEN)),  # verified (twice: one request)
    # cid(2): not in NHSO at all → not_found
    cid(3): found(cid(3), history("PP2000000003", WHEN)),  # different
    cid(4): found(cid(4), history("PP2000000004", WHEN, channel="ENDPOINT")),  # imported
    cid(5): found(cid(5), history("PP2000000005", WHEN, hcode="10669")),  # elsewhere: not_found
    cid(6): found(cid(6), history("EP0000000006", WHEN), history("PP1000000006", WHEN)),
}
EXPECTED = [
    ("verified", "PP1000000001", "PP1000000001"),
    ("not_found", "PP1000000002", ""),
    ("different", "PP1000000003", "PP2000000003"),
    ("imported", "PP2000000004", "PP2000000004"),
    ("not_found", "", ""),
    ("verified", "PP1000000006", "PP1000000006"),
    ("not_found", "", ""),  # cid(1)'s code is the first visit's: never imported twice
]


def fill_day(path: Path, day: dt.date = DAY, visits: list[Any] | None = None) -> VisitLog:
    minute = iter(range(10_000))
    clock: Callable[[], str] = lambda: f"{day.isoformat()}T08:{next(minute) % 60:02d}:00+07:00"  # noqa: E731
    log = VisitLog(path, clock=clock)
    for pid, status, code, name, hn, staff in visits or VISITS:
        visit_id = log.begin(pid=pid, patient_name=name, claim_type="PG0060001",
                             claim_type_name="เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)", hn=hn,
                             hcode=HCODE, staff_cid=STAFF_CID[staff], staff_name=staff)  # fmt: skip
        if status != "pending":
            extra = {"claim_code": code} if code else {"error_kind": "AgentRejected",
                                                       "error_message": "ปฏิเสธ"}  # fmt: skip
            log.finish(visit_id, status, **extra)
    return log
