"""Carries the card thread's events onto the GUI thread as Qt signals.

The card thread calls `post` (thread-safe: a queued signal); `_on_posted` runs on the GUI
thread and re-emits each event on its own, past-tense signal. Widgets never see pyscard.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from cardreader.backend import ReaderBackend

if TYPE_CHECKING:  # the card thread, its events and the card's reading code load when it starts
    from cardreader.events import CardEvent
    from cardreader.monitor import CardMonitor
    from cardreader.transport import Transport


class CardBridge(QObject):
    service_changed = Signal(object)  # ServiceChanged
    reader_added = Signal(str)
    reader_removed = Signal(str)
    card_inserted = Signal(object)  # CardInserted
    card_removed = Signal(object)  # CardRemovedEvent
    card_read = Signal(object)  # CardRead
    card_photo_read = Signal(object)  # CardPhotoRead
    card_read_failed = Signal(object)  # CardReadFailed
    card_job_finished = Signal(object)  # CardJobFinished
    _posted = Signal(object)

    def __init__(self, backend: ReaderBackend, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._posted.connect(self._on_posted, Qt.ConnectionType.QueuedConnection)
        self._backend = backend
        self._monitor: CardMonitor | None = None

    @property
    def monitor(self) -> CardMonitor:
        """The card thread, made when first needed (after the window's first frame)."""
        if self._monitor is None:
            from cardreader.monitor import CardMonitor

            self._monitor = CardMonitor(self._backend, self.post)
        return self._monitor

    def post(self, event: CardEvent) -> None:
        self._posted.emit(event)

    def submit(self, reader: str, work: Callable[[Transport], Any]) -> int:
        return self.monitor.submit(reader, work)

    def start(self) -> None:
        self.monitor.start()

    def stop(self) -> None:
        self.monitor.stop()

    @Slot(object)
    def _on_posted(self, event: CardEvent) -> None:
        from cardreader.events import (
            CardInserted,
            CardJobFinished,
            CardPhotoRead,
            CardRead,
            CardReadFailed,
            CardRemovedEvent,
            ReaderAdded,
            ReaderRemoved,
            ServiceChanged,
        )

        match event:
            case ServiceChanged():
                self.service_changed.emit(event)
            case ReaderAdded(reader=reader):
                self.reader_added.emit(reader)
            case ReaderRemoved(reader=reader):
                self.reader_removed.emit(reader)
            case CardInserted():
                self.card_inserted.emit(event)
            case CardRemovedEvent():
                self.card_removed.emit(event)
            case CardRead():
                self.card_read.emit(event)
            case CardPhotoRead():
                self.card_photo_read.emit(event)
            case CardReadFailed():
                self.card_read_failed.emit(event)
            case CardJobFinished():
                self.card_job_finished.emit(event)
