"""The visit export read back with openpyxl, cell by cell."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet._writer import ALL_TEMP_FILES
from openpyxl.worksheet.worksheet import Worksheet

from app.authen.visit_log import FAILED, OK, PENDING, REUSED
from app.reports.common import BE_DATETIME_FORMAT, ExportCancelled, mask_cid_report
from app.reports.visit_export import (
    COLUMNS,
    NO_STAFF,
    SECTION_CLAIM_TYPE,
    SECTION_DAY,
    SECTION_OUTCOME,
    SECTION_STAFF,
    SUMMARY_SHEET,
    TECHNICAL_HEADER,
    VISITS_SHEET,
    export_visits,
)
from app.reports.visits import default_log_path, open_visits
from app.tokens.kinds import TokenKind
from app.tokens.store import TokenStore
from tests.reports.conftest import STAFF_A, STAFF_B, VisitLogWriter
from tests.support.nhso_export import made_up_cid, pp_code
from tests.support.platform import assert_private
from tests.support.secret_service import MemoryKeyring

NHSO_PART = [
    "รหัสหน่วย", "ชื่อหน่วย", "เลขบัตร", "ชื่อ-สกุล", "เบอร์โทร", "รหัสการเข้ารับบริการ",
    "CLAIM CODE", "ประเภทการเข้ารับบริการ", "HN CODE", "วันที่เข้ารับบริการ",
    "วันที่บันทึก Authen Code",
]  # fmt: skip
START, END = dt.date(2026, 11, 28), dt.date(2026, 11, 30)
P1, P2 = made_up_cid(11), made_up_cid(12)


def day(d: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, d, hour, minute)


@pytest.fixture
def filled(visit_log: VisitLogWriter) -> VisitLogWriter:
    visit_log.add(day(28, 8, 30), OK, pid=P1, claim_code=pp_code(1))
    visit_log.add(day(28, 9, 15), REUSED, pid=P1, claim_code=pp_code(1))
    visit_log.add(day(29), FAILED, pid=P2, error_message="ติดต่อ agent ไม่ได้", staff=STAFF_B)
    visit_log.add(day(30, 10), OK, pid=P2, claim_code=pp_code(2), claim_type="PG0130001")
    visit_log.add(day(30, 11), PENDING, pid=P1, staff=("", ""))
    visit_log.add(day(27), OK, pid=P1, claim_code=pp_code(9))  # outside the range
    return visit_log


def export(out: Path, **options: Any) -> int:
    with open_visits(default_log_path(), START, END) as visits:
        return export_visits(
            visits.rows, out, start=START, end=END, hospital_name="รพ.สต.สมมติ",
            total=visits.total, **options,
        ).rows  # fmt: skip


def rows_of(ws: Worksheet) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def section(ws: Worksheet, title: str) -> list[list[Any]]:
    """The data rows of a titled summary table (up to the next blank row)."""
    rows = rows_of(ws)
    start = next(i for i, r in enumerate(rows) if r[0] == title) + 2
    end = next((i for i in range(start, len(rows)) if rows[i][0] is None), len(rows))
    return rows[start:end]


def test_visit_list_cell_by_cell(filled: VisitLogWriter, tmp_path: Path) -> None:
    out = tmp_path / "visits.xlsx"
    assert export(out) == 5
    wb = load_workbook(out)
    assert wb.sheetnames == [VISITS_SHEET, SUMMARY_SHEET]
    ws = wb[VISITS_SHEET]
    header, *rows = rows_of(ws)
    assert header == [name for name, _ in COLUMNS]
    assert header[: len(NHSO_PART)] == NHSO_PART  # NHSO's names, NHSO's order
    assert "วันเกิด (ปีเดือนวัน)" not in header  # not stored: left out, documented
    assert len(rows) == 5
    first = dict(zip(header, rows[0], strict=True))
    assert first == {
        "รหัสหน่วย": "12345", "ชื่อหน่วย": "รพ.สต.สมมติ", "เลขบัตร": P1,
        "ชื่อ-สกุล": "นายสมมติ ทดลองดี", "เบอร์โทร": "0800000000",
        "รหัสการเข้ารับบริการ": "PG0060001", "CLAIM CODE": pp_code(1),
        "ประเภทการเข้ารับบริการ": "เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)", "HN CODE": "HN1",
        "วันที่เข้ารับบริการ": day(28, 8, 30),
        "วันที่บันทึก Authen Code": day(28, 8, 30) + dt.timedelta(seconds=3),
        "ผลการขอรหัส": "ได้รหัสใหม่", "ข้อความข้อผิดพลาด": None, TECHNICAL_HEADER: None,
        "เจ้าหน้าที่ผู้ขอรหัส": STAFF_A[1], "จุดบริการ": None, "ผลตรวจสอบกับ สปสช.": None,
    }  # fmt: skip
    assert [r[11] for r in rows] == [
        "ได้รหัสใหม่", "ใช้รหัสเดิมของวันนี้", "ไม่สำเร็จ", "ได้รหัสใหม่", "ค้าง (ไม่ทราบผล)",
    ]  # fmt: skip
    failed = dict(zip(header, rows[2], strict=True))
    assert failed["CLAIM CODE"] is None and failed["วันที่บันทึก Authen Code"] is None
    assert failed["ข้อความข้อผิดพลาด"] == "ติดต่อ agent ไม่ได้"
    for row in ws.iter_rows(min_row=2, max_col=11, min_col=10):
        service = row[0]
        assert isinstance(service.value, dt.datetime)
        assert service.number_format == BE_DATETIME_FORMAT
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:Q6"
    assert ws.column_dimensions["H"].width == 40


def test_the_error_column_is_in_words_staff_read(visit_log: VisitLogWriter, tmp_path: Path) -> None:
    """Issue 20.11: the catalogue's Thai / English sentence for the logged failure's kind;
    the technical text as logged in the next column, for clinic IT; both formula-safe."""
    from app.words import nhso as nhso_words

    technical = "=HYPERLINK(\"http://x\") HTTPConnectionPool(host='127.0.0.1', port=8189)"
    failed = visit_log.add(day(29), FAILED, pid=P2)
    visit_log.log.finish(failed, FAILED, error_kind="AgentUnavailable", error_message=technical)
    odd = visit_log.add(day(29, 10), FAILED, pid=P2)
    visit_log.log.finish(odd, FAILED, error_kind="", error_message="=1+2 odd")
    out = tmp_path / "visits.xlsx"
    export(out)
    ws = load_workbook(out)[VISITS_SHEET]
    header, *rows = rows_of(ws)
    first, second = (dict(zip(header, r, strict=True)) for r in rows)
    words = nhso_words.AGENT_UNREACHABLE
    assert first["ข้อความข้อผิดพลาด"] == f"{words.th} / {words.en}"
    assert re.search("[ก-๙]", first["ข้อความข้อผิดพลาด"])
    assert first[TECHNICAL_HEADER] == f"AgentUnavailable: {technical}"
    assert second["ข้อความข้อผิดพลาด"] == "=1+2 odd"  # no kind, no sentence: as logged
    assert second[TECHNICAL_HEADER] == "=1+2 odd"
    column = header.index(TECHNICAL_HEADER) + 1
    for row in (2, 3):
        for col in (column - 1, column):
            assert ws.cell(row, col).data_type == "s"  # text, never a formula
    assert ws.cell(3, column).quotePrefix and ws.cell(3, column - 1).quotePrefix


def test_nhso_verdict_shown_in_thai(filled: VisitLogWriter, tmp_path: Path) -> None:
    conn = sqlite3.connect(default_log_path())
    with conn:
        conn.execute("update visits set nhso_verdict = 'verified' where claim_code != ''")
    conn.close()
    out = tmp_path / "visits.xlsx"
    export(out)
    rows = rows_of(load_workbook(out)[VISITS_SHEET])
    assert [r[-1] for r in rows[1:]] == ["ตรงกับ สปสช."] * 2 + [None, "ตรงกับ สปสช.", None]


def test_summary_counts_and_chart(filled: VisitLogWriter, tmp_path: Path) -> None:
    out = tmp_path / "visits.xlsx"
    export(out)
    ws = load_workbook(out)[SUMMARY_SHEET]
    assert section(ws, SECTION_CLAIM_TYPE) == [
        ["PG0060001", "เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)", 4, None],
        ["PG0130001", "บริการฟอกเลือดด้วยเครื่องไตเทียม (HD)", 1, None],
    ]
    assert section(ws, SECTION_STAFF) == [
        [STAFF_A[1], None, 3, None], [NO_STAFF, None, 1, None], [STAFF_B[1], None, 1, None],
    ]  # fmt: skip
    assert section(ws, SECTION_OUTCOME) == [
        ["ได้รหัสใหม่", None, 2, None], ["ใช้รหัสเดิมของวันนี้", None, 1, None],
        ["ไม่สำเร็จ", None, 1, None], ["ค้าง (ไม่ทราบผล)", None, 1, None],
    ]  # fmt: skip
    per_day = section(ws, SECTION_DAY)
    assert [(r[0], r[2], r[3]) for r in per_day] == [
        (dt.datetime(2026, 11, 28), 2, 2), (dt.datetime(2026, 11, 29), 1, 0),
        (dt.datetime(2026, 11, 30), 2, 1),
    ]  # fmt: skip
    with zipfile.ZipFile(out) as xlsx:
        charts = [n for n in xlsx.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        chart_xml = xlsx.read(charts[0]).decode()
        sheet2_rels = xlsx.read("xl/worksheets/_rels/sheet2.xml.rels").decode()
    assert "<barChart>" in chart_xml and "'สรุป'!$C$" in chart_xml
    assert "drawing" in sheet2_rels  # the chart hangs on the summary sheet


def test_masked_cids(filled: VisitLogWriter, tmp_path: Path) -> None:
    out = tmp_path / "masked.xlsx"
    export(out, mask_cid=True)
    rows = rows_of(load_workbook(out)[VISITS_SHEET])
    assert {r[2] for r in rows[1:]} == {mask_cid_report(P1), mask_cid_report(P2)}
    assert mask_cid_report("1101700123456") == "1-xxxx-xxxx3-45-6"
    assert not any(re.search(r"\d{13}", part) for part in xml_parts(out))


def test_file_is_private_whatever_the_umask(filled: VisitLogWriter, tmp_path: Path) -> None:
    out = tmp_path / "visits.xlsx"
    old = os.umask(0)
    try:
        export(out)
    finally:
        os.umask(old)
    assert_private(out)


@pytest.mark.parametrize("rows", [3, 1200])
def test_cancel_leaves_no_file(visit_log: VisitLogWriter, tmp_path: Path, rows: int) -> None:
    for n in range(rows):
        visit_log.add(day(29, 8) + dt.timedelta(seconds=5 * n), OK, claim_code=pp_code(n))
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "visits.xlsx"
    seen: list[tuple[int, int]] = []

    def stop(done: int, total: int) -> bool:
        seen.append((done, total))
        return False

    with pytest.raises(ExportCancelled):
        export(out, progress=stop)
    assert list(folder.iterdir()) == []
    assert seen == [(min(rows, 500), rows)]
    # openpyxl's own per-sheet temp files (patient data) are gone too
    assert [p for p in ALL_TEMP_FILES if os.path.exists(p)] == []


def test_cancel_keeps_an_older_file(filled: VisitLogWriter, tmp_path: Path) -> None:
    out = tmp_path / "visits.xlsx"
    out.write_bytes(b"older export")
    with pytest.raises(ExportCancelled):
        export(out, progress=lambda done, total: False)
    assert out.read_bytes() == b"older export"
    assert [p.name for p in tmp_path.iterdir() if p.name != "home"] == ["visits.xlsx"]


def xml_parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as xlsx:
        return [xlsx.read(name).decode("utf-8", "replace") for name in xlsx.namelist()]


def test_no_token_in_the_export(filled: VisitLogWriter, tmp_path: Path) -> None:
    token = "0f8fad5b-d9cb-469f-a165-70867728950e"
    TokenStore(MemoryKeyring()).set(TokenKind.AUTHEN, token)  # no OS keyring involved
    out = tmp_path / "visits.xlsx"
    export(out)
    uuid_shape = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
    for part in xml_parts(out):
        assert token not in part
        assert uuid_shape.findall(part) == []


def test_empty_range_still_gives_a_valid_file(visit_log: VisitLogWriter, tmp_path: Path) -> None:
    out = tmp_path / "empty.xlsx"
    assert export(out) == 0
    wb = load_workbook(out)
    assert rows_of(wb[VISITS_SHEET]) == [[name for name, _ in COLUMNS]]
    assert [r[2] for r in section(wb[SUMMARY_SHEET], SECTION_DAY)] == [0, 0, 0]
