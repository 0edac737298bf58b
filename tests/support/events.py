"""Collecting card-thread events and waiting for them, for tests without Qt."""

from __future__ import annotations

import queue
import time
from typing import TypeVar

from cardreader.events import CardEvent

E = TypeVar("E")


class EventLog:
    def __init__(self) -> None:
        self.queue: queue.Queue[CardEvent] = queue.Queue()
        self.seen: list[CardEvent] = []

    def __call__(self, event: CardEvent) -> None:
        self.queue.put(event)

    def wait_for(self, kind: type[E], timeout: float = 10.0, **match: object) -> E:
        """The next event of `kind` whose attributes equal `match`; earlier ones are kept."""
        for event in self.seen:
            if isinstance(event, kind) and all(getattr(event, k) == v for k, v in match.items()):
                self.seen.remove(event)
                return event
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(
                    f"no {kind.__name__} {match} within {timeout}s; saw {self.seen}"
                )
            try:
                event = self.queue.get(timeout=remaining)
            except queue.Empty:
                continue
            if isinstance(event, kind) and all(getattr(event, k) == v for k, v in match.items()):
                return event
            self.seen.append(event)
