"""The visit log: every authen attempt at this desk (sqlite-utils), written before any
request goes out.

Each visit is inserted as "pending" first and then updated to ok / reused / failed, so a
crash or a dead network leaves a row that says so; failed rows can be retried. The schema
is versioned (PRAGMA user_version) with forward-only migrations. `VisitStore` is what the
flows need; `VisitLog` is the local SQLite one (a shared store on the clinic's server can
stand in later without touching the flows).
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Protocol

import sqlite_utils

from app.authen.errors import VisitLogUnavailable
from app.thai_format import BANGKOK

log = logging.getLogger(__name__)

PENDING, OK, REUSED, FAILED = "pending", "ok", "reused", "failed"


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

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Visit:
        text = {
            f.name: "" if row.get(f.name) is None else str(row[f.name])
            for f in fields(cls)
            if f.name != "id"
        }
        return cls(id=int(row["id"]), **text)

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


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


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_migration_1, _migration_2]


def now_iso() -> str:
    return dt.datetime.now(BANGKOK).isoformat(timespec="seconds")


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
        self._clock = clock
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=10)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            self.db = sqlite_utils.Database(conn)
            self._migrate()
        except (OSError, sqlite3.Error) as exc:
            raise VisitLogUnavailable(f"{path}: {exc}") from exc

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
        """A pending visit, before anything is sent. Returns its id."""
        now = self._clock()
        row = {"created_at": now, "updated_at": now, "status": PENDING, **values}
        table = self.db.table("visits")
        return int(self._write(lambda: table.insert(row).last_pk))

    def finish(self, visit_id: int, status: str, **values: str) -> Visit:
        table = self.db.table("visits")
        self._write(
            lambda: table.update(
                visit_id, {"status": status, "updated_at": self._clock(), **values}
            )
        )
        return self.get(visit_id)

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
        self.db.conn.close()
