"""The card thread: the one owner of PC/SC (docs/architecture.md, threads and owners).

It waits on reader/card changes, reads each inserted card (text first, then the photo),
and hands frozen events to a sink. When the service vanishes it reports the readers gone,
and keeps trying to come back.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from cardreader.backend import CardPresence, ReaderBackend, Snapshot
from cardreader.errors import CardError, CardRemoved, PcscServiceGone, ReadAborted
from cardreader.events import (
    CardEvent,
    CardInserted,
    CardJobFinished,
    CardPhotoRead,
    CardRead,
    CardReadFailed,
    CardRemovedEvent,
    CardSlot,
    ReaderAdded,
    ReaderRemoved,
    ServiceChanged,
)
from cardreader.model import IdCard
from cardreader.reading import with_settle_retry
from cardreader.thai_id import ThaiIdReader
from cardreader.transport import Transport

log = logging.getLogger(__name__)

POLL_SECONDS = 0.5
RECONNECT_SECONDS = 1.0


class CardMonitor(threading.Thread):
    def __init__(
        self,
        backend: ReaderBackend,
        sink: Callable[[CardEvent], None],
        read_photo: bool = True,
        settle: float = 0.6,
    ) -> None:
        super().__init__(name="card-monitor", daemon=True)
        self._backend = backend
        self._sink = sink
        self._read_photo = read_photo
        self._settle = settle
        self._stop_event = threading.Event()
        self._slots: dict[str, CardSlot | None] = {}
        self._cards: dict[str, CardPresence | None] = {}
        self._insertions = 0
        self._service: bool | None = None
        self._jobs: queue.SimpleQueue[tuple[int, str, Callable[[Transport], Any]]] = (
            queue.SimpleQueue()
        )
        self._job_ids = itertools.count(1)

    # --- control --------------------------------------------------------------
    def stop(self, timeout: float = 2.0) -> None:
        self._stop_event.set()
        self._backend.cancel()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout)

    @property
    def stopping(self) -> bool:
        return self._stop_event.is_set()

    def submit(self, reader: str, work: Callable[[Transport], Any]) -> int:
        """Run `work` on the card in `reader` on this thread; a CardJobFinished follows.

        The connection (and its short transaction) lasts only as long as `work` runs:
        a dialog never waits while we hold the card.
        """
        job_id = next(self._job_ids)
        self._jobs.put((job_id, reader, work))
        self._backend.cancel()
        return job_id

    def _run_jobs(self) -> None:
        while True:
            try:
                job_id, reader, work = self._jobs.get_nowait()
            except queue.Empty:
                return
            try:
                with self._backend.connect(reader) as transport:
                    result = work(transport)
                self._emit(CardJobFinished(job_id, reader, result, None))
            except Exception as exc:  # handed to the GUI, which words it for staff
                log.info("card job %d failed: %s: %s", job_id, type(exc).__name__, exc)
                self._emit(CardJobFinished(job_id, reader, None, exc))

    # --- thread -----------------------------------------------------------------
    def run(self) -> None:
        while not self.stopping:
            try:
                self._backend.open()
                self._set_service(True, "")
                while not self.stopping:
                    self._run_jobs()
                    self._apply(self._backend.poll(POLL_SECONDS))
            except PcscServiceGone as exc:
                self._service_lost(str(exc))
            except Exception as exc:  # never let the card thread die silently
                log.exception("card thread error")
                self._service_lost(f"{type(exc).__name__}: {exc}")
            finally:
                self._backend.close()
            self._stop_event.wait(RECONNECT_SECONDS)

    def _emit(self, event: CardEvent) -> None:
        try:
            self._sink(event)
        except Exception:
            log.exception("card event sink failed on %r", type(event).__name__)

    def _set_service(self, available: bool, detail: str) -> None:
        if self._service != available:
            self._service = available
            self._emit(ServiceChanged(available, detail))

    def _service_lost(self, detail: str) -> None:
        self._apply({})
        if not self.stopping:
            self._set_service(False, detail)

    def _apply(self, snapshot: Snapshot) -> None:
        for reader in [r for r in self._cards if r not in snapshot]:
            self._card_gone(reader)
            del self._cards[reader]
            self._slots.pop(reader, None)
            self._emit(ReaderRemoved(reader))
        for reader, presence in snapshot.items():
            if reader not in self._cards:
                self._cards[reader] = None
                self._emit(ReaderAdded(reader))
            if self._cards[reader] is not None and presence != self._cards[reader]:
                self._card_gone(reader)  # pulled, or swapped for another card between polls
            if presence is not None and self._cards[reader] is None:
                self._cards[reader] = presence
                self._insertions += 1
                slot = CardSlot(reader, self._insertions)
                self._slots[reader] = slot
                self._emit(CardInserted(slot, presence.atr))
                self._read(slot)

    def _card_gone(self, reader: str) -> None:
        slot = self._slots.get(reader)
        self._cards[reader] = None
        if slot is not None:
            self._slots[reader] = None
            self._emit(CardRemovedEvent(slot))

    def _read(self, slot: CardSlot) -> None:
        stage = "text"

        def work(transport: Transport) -> IdCard:
            nonlocal stage
            stage = "text"
            reader = ThaiIdReader(transport, lambda: self.stopping)
            card = reader.read_text()
            self._emit(CardRead(slot, card, reader.channel.apdu_count))
            if self._read_photo:
                stage = "photo"
                photo = reader.read_photo()
                self._emit(CardPhotoRead(slot, photo, reader.channel.apdu_count))
            return card

        try:
            with_settle_retry(self._backend, slot.reader, work, self._settle)
        except ReadAborted:
            return
        except PcscServiceGone:
            raise
        except CardError as exc:
            if isinstance(exc, CardRemoved):
                log.info("card pulled during the %s read in %s", stage, slot.reader)
            self._emit(CardReadFailed(slot, exc, stage))
