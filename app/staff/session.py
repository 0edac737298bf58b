"""Who is serving at this desk: signed in with card + PIN, locked when idle."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class StaffMember:
    """Who serves: logged with each visit (the CID is masked in text logs)."""

    cid: str
    name: str


class StaffSession:
    def __init__(self, idle_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.idle_seconds = idle_seconds
        self._clock = clock
        self.member: StaffMember | None = None
        self.locked = False
        self._last_activity = clock()

    @property
    def active(self) -> bool:
        """Signed in and not locked: authens may be stamped with this member."""
        return self.member is not None and not self.locked

    def sign_in(self, member: StaffMember) -> None:
        self.member = member
        self.locked = False
        self.touch()

    def unlock(self, cid: str) -> bool:
        """Unlock for the same member only; another person must sign in afresh."""
        if self.member is None or self.member.cid != cid:
            return False
        self.locked = False
        self.touch()
        return True

    def sign_out(self) -> None:
        self.member = None
        self.locked = False

    def touch(self) -> None:
        self._last_activity = self._clock()

    def lock_if_idle(self) -> bool:
        """Lock after `idle_seconds` without activity; True when this call locked it."""
        if self.active and self._clock() - self._last_activity >= self.idle_seconds:
            self.locked = True
            return True
        return False
