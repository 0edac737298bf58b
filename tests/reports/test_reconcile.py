"""Reconcile against generated NHSO-layout files (tests/support/nhso_export.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.authen.visit_log import FAILED, OK, REUSED
from app.reports.errors import NhsoExportError
from app.reports.reconcile import (
    ReconcileItem,
    ReconcileResult,
    parse_service_time,
    read_nhso_export,
    reconcile,
)
from app.reports.visits import default_log_path, open_visits
from tests.reports.conftest import VisitLogWriter
from tests.support.nhso_export import (
    NHSO_HEADERS,
    OTHER_HCODE,
    OUR_HCODE,
    NhsoCode,
    ep_code,
    made_up_cid,
    pp_code,
    write_nhso_export,
)

P = [made_up_cid(n) for n in range(1, 8)]


def at(d: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, d, hour, minute)


def compare(path: Path, hcode: str = OUR_HCODE) -> ReconcileResult:
    export = read_nhso_export(path)
    with open_visits(default_log_path(), *(export.period or (None, None))) as visits:
        return reconcile(export.rows, visits.rows, hcode, export.period)


def pairs(items: list[ReconcileItem]) -> list[tuple[str, str]]:
    return [(i.pid, i.claim_code) for i in items]


@pytest.fixture
def scenario(visit_log: VisitLogWriter, tmp_path: Path) -> Path:
    """P0 matches; P1 is missing at NHSO; P2 has another code at NHSO; P3 only at NHSO;
    P4 holds two codes that day (two claim types) plus an EP close-claim code."""
    visit_log.add(at(28), OK, pid=P[0], claim_code=pp_code(10))
    visit_log.add(at(28, 10), REUSED, pid=P[0], claim_code=pp_code(10))  # same code again
    visit_log.add(at(29), OK, pid=P[1], claim_code=pp_code(11))
    visit_log.add(at(29, 10), OK, pid=P[2], claim_code=pp_code(12))
    visit_log.add(at(30, 8), FAILED, pid=P[3], error_message="timeout")
    visit_log.add(at(30, 9), OK, pid=P[4], claim_code=pp_code(14))
    visit_log.add(at(30, 13), OK, pid=P[4], claim_code=pp_code(15), claim_type="PG0130001")
    visit_log.add(at(20), OK, pid=P[5], claim_code=pp_code(16))  # before NHSO's period
    return write_nhso_export(
        tmp_path / "nhso.xlsx",
        [
            NhsoCode(P[0], pp_code(10), at(28, 9, 1)),
            NhsoCode(P[2], pp_code(99), at(29, 10, 1)),
            NhsoCode(P[3], pp_code(13), at(30, 8, 5)),
            NhsoCode(P[4], pp_code(14), at(30, 9, 1)),
            NhsoCode(P[4], pp_code(15), at(30, 13, 1), claim_type="PG0130001"),
            NhsoCode(P[4], ep_code(77), at(30, 16)),  # close-claim: never a claim code
            NhsoCode(P[6], ep_code(78), at(30, 16)),  # EP only: not importable
            NhsoCode(P[6], pp_code(50), at(30, 9), hcode=OTHER_HCODE),  # not our hospital
        ],
    )


def test_matched_missing_different_and_extra(scenario: Path) -> None:
    result = compare(scenario)
    assert result.matched == 3
    assert pairs(result.not_in_nhso) == [(P[1], pp_code(11))]
    assert pairs(result.different) == [(P[2], pp_code(12))]
    assert result.different[0].nhso_claim_code == pp_code(99)
    assert pairs(result.nhso_only) == [(P[3], pp_code(13))]
    assert result.to_json() == {
        "matched": 3,
        "not_in_nhso": [
            {"pid": P[1], "claim_code": pp_code(11), "service_date": "2026-11-29",
             "channel": "AUTHENCODE"},
        ],
        "different": [
            {"pid": P[2], "claim_code": pp_code(12), "service_date": "2026-11-29",
             "channel": "AUTHENCODE", "nhso_claim_code": pp_code(99)},
        ],
        "nhso_only": [
            {"pid": P[3], "claim_code": pp_code(13), "service_date": "2026-11-30",
             "channel": "AUTHENCODE"},
        ],
    }  # fmt: skip
    importable = result.nhso_only[0].nhso
    assert importable is not None and importable.service_at == at(30, 8, 5)


def test_buddhist_era_text_and_date_cells_read_alike(
    visit_log: VisitLogWriter, tmp_path: Path
) -> None:
    codes = [NhsoCode(P[0], pp_code(1), at(30, 23, 59)), NhsoCode(P[1], ep_code(2), at(29))]
    text = read_nhso_export(write_nhso_export(tmp_path / "be.xlsx", codes))
    cells = read_nhso_export(write_nhso_export(tmp_path / "cells.xlsx", codes, date_cells=True))
    assert text.rows == cells.rows
    assert text.rows[0].service_at == at(30, 23, 59)
    assert text.period == (dt.date(2026, 11, 29), dt.date(2026, 11, 30))
    assert parse_service_time("30/11/2569 09:05:00") == at(30, 9, 5)
    assert parse_service_time("30/11/2026") == at(30, 0)
    assert parse_service_time("2026-11-30T09:05:00+07:00") == at(30, 9, 5)
    assert parse_service_time("2026-11-30T02:05:00+00:00") == at(30, 9, 5)  # to Bangkok
    assert parse_service_time("31/02/2569 09:00:00") is None
    assert parse_service_time(None) is None


def test_several_codes_one_day_match_by_claim_type(
    visit_log: VisitLogWriter, tmp_path: Path
) -> None:
    visit_log.add(at(30, 9), OK, pid=P[0], claim_code=pp_code(1))
    visit_log.add(at(30, 14), OK, pid=P[0], claim_code=pp_code(2), claim_type="PG0130001")
    path = write_nhso_export(
        tmp_path / "nhso.xlsx",
        [
            NhsoCode(P[0], pp_code(1), at(30, 9)),
            NhsoCode(P[0], pp_code(8), at(30, 14), claim_type="PG0130001"),
            NhsoCode(P[0], pp_code(9), at(30, 15), claim_type="PG0120001"),
            NhsoCode(P[0], ep_code(1), at(30, 16)),
        ],
    )
    result = compare(path)
    assert result.matched == 1
    # the HD code differs from NHSO's HD code, not from the UCEP one
    assert [(i.claim_code, i.nhso_claim_code) for i in result.different] == [
        (pp_code(2), pp_code(8))
    ]
    assert pairs(result.nhso_only) == [(P[0], pp_code(9))]
    assert result.not_in_nhso == []


def test_ep_and_other_hospitals_never_count(visit_log: VisitLogWriter, tmp_path: Path) -> None:
    path = write_nhso_export(
        tmp_path / "nhso.xlsx",
        [
            NhsoCode(P[0], ep_code(1), at(30)),
            NhsoCode(P[1], pp_code(2), at(30), channel="ENDPOINT"),  # channel says close-claim
            NhsoCode(P[2], pp_code(3), at(30), hcode=OTHER_HCODE),
        ],
    )
    result = compare(path)
    assert result.to_json() == {"matched": 0, "not_in_nhso": [], "different": [], "nhso_only": []}
    assert result.nhso_rows_for_hcode == 0


def test_header_in_row_3_spaced_reordered_extra_columns(
    visit_log: VisitLogWriter, tmp_path: Path
) -> None:
    visit_log.add(at(30), OK, pid=P[0], claim_code=pp_code(1))
    headers = ["หมายเหตุของคลินิก", *reversed(NHSO_HEADERS)]
    path = write_nhso_export(
        tmp_path / "nhso.xlsx",
        [NhsoCode(P[0], pp_code(1), at(30)), NhsoCode(P[1], pp_code(2), at(30))],
        title_rows=["รายงานการขอ Authen code", "ระหว่างวันที่ 30/11/2569 - 30/11/2569"],
        headers=headers,
        header_spacing=True,
    )
    export = read_nhso_export(path)
    assert export.header_row == 3
    result = compare(path)
    assert result.matched == 1 and pairs(result.nhso_only) == [(P[1], pp_code(2))]


def test_hcode_typed_as_number_keeps_its_leading_zero(
    visit_log: VisitLogWriter, tmp_path: Path
) -> None:
    path = write_nhso_export(tmp_path / "n.xlsx", [NhsoCode(P[0], pp_code(1), at(30))])
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.active
    assert ws is not None
    ws["A2"] = 1234  # "01234" as Excel turns it into a number
    wb.save(path)
    assert read_nhso_export(path).rows[0].hcode == "01234"


def test_foreign_file_names_missing_headers(tmp_path: Path) -> None:
    headers = [h for h in NHSO_HEADERS if h not in ("CLAIM CODE", "เลขบัตร")]
    path = write_nhso_export(tmp_path / "other.xlsx", [], headers=headers)
    with pytest.raises(NhsoExportError) as caught:
        read_nhso_export(path)
    assert caught.value.missing == ["เลขบัตร", "CLAIM CODE"]
    line = caught.value.message.one_line()
    assert "เลขบัตร" in line and "CLAIM CODE" in line and "\n" not in line
    assert "missing column header" in line


def test_not_an_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    path.write_text("เลขบัตร,CLAIM CODE\n", encoding="utf-8")
    with pytest.raises(NhsoExportError) as caught:
        read_nhso_export(path)
    assert ".xlsx" in caught.value.message.one_line()


def test_rows_with_broken_cid_or_date_are_counted(
    visit_log: VisitLogWriter, tmp_path: Path
) -> None:
    path = write_nhso_export(
        tmp_path / "n.xlsx",
        [
            NhsoCode("12345", pp_code(1), at(30)),  # too short
            NhsoCode(P[0], pp_code(2), at(30)),
        ],
    )
    export = read_nhso_export(path)
    assert export.skipped == 1 and [r.claim_code for r in export.rows] == [pp_code(2)]
