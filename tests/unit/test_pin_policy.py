"""The 3/5 lockout rules, without a card: the verify step is a recording stand-in here
(the same rules run against the virtual card through pcscd in test_pin_pcsc.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.staff.errors import PinStateUnavailable
from app.staff.pin_policy import PinLockoutPolicy, Verdict
from app.staff.pin_store import PinFailureStore
from cardreader.errors import CardRemoved
from cardreader.pin import PinOutcome, PinStatus

CID = "1709900011220"


class Card:
    """Answers like a card with a PIN and a tries counter; records every VERIFY."""

    def __init__(self, pin: bytes = b"2580", tries: int = 5) -> None:
        self.pin = pin
        self.tries = tries
        self.verifies: list[bytes] = []

    def __call__(self, pin: bytearray) -> PinOutcome:
        self.verifies.append(bytes(pin))
        if self.tries == 0:
            return PinOutcome(PinStatus.BLOCKED, 0)
        if bytes(pin) == self.pin:
            self.tries = 5
            return PinOutcome(PinStatus.OK, 5)
        self.tries -= 1
        status = PinStatus.BLOCKED if self.tries == 0 else PinStatus.WRONG
        return PinOutcome(status, self.tries)


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "state"


def policy(state_dir: Path) -> PinLockoutPolicy:
    return PinLockoutPolicy(PinFailureStore(state_dir))


def test_right_pin(state_dir: Path) -> None:
    card = Card()
    attempt = policy(state_dir).attempt(CID, bytearray(b"2580"), card)
    assert attempt.verdict is Verdict.OK
    assert attempt.state.consecutive_failures == 0


def test_three_wrong_then_the_fourth_is_never_sent(state_dir: Path) -> None:
    card = Card()
    results = [policy(state_dir).attempt(CID, bytearray(b"1111"), card) for _ in range(3)]
    assert [r.verdict for r in results] == [Verdict.WRONG] * 3
    assert [r.state.attempts_before_reissue for r in results] == [2, 1, 0]
    assert [r.state.card_tries_left for r in results] == [4, 3, 2]
    fourth = policy(state_dir).attempt(CID, bytearray(b"2580"), card)  # even the right one
    assert fourth.verdict is Verdict.REFUSED
    assert len(card.verifies) == 3 and card.tries == 2


def test_tries_spent_elsewhere_count_too(state_dir: Path) -> None:
    card = Card(tries=3)  # another program used two
    first = policy(state_dir).attempt(CID, bytearray(b"1111"), card)
    assert first.verdict is Verdict.WRONG
    assert first.state.consecutive_failures == 3 and first.state.card_tries_left == 2
    assert policy(state_dir).attempt(CID, bytearray(b"2580"), card).verdict is Verdict.REFUSED
    assert len(card.verifies) == 1


def test_a_right_pin_resets_the_count(state_dir: Path) -> None:
    card = Card()
    p = policy(state_dir)
    p.attempt(CID, bytearray(b"1111"), card)
    p.attempt(CID, bytearray(b"1111"), card)
    assert p.attempt(CID, bytearray(b"2580"), card).verdict is Verdict.OK
    assert p.state(CID).consecutive_failures == 0
    assert p.attempt(CID, bytearray(b"1111"), card).state.attempts_before_reissue == 2


def test_blocked_card_is_never_tried_again(state_dir: Path) -> None:
    card = Card(tries=0)
    assert policy(state_dir).attempt(CID, bytearray(b"2580"), card).verdict is Verdict.BLOCKED
    assert policy(state_dir).attempt(CID, bytearray(b"2580"), card).verdict is Verdict.BLOCKED
    assert len(card.verifies) == 1


def test_card_pulled_during_verify_keeps_the_failure(state_dir: Path) -> None:
    def pulled(pin: bytearray) -> PinOutcome:
        raise CardRemoved("pulled")

    with pytest.raises(CardRemoved):
        policy(state_dir).attempt(CID, bytearray(b"2580"), pulled)
    assert policy(state_dir).state(CID).consecutive_failures == 1


def test_pin_is_wiped_whatever_happens(state_dir: Path) -> None:
    card = Card()
    for pin_text in (b"2580", b"1111"):
        pin = bytearray(pin_text)
        policy(state_dir).attempt(CID, pin, card)
        assert pin == bytearray(4)
    pin = bytearray(b"1234")
    with pytest.raises(CardRemoved):
        policy(state_dir).attempt(CID, pin, lambda p: (_ for _ in ()).throw(CardRemoved("x")))
    assert pin == bytearray(4)


def test_unwritable_state_refuses_before_verify(state_dir: Path) -> None:
    p = policy(state_dir)
    state_dir.mkdir()
    (state_dir / "pin-state.json").mkdir()  # a folder where the file should be: writes fail
    (state_dir / "pin-state.salt").write_bytes(bytes(32))
    card = Card()
    with pytest.raises(PinStateUnavailable):
        p.attempt(CID, bytearray(b"2580"), card)
    assert card.verifies == []


def test_damaged_state_file_refuses_rather_than_resetting(state_dir: Path) -> None:
    card = Card()
    policy(state_dir).attempt(CID, bytearray(b"1111"), card)
    (state_dir / "pin-state.json").write_text("{ not json")
    with pytest.raises(PinStateUnavailable):
        policy(state_dir).attempt(CID, bytearray(b"2580"), card)
    assert len(card.verifies) == 1


def test_state_file_holds_neither_cid_nor_pin(state_dir: Path) -> None:
    card = Card()
    policy(state_dir).attempt(CID, bytearray(b"1111"), card)
    policy(state_dir).attempt(CID, bytearray(b"2580"), card)
    for path in state_dir.iterdir():
        data = path.read_bytes()
        assert CID.encode() not in data and b"2580" not in data and b"1111" not in data


def test_counts_are_per_card(state_dir: Path) -> None:
    p = policy(state_dir)
    for _ in range(3):
        p.attempt(CID, bytearray(b"1111"), Card())
    assert p.state(CID).refused
    assert not p.state("1101700123456").refused
