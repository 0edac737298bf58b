"""The local log's migration for several desks (no server needed): every visit gets a
global id, changes count as revisions, and the pusher's own mark is not one."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from app.authen import visit_log
from app.authen.visit_log import OK, VisitLog
from app.store.visits import waiting_count


def test_an_older_log_gets_global_ids_and_waits_to_be_pushed(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite"
    db = sqlite_utils.Database(path)
    for number, migration in enumerate(visit_log.MIGRATIONS[:4], start=1):
        migration(db)
        db.execute(f"PRAGMA user_version = {number}")
    for n in range(3):
        row = {"created_at": "2026-11-22T09:00:00+07:00", "updated_at": "", "status": "ok",
               "pid": f"110170012345{n}"}  # fmt: skip
        db["visits"].insert(row)  # type: ignore[union-attr]
    db.conn.commit()
    db.close()
    log = VisitLog(path)
    ids = [r[0] for r in log.db.execute("SELECT global_id FROM visits")]
    assert len(set(ids)) == 3 and all(len(i) == 32 for i in ids)
    assert waiting_count(log) == 3


def test_revisions_follow_every_change_but_the_pushers_mark(tmp_path: Path) -> None:
    log = VisitLog(tmp_path / "log.sqlite")
    visit = log.begin(pid="1101700123456")
    assert log.get(visit).global_id and waiting_count(log) == 1

    def revs() -> tuple[int, int]:
        row = log.db.execute(
            "SELECT shared_rev, shared_pushed_rev FROM visits WHERE id = ?", [visit]
        ).fetchone()
        return int(row[0]), int(row[1])

    assert revs() == (1, 0)
    log.db.execute("UPDATE visits SET shared_pushed_rev = 1 WHERE id = ?", [visit])
    log.db.conn.commit()
    assert revs() == (1, 1) and waiting_count(log) == 0
    log.finish(visit, OK, claim_code="PP1")  # the outcome: a new revision to push
    assert revs() == (2, 1) and waiting_count(log) == 1
    log.db.execute("UPDATE visits SET nhso_verdict = 'verified' WHERE id = ?", [visit])
    log.db.conn.commit()  # verify-day's verdict too
    assert revs() == (3, 1)
