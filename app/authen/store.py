"""The local log of every authen attempt (sqlite-utils), written before the request goes out.

Each attempt is inserted as "pending" first and then updated to ok / reused / failed, so a
crash or a dead network leaves a row that says so; failed rows can be retried. The schema
is versioned (PRAGMA user_version) with forward-only migrations.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import sqlite_utils

from app.thai_format import BANGKOK

log = logging.getLogger(__name__)

PENDING, OK, REUSED, FAILED = "pending", "ok", "reused", "failed"


class AuthenLogUnavailable(Exception):
    """The log cannot be written (full disk, read-only folder, damaged file)."""


@dataclass(frozen=True)
class AuthenRecord:
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
    def from_row(cls, row: dict[str, Any]) -> AuthenRecord:
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


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_migration_1]


def now_iso() -> str:
    return dt.datetime.now(BANGKOK).isoformat(timespec="seconds")


class AuthenLog:
    """Owned by one thread at a time (the authen worker): sqlite3 connections are not
    shared across threads."""

    def __init__(self, path: Path, clock: Callable[[], str] = now_iso) -> None:
        self.path = path
        self._clock = clock
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), check_same_thread=False, timeout=10)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            self.db = sqlite_utils.Database(conn)
            self._migrate()
        except (OSError, sqlite3.Error) as exc:
            raise AuthenLogUnavailable(f"{path}: {exc}") from exc

    def _migrate(self) -> None:
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        for number, migration in enumerate(MIGRATIONS, start=1):
            if number > version:
                with self.db.conn:
                    migration(self.db)
                    self.db.execute(f"PRAGMA user_version = {number}")
                log.info("authen log migrated to schema %d", number)

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _write(self, action: Callable[[], Any]) -> Any:
        try:
            with self.db.conn:
                return action()
        except sqlite3.Error as exc:
            raise AuthenLogUnavailable(f"{self.path}: {exc}") from exc

    def begin(self, **values: str) -> int:
        """A pending row, before anything is sent. Returns its id."""
        now = self._clock()
        row = {"created_at": now, "updated_at": now, "status": PENDING, **values}
        table = self.db.table("attempts")
        return int(self._write(lambda: table.insert(row).last_pk))

    def finish(self, attempt_id: int, status: str, **values: str) -> AuthenRecord:
        table = self.db.table("attempts")
        self._write(
            lambda: table.update(
                attempt_id, {"status": status, "updated_at": self._clock(), **values}
            )
        )
        return self.get(attempt_id)

    def get(self, attempt_id: int) -> AuthenRecord:
        return AuthenRecord.from_row(self.db.table("attempts").get(attempt_id))

    def on_date(self, day: dt.date) -> list[AuthenRecord]:
        prefix = day.isoformat()
        rows = self.db.table("attempts").rows_where(
            "created_at >= ? and created_at < ?", [prefix, prefix + "T99"], order_by="id"
        )
        return [AuthenRecord.from_row(r) for r in rows]

    def last_mobile(self, pid: str) -> str | None:
        rows = list(
            self.db.table("attempts").rows_where(
                "pid = ? and mobile != ''", [pid], order_by="id desc", limit=1
            )
        )
        return str(rows[0]["mobile"]) if rows else None

    def integrity_ok(self) -> bool:
        return bool(self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok")

    def close(self) -> None:
        self.db.conn.close()
