"""The card thread on simulated readers: events, stale results, service loss, shutdown."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from cardreader.errors import CardRemoved, NotThaiIdCard
from cardreader.events import (
    CardInserted,
    CardPhotoRead,
    CardRead,
    CardReadFailed,
    CardRemovedEvent,
    ReaderAdded,
    ReaderRemoved,
    ServiceChanged,
)
from cardreader.monitor import CardMonitor
from cardreader.virtual.card import VirtualThaiIdCard
from cardreader.virtual.persona import shipped_persona
from cardreader.virtual.simulated import DEFAULT_READER, SimulatedReaders
from tests.support.events import EventLog


@pytest.fixture
def sim() -> SimulatedReaders:
    return SimulatedReaders()


@pytest.fixture
def events(sim: SimulatedReaders) -> Iterator[EventLog]:
    log = EventLog()
    monitor = CardMonitor(sim, log, settle=0.05)
    monitor.start()
    log.wait_for(ReaderAdded, reader=DEFAULT_READER)
    yield log
    monitor.stop()


def card(persona_id: str) -> VirtualThaiIdCard:
    return VirtualThaiIdCard(shipped_persona(persona_id))


def test_insert_reads_text_then_photo_then_remove(sim: SimulatedReaders, events: EventLog) -> None:
    sim.insert(card("malee"))
    inserted = events.wait_for(CardInserted)
    read = events.wait_for(CardRead, slot=inserted.slot)
    assert read.card.name_th.middle == "ศรี" and read.card.photo is None
    assert read.apdu_count == 7
    photo = events.wait_for(CardPhotoRead, slot=inserted.slot)
    assert photo.photo is not None and photo.photo.startswith(b"\xff\xd8")
    assert photo.apdu_count == 47
    sim.remove()
    assert events.wait_for(CardRemovedEvent).slot == inserted.slot


def test_each_insertion_gets_a_new_slot(sim: SimulatedReaders, events: EventLog) -> None:
    sim.insert(card("somchai"))
    first = events.wait_for(CardInserted).slot
    events.wait_for(CardPhotoRead, slot=first)
    sim.remove()
    events.wait_for(CardRemovedEvent, slot=first)
    sim.insert(card("krit"))
    second = events.wait_for(CardInserted).slot
    assert second.reader == first.reader and second.insertion > first.insertion
    assert events.wait_for(CardRead, slot=second).card.cid == "1010300987658"


def test_card_pulled_mid_read_is_a_typed_failure(sim: SimulatedReaders, events: EventLog) -> None:
    pulled = card("somchai")
    pulled.pull_after = 12  # during the photo
    sim.insert(pulled)
    slot = events.wait_for(CardInserted).slot
    events.wait_for(CardRead, slot=slot)
    failed = events.wait_for(CardReadFailed, slot=slot)
    assert isinstance(failed.error, CardRemoved) and failed.stage == "photo"
    events.wait_for(CardRemovedEvent, slot=slot)


def test_other_card_reports_not_thai_id(sim: SimulatedReaders, events: EventLog) -> None:
    sim.insert(card("bank-card"))
    failed = events.wait_for(CardReadFailed)
    assert isinstance(failed.error, NotThaiIdCard) and failed.stage == "text"


def test_reader_hot_plug(sim: SimulatedReaders, events: EventLog) -> None:
    sim.add_reader("Second Reader")
    events.wait_for(ReaderAdded, reader="Second Reader")
    sim.insert(card("ploy"), "Second Reader")
    slot = events.wait_for(CardInserted).slot
    assert slot.reader == "Second Reader"
    sim.remove_reader("Second Reader")
    events.wait_for(CardRemovedEvent, slot=slot)
    events.wait_for(ReaderRemoved, reader="Second Reader")


def test_service_loss_drops_readers_and_comes_back(sim: SimulatedReaders, events: EventLog) -> None:
    sim.insert(card("somchai"))
    slot = events.wait_for(CardInserted).slot
    sim.set_service(False)
    events.wait_for(CardRemovedEvent, slot=slot)
    events.wait_for(ReaderRemoved, reader=DEFAULT_READER)
    assert events.wait_for(ServiceChanged, available=False)
    sim.set_service(True)
    events.wait_for(ServiceChanged, available=True)
    events.wait_for(ReaderAdded, reader=DEFAULT_READER)
    again = events.wait_for(CardInserted).slot
    assert again.insertion > slot.insertion


def test_stop_is_prompt(sim: SimulatedReaders) -> None:
    monitor = CardMonitor(sim, EventLog())
    monitor.start()
    time.sleep(0.1)
    started = time.monotonic()
    monitor.stop(timeout=3)
    assert not monitor.is_alive()
    assert time.monotonic() - started < 1.0


def test_a_failing_sink_does_not_kill_the_thread(sim: SimulatedReaders) -> None:
    log = EventLog()

    def sink(event: object) -> None:
        if isinstance(event, ReaderAdded):
            raise RuntimeError("view bug")
        log(event)  # type: ignore[arg-type]

    monitor = CardMonitor(sim, sink)
    monitor.start()
    sim.insert(card("somchai"))
    log.wait_for(CardRead)
    monitor.stop()


def test_card_swapped_between_polls_is_a_new_card(sim: SimulatedReaders, events: EventLog) -> None:
    """Same ATR, other person, swapped faster than a poll: still a removal + an insertion."""
    sim.insert(card("somchai"))
    first = events.wait_for(CardInserted).slot
    events.wait_for(CardPhotoRead, slot=first)
    sim.remove()
    sim.insert(card("ploy"))
    events.wait_for(CardRemovedEvent, slot=first)
    second = events.wait_for(CardInserted).slot
    assert second.insertion > first.insertion
    assert events.wait_for(CardRead, slot=second).card.name_th.first == "พลอย"
