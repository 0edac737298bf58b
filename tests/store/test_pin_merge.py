"""The machine's wrong-PIN count and the shared one, merged on a real MariaDB server: a
failure only this machine knows is never overwritten by an older shared count, and a desk
that cannot reach the shared store sends no PIN at all (several desks offline at once could
otherwise each send one more)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import describe
from app.staff.pin_policy import PinLockoutPolicy, Verdict
from app.staff.pin_store import PinFailureStore, PinRecord
from app.store.errors import SharedPinCountOffline
from app.store.pins import SharedPinCounts
from app.store.server import PIN_COUNTS
from app.words import store as store_words
from cardreader.pin import PinOutcome, PinStatus
from tests.store.conftest import store_for
from tests.support.mariadb import MariaDBServer

CID = "1709900011220"


class Card:
    """A staff card whose PIN is always wrong: counts every VERIFY it receives."""

    def __init__(self, spent: int = 0) -> None:
        self.spent = spent
        self.received = 0

    def verify(self, pin: bytearray) -> PinOutcome:
        self.received += 1
        self.spent += 1
        left = max(0, 5 - self.spent)
        return PinOutcome(PinStatus.BLOCKED if left == 0 else PinStatus.WRONG, left)


def seed(counts: SharedPinCounts, record: PinRecord) -> None:
    """The shared row (and this desk's count) set as a desk's check would write it."""
    with counts.locked():
        assert not counts.offline
        counts.put(CID, record)


def shared_row(server: MariaDBServer, counts: SharedPinCounts) -> tuple[int, int | None] | None:
    counts.shared.connect().close()  # reads the store's salt
    conn = server.root()
    try:
        with conn.cursor() as cur:
            cur.execute(
                f"SELECT failures, card_tries_left FROM clinic_shared.{PIN_COUNTS} "
                "WHERE card_key = %s",
                (counts.shared.card_key(CID),),
            )
            row = cur.fetchone()
    finally:
        conn.close()
    return None if row is None else (int(row[0]), None if row[1] is None else int(row[1]))


def desk(server: MariaDBServer, tmp_path: Path, name: str) -> SharedPinCounts:
    return SharedPinCounts(store_for(server, name), PinFailureStore(tmp_path / f"machine-{name}"))


def test_a_higher_machine_count_is_kept_and_written_back(
    server: MariaDBServer, tmp_path: Path
) -> None:
    """The reviewer's case: 3 wrong PINs known only to desk A (3, 2 left) and an older shared
    row (0, 5): the check is refused, nothing reaches the card, and the shared row now says 3."""
    a = desk(server, tmp_path, "desk-a")
    b = desk(server, tmp_path, "desk-b")
    seed(b, PinRecord(0, 5, False))  # the shared row (0 failures, tries 5)
    assert shared_row(server, a) == (0, 5)
    a.local.put(CID, PinRecord(3, 2, False))  # kept while the server was away
    card = Card(spent=3)
    attempt = PinLockoutPolicy(a).attempt(CID, bytearray(b"1111"), card.verify)
    assert attempt.verdict is Verdict.REFUSED
    assert card.received == 0
    assert shared_row(server, a) == (3, 2)
    # and every other desk now refuses too
    assert PinLockoutPolicy(b).attempt(CID, bytearray(b"1111"), card.verify).verdict is (
        Verdict.REFUSED
    )
    assert card.received == 0


def test_the_lower_tries_left_and_blocked_win_the_merge(
    server: MariaDBServer, tmp_path: Path
) -> None:
    a = desk(server, tmp_path, "desk-a")
    seed(desk(server, tmp_path, "desk-b"), PinRecord(1, 4, False))
    a.local.put(CID, PinRecord(0, 3, False))
    card = Card(spent=2)
    attempt = PinLockoutPolicy(a).attempt(CID, bytearray(b"1111"), card.verify)
    assert attempt.verdict is Verdict.WRONG and card.received == 1  # the card's third
    assert shared_row(server, a) == (2, 2)  # F = max(2, 5 - 2) = 3
    assert PinLockoutPolicy(a).attempt(CID, bytearray(b"1111"), card.verify).verdict is (
        Verdict.REFUSED
    )
    c = desk(server, tmp_path, "desk-c")
    c.local.put(CID, PinRecord(0, None, True))
    d = desk(server, tmp_path, "desk-d")
    seed(d, PinRecord(0, 5, False))
    assert PinLockoutPolicy(c).attempt(CID, bytearray(b"1111"), card.verify).verdict is (
        Verdict.BLOCKED
    )
    assert card.received == 1


def test_a_right_pin_at_another_desk_clears_a_synced_count(
    server: MariaDBServer, tmp_path: Path
) -> None:
    """A machine count last written to the shared row too is no newer than it: a right PIN
    elsewhere since then counts (the staff member is not refused for nothing)."""
    a, b = desk(server, tmp_path, "desk-a"), desk(server, tmp_path, "desk-b")
    card = Card()
    policy_a = PinLockoutPolicy(a)
    for _ in range(2):
        assert policy_a.attempt(CID, bytearray(b"1111"), card.verify).verdict is Verdict.WRONG
    assert (
        PinLockoutPolicy(b)
        .attempt(CID, bytearray(b"1234"), lambda pin: PinOutcome(PinStatus.OK, 5))
        .verdict
        is Verdict.OK
    )
    assert shared_row(server, a) == (0, 5)
    card.spent = 0
    assert policy_a.state(CID).consecutive_failures == 0
    assert policy_a.attempt(CID, bytearray(b"1111"), card.verify).verdict is Verdict.WRONG
    assert shared_row(server, a) == (1, 4)


def test_offline_with_a_shared_store_no_pin_is_sent(server: MariaDBServer, tmp_path: Path) -> None:
    """Desk B (online) has seen 3 wrong PINs; desks A and C cannot reach the server and know
    nothing of them: neither sends a PIN (the old fallback sent a 4th and a 5th)."""
    a, b, c = (desk(server, tmp_path, n) for n in ("desk-a", "desk-b", "desk-c"))
    card = Card()
    assert PinLockoutPolicy(a).attempt(CID, bytearray(b"1111"), card.verify).verdict is (
        Verdict.WRONG
    )  # desk A was synced once
    policy_b = PinLockoutPolicy(b)
    for _ in range(2):
        assert policy_b.attempt(CID, bytearray(b"1111"), card.verify).verdict is Verdict.WRONG
    assert card.received == 3
    server.stop()
    for offline in (a, c):
        with pytest.raises(SharedPinCountOffline):
            PinLockoutPolicy(offline).attempt(CID, bytearray(b"1111"), card.verify)
    assert card.received == 3
    described = describe(SharedPinCountOffline("x"))
    assert described.message == store_words.PIN_OFFLINE
    server.start()
    assert PinLockoutPolicy(a).attempt(CID, bytearray(b"1111"), card.verify).verdict is (
        Verdict.REFUSED
    )
    assert card.received == 3
