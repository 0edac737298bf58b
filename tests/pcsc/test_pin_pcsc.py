"""verify-pin through real pcscd + vpcd, one process per attempt (a restart between each)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cardreader.virtual.card import VirtualThaiIdCard
from cardreader.virtual.persona import shipped_persona
from cardreader.virtual.vpcd import VpcdCard
from tests.support.pcscd import DEFAULT_READERS, PcscdHarness, wait_for_card

pytestmark = pytest.mark.pcsc
READER = DEFAULT_READERS[0].reader_names[0]
PORT = DEFAULT_READERS[0].port
ROOT = Path(__file__).parents[2]
VERIFY = bytes.fromhex("80200100")


@pytest.fixture
def staff_card(pcscd: PcscdHarness) -> Iterator[Callable[..., VirtualThaiIdCard]]:
    served: list[VpcdCard] = []

    def _insert(
        persona_id: str = "suda", tries: int | None = None, pull_at_verify: bool = False
    ) -> VirtualThaiIdCard:
        card = VirtualThaiIdCard(shipped_persona(persona_id))
        if tries is not None:
            card.pin_tries_left = tries
        vpcd = VpcdCard(card, port=PORT)
        vpcd.insert()
        served.append(vpcd)
        wait_for_card(READER, present=True)
        if pull_at_verify:
            # SELECT, READ CID (+GET RESPONSE), SELECT ext, challenge (+GET RESPONSE): the
            # card goes away when the VERIFY arrives.
            card.pull_after = len(card.apdus) + 6
        return card

    yield _insert
    for vpcd in served:
        vpcd.remove()
    wait_for_card(READER, present=False)


def verify_pin(pin: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.main", "verify-pin", "--json", *extra],
        input=pin + "\n", capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip


def outcome(result: subprocess.CompletedProcess[str]) -> tuple[int, dict[str, object]]:
    return result.returncode, json.loads(result.stdout) if result.stdout else {}


def verifies(card: VirtualThaiIdCard) -> int:
    return sum(1 for apdu in card.apdus if apdu[:4] == VERIFY)


def test_right_pin(staff_card: Callable[..., VirtualThaiIdCard]) -> None:
    card = staff_card()
    assert outcome(verify_pin("2580")) == (
        0, {"result": "ok", "consecutive_failures": 0, "card_tries_left": 5},
    )  # fmt: skip
    assert verifies(card) == 1


def test_three_wrong_then_the_fourth_never_reaches_the_card(
    staff_card: Callable[..., VirtualThaiIdCard],
) -> None:
    card = staff_card()
    for failures, tries in ((1, 4), (2, 3), (3, 2)):
        code, printed = outcome(verify_pin("1111"))
        assert code == 10
        assert printed == {"result": "wrong", "consecutive_failures": failures,
                           "card_tries_left": tries}  # fmt: skip
    code, printed = outcome(verify_pin("2580"))  # even the right PIN is not sent now
    assert code == 11 and printed["result"] == "refused"
    assert verifies(card) == 3 and card.pin_tries_left == 2


def test_tries_spent_in_another_program(staff_card: Callable[..., VirtualThaiIdCard]) -> None:
    card = staff_card(tries=3)
    assert outcome(verify_pin("1111")) == (
        10, {"result": "wrong", "consecutive_failures": 3, "card_tries_left": 2},
    )  # fmt: skip
    result = verify_pin("2580")
    assert outcome(result)[0] == 11
    assert "สำนักทะเบียน" in result.stderr
    assert verifies(card) == 1 and card.pin_tries_left == 2


def test_blocked_card(staff_card: Callable[..., VirtualThaiIdCard]) -> None:
    card = staff_card(tries=0)
    code, printed = outcome(verify_pin("2580"))
    assert code == 12 and printed["result"] == "blocked"
    code, printed = outcome(verify_pin("2580"))
    assert code == 12
    assert verifies(card) == 0  # the card refused the challenge already; no VERIFY at all


def test_card_pulled_during_verify_still_counts(
    staff_card: Callable[..., VirtualThaiIdCard],
) -> None:
    staff_card(pull_at_verify=True)
    result = verify_pin("2580")
    assert result.returncode == 4 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    wait_for_card(READER, present=False)
    card = staff_card()
    code, printed = outcome(verify_pin("1111"))
    assert code == 10 and printed["consecutive_failures"] == 2  # the pulled one counted
    assert verifies(card) == 1


def test_bad_pin_input_sends_nothing(staff_card: Callable[..., VirtualThaiIdCard]) -> None:
    card = staff_card()
    for bad in ("123", "12345", "abcd", ""):
        result = verify_pin(bad)
        assert (result.returncode, result.stdout) == (1, "")
    assert card.apdus == []


def test_no_card_and_not_a_thai_card(staff_card: Callable[..., VirtualThaiIdCard]) -> None:
    assert verify_pin("2580").returncode == 3
    staff_card("bank-card")
    assert verify_pin("2580").returncode == 5
