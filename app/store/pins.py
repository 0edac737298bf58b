"""Wrong-PIN counts shared by the clinic's desks, behind the `PinCounts` protocol.

The read-decide-record-VERIFY-record of one PIN check (app/staff/pin_policy.py) runs with
the card's row in `authen_desk_pin_locks` locked (SELECT ... FOR UPDATE, one transaction
held until the card has answered and its answer is recorded): no other desk decides on
that card meanwhile. The counts themselves are written on a second connection, committed
at once, so the failure recorded before the VERIFY survives a desk that dies mid-check
(its transaction then ends and frees the lock).

Two counts, one card: the machine's own (the file under a lock) and the shared row. At
each check they are merged — the higher failures, the lower tries left the card reported,
blocked if either says so — and the merged count is written back to the shared row inside
the same locked section, so a failure only this machine knows (kept while the server was
away, or from before the shared store was set) is never overwritten by an older shared
count. A machine count marked `synced` was last written to the shared row too and nothing
since: then the shared row is at least as new and is taken as it is (a right PIN at
another desk clears it).

With a shared store set but not reachable, no PIN is sent (SharedPinCountOffline): other
desks may have sent wrong PINs meanwhile and the card tells its tries left only in answer
to a VERIFY, so no count this desk holds bounds the card's; several desks offline at once
could otherwise each send one more.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, NoReturn

from app.staff.errors import PinStateUnavailable
from app.staff.pin_store import MAX_TRIES, PinFailureStore, PinRecord, _worst
from app.store.errors import SharedPinCountOffline, SharedStoreError, SharedStoreUnavailable
from app.store.server import PIN_COUNTS, PIN_LOCKS, SharedStore

log = logging.getLogger(__name__)


def _record(row: tuple[Any, ...]) -> PinRecord:
    failures, tries, blocked, assumed = row

    def clamp(n: object) -> int:
        return max(0, min(MAX_TRIES, int(str(n))))

    return PinRecord(
        clamp(failures), None if tries is None else clamp(tries), bool(blocked), bool(assumed)
    )


def merged(mine: PinRecord, shared: PinRecord | None) -> PinRecord:
    """The count to decide on: the shared one when this machine's was last synced to it,
    else the worse of the two."""
    if shared is None:
        return mine
    if mine.synced:
        return shared
    return _worst(mine, shared)


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
            raise SharedPinCountOffline("shared store set but unreachable: no PIN is sent")
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
        shared = None if row is None else _record(row)
        decided = merged(mine, shared)
        if shared is None and decided == PinRecord():
            return decided  # a card no desk has a count of
        if decided != shared:
            self.put(cid, decided)  # under the card's lock: the other desks now see it
        elif not mine.synced or mine != decided:
            self.local.put(cid, replace(decided, synced=True))
        return decided

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
        return merged(self.local.get(cid), None if row is None else _record(row))

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
                self.local.put(cid, replace(record, synced=False))  # this machine remembers
                self._fail_over(exc)
            self.local.put(cid, replace(record, synced=True))
            return
        if self._in_section:
            raise SharedPinCountOffline("shared store set but unreachable: no count kept")
        self.local.put(cid, replace(record, synced=False))

    def check(self) -> str:
        return self.local.check()
