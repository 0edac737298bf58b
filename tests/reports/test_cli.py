"""`authen-desk export`, `export-staff-list` and `reconcile`, run in-process."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.authen.visit_log import OK
from app.cli.exit_codes import ExitCode
from app.main import main
from app.reports.staff_list import HEADERS
from app.settings.model import Settings, save_settings
from tests.reports.conftest import VisitLogWriter
from tests.support.nhso_export import NhsoCode, made_up_cid, pp_code, write_nhso_export

EXIT_CONFIG, EXIT_DATAERR = ExitCode.CONFIG, ExitCode.DATA_ERROR  # 78, 65
EXIT_NOINPUT, EXIT_USAGE = ExitCode.NO_INPUT, ExitCode.USAGE  # 66, 64

P1, P2 = made_up_cid(21), made_up_cid(22)


@pytest.fixture
def configured(visit_log: VisitLogWriter) -> VisitLogWriter:
    save_settings(Settings(hcode="12345", hospital_name="รพ.สต.สมมติ"))
    visit_log.add(dt.datetime(2026, 11, 30, 9), OK, pid=P1, claim_code=pp_code(1))
    visit_log.add(dt.datetime(2026, 11, 30, 10), OK, pid=P2, claim_code=pp_code(2))
    return visit_log


def test_export(
    configured: VisitLogWriter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "visits.xlsx"
    code = main(["export", "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert str(out) in printed.out and "2" in printed.out
    assert printed.err == ""  # no progress bar: stderr is not a terminal
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert [r[2] for r in rows[1:]] == [P1, P2] and rows[1][1] == "รพ.สต.สมมติ"


def test_export_masked(configured: VisitLogWriter, tmp_path: Path) -> None:
    out = tmp_path / "visits.xlsx"
    argv = ["export", "--from", "2026-11-30", "--to", "2026-11-30", "--out", str(out)]
    assert main([*argv, "--mask-cid"]) == 0
    rows = list(load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[1][2] == f"1-xxxx-xxxx{P1[9]}-{P1[10:12]}-{P1[12]}"


@pytest.mark.parametrize(
    ("start", "end"), [("2026-13-01", "2026-11-30"), ("30/11/2569", "2026-11-30"),
                       ("2026-11-30", "2026-11-01")],
)  # fmt: skip
def test_export_bad_dates_exit_64(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], start: str, end: str
) -> None:
    out = tmp_path / "x.xlsx"
    assert main(["export", "--from", start, "--to", end, "--out", str(out)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    backwards = (start, end) == ("2026-11-30", "2026-11-01")
    assert ("is after --to" if backwards else "YYYY-MM-DD") in err
    assert not out.exists()


def test_export_into_a_missing_folder(
    configured: VisitLogWriter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nowhere" / "x.xlsx"
    code = main(["export", "--from", "2026-11-30", "--to", "2026-11-30", "--out", str(out)])
    assert code == 73
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "nowhere" in err


def test_staff_list(
    configured: VisitLogWriter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "staff.xlsx"
    assert main(["export-staff-list", "--out", str(out)]) == 0
    assert "1" in capsys.readouterr().out
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS and rows[1][1] == "12345"


def test_staff_list_needs_the_hospital_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export-staff-list", "--out", str(tmp_path / "s.xlsx")]) == EXIT_CONFIG
    assert "hcode" in capsys.readouterr().err


def test_reconcile_json(
    configured: VisitLogWriter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_nhso_export(
        tmp_path / "nhso.xlsx",
        [
            NhsoCode(P1, pp_code(1), dt.datetime(2026, 11, 30, 9)),
            NhsoCode(P2, pp_code(7), dt.datetime(2026, 11, 30, 10)),
        ],
    )
    assert main(["reconcile", str(path), "--json"]) == 0
    printed = capsys.readouterr()
    result = json.loads(printed.out)  # exactly one JSON object
    assert set(result) == {"matched", "not_in_nhso", "different", "nhso_only"}
    assert result["matched"] == 1
    assert result["different"] == [
        {"pid": P2, "claim_code": pp_code(2), "service_date": "2026-11-30",
         "channel": "AUTHENCODE", "nhso_claim_code": pp_code(7)},
    ]  # fmt: skip
    assert result["not_in_nhso"] == result["nhso_only"] == []


def test_reconcile_text(
    configured: VisitLogWriter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_nhso_export(
        tmp_path / "n.xlsx", [NhsoCode(P1, pp_code(1), dt.datetime(2026, 11, 30))]
    )
    assert main(["reconcile", str(path)]) == 0
    out = capsys.readouterr().out
    assert "matched: 1" in out and f"not_in_nhso 2026-11-30  {P2}  {pp_code(2)}" in out


def test_reconcile_foreign_file(
    configured: VisitLogWriter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_nhso_export(tmp_path / "other.xlsx", [], headers=["ชื่อ", "เบอร์"])
    assert main(["reconcile", str(path), "--json"]) == EXIT_DATAERR
    printed = capsys.readouterr()
    assert printed.out == ""
    assert len(printed.err.strip().splitlines()) == 1 and "CLAIM CODE" in printed.err
    assert main(["reconcile", str(tmp_path / "none.xlsx")]) == EXIT_NOINPUT


def test_reconcile_file_of_another_hospital_warns(
    configured: VisitLogWriter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_nhso_export(
        tmp_path / "n.xlsx", [NhsoCode(P1, pp_code(1), dt.datetime(2026, 11, 30), hcode="10669")]
    )
    assert main(["reconcile", str(path), "--json"]) == 0
    printed = capsys.readouterr()
    assert json.loads(printed.out)["matched"] == 0
    assert "12345" in printed.err


def test_export_progress_bar_only_in_a_terminal(
    configured: VisitLogWriter,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    out = tmp_path / "v.xlsx"
    assert main(["export", "--from", "2026-11-30", "--to", "2026-11-30", "--out", str(out)]) == 0
    assert "visits" in capsys.readouterr().err  # tqdm's bar, e.g. "2/2 [...,  visits/s]"


def test_building_the_parser_imports_no_heavy_library() -> None:
    """A fresh interpreter (the only way to see first imports): the CLI must stay fast."""
    import subprocess
    import sys

    code = (
        "import sys; from app.cli.parser import build_parser; build_parser(); "
        "print(sorted(m for m in ('openpyxl', 'tqdm') if m in sys.modules))"
    )
    root = Path(__file__).parents[2]
    answer = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=60
    )
    assert answer.stdout.strip() == "[]", answer.stderr
