"""Clinic-wide views: the day list (the same model the window uses) shows every desk's
visits with a desk column, searches and sorts them on the server; offline, its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.authen.visit_log import FAILED, OK, VisitLog
from app.authen.visit_query import VisitFilter, query_for
from app.qt.day_list_model import COLUMNS, DayListModel
from app.qt.tasks import TaskRunner
from app.store.visits import SharedVisitLog
from tests.store.conftest import store_for
from tests.support.mariadb import MariaDBServer

DAY = dt.date(2026, 11, 22)
COL = {c.key: n for n, c in enumerate(COLUMNS)}


def at(hour: int) -> str:
    return f"{DAY.isoformat()}T{hour:02d}:00:00+07:00"


def fixed(stamp: str) -> Callable[[], str]:
    return lambda: stamp


def fill(log: SharedVisitLog, hour: int, pid: str, name: str, code: str) -> None:
    visit = log.begin(pid=pid, patient_name=name, claim_type="PG0060001",
                      claim_type_name="บริการทั่วไป", hcode="12345", hn=f"HN{hour}")  # fmt: skip
    if code:
        log.finish(visit, OK, claim_code=code)
    else:
        log.finish(visit, FAILED, error_kind="AgentTimeout")


def test_the_day_list_sees_every_desk(qtbot: QtBot, server: MariaDBServer, tmp_path: Path) -> None:
    hours = iter(range(8, 20))
    a = SharedVisitLog(tmp_path / "a.sqlite", store_for(server, "desk-a"),
                       clock=lambda: at(next(hours)))  # fmt: skip
    fill(a, 8, "1101700123456", "สมชาย ใจดี", "PP0000000001")
    fill(a, 9, "3100600123457", "สมหญิง แก้วมณี", "")
    a.close()
    b_path = tmp_path / "b.sqlite"
    b = SharedVisitLog(b_path, store_for(server, "desk-b"), clock=lambda: at(next(hours)))
    fill(b, 10, "1101700999990", "มานะ ขยัน", "PP0000000002")
    b.close()

    tasks = TaskRunner(lambda: SharedVisitLog(b_path, store_for(server, "desk-b")))
    model = DayListModel(tasks, VisitFilter.day(DAY))
    try:
        with qtbot.waitSignal(model.loaded, timeout=10000) as loaded:
            model.reload()
        assert loaded.args[0].total == 3
        shown = [
            (model.index(r, COL["name"]).data(), model.index(r, COL["desk"]).data())
            for r in range(model.rowCount())
        ]
        assert shown == [("มานะ ขยัน", "desk-b"), ("สมหญิง แก้วมณี", "desk-a"),
                         ("สมชาย ใจดี", "desk-a")]  # fmt: skip
        with qtbot.waitSignal(model.loaded, timeout=10000) as loaded:
            model.set_filter(VisitFilter.day(DAY, search="แก้วมณี"))
        assert loaded.args[0].total == 1 and loaded.args[0].by_status == {"failed": 1}
        with qtbot.waitSignal(model.loaded, timeout=10000) as loaded:
            model.set_filter(VisitFilter.day(DAY, search="PP0000000001"))
        row = model.row_at(0)
        assert row is not None and row.visit.desk == "desk-a" and row.visit.hn == "HN8"
        with qtbot.waitSignal(model.choices_loaded, timeout=10000) as choices:
            model.load_choices(VisitFilter.day(DAY))
        assert choices.args[0] == [("PG0060001", "บริการทั่วไป")]
    finally:
        tasks.shutdown()


def test_offline_the_day_list_is_this_desks(server: MariaDBServer, tmp_path: Path) -> None:
    log = SharedVisitLog(tmp_path / "b.sqlite", store_for(server, "desk-b", connect_timeout=1),
                         clock=lambda: at(10))  # fmt: skip
    fill(log, 10, "1101700999990", "มานะ ขยัน", "PP0000000002")
    other = SharedVisitLog(tmp_path / "a.sqlite", store_for(server, "desk-a"),
                           clock=lambda: at(11))  # fmt: skip
    fill(other, 11, "1101700123456", "สมชาย ใจดี", "PP0000000001")
    assert query_for(log).count(VisitFilter.day(DAY)) == 2
    log._failed_at = None
    log._query_conn = None
    server.stop()
    assert query_for(log).count(VisitFilter.day(DAY)) == 1


def test_the_excel_export_has_every_desk_with_a_desk_column(
    server: MariaDBServer, password: str, tmp_path: Path
) -> None:
    import openpyxl

    from app.paths import app_paths
    from app.reports.visit_export import COLUMNS, VISITS_SHEET
    from app.settings.model import Settings, save_settings
    from tests.support.cli import run_cli

    other = SharedVisitLog(tmp_path / "a.sqlite", store_for(server, "desk-a"),
                           clock=lambda: at(8))  # fmt: skip
    fill(other, 8, "1101700123456", "สมชาย ใจดี", "PP0000000001")
    other.close()
    mine = VisitLog(app_paths().visit_log(), clock=lambda: at(9))  # not pushed yet
    visit = mine.begin(pid="1101700999990", patient_name="มานะ ขยัน", claim_type="PG0060001",
                       hcode="12345")  # fmt: skip
    mine.finish(visit, OK, claim_code="PP0000000002")
    mine.close()
    save_settings(Settings(hcode="12345", shared_store=server.url(), desk_name="desk-b"))
    out = tmp_path / "day.xlsx"
    done = run_cli("export", "--from", DAY.isoformat(), "--to", DAY.isoformat(),
                   "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out)[VISITS_SHEET]
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert header == [name for name, _ in COLUMNS]
    desk = header.index("จุดบริการ")
    code = header.index("CLAIM CODE")
    assert [(r[code], r[desk]) for r in rows] == [
        ("PP0000000001", "desk-a"), ("PP0000000002", "desk-b"),
    ]  # fmt: skip


def test_reconcile_matches_nhso_against_every_desk(
    server: MariaDBServer, password: str, tmp_path: Path
) -> None:
    """NHSO's report is the hospital's: a code issued at desk A is matched when desk B
    reconciles, not reported as "only at NHSO"."""
    import json

    from app.settings.model import Settings, save_settings
    from tests.support.cli import run_cli
    from tests.support.nhso_export import NhsoCode, made_up_cid, write_nhso_export

    pids = [made_up_cid(n) for n in (1, 2)]
    for n, desk in enumerate(("desk-a", "desk-b")):
        log = SharedVisitLog(tmp_path / f"{desk}.sqlite", store_for(server, desk),
                             clock=fixed(at(9 + n)))  # fmt: skip
        fill(log, 9 + n, pids[n], "นายสมมติ ทดลองดี", f"PP{n + 1:010d}")
        log.close()
    report = write_nhso_export(
        tmp_path / "nhso.xlsx",
        [NhsoCode(pids[n], f"PP{n + 1:010d}", dt.datetime(2026, 11, 22, 9 + n, 1))
         for n in range(2)],
    )  # fmt: skip
    save_settings(Settings(hcode="12345", shared_store=server.url(), desk_name="desk-b"))
    done = run_cli("reconcile", str(report), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["matched"] == 2, result
    assert not result["nhso_only"] and not result["not_in_nhso"] and not result["different"]
