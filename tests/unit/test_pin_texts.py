"""The PIN warning gives one count (issue 20.11): the tries left before the PIN locks (or,
were the card's own count lower, before the card does) — not two numbers to reconcile."""

from __future__ import annotations

import re

from app.staff import pin_texts
from app.staff.pin_policy import PinState


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def test_one_count_before_the_pin_locks() -> None:
    state = PinState(consecutive_failures=1, card_tries_left=4, blocked=False)
    for message in (pin_texts.wrong(state), pin_texts.before_entry(state)):
        assert message is not None
        assert _numbers(message.th) == ["2"] and _numbers(message.en) == ["2"]
        assert "ก่อน PIN ถูกล็อก" in message.th and "before the PIN locks" in message.en
        assert "บัตรจะไม่ถูกล็อก" in message.th


def test_the_card_count_when_it_is_the_lower() -> None:
    """A card that spent tries elsewhere (another program) may have fewer of its own."""
    state = PinState(consecutive_failures=1, card_tries_left=1, blocked=False)
    assert pin_texts.tries_left(state) == (1, True)
    message = pin_texts.wrong(state)
    assert _numbers(message.th) == ["1"] and "ก่อนบัตรถูกล็อก" in message.th
