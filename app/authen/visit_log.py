"""The visit log: every authen attempt at this desk (sqlite-utils), written before any
request goes out.

Each visit is inserted as "pending" first and then updated to ok / reused / failed, so a
crash or a dead network leaves a row that says so; failed rows can be retried. The schema
is versioned (PRAGMA user_version) with forward-only migrations. `VisitStore` is what the
flows need; `VisitLog` is the local SQLite one (a shared store on the clinic's server can
stand in later without touching the flows).

Nothing NHSO issued is lost: when an outcome cannot be written (disk full, database locked
or damaged), `finish` appends it to a small journal next to the database (fsync'd, 0600)
and returns the visit with `kept_in` naming that file; the next open folds the journal
into the log. Opening is safe when several processes start at once on a fresh folder: the
file is created, switched to WAL and migrated under a lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Protocol

import filelock
import sqlite_utils
from sqlite_utils.db import NotFoundError

from app import clock
from app.atomic_file import (
    PRIVATE_FILE,
    check_input_file,
    create_private,
    fsync_dir,
    make_dirs,
    open_private,
    read_regular,
    tighten,
)
from app.authen.errors import VisitLogDamaged, VisitLogPathNotAFile, VisitLogUnavailable
from app.file_errors import NotRegularInput
from app.message import Message
from app.paths import OLD_VISIT_JOURNAL_SUFFIXES, VISIT_JOURNAL_SUFFIX

log = logging.getLogger(__name__)

PENDING, OK, REUSED, FAILED = "pending", "ok", "reused", "failed"
# Typed, not read (no card): today's code found at NHSO for us, recorded; or no code at all.
IMPORTED, CARDLESS = "imported", "cardless"
WITH_CODE = frozenset({OK, REUSED, IMPORTED})  # outcomes that carry a claim code
# NHSO's confirm answer was not this patient's code (another/no pid, another claim type, a
# malformed code): kept with the code and the masked pid NHSO named, for clinic IT.
FLAGGED = "flagged"
CARD, TYPED = "card", "typed"  # Visit.id_source: the ID read from the card, or typed by staff
OPEN_LOCK_TIMEOUT = 60.0  # another process creating or migrating the log
BUSY_TIMEOUT_MS = 30_000  # another process writing a row
_CORRUPT = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


@dataclass(frozen=True)
class Visit:
    id: int
    created_at: str  # ISO, Bangkok time
    updated_at: str
    status: str
    pid: str
    patient_name: str
    claim_type: str
    claim_type_name: str
    mobile: str
    hn: str
    claim_code: str
    hcode: str
    staff_cid: str
    staff_name: str
    error_kind: str
    error_message: str
    id_source: str = CARD  # TYPED: staff typed the ID (no card could be read)
    answer_pid: str = ""  # FLAGGED: the pid NHSO's answer named, masked ("" if none)
    # Several desks (app/store): which desk logged it, and its clinic-wide id.
    desk: str = field(default="", compare=False)
    global_id: str = field(default="", compare=False)
    # "" when the row is in the log; else the journal file that keeps it until the next
    # start, or "" + unsaved=True when not even the journal could be written.
    kept_in: str = field(default="", compare=False)
    unsaved: bool = field(default=False, compare=False)
    # What verify-day found at NHSO ("" until checked; "imported": NHSO's code, added here).
    nhso_verdict: str = field(default="", compare=False)

    # --- as the reports see a visit (app/reports/) ------------------------------------------
    @property
    def created(self) -> dt.datetime | None:
        """`created_at` as naive Bangkok time (what an Excel cell holds); None if unreadable."""
        return bangkok_naive(self.created_at)

    @property
    def updated(self) -> dt.datetime | None:
        return bangkok_naive(self.updated_at)

    @property
    def service_date(self) -> dt.date:
        created = self.created
        if created is None:
            raise ValueError(f"visit {self.id}: no readable created_at")
        return created.date()

    @property
    def outcome_th(self) -> str:
        from app.words.authen import VISIT_OUTCOME_TH

        return VISIT_OUTCOME_TH.get(self.status, self.status)

    @property
    def has_code(self) -> bool:
        # verify-day adds NHSO's code to a failed visit, marked imported (app/verify/day.py)
        imported = self.nhso_verdict == "imported"
        return (self.status in WITH_CODE or imported) and bool(self.claim_code)

    @classmethod
    def from_row(cls, row: dict[str, Any], kept_in: str = "", unsaved: bool = False) -> Visit:
        text = {
            f.name: "" if row.get(f.name) is None else str(row[f.name])
            for f in fields(cls)
            if f.name in _COLUMNS
        }
        return cls(id=int(row["id"]), **text, kept_in=kept_in, unsaved=unsaved)

    @property
    def patient_code(self) -> str:
        """The claim code as this patient's: "" for a flagged row (NHSO's answer was not
        theirs), which is never copied, printed or shown as their code."""
        return "" if self.status == FLAGGED else self.claim_code

    @property
    def in_log(self) -> bool:
        return not self.kept_in and not self.unsaved

    @property
    def notice(self) -> Message | None:
        """What the desk must show when the outcome is not (yet) in the log: the code was
        issued, and where it is kept. None when all is well."""
        if self.in_log:
            return None
        from app.words import authen as words

        if self.kept_in:
            return words.code_kept_in_journal(self.claim_code, self.kept_in)
        return words.code_kept_nowhere(self.claim_code)

    def to_json(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in _NOT_IN_JSON}
        if not self.in_log:
            out["kept_in"] = self.kept_in
        return out


_NOT_COLUMNS = {"kept_in", "unsaved"}  # where the visit is, not what it is
_NOT_IN_JSON = _NOT_COLUMNS | {"nhso_verdict"}  # history --json: as before verify-day
_COLUMNS = {f.name for f in fields(Visit)} - _NOT_COLUMNS - {"id"}


def _migration_1(db: sqlite_utils.Database) -> None:
    db["attempts"].create(  # type: ignore[union-attr]
        {
            "id": int, "created_at": str, "updated_at": str, "status": str, "pid": str,
            "patient_name": str, "claim_type": str, "claim_type_name": str, "mobile": str,
            "hn": str, "claim_code": str, "hcode": str, "staff_cid": str, "staff_name": str,
            "error_kind": str, "error_message": str,
        },
        pk="id",
        not_null={"created_at", "updated_at", "status", "pid"},
    )  # fmt: skip
    db["attempts"].create_index(["created_at"])  # type: ignore[union-attr]
    db["attempts"].create_index(["pid"])  # type: ignore[union-attr]
    db["attempts"].create_index(["claim_code"])  # type: ignore[union-attr]


def _migration_2(db: sqlite_utils.Database) -> None:
    """The table holds visits; 'attempts' read like Python's logging."""
    db.execute("ALTER TABLE attempts RENAME TO visits")


