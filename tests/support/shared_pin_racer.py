"""One desk's PIN tries on a shared pretend card, through the clinic's shared store
(python -m tests.support.shared_pin_racer STORE_URL DESK MACHINE CARD GO TRIES).

The card is a file: one line per VERIFY it received; every PIN is wrong. The password
comes from the keyring, as at a desk.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from app.settings.model import Settings
from app.staff.errors import PinStateUnavailable
from app.staff.pin_policy import PinLockoutPolicy
from app.staff.pin_store import PinFailureStore
from app.store.open import pin_counts
from cardreader.pin import PinOutcome, PinStatus

CID = "1709900011220"


def main() -> int:
    url, desk = sys.argv[1:3]
    machine, card, go = (Path(a) for a in sys.argv[3:6])
    tries = int(sys.argv[6])

    def verify(pin: bytearray) -> PinOutcome:
        with card.open("a") as handle:
            handle.write(f"{desk} {os.getpid()}\n")
        time.sleep(0.2)
        return PinOutcome(PinStatus.WRONG, 5 - len(card.read_text().splitlines()))

    counts = pin_counts(PinFailureStore(machine), Settings(shared_store=url, desk_name=desk))
    policy = PinLockoutPolicy(counts)
    while not go.exists():
        time.sleep(0.01)
    for _ in range(tries):
        try:
            verdict = policy.attempt(CID, bytearray(b"1111"), verify).verdict.value
        except PinStateUnavailable:
            verdict = "unavailable"  # nothing was sent
        print(verdict, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
