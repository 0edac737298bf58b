"""The 3/5 rule, so that this program is never what locks a staff member's card.

F = max(our persisted consecutive failures, 5 - tries left the card last reported).
F >= 3: no VERIFY is sent at all (the PIN must be re-issued at a registration office).
Each VERIFY is first recorded as a failure, so a crash or a pulled card can't lose one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from app.staff.pin_store import PinRecord
from cardreader.cid import mask_cid
from cardreader.pin import CARD_MAX_TRIES, PinOutcome, PinStatus

log = logging.getLogger(__name__)

REISSUE_AFTER = 3


class Verdict(Enum):
    OK = "ok"
    WRONG = "wrong"
    REFUSED = "refused"
    BLOCKED = "blocked"


@dataclass(frozen=True)
class PinState:
    consecutive_failures: int
    card_tries_left: int | None
    blocked: bool

    @property
    def refused(self) -> bool:
        return self.blocked or self.consecutive_failures >= REISSUE_AFTER

    @property
    def attempts_before_reissue(self) -> int:
        return max(0, REISSUE_AFTER - self.consecutive_failures)


@dataclass(frozen=True)
class PinAttempt:
    verdict: Verdict
    state: PinState


def _state(record: PinRecord) -> PinState:
    spent = 0 if record.card_tries_left is None else CARD_MAX_TRIES - record.card_tries_left
    blocked = record.blocked or record.card_tries_left == 0
    return PinState(max(record.failures, spent), record.card_tries_left, blocked)


class PinCounts(Protocol):
    """Where consecutive failures are kept per card; raises PinStateUnavailable rather than
    answer with a count it is not sure of. The local file store is one; a store shared by
    the clinic's desks can be another."""

    def get(self, cid: str) -> PinRecord: ...

    def put(self, cid: str, record: PinRecord) -> None: ...


class PinLockoutPolicy:
    def __init__(self, store: PinCounts) -> None:
        self._store = store

    def state(self, cid: str) -> PinState:
        return _state(self._store.get(cid))

    def attempt(
        self, cid: str, pin: bytearray, verify: Callable[[bytearray], PinOutcome]
    ) -> PinAttempt:
        """Verify `pin` if the rules allow; the PIN is wiped before this returns."""
        try:
            record = self._store.get(cid)
            state = _state(record)
            if state.blocked:
                return PinAttempt(Verdict.BLOCKED, state)
            if state.refused:
                log.warning(
                    "PIN refused for %s: %d failures", mask_cid(cid), state.consecutive_failures
                )
                return PinAttempt(Verdict.REFUSED, state)
            pending = PinRecord(record.failures + 1, record.card_tries_left, record.blocked)
            self._store.put(cid, pending)  # before the VERIFY: raises rather than risk it
            outcome = verify(pin)
        finally:
            pin[:] = b"\x00" * len(pin)
        if outcome.status is PinStatus.OK:
            self._store.put(cid, PinRecord(0, outcome.tries_left, False))
            verdict = Verdict.OK
        elif outcome.status is PinStatus.BLOCKED:
            self._store.put(cid, PinRecord(pending.failures, 0, True))
            verdict = Verdict.BLOCKED
        else:
            self._store.put(cid, PinRecord(pending.failures, outcome.tries_left, False))
            verdict = Verdict.WRONG
        new_state = self.state(cid)
        log.info(
            "PIN %s for %s: %d consecutive failures, card tries left %s",
            verdict.value, mask_cid(cid), new_state.consecutive_failures, new_state.card_tries_left,
        )  # fmt: skip
        return PinAttempt(verdict, new_state)
