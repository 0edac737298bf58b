"""What the card thread reports. Frozen, so they cross threads safely."""

from __future__ import annotations

from dataclasses import dataclass

from cardreader.errors import CardError
from cardreader.model import IdCard


@dataclass(frozen=True)
class CardSlot:
    """Which card a result belongs to: the reader and the insertion counter. A result for a
    slot that is no longer current (card since pulled or swapped) is stale."""

    reader: str
    insertion: int


@dataclass(frozen=True)
class ServiceChanged:
    available: bool
    detail: str = ""


@dataclass(frozen=True)
class ReaderAdded:
    reader: str


@dataclass(frozen=True)
class ReaderRemoved:
    reader: str


@dataclass(frozen=True)
class CardInserted:
    slot: CardSlot
    atr: bytes


@dataclass(frozen=True)
class CardRemovedEvent:
    slot: CardSlot


@dataclass(frozen=True)
class CardRead:
    """The card's text fields; the photo follows in CardPhotoRead."""

    slot: CardSlot
    card: IdCard
    apdu_count: int


@dataclass(frozen=True)
class CardPhotoRead:
    slot: CardSlot
    photo: bytes | None
    apdu_count: int


@dataclass(frozen=True)
class CardReadFailed:
    slot: CardSlot
    error: CardError
    stage: str  # "text" or "photo"


@dataclass(frozen=True)
class CardJobFinished:
    """The outcome of work run on the card thread at the GUI's request (a PIN check)."""

    job_id: int
    reader: str
    result: object
    error: BaseException | None


CardEvent = (
    ServiceChanged
    | ReaderAdded
    | ReaderRemoved
    | CardInserted
    | CardRemovedEvent
    | CardRead
    | CardPhotoRead
    | CardReadFailed
    | CardJobFinished
)
