"""The visit log loses nothing NHSO issued and opens safely beside other processes
(issue 11, items 7 and 8)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import clock
from app.authen import visit_log
from app.authen.errors import VisitLogDamaged
from app.authen.flow import AuthenFlow
from app.authen.visit_log import VisitLog
from app.errors import message_for
from app.nhso.agent_client import AgentClient
from tests.support.agent import OUR_HCODE, AgentRig
from tests.support.platform import assert_private
from tests.support.staff import SUDA

ROOT = Path(__file__).parents[2]


@pytest.fixture(autouse=True)
def fixed_clock() -> Iterator[None]:
    """00:30 on 4 Dec in Bangkok, 17:30 on 3 Dec on a UTC machine: never the machine's day."""
    with clock.frozen(dt.datetime(2026, 12, 3, 17, 30, tzinfo=dt.UTC)):
        yield


class LockedAtFinish(VisitLog):
    """Another program holds the database's write lock from the moment the visit begins
    (a long backup, another desk stuck mid-write)."""

    holder: sqlite3.Connection | None = None

    def begin(self, **values: str) -> int:
        visit_id = super().begin(**values)
        self.holder = sqlite3.connect(str(self.path), isolation_level=None)
        self.holder.execute("BEGIN EXCLUSIVE")
        return visit_id

    def release(self) -> None:
        assert self.holder is not None
        self.holder.execute("ROLLBACK")
        self.holder.close()


def test_an_issued_code_survives_a_locked_database(
    rig: AgentRig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(visit_log, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "authen.sqlite"
    store = LockedAtFinish(path)
    flow = AuthenFlow(AgentClient(rig.url), store, OUR_HCODE)
    outcome = flow.confirm(flow.check_rights().reading, "PG0060001", "0812345678", "HN7", SUDA)
    assert outcome.claim_code.startswith("PP") and rig.posts() == 1
    journal = tmp_path / "authen.sqlite.unsaved-visits"
    assert outcome.record.kept_in == str(journal) and not outcome.record.in_log
    notice = outcome.record.notice
    assert notice is not None and outcome.claim_code in notice.en and str(journal) in notice.en
    assert "nothing was sent" not in notice.en.lower()
    assert_private(journal)
    [entry] = [json.loads(line)["visit"] for line in journal.read_text().splitlines()]
    assert entry["pid"] == "1101700123456" and entry["claim_code"] == outcome.claim_code
    store.release()
    store.close()
    reopened = VisitLog(path)  # the next start folds the journal into the log
    record = reopened.get(outcome.record.id)
    assert (record.status, record.claim_code, record.hn, record.staff_name) == (
        "ok", outcome.claim_code, "HN7", SUDA.name,
    )  # fmt: skip
    assert not journal.exists()
    VisitLog(path)  # folding twice never duplicates
    assert len(reopened.on_date(clock.today())) == 1


def test_a_failed_outcome_is_kept_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The flow re-raises the agent's error after finish: finish must not replace it with
    "the log cannot be written, nothing was sent"."""
    monkeypatch.setattr(visit_log, "BUSY_TIMEOUT_MS", 200)
    store = LockedAtFinish(tmp_path / "authen.sqlite")
    visit_id = store.begin(pid="1101700123456", claim_type="PG0060001")
    record = store.finish(visit_id, "failed", error_kind="AgentTimeout")
    assert record.kept_in and record.status == "failed" and record.pid == "1101700123456"
    store.release()


def test_when_not_even_the_journal_can_be_written_the_code_is_still_returned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = VisitLog(tmp_path / "authen.sqlite")
    visit_id = store.begin(pid="1101700123456", claim_type="PG0060001")
    store.close()  # the connection is gone: every write fails
    store.journal_path.mkdir()  # and the journal cannot be opened for writing
    record = store.finish(visit_id, "ok", claim_code="PP1234567890")
    assert record.unsaved and record.claim_code == "PP1234567890"
    notice = message_for_record(record)
    assert "PP1234567890" in notice and "write it down" in notice


def message_for_record(record: visit_log.Visit) -> str:
    assert record.notice is not None
    return record.notice.en


def test_twelve_processes_open_a_fresh_folder_at_once(app_home: Path, tmp_path: Path) -> None:
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.support.at_signal", str(go), "history", "--json"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(12)
    ]
    deadline = time.monotonic() + 90
    while len(list(tmp_path.glob("go.ready-*"))) < 12 and time.monotonic() < deadline:
        time.sleep(0.05)  # until every process has imported what it needs and waits
    go.write_text("go")
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    assert [(code, out.strip()) for code, out, _err in results] == [(0, "[]")] * 12, results
    assert VisitLog(app_home / "data" / "authen.sqlite").schema_version == len(visit_log.MIGRATIONS)


def test_a_damaged_database_is_named_and_doctor_still_reports_it(app_home: Path) -> None:
    from app.doctor.checks import check_database

    path = app_home / "data" / "authen.sqlite"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database, it was a pulled plug" * 100)
    with pytest.raises(VisitLogDamaged) as raised:
        VisitLog(path)
    assert str(path) in message_for(raised.value).en
    result = subprocess.run(
        [sys.executable, "-m", "app.main", "history", "--json"],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 1 and str(path) in result.stderr and "move" in result.stderr
    [check] = check_database()
    assert not check.ok and "damaged" in check.detail and str(path) in check.fix


def test_database_files_are_private_whatever_the_umask(tmp_path: Path) -> None:
    for umask in (0o022, 0o000):
        old = os.umask(umask)
        try:
            folder = tmp_path / f"umask-{umask:o}"
            log = VisitLog(folder / "data" / "authen.sqlite")
            visit_id = log.begin(pid="1101700123456")
            log.close()
            assert log.finish(visit_id, "ok", claim_code="PP1").kept_in  # the journal too
        finally:
            os.umask(old)
        for path in folder.rglob("*"):
            assert_private(path)


def test_a_journal_under_its_old_name_is_still_folded_in(tmp_path: Path) -> None:
    """Before it held every unsaved visit under its true name, the journal was
    `.unsaved-codes`: an install that kept one there loses nothing."""
    path = tmp_path / "authen.sqlite"
    store = VisitLog(path)
    visit_id = store.begin(pid="1101700123456", patient_name="สมชาย", claim_type="PG0060001",
                           mobile="0812345678", hn="")  # fmt: skip
    row = dict(store.db.table("visits").get(visit_id))
    store.close()
    row.update(status="ok", claim_code="PP1234567890")
    old = tmp_path / "authen.sqlite.unsaved-codes"
    old.write_text(json.dumps({"visit": row}) + "\n", encoding="utf-8")
    record = VisitLog(path).get(visit_id)
    assert (record.status, record.claim_code) == ("ok", "PP1234567890")
    assert not old.exists()
