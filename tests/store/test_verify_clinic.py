"""verify-day with a shared store (real MariaDB, real HTTP status service): a run on one
desk checks every desk's visits of the day, writes the other desks' verdicts on their rows
in the shared store (where every desk's day list reads them), and a later push from the
desk that owns a visit never erases its verdict. Offline: this desk's visits, and it says so."""

from __future__ import annotations

import json
from pathlib import Path

import keyring.backend
import pymysql
from pytestqt.qtbot import QtBot

from app.paths import app_paths
from app.settings.model import Settings, save_settings
from app.store.server import VISITS
from app.store.visits import SharedVisitLog
from app.tokens.kinds import TokenKind
from app.tokens.store import TokenStore
from app.words import store as store_words
from tests.store.conftest import store_for
from tests.store.test_shared_store import clock, visit
from tests.support.cli import run_cli
from tests.support.day_log import DAY, PEOPLE, cid
from tests.support.mariadb import MariaDBServer
from tests.support.status_server import HCODE, TOKEN, Server


def verdicts_on_server(server: MariaDBServer) -> dict[tuple[str, str], tuple[str, str]]:
    conn = server.root()
    try:
        with conn.cursor(pymysql.cursors.DictCursor) as cur:
            cur.execute(
                f"SELECT desk, pid, nhso_verdict, nhso_claim_code FROM clinic_shared.{VISITS}"
            )
            return {(r["desk"], r["pid"]): (r["nhso_verdict"], r["nhso_claim_code"])
                    for r in cur.fetchall()}  # fmt: skip
    finally:
        conn.close()


def test_verify_day_on_one_desk_checks_every_desks_visits(
    server: MariaDBServer, password: str, secret_service: keyring.backend.KeyringBackend,
    tmp_path: Path,
) -> None:  # fmt: skip
    TokenStore(secret_service).set(TokenKind.AUTHEN, TOKEN)  # beside the store's password
    b = SharedVisitLog(tmp_path / "b.sqlite", store_for(server, "desk-b"), clock=clock)
    visit(b, pid=cid(1), code="PP1000000001")  # NHSO holds it: verified
    visit(b, pid=cid(3), code="PP1000000003")  # NHSO holds another: different
    a = SharedVisitLog(app_paths().visit_log(), store_for(server, "desk-a"), clock=clock)
    visit(a, pid=cid(2), code="PP1000000002")  # NHSO has nothing: not_found
    a.close()
    with Server(people=PEOPLE) as status:
        save_settings(Settings(hcode=HCODE, status_url=status.url, shared_store=server.url(),
                               desk_name="desk-a"))  # fmt: skip
        done = run_cli("verify-day", "--date", DAY.isoformat(), "--json")
    assert done.returncode == 0, done.stderr
    got = {(i["pid"], i["verdict"], i["nhso_claim_code"]) for i in json.loads(done.stdout)}
    assert got == {
        (cid(1), "verified", "PP1000000001"),
        (cid(2), "not_found", ""),
        (cid(3), "different", "PP2000000003"),
    }
    assert verdicts_on_server(server) == {
        ("desk-b", cid(1)): ("verified", "PP1000000001"),
        ("desk-b", cid(3)): ("different", "PP2000000003"),
        ("desk-a", cid(2)): ("not_found", ""),  # desk A's own, pushed at the end of the run
    }
    # desk B's day list (the shared store) shows the verdicts of its visits
    assert {v.pid: v.nhso_verdict for v in b.on_date(DAY)}[cid(3)] == "different"
    # desk B changes its visit and pushes it again: the verdict stays
    b.db.execute("UPDATE visits SET hn = 'HN-7' WHERE pid = ?", [cid(1)])
    b.db.conn.commit()
    assert b.push_waiting().pushed == 1
    assert verdicts_on_server(server)[("desk-b", cid(1))] == ("verified", "PP1000000001")
    # a rerun asks nothing: every desk's visit has its verdict
    with Server(people=PEOPLE) as status:
        save_settings(Settings(hcode=HCODE, status_url=status.url, shared_store=server.url(),
                               desk_name="desk-a"))  # fmt: skip
        again = run_cli("verify-day", "--date", DAY.isoformat())
        assert status.seen == []
    assert again.returncode == 0 and "3 รายการ / visits" in again.stdout, again.stderr
    # the server down: desk A's visits only, and it says so
    server.stop()
    with Server(people=PEOPLE) as status:
        save_settings(Settings(hcode=HCODE, status_url=status.url, shared_store=server.url(),
                               desk_name="desk-a"))  # fmt: skip
        offline = run_cli("verify-day", "--date", DAY.isoformat(), "--json")
    assert offline.returncode == 0, offline.stderr
    assert [i["pid"] for i in json.loads(offline.stdout)] == [cid(2)]
    assert store_words.VERIFY_THIS_DESK_ONLY.one_line() in offline.stderr
    b.close()


def test_the_windows_verify_day_checks_every_desks_visits(
    qtbot: QtBot, server: MariaDBServer, secret_service: keyring.backend.KeyringBackend,
    tmp_path: Path,
) -> None:  # fmt: skip
    from app.qt.settings_service import LiveSettings
    from app.qt.tasks import TaskRunner
    from app.qt.verify_day_service import VerifyDayService
    from app.verify.day import Pacer

    store = TokenStore(secret_service)
    store.set(TokenKind.AUTHEN, TOKEN)
    b = SharedVisitLog(tmp_path / "b.sqlite", store_for(server, "desk-b"), clock=clock)
    visit(b, pid=cid(1), code="PP1000000001")
    b.close()
    a_path = tmp_path / "a.sqlite"
    a = SharedVisitLog(a_path, store_for(server, "desk-a"), clock=clock)
    visit(a, pid=cid(2), code="PP1000000002")
    a.close()
    tasks = TaskRunner(lambda: SharedVisitLog(a_path, store_for(server, "desk-a")))
    try:
        with Server(people=PEOPLE) as status:
            service = VerifyDayService(
                tasks, store, LiveSettings(Settings(hcode=HCODE)), status_url=status.url,
                pacer=lambda cancel: Pacer(per_second=1000.0, sleep=cancel.wait),
            )  # fmt: skip
            with qtbot.waitSignal(service.finished, timeout=20000) as done:
                assert service.start(DAY)
        got = {(v.pid, v.verdict) for v in done.args[0].verdicts}
        assert got == {(cid(1), "verified"), (cid(2), "not_found")}
        assert verdicts_on_server(server) == {
            ("desk-b", cid(1)): ("verified", "PP1000000001"),
            ("desk-a", cid(2)): ("not_found", ""),
        }
    finally:
        tasks.shutdown()
