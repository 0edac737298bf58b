"""The shared store on a real MariaDB server: schema, idempotent push, the write-ahead
local log, a server down or killed mid-push, migrations, no password on disk."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pymysql
import pytest

from app.authen.visit_log import FLAGGED, OK, VisitLog
from app.store import server as server_module
from app.store.config import StoreConfig
from app.store.errors import SharedStoreSchemaNewer, SharedStoreUnavailable
from app.store.server import VISITS, SharedStore
from app.store.visits import SharedVisitLog, push_waiting, waiting_count
from tests.store.conftest import store_for
from tests.support.mariadb import PASSWORD, MariaDBServer

DAY = dt.date(2026, 11, 22)


def clock(day: dt.date = DAY) -> str:
    return f"{day.isoformat()}T10:30:00+07:00"


def rows(server: MariaDBServer, where: str = "1") -> list[dict[str, object]]:
    conn = server.root()
    try:
        with conn.cursor(pymysql.cursors.DictCursor) as cur:
            cur.execute(f"SELECT * FROM clinic_shared.{VISITS} WHERE {where} ORDER BY local_id")
            return [dict(r) for r in cur.fetchall()]
    finally:
        conn.close()


def count(server: MariaDBServer) -> int:
    conn = server.root()
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                f"'clinic_shared' AND table_name = '{VISITS}'"
            )
            if not cur.fetchone()[0]:
                return 0
            cur.execute(f"SELECT COUNT(*) FROM clinic_shared.{VISITS}")
            return int(cur.fetchone()[0])
    finally:
        conn.close()


def visit(log: VisitLog, pid: str = "1101700123456", code: str = "PP1") -> int:
    visit_id = log.begin(pid=pid, patient_name="สมชาย ใจดี", claim_type="PG0060001",
                         hcode="12345", mobile="0812345678")  # fmt: skip
    log.finish(visit_id, OK, claim_code=code)
    return visit_id


def test_a_visit_is_in_the_shared_store_when_finish_returns(
    server: MariaDBServer, tmp_path: Path
) -> None:
    log = SharedVisitLog(tmp_path / "a.sqlite", store_for(server, "desk-a"), clock=clock)
    visit_id = visit(log, code="PP100")
    [row] = rows(server)
    assert (row["desk"], row["local_id"], row["status"], row["claim_code"]) == (
        "desk-a", visit_id, "ok", "PP100",
    )  # fmt: skip
    assert row["patient_name"] == "สมชาย ใจดี"
    assert row["global_id"] == log.get(visit_id).global_id and len(str(row["global_id"])) == 32
    assert log.waiting() == 0


def test_a_push_repeated_never_duplicates_and_old_never_overwrites_new(
    server: MariaDBServer, tmp_path: Path
) -> None:
    store = store_for(server)
    log = VisitLog(tmp_path / "a.sqlite", clock=clock)
    visit_id = log.begin(pid="1101700123456", claim_type="PG0060001")
    pending = log.db.execute("SELECT * FROM visits").fetchall()
    assert push_waiting(log, store).pushed == 1
    log.finish(visit_id, OK, claim_code="PP9")
    assert push_waiting(log, store).pushed == 1
    # A crash after the server took a batch, before the desk marked it: sent again.
    log.db.execute("UPDATE visits SET shared_pushed_rev = 0")
    log.db.conn.commit()
    assert push_waiting(log, store).pushed == 1
    [row] = rows(server)
    assert row["status"] == "ok" and row["claim_code"] == "PP9" and row["rev"] == 2
    # The pending revision arriving late (another process's stale push) changes nothing.
    assert pending
    with store.connection() as conn:
        store.push(conn, [{**{k: "" for k in server_module.VISIT_COLUMNS}, "status": "pending",
                           "pid": "1101700123456", "created_at": clock(), "updated_at": clock(),
                           "global_id": row["global_id"], "desk": "desk-a",
                           "local_id": visit_id, "rev": 1}])  # fmt: skip
    [row] = rows(server)
    assert row["status"] == "ok" and row["claim_code"] == "PP9"


def test_server_down_the_desk_works_and_pushes_later(server: MariaDBServer, tmp_path: Path) -> None:
    store = store_for(server, connect_timeout=1)
    log = SharedVisitLog(tmp_path / "a.sqlite", store, clock=clock)
    server.stop()
    started = time.monotonic()
    first = visit(log, code="PP1")
    second = visit(log, pid="3100600123457", code="PP2")  # no second wait for a dead server
    assert time.monotonic() - started < 5
    assert log.get(first).claim_code == "PP1" and log.get(second).claim_code == "PP2"
    assert log.waiting() == 2 and log.last_push is not None and not log.last_push.online
    server.start()
    result = log.push_waiting()
    assert result.online and result.pushed == 2 and log.waiting() == 0
    assert [r["claim_code"] for r in rows(server)] == ["PP1", "PP2"]


def test_server_killed_mid_push_and_restarted_loses_nothing(
    server: MariaDBServer, tmp_path: Path
) -> None:
    log = VisitLog(tmp_path / "a.sqlite", clock=clock)
    with log.db.conn:
        for n in range(6000):
            log.db.execute(
                "INSERT INTO visits (created_at, updated_at, status, pid, claim_type, "
                "claim_code, hcode) VALUES (?, ?, 'ok', ?, 'PG0060001', ?, '12345')",
                [clock(), clock(), f"{1100000000000 + n}", f"PP{n:06d}"],
            )
    store = store_for(server, connect_timeout=1, read_timeout=3)
    results = []
    path = log.path  # the pusher's own connection: sqlite3 objects stay in their thread
    pusher = threading.Thread(target=lambda: results.append(push_waiting(VisitLog(path), store)))
    pusher.start()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not count(server):
        time.sleep(0.005)
    server.kill()  # mid-push: some batches in, some not
    pusher.join(30)
    assert results and not results[0].online and 0 < results[0].waiting < 6000
    server.start()
    assert push_waiting(log, store).online
    assert waiting_count(log) == 0
    stored = rows(server)
    assert len(stored) == 6000
    assert {r["claim_code"] for r in stored} == {f"PP{n:06d}" for n in range(6000)}


def test_migration_from_an_older_schema_keeps_the_rows(
    server: MariaDBServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = server_module.MIGRATIONS[:1]
    monkeypatch.setattr(server_module, "MIGRATIONS", old)
    log = VisitLog(tmp_path / "a.sqlite", clock=clock)
    visit(log, code="PP1")
    old_store = store_for(server)
    # schema 1 has no NHSO verdict columns (2) nor a flagged answer's pid (3): push what it knows
    with old_store.connection() as conn:
        assert old_store.schema_version(conn) == 1
        cols = [c for c in server_module.VISIT_COLUMNS
                if not c.startswith("nhso_") and c != "answer_pid"]  # fmt: skip
        row = log.db.execute("SELECT * FROM visits").fetchone()
        names = [d[0] for d in log.db.execute("SELECT * FROM visits").description]
        values = dict(zip(names, row, strict=True))
        with conn.cursor() as cur:
            cur.execute(
                f"INSERT INTO {VISITS} (global_id, desk, local_id, rev, {', '.join(cols)}) "
                f"VALUES (%s, 'old', %s, 1, {', '.join(['%s'] * len(cols))})",
                [values["global_id"], values["id"], *[values[c] or "" for c in cols]],
            )
    monkeypatch.undo()
    store = store_for(server)
    with store.connection() as conn:
        assert store.schema_version(conn) == len(server_module.MIGRATIONS) == 3
    [row_after] = rows(server)
    assert row_after["claim_code"] == "PP1" and row_after["nhso_verdict"] == ""
    assert row_after["answer_pid"] == ""
    assert push_waiting(log, store).online and len(rows(server)) == 1


def test_a_flagged_visit_reaches_the_store_flagged_and_never_as_todays_code(
    server: MariaDBServer, tmp_path: Path
) -> None:
    """NHSO's answer named someone else, with a code in any characters: the row is pushed
    with the pid NHSO named (masked), is no desk's "today's code" for the patient, and does
    not stop the visits after it from being pushed."""
    store = store_for(server)
    log = SharedVisitLog(tmp_path / "a.sqlite", store, clock=clock)
    flagged = log.begin(pid="1101700123456", patient_name="สมชาย ใจดี", claim_type="PG0060001",
                        hcode="12345")  # fmt: skip
    odd_code = "รหัส-ไม่ใช่-PP"  # what an answer may hold: kept as NHSO sent it
    log.finish(flagged, FLAGGED, claim_code=odd_code, answer_pid="3-xxxx-xxxx9-87-6",
               error_kind="answer_other_pid", error_message="NOT this patient's code")  # fmt: skip
    after = visit(log, pid="3100600123457", code="PP0000000002")
    assert log.waiting() == 0
    stored = {r["local_id"]: r for r in rows(server)}
    assert (stored[flagged]["status"], stored[flagged]["claim_code"],
            stored[flagged]["answer_pid"]) == (FLAGGED, odd_code, "3-xxxx-xxxx9-87-6")  # fmt: skip
    assert stored[after]["claim_code"] == "PP0000000002"
    with store.connection() as conn:
        assert store.todays_code(conn, "12345", "1101700123456", "PG0060001", DAY) is None
    with log.same_day("12345", "1101700123456", "PG0060001", DAY) as found:
        assert found is None
    [seen] = [v for v in log.on_date(DAY) if v.status == FLAGGED]
    assert (seen.claim_code, seen.patient_code, seen.answer_pid) == (
        odd_code, "", "3-xxxx-xxxx9-87-6",
    )  # fmt: skip


def test_a_newer_schema_is_refused(server: MariaDBServer) -> None:
    store = store_for(server)
    with store.connection():
        pass
    conn = server.root()
    with conn.cursor() as cur:
        cur.execute("UPDATE clinic_shared.authen_desk_schema SET version = 99")
    conn.close()
    with pytest.raises(SharedStoreSchemaNewer):
        store_for(server).connect()


def test_a_wrong_password_or_a_dead_port_is_unavailable_without_the_password(
    server: MariaDBServer,
) -> None:
    wrong = SharedStore(store_for(server).config, "not-" + PASSWORD, "desk-a")
    with pytest.raises(SharedStoreUnavailable) as caught:
        wrong.connect()
    assert PASSWORD not in str(caught.value) and "1045" in str(caught.value)
    config = store_for(server).config
    dead = SharedStore(
        type(config)(config.user, "127.0.0.1", 1, config.database), PASSWORD, "d",
        connect_timeout=1,
    )  # fmt: skip
    with pytest.raises(SharedStoreUnavailable):
        dead.connect()
    assert PASSWORD not in repr(wrong)


def test_the_clinic_wide_day_has_every_desk(server: MariaDBServer, tmp_path: Path) -> None:
    a = SharedVisitLog(tmp_path / "a.sqlite", store_for(server, "desk-a"), clock=clock)
    b = SharedVisitLog(tmp_path / "b.sqlite", store_for(server, "desk-b"), clock=clock)
    visit(a, code="PPA")
    visit(b, pid="3100600123457", code="PPB")
    seen = b.on_date(DAY)
    assert sorted((v.desk, v.claim_code) for v in seen) == [("desk-a", "PPA"), ("desk-b", "PPB")]
    assert [v.claim_code for v in VisitLog.on_date(b, DAY)] == ["PPB"]  # its own log
    server.stop()
    assert [v.claim_code for v in b.on_date(DAY)] == ["PPB"]  # offline: its own, as before


def test_a_host_other_than_this_pc_needs_tls_never_plain_text(server: MariaDBServer) -> None:
    """The test server has no TLS: reached by an address that is not loopback by name,
    the connection is refused rather than made in plain text (the password would cross
    the network)."""
    config = StoreConfig("desk", "::ffff:127.0.0.1", server.port, "clinic_shared")
    assert config.uses_tls
    with pytest.raises(SharedStoreUnavailable) as refused:
        SharedStore(config, PASSWORD, "desk-a", connect_timeout=2).connect()
    assert "SSL" in str(refused.value) and PASSWORD not in str(refused.value)
    missing_ca = StoreConfig("desk", "::ffff:127.0.0.1", server.port, "clinic_shared",
                             ca_file="/nonexistent/ca.pem")  # fmt: skip
    with pytest.raises(SharedStoreUnavailable):
        SharedStore(missing_ca, PASSWORD, "desk-a", connect_timeout=2).connect()


def test_a_new_visit_goes_first_and_a_backlog_waits_for_the_background(
    server: MariaDBServer, tmp_path: Path
) -> None:
    path = tmp_path / "a.sqlite"
    plain = VisitLog(path, clock=clock)
    with plain.db.conn:
        for n in range(1200):  # a desk's log from before its shared store
            plain.db.execute(
                "INSERT INTO visits (created_at, updated_at, status, pid) VALUES (?, ?, 'ok', ?)",
                [clock(), clock(), f"{1100000000000 + n}"],
            )
    plain.close()
    log = SharedVisitLog(path, store_for(server), clock=clock)
    started = time.monotonic()
    new = visit(log, code="PPNEW")
    assert time.monotonic() - started < 5
    assert [r["claim_code"] for r in rows(server, f"local_id = {new}")] == ["PPNEW"]
    assert log.waiting() == 1200 + 1 - 500
    assert log.push_waiting().online and log.waiting() == 0 and count(server) == 1201


def test_an_outcome_is_returned_even_when_marking_the_push_breaks(
    server: MariaDBServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Something was sent by the time finish runs: a push that breaks in any way (here:
    the local mark) leaves the visit waiting, and finish still returns it."""
    import app.store.visits as visits_module

    log = SharedVisitLog(tmp_path / "a.sqlite", store_for(server), clock=clock)
    visit_id = log.begin(pid="1101700123456", claim_type="PG0060001")

    def broken(*args: object, **kwargs: object) -> list[dict[str, object]]:
        raise RuntimeError("disk went away")

    monkeypatch.setattr(visits_module, "_waiting_rows", broken)
    done = log.finish(visit_id, OK, claim_code="PP7")
    assert done.claim_code == "PP7" and done.in_log
    monkeypatch.undo()
    assert log.waiting() == 1 and log.push_waiting().online and log.waiting() == 0
