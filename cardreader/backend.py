"""What the card thread needs from a set of readers, real (PC/SC) or simulated."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from cardreader.transport import Transport


@dataclass(frozen=True)
class CardPresence:
    """A card in a reader. `generation` changes with every insertion, so a card swapped
    between two polls (same ATR, other person) is still seen as a new card."""

    atr: bytes
    generation: int = 0


# reader name -> the card in it, or None for an empty reader
Snapshot = dict[str, CardPresence | None]


class ReaderBackend(Protocol):
    def open(self) -> None:
        """Connect to the reader service; raises PcscServiceGone when it is not there."""

    def close(self) -> None: ...

    def poll(self, timeout: float) -> Snapshot:
        """Block until readers or cards change, `timeout` passes or `cancel` is called."""

    def cancel(self) -> None:
        """Wake a blocked `poll` from another thread."""

    def connect(self, reader: str) -> AbstractContextManager[Transport]:
        """A short exclusive session with the card in `reader` (shared mode; the card is
        left powered for other programs afterwards)."""