def _migration_id_source(db: sqlite_utils.Database) -> None:
    """Whether the ID was read from the card or typed (the cardless path). Its own function,
    so a merge with other branches' migrations can renumber it."""
    db.execute("ALTER TABLE visits ADD COLUMN id_source TEXT NOT NULL DEFAULT 'card'")


NHSO_COLUMNS = ("nhso_verdict", "nhso_claim_code", "nhso_checked_at", "nhso_message")
FTS_TABLE = "visits_fts"  # names, trigram-indexed (visit_query.py); absent without FTS5


def fts5_trigram_available(conn: sqlite3.Connection) -> bool:
    """FTS5 with the trigram tokenizer needs SQLite 3.34 built with FTS5 (Python's own
    builds have it; a distribution's may not)."""
    try:
        conn.execute("CREATE VIRTUAL TABLE temp._probe USING fts5(x, tokenize='trigram')")
    except sqlite3.Error:
        return False
    conn.execute("DROP TABLE temp._probe")
    return True


def _migration_day_list(db: sqlite_utils.Database) -> None:
    """The day list and verify-day (issue 14): NHSO's verdict per visit, an index per thing
    staff search by, and a trigram index on names so a fragment of a Thai name is found
    without reading every row. Kept as its own function so that a merge may renumber it."""
    for column in NHSO_COLUMNS:
        db.execute(f"ALTER TABLE visits ADD COLUMN {column} TEXT")
    # (column, time): a search by prefix finds its newest matches in the index alone.
    for column in ("pid", "hn", "claim_code"):
        db.execute(
            f"CREATE INDEX IF NOT EXISTS idx_visits_{column}_time ON visits ({column}, created_at)"
        )
    db.execute("CREATE INDEX IF NOT EXISTS idx_visits_nhso_checked ON visits (nhso_checked_at)")
    if not fts5_trigram_available(db.conn):
        log.warning("SQLite %s has no FTS5 trigram: name search reads every row (LIKE)",
                    sqlite3.sqlite_version)  # fmt: skip
        return
    db.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(patient_name, content='visits', "
        "content_rowid='id', tokenize='trigram')"
    )
    # External content: the triggers keep the index in step with the table. Only a change
    # of name touches it, so finishing a visit (status, code) costs nothing extra.
    # (execute, not executescript: that would commit the migration's transaction halfway)
    delete_old = (
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, patient_name) "
        "VALUES ('delete', old.id, old.patient_name);"
    )
    insert_new = f"INSERT INTO {FTS_TABLE}(rowid, patient_name) VALUES (new.id, new.patient_name);"
    for name, event, body in (
        ("insert", "INSERT", insert_new),
        ("delete", "DELETE", delete_old),
        ("update", "UPDATE OF patient_name", delete_old + insert_new),
    ):
        db.execute(f"CREATE TRIGGER {FTS_TABLE}_{name} AFTER {event} ON visits BEGIN {body} END")
    db.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def _migration_answer_pid(db: sqlite_utils.Database) -> None:
    """A flagged visit (status FLAGGED) keeps the pid NHSO's answer named, masked (issue 18,
    item 3). Its own function, so a merge with other branches' migrations can reorder it."""
    db.execute("ALTER TABLE visits ADD COLUMN answer_pid TEXT NOT NULL DEFAULT ''")


