"""Simulated readers in-process: the demo and GUI tests run with no pcscd at all."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from cardreader.backend import CardPresence, Snapshot
from cardreader.errors import CardRemoved, NoCard, NoReader, PcscServiceGone
from cardreader.virtual.card import CardPulled, VirtualThaiIdCard

DEFAULT_READER = "Simulated Reader 0"


class _SimulatedSlotTransport:
    def __init__(self, readers: SimulatedReaders, reader: str, card: VirtualThaiIdCard) -> None:
        self._readers = readers
        self._reader = reader
        self._card = card

    @property
    def atr(self) -> bytes:
        return self._card.atr

    def transmit(self, command: bytes) -> bytes:
        if self._readers.apdu_delay:
            time.sleep(self._readers.apdu_delay)
        if self._readers.card_in(self._reader) is not self._card:
            raise CardRemoved("card left the simulated reader")
        try:
            return self._card.process(command)
        except CardPulled as exc:
            self._readers.remove(self._reader)
            raise CardRemoved(str(exc)) from exc


class SimulatedReaders:
    """A ReaderBackend whose readers and cards are driven by method calls."""

    def __init__(self, readers: tuple[str, ...] = (DEFAULT_READER,), apdu_delay: float = 0.0):
        self._cond = threading.Condition()
        self._cards: dict[str, VirtualThaiIdCard | None] = {name: None for name in readers}
        self._generation: dict[str, int] = {name: 0 for name in readers}
        self._version = 0
        self._seen = -1
        self._cancelled = False
        self._service = True
        self.apdu_delay = apdu_delay

    def _changed(self) -> None:
        self._version += 1
        self._cond.notify_all()

    # --- driving the simulation -------------------------------------------------
    def insert(self, card: VirtualThaiIdCard, reader: str = DEFAULT_READER) -> None:
        with self._cond:
            if reader not in self._cards:
                raise NoReader(reader)
            self._cards[reader] = card
            self._generation[reader] = self._generation.get(reader, 0) + 1
            self._changed()

    def remove(self, reader: str = DEFAULT_READER) -> None:
        with self._cond:
            if self._cards.get(reader) is not None:
                self._cards[reader] = None
                self._changed()

    def add_reader(self, reader: str) -> None:
        with self._cond:
            self._cards.setdefault(reader, None)
            self._changed()

    def remove_reader(self, reader: str) -> None:
        with self._cond:
            self._cards.pop(reader, None)
            self._changed()

    def set_service(self, running: bool) -> None:
        with self._cond:
            self._service = running
            self._changed()

    def card_in(self, reader: str) -> VirtualThaiIdCard | None:
        with self._cond:
            return self._cards.get(reader)

    @property
    def reader_names(self) -> list[str]:
        with self._cond:
            return list(self._cards)

    # --- ReaderBackend ------------------------------------------------------------
    def open(self) -> None:
        with self._cond:
            if not self._service:
                raise PcscServiceGone("simulated service stopped")
            self._seen = -1

    def close(self) -> None:
        pass

    def poll(self, timeout: float) -> Snapshot:
        with self._cond:
            if self._seen == self._version and not self._cancelled:
                self._cond.wait(timeout)
            self._cancelled = False
            if not self._service:
                raise PcscServiceGone("simulated service stopped")
            self._seen = self._version
            return {
                name: CardPresence(card.atr, self._generation.get(name, 0)) if card else None
                for name, card in self._cards.items()
            }

    def cancel(self) -> None:
        with self._cond:
            self._cancelled = True
            self._cond.notify_all()

    @contextmanager
    def connect(self, reader: str) -> Iterator[_SimulatedSlotTransport]:
        with self._cond:
            if reader not in self._cards:
                raise NoReader(reader)
            card = self._cards[reader]
        if card is None:
            raise NoCard(reader)
        card.reset()
        yield _SimulatedSlotTransport(self, reader, card)
