"""The 3/5 rule, so that this program is never what locks a staff member's card.

F = max(our persisted consecutive failures, 5 - tries left the card last reported).
F >= 3: no VERIFY is sent at all (the PIN must be re-issued at a registration office).
Each VERIFY is first recorded as a failure, so a crash or a pulled card can't lose one.
Read, decide, record and VERIFY happen under the store's lock, one process at a time: two
desks (or two OS users) racing on one card cannot together send a fourth wrong PIN.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from enum import Enum
from typing import Protocol

from app.staff.errors import PinResultNotSaved, PinStateUnavailable
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

    def locked(self) -> AbstractContextManager[None]:
        """One PIN check at a time on this PC, across processes and OS users."""
        ...


class PinLockoutPolicy:
    def __init__(self, store: PinCounts) -> None:
        self._store = store

    def state(self, cid: str) -> PinState:
        return _state(self._store.get(cid))

    def attempt(
        self, cid: str, pin: bytearray, verify: Callable[[bytearray], PinOutcome]
    ) -> PinAttempt:
        """Verify `pin` if the rules allow; the PIN is wiped before this returns.

        PinStateUnavailable: nothing was sent. PinResultNotSaved: the card got the PIN and
        answered, but the answer is not on disk (the try stays counted as a failure).
        """
        try:
            with self._store.locked():
                record = self._store.get(cid)
                state = _state(record)
                if state.blocked:
                    return PinAttempt(Verdict.BLOCKED, state)
                if state.refused:
                    log.warning(
                        "PIN refused for %s: %d failures",
                        mask_cid(cid), state.consecutive_failures,
                    )  # fmt: skip
                    return PinAttempt(Verdict.REFUSED, state)
                pending = replace(record, failures=record.failures + 1)
                self._store.put(cid, pending)  # before the VERIFY: raises rather than risk it
                outcome = verify(pin)
                pin[:] = b"\x00" * len(pin)
                verdict, result = _after(pending, outcome)
                try:
                    self._store.put(cid, result)
                except PinStateUnavailable as exc:
                    log.error(
                        "PIN answer %s for %s not saved: %s", verdict.value, mask_cid(cid), exc
                    )
                    raise PinResultNotSaved(verdict.value, outcome.tries_left) from exc
        finally:
            pin[:] = b"\x00" * len(pin)
        new_state = _state(result)
        log.info(
            "PIN %s for %s: %d consecutive failures, card tries left %s",
            verdict.value, mask_cid(cid), new_state.consecutive_failures, new_state.card_tries_left,
        )  # fmt: skip
        return PinAttempt(verdict, new_state)


def _after(pending: PinRecord, outcome: PinOutcome) -> tuple[Verdict, PinRecord]:
    """The record once the card has answered (a tries count out of range is clamped)."""
    tries = outcome.tries_left
    if tries is not None:
        tries = max(0, min(CARD_MAX_TRIES, tries))
    if outcome.status is PinStatus.OK:
        return Verdict.OK, PinRecord(0, tries, False)
    if outcome.status is PinStatus.BLOCKED:
        return Verdict.BLOCKED, PinRecord(pending.failures, 0, True)
    failures = pending.failures
    if pending.assumed and tries is not None:
        # The count was lost (reset): the card's own count is the truth we now have.
        failures = CARD_MAX_TRIES - tries
    return Verdict.WRONG, PinRecord(failures, tries, False)
