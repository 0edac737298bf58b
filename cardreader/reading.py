"""One read of one card, with the settle-and-retry that freshly inserted cards need."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from cardreader.backend import ReaderBackend
from cardreader.errors import CardRemoved, NoCard
from cardreader.model import IdCard
from cardreader.thai_id import ThaiIdReader
from cardreader.transport import Transport

log = logging.getLogger(__name__)
T = TypeVar("T")

# Readers report "removed"/"reset" in the first 0.5-1.5 s after insertion (docs/thai-id-card.md).
SETTLE_SECONDS = 0.6


def with_settle_retry(
    backend: ReaderBackend,
    reader: str,
    work: Callable[[Transport], T],
    settle: float = SETTLE_SECONDS,
) -> T:
    """Run `work` on the card in `reader`; after a removed/reset, wait and try once more.

    A card that is really gone makes the retry find no card: that is reported as
    CardRemoved, since a card was there when we began.
    """
    try:
        with backend.connect(reader) as transport:
            return work(transport)
    except CardRemoved as first:
        log.info("card in %s reported removed/reset, retrying once: %s", reader, first)
        time.sleep(settle)
        try:
            with backend.connect(reader) as transport:
                return work(transport)
        except NoCard as exc:
            raise CardRemoved(f"card left {reader} during the read") from exc


def read_card(
    backend: ReaderBackend,
    reader: str,
    with_photo: bool = True,
    should_abort: Callable[[], bool] | None = None,
) -> tuple[IdCard, int]:
    """The card in `reader` and the C-APDUs it took."""
    count = 0

    def work(transport: Transport) -> IdCard:
        nonlocal count
        reader_ = ThaiIdReader(transport, should_abort)
        card = reader_.read_text()
        if with_photo:
            card = card.with_photo(reader_.read_photo())
        count = reader_.channel.apdu_count
        return card

    return with_settle_retry(backend, reader, work), count
