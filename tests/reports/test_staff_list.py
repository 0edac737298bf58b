"""The staff list for a token request: NHSO's columns exactly, unknowns marked to fill."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from app.authen.visit_log import FAILED, OK
from app.reports.staff_list import FILL_ME, HEADERS, SHEET, export_staff_list
from app.reports.visits import default_log_path, open_visits
from tests.reports.conftest import STAFF_A, STAFF_B, VisitLogWriter
from tests.support.nhso_export import made_up_cid, pp_code
from tests.support.platform import assert_private

NHSO_SECTION_5 = [
    "ลำดับ", "รหัสหน่วยบริการ", "ชื่อหน่วยบริการ", "ชื่อ - สกุล", "เลขประจำตัวประชาชน",
    "ตำแหน่ง", "เบอร์โทรศัพท์ที่ทำงาน", "เบอร์มือถือ", "อีเมล",
]  # fmt: skip


def write(out: Path) -> int:
    with open_visits(default_log_path()) as visits:
        return export_staff_list(visits.rows, out, hcode="01234", hospital_name="รพ.สต.สมมติ")


def test_headers_exactly_and_distinct_staff(visit_log: VisitLogWriter, tmp_path: Path) -> None:
    when = dt.datetime(2026, 11, 30, 9)
    visit_log.add(when, OK, claim_code=pp_code(1), staff=STAFF_B)
    visit_log.add(when, OK, claim_code=pp_code(2), staff=STAFF_A)
    visit_log.add(when, FAILED, staff=STAFF_A)
    visit_log.add(when, FAILED, staff=("", ""))  # nobody signed in: not a staff member
    renamed = (STAFF_B[0], "นายทดลอง รักงานมาก")  # same CID, corrected name: latest wins
    visit_log.add(when, OK, claim_code=pp_code(3), staff=renamed)
    out = tmp_path / "staff.xlsx"
    assert write(out) == 2
    assert_private(out)
    wb = load_workbook(out)
    ws = wb[SHEET]
    assert wb.sheetnames[0] == SHEET
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0] == NHSO_SECTION_5 == HEADERS
    assert rows[1:] == [
        [1, "01234", "รพ.สต.สมมติ", "นางสาวสมมติ ใจดี", STAFF_A[0], None, None, None, None],
        [2, "01234", "รพ.สต.สมมติ", "นายทดลอง รักงานมาก", STAFF_B[0], None, None, None, None],
    ]
    assert STAFF_A[0] == made_up_cid(900001)  # full CID: the form NHSO asks for
    for column in "FGHI":  # position, work phone, mobile, e-mail: for the user to fill
        assert ws[f"{column}1"].comment is not None
        for row in (2, 3):
            assert ws[f"{column}{row}"].fill.fgColor.rgb.endswith(FILL_ME.fgColor.rgb[-6:])
    for column in "ABCDE":
        assert ws[f"{column}1"].comment is None
        assert ws[f"{column}2"].fill.fill_type is None
    assert ws["E2"].number_format == "@"


def test_no_staff_gives_headers_only(visit_log: VisitLogWriter, tmp_path: Path) -> None:
    out = tmp_path / "staff.xlsx"
    assert write(out) == 0
    ws = load_workbook(out)[SHEET]
    assert [list(r) for r in ws.iter_rows(values_only=True)] == [NHSO_SECTION_5]