def _migration_shared_store(db: sqlite_utils.Database) -> None:
    """Several desks, one clinic (issue 22, app/store): each visit gets a globally unique id
    and the desk's name; `shared_rev` counts its changes and `shared_pushed_rev` says which
    the shared store has, so what waits is a partial index away. Triggers keep both without
    touching the code that writes visits. Its own function, so a merge may renumber it."""
    db.execute("ALTER TABLE visits ADD COLUMN global_id TEXT")
    db.execute("ALTER TABLE visits ADD COLUMN desk TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE visits ADD COLUMN shared_rev INTEGER NOT NULL DEFAULT 1")
    db.execute("ALTER TABLE visits ADD COLUMN shared_pushed_rev INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE visits SET global_id = lower(hex(randomblob(16))) WHERE global_id IS NULL")
    db.execute("CREATE UNIQUE INDEX idx_visits_global_id ON visits (global_id)")
    db.execute(
        "CREATE INDEX idx_visits_unpushed ON visits (id) WHERE shared_pushed_rev < shared_rev"
    )
    db.execute(
        "CREATE TRIGGER visits_global_id AFTER INSERT ON visits WHEN new.global_id IS NULL "
        "BEGIN UPDATE visits SET global_id = lower(hex(randomblob(16))) WHERE id = new.id; END"
    )
    # Any change but the pusher's own (which only moves shared_pushed_rev) is a new revision;
    # the trigger's own update moves shared_rev, so it never fires itself (sqlite-utils
    # turns recursive triggers on).
    db.execute(
        "CREATE TRIGGER visits_shared_rev AFTER UPDATE ON visits "
        "WHEN new.shared_pushed_rev IS old.shared_pushed_rev AND new.global_id IS old.global_id "
        "AND new.shared_rev IS old.shared_rev "
        "BEGIN UPDATE visits SET shared_rev = old.shared_rev + 1 WHERE id = new.id; END"
    )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _migration_1,
    _migration_2,
    _migration_id_source,  # 3
    _migration_day_list,  # 4
    _migration_answer_pid,  # 5 (append after; never renumber)
    _migration_shared_store,  # 6
]


