"""One process of a PIN race: waits for a start signal, then tries a wrong PIN on a shared
pretend card through a slowed-down store (python -m tests.support.pin_racer MACHINE CARD GO).

The card is a file: one line per VERIFY it received; its tries left follow from that.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from app.staff.pin_policy import PinLockoutPolicy
from app.staff.pin_store import PinFailureStore, PinRecord
from cardreader.pin import PinOutcome, PinStatus

CID = "1709900011220"


class SlowStore(PinFailureStore):
    """Reading the count takes long: a race without the lock would surely interleave."""

    def get(self, cid: str) -> PinRecord:
        record = super().get(cid)
        time.sleep(0.4)
        return record


def main() -> int:
    machine, card, go = (Path(a) for a in sys.argv[1:4])

    def verify(pin: bytearray) -> PinOutcome:
        with card.open("a") as handle:
            handle.write(f"{os.getpid()}\n")
        time.sleep(0.2)
        spent = len(card.read_text().splitlines()) + 2  # two were spent before the race
        return PinOutcome(PinStatus.WRONG, 5 - spent)

    while not go.exists():
        time.sleep(0.01)
    attempt = PinLockoutPolicy(SlowStore(machine)).attempt(CID, bytearray(b"1111"), verify)
    print(attempt.verdict.value)
    return 0


if __name__ == "__main__":
    sys.exit(main())
