"""The verify-day, export and reconcile dialogs driven by qtbot, on real services, a local
status server, a real visit log and an NHSO-layout file."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring.backend
import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from app.authen.visit_log import VisitLog
from app.qt.report_service import ExportService, ReconcileService
from app.qt.settings_service import LiveSettings
from app.qt.tasks import TaskRunner
from app.qt.verify_day_service import VerifyDayService
from app.settings.model import Settings
from app.tokens.kinds import TokenKind
from app.tokens.store import TokenStore
from app.verify.day import LogVerdicts, Pacer
from tests.support.day_log import DAY, EXPECTED, PEOPLE, VISITS, cid, fill_day
from tests.support.nhso_export import NhsoCode, pp_code, write_nhso_export
from tests.support.platform import assert_private
from tests.support.status_server import HCODE, TOKEN, Server
from widgets.day_list import _qdate
from widgets.export_dialog import ExportDialog
from widgets.reconcile_dialog import ReconcileDialog
from widgets.verify_day_dialog import VerifyDayDialog


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    path = tmp_path / "log.sqlite"
    fill_day(path).close()
    return path


@pytest.fixture
def tasks(log_path: Path) -> Iterator[TaskRunner]:
    runner = TaskRunner(lambda: VisitLog(log_path))
    yield runner
    runner.shutdown()


@pytest.fixture
def store(secret_service: keyring.backend.KeyringBackend) -> TokenStore:
    store = TokenStore(secret_service)
    store.set(TokenKind.AUTHEN, TOKEN)
    return store


def _live(hcode: str | None = HCODE, clinic: str = "") -> LiveSettings:
    return LiveSettings(Settings(hcode=hcode, hospital_name=clinic))


def _fast(cancel: threading.Event) -> Pacer:
    return Pacer(per_second=1000.0, sleep=cancel.wait)


def _verify_dialog(
    qtbot: QtBot, tasks: TaskRunner, store: TokenStore, url: str, pacer: object = _fast
) -> VerifyDayDialog:
    service = VerifyDayService(tasks, store, _live(), status_url=url, pacer=pacer)  # type: ignore[arg-type]
    dialog = VerifyDayDialog(service, DAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_verify_day_dialog_runs_and_sums_up(
    qtbot: QtBot, tasks: TaskRunner, store: TokenStore, log_path: Path
) -> None:
    with Server(people=PEOPLE) as server:
        dialog = _verify_dialog(qtbot, tasks, store, server.url)
        with qtbot.waitSignal(dialog.verified, timeout=10000) as done:
            dialog.start_button.click()
    result = done.args[0]
    assert [(v.verdict, v.claim_code, v.nhso_claim_code) for v in result.verdicts] == EXPECTED
    assert dialog.progress.value() == dialog.progress.maximum() == len(VISITS)
    assert "ตรงกับ สปสช. 2" in dialog.summary.text() and "verified 2" in dialog.summary.text()
    assert dialog.start_button.isEnabled() and not dialog.cancel_button.isEnabled()
    log = VisitLog(log_path)
    assert [v.verdict for v in LogVerdicts(log).verdicts(DAY)] == [e[0] for e in EXPECTED]


def test_verify_day_dialog_cancel_then_resume(
    qtbot: QtBot, tasks: TaskRunner, store: TokenStore, log_path: Path
) -> None:
    slow = lambda cancel: Pacer(per_second=2.0, sleep=cancel.wait)  # noqa: E731
    with Server(people=PEOPLE) as server:
        dialog = _verify_dialog(qtbot, tasks, store, server.url, slow)
        dialog.start_button.click()
        qtbot.waitUntil(lambda: dialog.progress.value() >= 1, timeout=5000)
        with qtbot.waitSignal(dialog.service.finished, timeout=5000) as done:
            dialog.cancel_button.click()  # felt at once: the pacing waits on the cancel
        assert done.args[0].cancelled and "run it again" in dialog.summary.text()
        asked = len(server.seen)
        left = LogVerdicts(VisitLog(log_path)).unchecked(DAY)
        assert 1 <= asked < 6 and left
        dialog.service._pacer = _fast  # resume, quickly
        with qtbot.waitSignal(dialog.verified, timeout=10000) as again:
            dialog.start_button.click()
    assert again.args[0].complete
    assert sorted(server.pids[asked:]) == sorted({v.pid for v in left})  # only the rest


def test_verify_day_dialog_says_why_it_stopped(
    qtbot: QtBot, tasks: TaskRunner, store: TokenStore
) -> None:
    with Server("401") as server:
        dialog = _verify_dialog(qtbot, tasks, store, server.url)
        with qtbot.waitSignal(dialog.service.failed, timeout=10000):
            dialog.start_button.click()
    assert "Token rejected" in dialog.summary.text()
    store.clear(TokenKind.AUTHEN)
    with qtbot.waitSignal(dialog.service.failed, timeout=10000):
        dialog.start_button.click()
    assert "The authen token is not set" in dialog.summary.text()


def test_export_dialog_writes_the_file(qtbot: QtBot, tasks: TaskRunner, log_path: Path,
                                       tmp_path: Path) -> None:  # fmt: skip
    service = ExportService(tasks, log_path, _live(clinic="คลินิกทดสอบ"))
    dialog = ExportDialog(service, DAY, DAY, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    out = tmp_path / "visits.xlsx"
    dialog.path.setText(str(out))
    assert dialog.mask_cid.isChecked()
    with qtbot.waitSignal(service.finished, timeout=20000):
        dialog.export_button.click()
    assert_private(out)
    assert "7" in dialog.status.text() and dialog.export_button.isEnabled()
    sheet = load_workbook(out).worksheets[0]
    cids = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(cids) == len(VISITS) and all("xxxx" in str(c) for c in cids)


def test_export_dialog_cancel_leaves_no_file(
    qtbot: QtBot, tasks: TaskRunner, log_path: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from app.reports import visit_export

    pressed = threading.Event()
    real_export = visit_export.export_visits

    def export_after_cancel(*args: Any, **kwargs: Any) -> Any:
        """The export starts only once Cancel was pressed: a tiny log could otherwise be
        written whole before the click lands, and that is a finished export, not a bug."""
        pressed.wait(10)
        return real_export(*args, **kwargs)

    monkeypatch.setattr(visit_export, "export_visits", export_after_cancel)
    service = ExportService(tasks, log_path, _live())
    dialog = ExportDialog(service, DAY, DAY, tmp_path)
    qtbot.addWidget(dialog)
    out = tmp_path / "cancelled.xlsx"
    dialog.path.setText(str(out))
    service.cancel()  # nothing running: nothing happens
    with qtbot.waitSignal(service.cancelled, timeout=20000):
        dialog.export_button.click()
        dialog.cancel_button.click()  # before the first progress report
        pressed.set()
    assert not out.exists() and not list(tmp_path.glob(".cancelled*"))
    assert "Cancelled" in dialog.status.text()


def test_export_dialog_refuses_reversed_dates(qtbot: QtBot, tasks: TaskRunner,
                                              log_path: Path, tmp_path: Path) -> None:  # fmt: skip
    dialog = ExportDialog(ExportService(tasks, log_path, _live()), DAY, DAY, tmp_path)
    qtbot.addWidget(dialog)
    dialog.date_from.setDate(_qdate(DAY + dt.timedelta(days=2)))
    dialog.export_button.click()
    assert "after" in dialog.status.text() and not dialog.service.running


def test_reconcile_dialog_lists_and_imports(
    qtbot: QtBot, tasks: TaskRunner, log_path: Path, tmp_path: Path
) -> None:
    at = dt.datetime.combine(DAY, dt.time(9, 30))
    nhso = write_nhso_export(tmp_path / "nhso.xlsx", [
        NhsoCode(cid(1), "PP1000000001", at),  # matched
        NhsoCode(cid(3), pp_code(77), at),  # different
        NhsoCode(cid(9), pp_code(99), at, name="นางใหม่ มาเอง", hn="000999"),  # NHSO only
    ])  # fmt: skip
    service = ReconcileService(tasks, log_path, _live())
    dialog = ReconcileDialog(service, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(service.reconciled, timeout=20000):
        dialog.open_file(nhso)
    assert "matched: 1" in dialog.matched_label.text()
    assert dialog.different.count() == 1 and pp_code(77) in dialog.different.item(0).text()
    assert dialog.not_in_nhso.count() == 2  # PP…02 and PP…06 (PP…03 is "different")
    assert dialog.nhso_only.count() == 1 and dialog.import_button.isEnabled()
    assert cid(9) not in dialog.nhso_only.item(0).text()  # masked
    # issue 20.11: our own rows name the patient, dates and period in พ.ศ., tabs counted
    mine = [dialog.not_in_nhso.item(n).text() for n in range(dialog.not_in_nhso.count())]
    assert any("นางสมศรี รักไทย" in line for line in mine), mine
    assert f"{DAY.day}/{DAY.month}/{DAY.year + 543}" in mine[0]
    assert f"{DAY.year + 543}" in dialog.matched_label.text()
    assert dialog.tabs.tabText(2).endswith("(1)")
    with qtbot.waitSignal(service.imported, timeout=10000) as added:
        dialog.import_button.click()
    assert added.args == [1] and dialog.nhso_only.count() == 0
    assert dialog.tabs.tabText(2).endswith("(0)")  # the count follows the import
    log = VisitLog(log_path)
    row = log.db.execute("SELECT status, claim_code, nhso_verdict, patient_name, hn, "
                         "created_at FROM visits WHERE pid = ?", [cid(9)]).fetchone()  # fmt: skip
    assert row == ("imported", pp_code(99), "imported", "นางใหม่ มาเอง", "000999",
                   "2026-11-22T09:30:00+07:00")  # fmt: skip
    with qtbot.waitSignal(service.reconciled, timeout=20000):
        dialog.open_file(nhso)  # again: now matched, nothing left to import
    assert "matched: 2" in dialog.matched_label.text() and dialog.nhso_only.count() == 0


def test_reconcile_dialog_names_a_wrong_file(
    qtbot: QtBot, tasks: TaskRunner, log_path: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "not-nhso.xlsx"
    bad.write_bytes(b"not a workbook")
    service = ReconcileService(tasks, log_path, _live())
    dialog = ReconcileDialog(service, tmp_path)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(service.failed, timeout=10000):
        dialog.open_file(bad)
    assert "xlsx" in dialog.status.text()


def test_verify_day_goes_on_once_the_hcode_is_saved(
    qtbot: QtBot, tasks: TaskRunner, store: TokenStore
) -> None:
    """Issue 20.7: the dialog said "not set" with a command line even after the code was
    saved in the settings dialog; now it reads the live settings at each start."""
    live = _live(hcode=None)
    with Server(people=PEOPLE) as server:
        service = VerifyDayService(tasks, store, live, status_url=server.url, pacer=_fast)
        dialog = VerifyDayDialog(service, DAY)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(service.failed, timeout=10000):
            dialog.start_button.click()
        assert "Ctrl+," in dialog.summary.text() and "authen-desk" not in dialog.summary.text()
        live.update(Settings(hcode=HCODE))  # what saving the settings dialog does
        with qtbot.waitSignal(dialog.verified, timeout=10000):
            dialog.start_button.click()
    assert "ตรงกับ สปสช. 2" in dialog.summary.text()
