"""Wrong-PIN counts shared by the clinic's desks, behind the `PinCounts` protocol.

The read-decide-record-VERIFY-record of one PIN check (app/staff/pin_policy.py) runs with
the card's row in `authen_desk_pin_locks` locked (SELECT ... FOR UPDATE, one transaction
held until the card has answered and its answer is recorded): no other desk decides on
that card meanwhile. The counts themselves are written on a second connection, committed
at once, so the failure recorded before the VERIFY survives a desk that dies mid-check
(its transaction then ends and frees the lock).

The machine's own count store (the file under a lock) is kept in step with every count
read or written here: with the server unreachable the desk falls back to it, i.e. to the
last count it knew, and never allows more tries than that count permits.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from typing import Any, NoReturn

from app.staff.errors import PinStateUnavailable
from app.staff.pin_store import MAX_TRIES, PinFailureStore, PinRecord
from app.store.errors import SharedStoreError, SharedStoreUnavailable
from app.store.server import PIN_COUNTS, PIN_LOCKS, SharedStore

log = logging.getLogger(__name__)


def _record(row: tuple[Any, ...]) -> PinRecord:
    failures, tries, blocked, assumed = row

    def clamp(n: object) -> int:
        return max(0, min(MAX_TRIES, int(str(n))))

    return PinRecord(
        clamp(failures), None if tries is None else clamp(tries), bool(blocked), bool(assumed)
    )


class SharedPinCounts:
    """PinCounts on the shared store, with the machine's file store as fallback."""

    def __init__(
        self, shared: SharedStore | Callable[[], SharedStore], local: PinFailureStore
    ) -> None:
        """`shared` may be a function that builds the store (reads the keyring) at the
        first PIN check, off the window's thread."""
        self._shared = shared
        self.local = local
        self._lock_conn: Any | None = None  # holds the card's row lock (one transaction)
        self._write_conn: Any | None = None  # autocommit: counts durable at once
        self._locked_key: str | None = None
        self._in_section = False
        self.offline = False  # the last section ran on the machine's count alone

    @property
    def shared(self) -> SharedStore:
        if not isinstance(self._shared, SharedStore):
            try:
                self._shared = self._shared()
            except Exception as exc:  # no password, no keyring: offline
                raise SharedStoreUnavailable(f"shared store not usable: {exc}") from None
        return self._shared

    # --- the critical section ------------------------------------------------------------
    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        with self.local.locked():
            self._in_section = True
            try:
                try:
                    self._lock_conn = self.shared.connect()
                    self._write_conn = self.shared.connect()
                    self.offline = False
                except SharedStoreError as exc:
                    log.warning("PIN count across desks unavailable, machine count: %s", exc)
                    self._close()
                    self.offline = True
                yield
            finally:
                self._close()
                self._in_section = False

    def _close(self) -> None:
        for conn in (self._lock_conn, self._write_conn):
            if conn is not None:
                with contextlib.suppress(Exception):
                    conn.rollback()  # ends the lock's transaction (nothing to commit in it)
                with contextlib.suppress(Exception):
                    conn.close()
        self._lock_conn = self._write_conn = None
        self._locked_key = None

    def _lock_card(self, key: str) -> None:
        if self._locked_key == key or self._lock_conn is None:
            return
        with self._lock_conn.cursor() as cur:
            cur.execute(f"INSERT IGNORE INTO {PIN_LOCKS} (card_key) VALUES (%s)", (key,))
            cur.execute("START TRANSACTION")
            cur.execute(f"SELECT card_key FROM {PIN_LOCKS} WHERE card_key = %s FOR UPDATE", (key,))
            cur.fetchall()
        self._locked_key = key

    def _fail_over(self, exc: BaseException) -> NoReturn:
        """The server went away inside a section: nothing more is decided on it."""
        log.warning("shared PIN count lost mid-check: %s", exc)
        raise PinStateUnavailable(f"the shared store went away: {type(exc).__name__}") from None

    # --- PinCounts -------------------------------------------------------------------------
    def get(self, cid: str) -> PinRecord:
        if not self._in_section:
            return self._peek(cid)
        mine = self.local.get(cid)
        if self._lock_conn is None or self._write_conn is None:
            return mine  # offline: the last count this machine knew
        try:
            key = self.shared.card_key(cid)
            self._lock_card(key)
            with self._write_conn.cursor() as cur:
                cur.execute(
                    f"SELECT failures, card_tries_left, blocked, assumed FROM {PIN_COUNTS} "
                    "WHERE card_key = %s",
                    (key,),
                )
                row = cur.fetchone()
        except Exception as exc:  # the driver's, or a lost connection
            self._fail_over(exc)
        if row is None:
            return mine  # a card the clinic's store never saw: this machine's count
        shared = _record(row)
        if shared != mine:
            self.local.put(cid, shared)  # the fallback keeps the last count known
        return shared

    def _peek(self, cid: str) -> PinRecord:
        """For showing a card's state outside a check: the shared count, else the local."""
        try:
            with self.shared.connection() as conn, conn.cursor() as cur:
                cur.execute(
                    f"SELECT failures, card_tries_left, blocked, assumed FROM {PIN_COUNTS} "
                    "WHERE card_key = %s",
                    (self.shared.card_key(cid),),
                )
                row = cur.fetchone()
        except SharedStoreError:
            return self.local.get(cid)
        return _record(row) if row is not None else self.local.get(cid)

    def put(self, cid: str, record: PinRecord) -> None:
        """The shared store first (when there is one): if it cannot take the count, the
        PIN is not sent (before a VERIFY) or the answer is 'not saved' (after)."""
        if self._write_conn is not None:
            try:
                with self._write_conn.cursor() as cur:
                    cur.execute(
                        f"INSERT INTO {PIN_COUNTS} (card_key, failures, card_tries_left, "
                        "blocked, assumed, desk) VALUES (%s, %s, %s, %s, %s, %s) "
                        "ON DUPLICATE KEY UPDATE failures = VALUES(failures), "
                        "card_tries_left = VALUES(card_tries_left), blocked = VALUES(blocked), "
                        "assumed = VALUES(assumed), desk = VALUES(desk)",
                        (
                            self.shared.card_key(cid), record.failures, record.card_tries_left,
                            int(record.blocked), int(record.assumed), self.shared.desk,
                        ),
                    )  # fmt: skip
            except Exception as exc:
                self.local.put(cid, record)  # at least this machine remembers
                self._fail_over(exc)
        self.local.put(cid, record)

    def check(self) -> str:
        return self.local.check()