def now_iso() -> str:
    """Bangkok time from THE clock (app.clock), read at each call."""
    return clock.now_iso()


class VisitStore(Protocol):
    """What the authen flow needs from a visit log."""

    def begin(self, **values: str) -> int: ...

    def finish(self, visit_id: int, status: str, **values: str) -> Visit: ...

    def last_mobile(self, pid: str) -> str | None: ...


class VisitLog:
    """The local SQLite visit log. Owned by one thread (the database worker): a sqlite3
    connection is never shared across threads."""

    def __init__(self, path: Path, clock: Callable[[], str] = now_iso) -> None:
        self.path = path
        self.journal_path = path.with_name(path.name + VISIT_JOURNAL_SUFFIX)
        self._clock = clock
        self._begun: dict[int, dict[str, Any]] = {}  # what finish needs if the log fails
        try:
            make_dirs(path.parent)
            lock = filelock.FileLock(
                path.with_name(path.name + ".lock"), timeout=OPEN_LOCK_TIMEOUT, mode=PRIVATE_FILE
            )
            with lock:
                self.db = sqlite_utils.Database(self._connect())
                self._migrate()
                self._fold_journal()
        except filelock.Timeout as exc:
            raise VisitLogUnavailable(f"{path}: another program holds it open") from exc
        except NotRegularInput as exc:
            raise VisitLogPathNotAFile(exc.path, exc.kind) from exc
        except sqlite3.DatabaseError as exc:
            if _is_corrupt(exc):
                raise VisitLogDamaged(str(path), str(exc)) from exc
            raise VisitLogUnavailable(f"{path}: {exc}") from exc
        except (OSError, sqlite3.Error) as exc:
            raise VisitLogUnavailable(f"{path}: {exc}") from exc

    def _connect(self) -> sqlite3.Connection:
        """The file private to this user (SQLite would use the umask; -wal and -shm take
        the database's mode), then WAL and a busy timeout for concurrent desks."""
        check_input_file(self.path)  # a FIFO there would hang SQLite's open
        if not self.path.exists():
            create_private(self.path)
        for suffix in ("", "-wal", "-shm"):
            tighten(self.path.with_name(self.path.name + suffix), PRIVATE_FILE)
        conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        return conn

    def _migrate(self) -> None:
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        for number, migration in enumerate(MIGRATIONS, start=1):
            if number > version:
                with self.db.conn:
                    migration(self.db)
                    self.db.execute(f"PRAGMA user_version = {number}")
                log.info("visit log migrated to schema %d", number)

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _write(self, action: Callable[[], Any]) -> Any:
        try:
            with self.db.conn:
                return action()
        except sqlite3.Error as exc:
            raise VisitLogUnavailable(f"{self.path}: {exc}") from exc

    def begin(self, **values: str) -> int:
        """A pending visit, before anything is sent. Returns its id. VisitLogUnavailable
        here means nothing was sent."""
        now = self._clock()
        row = {"created_at": now, "updated_at": now, "status": PENDING, **values}
        table = self.db.table("visits")
        visit_id = int(self._write(lambda: table.insert(row).last_pk))
        self._begun[visit_id] = {"id": visit_id, **row}
        return visit_id

    def finish(self, visit_id: int, status: str, **values: str) -> Visit:
        """The outcome of a visit. Never raises for a log that cannot take it: something
        was sent by now, so the outcome goes to the journal and the visit says where."""
        updates = {"status": status, "updated_at": self._clock(), **values}
        try:
            table = self.db.table("visits")
            self._write(lambda: table.update(visit_id, updates))
            visit = self.get(visit_id)
        except (VisitLogUnavailable, sqlite3.Error, NotFoundError) as exc:
            row = {**self._begun.get(visit_id, {"id": visit_id}), **updates}
            log.error("visit %d not written to %s: %s", visit_id, self.path, exc)
            return self._keep_aside(row)
        self._begun.pop(visit_id, None)
        return visit

    def _keep_aside(self, row: dict[str, Any]) -> Visit:
        line = json.dumps({"visit": row}, ensure_ascii=False) + "\n"
        try:
            existed = self.journal_path.exists()
            fd = open_private(self.journal_path, os.O_WRONLY | os.O_APPEND)
            try:
                os.write(fd, line.encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)
            if not existed:
                fsync_dir(self.journal_path.parent)
        except OSError as exc:
            log.critical("visit %s kept nowhere: %s", row.get("id"), exc)
            return Visit.from_row(row, unsaved=True)
        self._begun.pop(int(row["id"]), None)
        log.warning("visit %s kept in %s until the log takes it", row.get("id"), self.journal_path)
        return Visit.from_row(row, kept_in=str(self.journal_path))

    def _fold_journal(self) -> None:
        """Outcomes kept aside by an earlier run go into the log, from the journal and from
        one under its old name (an install that kept one before the rename)."""
        for suffix in OLD_VISIT_JOURNAL_SUFFIXES:
            self._fold_journal_file(self.path.with_name(self.path.name + suffix))
        self._fold_journal_file(self.journal_path)

    def _fold_journal_file(self, journal: Path) -> None:
        """Outcomes kept aside by an earlier run go into the log; then the journal goes."""
        try:
            lines = read_regular(journal).splitlines()  # a FIFO: refused, not waited on
        except FileNotFoundError:
            return
        table = self.db.table("visits")
        unreadable = 0
        with self.db.conn:
            for line in lines:
                try:
                    row = json.loads(line)["visit"]
                    if not isinstance(row, dict) or "id" not in row:
                        raise ValueError("no visit")
                except (ValueError, KeyError, TypeError):
                    unreadable += 1  # a line torn by a crash mid-append
                    continue
                self._fold_row(table, row)
        if unreadable:
            stamp = clock.now().strftime("%Y%m%dT%H%M%S")
            journal.rename(journal.with_name(f"{journal.name}.{stamp}"))
            log.error("%d unreadable line(s) in %s: kept aside", unreadable, journal)
        else:
            journal.unlink()
        fsync_dir(journal.parent)
        log.info("folded %d kept visit(s) into %s", len(lines) - unreadable, self.path)

    @staticmethod
    def _fold_row(table: sqlite_utils.db.Table, row: dict[str, Any]) -> None:
        values = {k: v for k, v in row.items() if k in _COLUMNS}
        try:
            current = table.get(int(row["id"]))
        except NotFoundError:
            current = None
        if (
            current is not None
            and current["created_at"] == values.get("created_at")
            and (current["pid"] == values.get("pid"))
        ):
            table.update(int(row["id"]), values)
            return
        same = list(
            table.rows_where(
                "pid = ? and created_at = ? and status = ? and coalesce(claim_code, '') = ?",
                [values.get("pid"), values.get("created_at"), values.get("status"),
                 values.get("claim_code") or ""],
            )
        )  # fmt: skip
        if not same and values.get("pid") and values.get("created_at"):
            table.insert(values)

    def get(self, visit_id: int) -> Visit:
        return Visit.from_row(self.db.table("visits").get(visit_id))

    def on_date(self, day: dt.date) -> list[Visit]:
        prefix = day.isoformat()
        rows = self.db.table("visits").rows_where(
            "created_at >= ? and created_at < ?", [prefix, prefix + "T99"], order_by="id"
        )
        return [Visit.from_row(r) for r in rows]

    def last_mobile(self, pid: str) -> str | None:
        rows = list(
            self.db.table("visits").rows_where(
                "pid = ? and mobile != ''", [pid], order_by="id desc", limit=1
            )
        )
        return str(rows[0]["mobile"]) if rows else None

    def integrity_ok(self) -> bool:
        return bool(self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok")

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.conn.close()


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _CORRUPT
    return type(exc) is sqlite3.DatabaseError


def journal_entries(journal: Path) -> int:
    """How many outcomes wait in a journal (for doctor): each is a line."""
    try:
        return len(read_regular(journal).splitlines())
    except (FileNotFoundError, NotRegularInput):  # not a file: the log's own check names it
        return 0


def bangkok_naive(value: str) -> dt.datetime | None:
    """An ISO time from the log as naive Bangkok time (Excel has no time zones)."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = clock.as_bangkok(parsed).replace(tzinfo=None)
    return parsed
