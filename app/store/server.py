"""The clinic's MariaDB/MySQL server, through PyMySQL: connection, schema, visits, locks.

Our tables carry the `authen_desk_` prefix so they never clash with a HIS's tables in the
same database. The schema is versioned (`authen_desk_schema`) with forward-only
migrations, written for MySQL 5.6+ and MariaDB 10.3+ (no ADD COLUMN IF NOT EXISTS, no
JSON, indexed text within 767 bytes). Every call has a connect and a read/write timeout;
a failure of any kind is SharedStoreUnavailable (its text names no password).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import ssl
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pymysql
import pymysql.cursors

from app.store.config import StoreConfig
from app.store.errors import SharedStoreSchemaNewer, SharedStoreUnavailable

log = logging.getLogger(__name__)

PREFIX = "authen_desk_"
SCHEMA = f"{PREFIX}schema"
VISITS = f"{PREFIX}visits"
PIN_LOCKS = f"{PREFIX}pin_locks"
PIN_COUNTS = f"{PREFIX}pin_counts"
CONNECT_TIMEOUT = 4  # seconds: a desk must not wait long for a server that is gone
READ_TIMEOUT = 15
WRITE_TIMEOUT = 15
# Another desk's confirm or PIN check holds the row or the named lock: wait less than the
# read timeout, so a long wait is the server's "not now", never a dropped connection.
LOCK_WAIT = 12
MIGRATE_LOCK = f"{PREFIX}migrate"

# The visit's columns as the shared store keeps them (the local log's, plus desk and rev).
VISIT_COLUMNS = (
    "created_at", "updated_at", "status", "pid", "patient_name", "claim_type",
    "claim_type_name", "mobile", "hn", "claim_code", "hcode", "staff_cid", "staff_name",
    "error_kind", "error_message", "id_source", "nhso_verdict", "nhso_claim_code",
    "nhso_checked_at", "nhso_message", "answer_pid",
)  # fmt: skip
_VERIFY_COLUMNS = ("nhso_verdict", "nhso_claim_code", "nhso_checked_at", "nhso_message")


def _migration_1(cur: Any) -> None:
    cur.execute(
        f"""CREATE TABLE IF NOT EXISTS {VISITS} (
        global_id CHAR(32) CHARACTER SET ascii NOT NULL,
        desk VARCHAR(64) NOT NULL,
        local_id BIGINT NOT NULL,
        rev INT NOT NULL,
        created_at CHAR(25) CHARACTER SET ascii NOT NULL,
        updated_at CHAR(25) CHARACTER SET ascii NOT NULL,
        status VARCHAR(16) CHARACTER SET ascii NOT NULL,
        pid VARCHAR(13) CHARACTER SET ascii NOT NULL,
        patient_name VARCHAR(190) NOT NULL DEFAULT '',
        claim_type VARCHAR(16) CHARACTER SET ascii NOT NULL DEFAULT '',
        claim_type_name VARCHAR(190) NOT NULL DEFAULT '',
        mobile VARCHAR(16) NOT NULL DEFAULT '',
        hn VARCHAR(40) NOT NULL DEFAULT '',
        claim_code VARCHAR(40) CHARACTER SET ascii NOT NULL DEFAULT '',
        hcode VARCHAR(8) CHARACTER SET ascii NOT NULL DEFAULT '',
        staff_cid VARCHAR(13) CHARACTER SET ascii NOT NULL DEFAULT '',
        staff_name VARCHAR(190) NOT NULL DEFAULT '',
        error_kind VARCHAR(64) NOT NULL DEFAULT '',
        error_message TEXT,
        id_source VARCHAR(8) NOT NULL DEFAULT 'card',
        pushed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
        PRIMARY KEY (global_id),
        KEY idx_created (created_at),
        KEY idx_pid_time (pid, created_at),
        KEY idx_claim_code (claim_code),
        KEY idx_same_day (hcode, pid, claim_type, created_at)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"""
    )


def _migration_2(cur: Any) -> None:
    """NHSO's verdicts (verify-day) and the wrong-PIN counts shared by the desks."""
    for column in _VERIFY_COLUMNS:
        if not _has_column(cur, VISITS, column):
            kind = "TEXT" if column == "nhso_message" else "VARCHAR(40) NOT NULL DEFAULT ''"
            cur.execute(f"ALTER TABLE {VISITS} ADD COLUMN {column} {kind}")
    cur.execute(
        f"""CREATE TABLE IF NOT EXISTS {PIN_LOCKS} (
        card_key CHAR(64) CHARACTER SET ascii NOT NULL PRIMARY KEY
        ) ENGINE=InnoDB"""
    )
    cur.execute(
        f"""CREATE TABLE IF NOT EXISTS {PIN_COUNTS} (
        card_key CHAR(64) CHARACTER SET ascii NOT NULL PRIMARY KEY,
        failures TINYINT NOT NULL,
        card_tries_left TINYINT NULL,
        blocked TINYINT NOT NULL,
        assumed TINYINT NOT NULL DEFAULT 0,
        desk VARCHAR(64) NOT NULL DEFAULT '',
        updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"""
    )


def _migration_3(cur: Any) -> None:
    """Flagged visits (the local log's migration 5, issue 18): the pid NHSO's answer named,
    masked; and the claim code in any characters, since a flagged row keeps whatever code
    NHSO's answer held (an ASCII-only column would refuse it and stop every push after it).
    A flagged row reaches every desk this way, never as the patient's code."""
    if not _has_column(cur, VISITS, "answer_pid"):
        cur.execute(f"ALTER TABLE {VISITS} ADD COLUMN answer_pid VARCHAR(40) NOT NULL DEFAULT ''")
    cur.execute(
        f"ALTER TABLE {VISITS} MODIFY claim_code VARCHAR(40) CHARACTER SET utf8mb4 "
        "NOT NULL DEFAULT ''"
    )


MIGRATIONS: list[Callable[[Any], None]] = [_migration_1, _migration_2, _migration_3]


def _has_column(cur: Any, table: str, column: str) -> bool:
    cur.execute(
        "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() "
        "AND table_name = %s AND column_name = %s",
        (table, column),
    )
    return bool(cur.fetchone()[0])


@dataclass(frozen=True)
class StoreStatus:
    server: str  # version string
    schema_version: int
    visits: int  # rows in the shared store
    desks: int


def _tls(config: StoreConfig) -> ssl.SSLContext | None:
    if not config.uses_tls:
        return None
    context = ssl.create_default_context(cafile=config.ca_file or None)
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    return context


class SharedStore:
    """One clinic's shared store. Not bound to a thread: each call opens what it needs,
    or uses the connection given (one connection per thread)."""

    def __init__(
        self, config: StoreConfig, password: str, desk: str,
        connect_timeout: float = CONNECT_TIMEOUT, read_timeout: float = READ_TIMEOUT,
    ) -> None:  # fmt: skip
        self.config = config
        self._password = password
        self.desk = desk
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._schema_ok = False
        self._salt: str | None = None

    def __repr__(self) -> str:  # never the password
        return f"SharedStore({self.config.display()}, desk={self.desk!r})"

    # --- connections -------------------------------------------------------------------
    def connect(self) -> Any:
        try:
            conn = pymysql.connect(
                host=self.config.host, port=self.config.port, user=self.config.user,
                password=self._password, database=self.config.database, charset="utf8mb4",
                connect_timeout=self._connect_timeout, read_timeout=self._read_timeout,
                write_timeout=WRITE_TIMEOUT, autocommit=True, ssl=_tls(self.config),
                init_command=f"SET SESSION innodb_lock_wait_timeout = {LOCK_WAIT}",
                program_name="authen-desk", local_infile=False,
            )  # fmt: skip
        except (pymysql.err.MySQLError, OSError, ssl.SSLError) as exc:
            raise SharedStoreUnavailable(_describe(exc, self.config)) from None
        if not self._schema_ok:
            try:
                self._migrate(conn)
            except BaseException:
                conn.close()
                raise
        return conn

    @contextlib.contextmanager
    def connection(self) -> Iterator[Any]:
        conn = self.connect()
        try:
            yield conn
        except (pymysql.err.MySQLError, OSError) as exc:
            raise SharedStoreUnavailable(_describe(exc, self.config)) from None
        finally:
            with contextlib.suppress(Exception):
                conn.close()

    # --- schema ------------------------------------------------------------------------
    def _migrate(self, conn: Any) -> None:
        try:
            with conn.cursor() as cur:
                cur.execute(
                    f"CREATE TABLE IF NOT EXISTS {SCHEMA} (id TINYINT NOT NULL PRIMARY KEY, "
                    "version INT NOT NULL, salt CHAR(64) CHARACTER SET ascii NOT NULL) "
                    "ENGINE=InnoDB"
                )
                cur.execute("SELECT version, salt FROM " + SCHEMA + " WHERE id = 1")
                row = cur.fetchone()
                if row is None or int(row[0]) < len(MIGRATIONS):
                    cur.execute("SELECT GET_LOCK(%s, %s)", (MIGRATE_LOCK, LOCK_WAIT * 3))
                    try:
                        row = self._migrate_locked(cur)
                    finally:
                        cur.execute("SELECT RELEASE_LOCK(%s)", (MIGRATE_LOCK,))
                if int(row[0]) > len(MIGRATIONS):
                    raise SharedStoreSchemaNewer(int(row[0]), len(MIGRATIONS))
                self._salt = str(row[1])
        except (pymysql.err.MySQLError, OSError) as exc:
            raise SharedStoreUnavailable(_describe(exc, self.config)) from None
        self._schema_ok = True

    @staticmethod
    def _migrate_locked(cur: Any) -> tuple[int, str]:
        cur.execute(
            f"INSERT IGNORE INTO {SCHEMA} (id, version, salt) VALUES (1, 0, %s)",
            (os.urandom(32).hex(),),
        )
        cur.execute(f"SELECT version, salt FROM {SCHEMA} WHERE id = 1")
        version, salt = cur.fetchone()
        for number, migration in enumerate(MIGRATIONS, start=1):
            if number > int(version):
                migration(cur)  # MySQL's DDL commits by itself: each step is idempotent
                cur.execute(f"UPDATE {SCHEMA} SET version = %s WHERE id = 1", (number,))
                log.info("shared store migrated to schema %d", number)
                version = number
        return int(version), str(salt)

    def schema_version(self, conn: Any) -> int:
        with conn.cursor() as cur:
            cur.execute(f"SELECT version FROM {SCHEMA} WHERE id = 1")
            return int(cur.fetchone()[0])

    def status(self) -> StoreStatus:
        with self.connection() as conn, conn.cursor() as cur:
            cur.execute("SELECT VERSION()")
            server = str(cur.fetchone()[0])
            cur.execute(f"SELECT COUNT(*), COUNT(DISTINCT desk) FROM {VISITS}")
            visits, desks = cur.fetchone()
            return StoreStatus(server, self.schema_version(conn), int(visits), int(desks))

    # --- visits --------------------------------------------------------------------------
    def push(self, conn: Any, rows: Sequence[dict[str, Any]]) -> None:
        """Idempotent by global id: a row pushed twice is one row; an older revision never
        overwrites a newer one (rev is assigned last, after the columns compared with it)."""
        if not rows:
            return
        columns = ("global_id", "desk", "local_id", *VISIT_COLUMNS, "rev")
        # NHSO's verdict on a visit may have been written here by another desk's clinic-wide
        # verify-day (app/store/verify.py): a row pushed without one never erases it.
        updates = ", ".join(
            f"{c} = IF(VALUES(rev) >= rev AND VALUES(nhso_verdict) <> '', VALUES({c}), {c})"
            if c in _VERIFY_COLUMNS
            else f"{c} = IF(VALUES(rev) >= rev, VALUES({c}), {c})"
            for c in columns
            if c not in ("global_id", "rev")
        )
        sql = (
            f"INSERT INTO {VISITS} ({', '.join(columns)}) VALUES "
            f"({', '.join(['%s'] * len(columns))}) ON DUPLICATE KEY UPDATE {updates}, "
            "rev = GREATEST(rev, VALUES(rev))"
        )
        values = [tuple(_text(row.get(c)) if c not in ("local_id", "rev") else int(row[c])
                        for c in columns) for row in rows]  # fmt: skip
        with conn.cursor() as cur:
            cur.executemany(sql, values)

    def todays_code(self, conn: Any, hcode: str, pid: str, claim_type: str, day: dt.date) -> (
        dict[str, Any] | None
    ):  # fmt: skip
        """Today's PP code of this patient and claim type from this hospital, any desk."""
        start = day.isoformat()
        with conn.cursor(pymysql.cursors.DictCursor) as cur:
            cur.execute(
                f"SELECT * FROM {VISITS} WHERE hcode = %s AND pid = %s AND claim_type = %s "
                "AND created_at >= %s AND created_at < %s AND status IN ('ok', 'reused') "
                "AND claim_code <> '' ORDER BY created_at LIMIT 1",
                (hcode, pid, claim_type, start, start + "T99"),
            )
            row = cur.fetchone()
        return dict(row) if row else None

    @contextlib.contextmanager
    def same_day_lock(self, hcode: str, pid: str, claim_type: str) -> Iterator[Any]:
        """One confirm at a time, across desks, for this patient and claim type: a named
        lock on a connection of its own (released with the connection if the desk dies)."""
        digest = hashlib.sha256(f"{hcode}:{pid}:{claim_type}".encode()).hexdigest()[:40]
        name = f"{PREFIX}c:{digest}"
        with self.connection() as conn:
            with conn.cursor() as cur:
                cur.execute("SELECT GET_LOCK(%s, %s)", (name, LOCK_WAIT))
                got = cur.fetchone()[0]
            if got != 1:
                raise SharedStoreUnavailable("another desk holds this patient's confirm")
            try:
                yield conn
            finally:
                with contextlib.suppress(Exception), conn.cursor() as cur:
                    cur.execute("SELECT RELEASE_LOCK(%s)", (name,))

    def on_date(self, conn: Any, day: dt.date) -> list[dict[str, Any]]:
        start = day.isoformat()
        with conn.cursor(pymysql.cursors.DictCursor) as cur:
            cur.execute(
                f"SELECT * FROM {VISITS} WHERE created_at >= %s AND created_at < %s "
                "ORDER BY created_at, desk, local_id",
                (start, start + "T99"),
            )
            return [dict(r) for r in cur.fetchall()]

    def day_page(
        self, conn: Any, day: dt.date, offset: int = 0, limit: int = 100
    ) -> tuple[int, list[dict[str, Any]]]:
        """One page of a day, newest first, and how many the day holds (index-only count)."""
        start = day.isoformat()
        with conn.cursor(pymysql.cursors.DictCursor) as cur:
            cur.execute(
                f"SELECT COUNT(*) AS n FROM {VISITS} WHERE created_at >= %s AND created_at < %s",
                (start, start + "T99"),
            )
            total = int(cur.fetchone()["n"])
            # The page's keys from the index alone (it holds the primary key), then only
            # those rows: a deep page does not read every row before it.
            cur.execute(
                f"SELECT v.* FROM {VISITS} v JOIN (SELECT global_id FROM {VISITS} "
                "WHERE created_at >= %s AND created_at < %s ORDER BY created_at DESC "
                "LIMIT %s OFFSET %s) page USING (global_id) ORDER BY v.created_at DESC",
                (start, start + "T99", limit, offset),
            )
            return total, [dict(r) for r in cur.fetchall()]

    # --- PIN counts ----------------------------------------------------------------------
    def card_key(self, cid: str) -> str:
        """A clinic-wide key for a staff card: HMAC of the CID with the store's own salt."""
        import hmac

        assert self._salt is not None, "connect() first"
        return hmac.new(bytes.fromhex(self._salt), cid.encode("ascii"), "sha256").hexdigest()


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _describe(exc: BaseException, config: StoreConfig) -> str:
    """What failed, for logs and doctor: the server and the driver's words (PyMySQL's
    messages name the user and host, never the password)."""
    args = getattr(exc, "args", ())
    detail = " ".join(str(a) for a in args) if args else type(exc).__name__
    return f"{config.display()}: {type(exc).__name__}: {detail}"[:400]
