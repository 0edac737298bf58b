"""The real thing: pcscd + the vpcd driver + our virtual card over TCP."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cardreader.errors import CardError
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
from cardreader.pcsc import PcscBackend
from cardreader.virtual.card import VirtualThaiIdCard
from cardreader.virtual.persona import shipped_persona
from cardreader.virtual.vpcd import VpcdCard
from tests.expected_cards import EXPECTED, expected_photo_sha256
from tests.support.events import EventLog
from tests.support.pcscd import DEFAULT_READERS, PcscdHarness, VirtualReaderConf, wait_for_card

pytestmark = pytest.mark.pcsc
READER = DEFAULT_READERS[0].reader_names[0]
PORT = DEFAULT_READERS[0].port
ROOT = Path(__file__).parents[2]


@pytest.fixture
def insert(pcscd: PcscdHarness) -> Iterator[Callable[..., VirtualThaiIdCard]]:
    served: list[VpcdCard] = []

    def _insert(
        persona_id: str, pull_after: int | None = None, port: int = PORT, reader: str = READER
    ) -> VirtualThaiIdCard:
        card = VirtualThaiIdCard(shipped_persona(persona_id))
        card.pull_after = pull_after
        vpcd = VpcdCard(card, port=port)
        vpcd.insert()
        served.append(vpcd)
        wait_for_card(reader, present=True)
        return card

    yield _insert
    for vpcd in served:
        vpcd.remove()
    wait_for_card(READER, present=False)


def authen_desk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.main", *args],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip


@pytest.mark.parametrize("persona_id", sorted(EXPECTED))
def test_read_card_json_for_every_persona(
    persona_id: str, insert: Callable[..., VirtualThaiIdCard], tmp_path: Path
) -> None:
    card = insert(persona_id)
    photo = tmp_path / "photo.jpg"
    result = authen_desk("read-card", "--json", "--photo", str(photo))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    printed = json.loads(result.stdout)
    assert printed == {**EXPECTED[persona_id], "photo_sha256": expected_photo_sha256(persona_id)}
    assert photo.read_bytes().startswith(b"\xff\xd8")
    budget = 24 if card.persona.reader_style == "direct" else 47
    assert card.apdu_count == budget


def test_card_pulled_mid_read_exits_4_with_one_clean_line(
    insert: Callable[..., VirtualThaiIdCard],
) -> None:
    insert("somchai", pull_after=10)
    result = authen_desk("read-card", "--json")
    assert result.returncode == 4
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "บัตร" in lines[0] and "Traceback" not in result.stderr


def test_not_a_thai_id_card_exits_5(insert: Callable[..., VirtualThaiIdCard]) -> None:
    insert("bank-card")
    result = authen_desk("read-card", "--json")
    assert (result.returncode, result.stdout) == (5, "")
    assert "not a Thai national ID card" in result.stderr


def test_no_card_exits_3(pcscd: PcscdHarness) -> None:
    wait_for_card(READER, present=False)
    result = authen_desk("read-card", "--json")
    assert (result.returncode, result.stdout) == (3, "")


def test_unknown_reader_exits_2(pcscd: PcscdHarness) -> None:
    result = authen_desk("read-card", "--reader", "No Such Reader")
    assert (result.returncode, result.stdout) == (2, "")
    assert len(result.stderr.strip().splitlines()) == 1


def test_named_reader_and_human_output(insert: Callable[..., VirtualThaiIdCard]) -> None:
    insert("krit")
    result = authen_desk("read-card", "--reader", "00 00")
    assert result.returncode == 0, result.stderr
    assert "กรุงเทพมหานคร" in result.stdout and "1-0103-00987-65-8" in result.stdout


def test_second_slot_and_6c_reader(insert: Callable[..., VirtualThaiIdCard]) -> None:
    second = DEFAULT_READERS[0].reader_names[1]
    card = insert("wichai", port=PORT + 1, reader=second)
    result = authen_desk("read-card", "--json", "--reader", second)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["cid"] == "8400100765434"
    assert any(apdu[:2] == b"\x80\xb0" for apdu in card.apdus)


def test_card_is_left_powered_for_other_programs(insert: Callable[..., VirtualThaiIdCard]) -> None:
    """After our read the card must still answer another program without a new insertion."""
    insert("somchai")
    assert authen_desk("read-card", "--json").returncode == 0
    backend = PcscBackend()
    backend.open()
    try:
        with backend.connect(READER) as transport:
            assert transport.transmit(bytes.fromhex("00a4040008a000000054480001")) == b"\x61\x0a"
    finally:
        backend.close()


@pytest.fixture
def monitor_events(pcscd: PcscdHarness) -> Iterator[EventLog]:
    log = EventLog()
    monitor = CardMonitor(PcscBackend(), log)
    monitor.start()
    log.wait_for(ReaderAdded, reader=READER)
    yield log
    started = time.monotonic()
    monitor.stop(timeout=3)
    assert not monitor.is_alive() and time.monotonic() - started < 1.5


def test_monitor_sees_insert_read_and_removal(
    monitor_events: EventLog, insert: Callable[..., VirtualThaiIdCard]
) -> None:
    insert("boonmee")
    slot = monitor_events.wait_for(CardInserted).slot
    assert monitor_events.wait_for(CardRead, slot=slot).card.birth_date == "1942"
    photo = monitor_events.wait_for(CardPhotoRead, slot=slot)
    assert photo.photo is not None


def test_monitor_reports_a_pull_mid_read(
    monitor_events: EventLog, insert: Callable[..., VirtualThaiIdCard]
) -> None:
    insert("malee", pull_after=20)
    slot = monitor_events.wait_for(CardInserted).slot
    failed = monitor_events.wait_for(CardReadFailed, slot=slot)
    assert isinstance(failed.error, CardError)
    monitor_events.wait_for(CardRemovedEvent, slot=slot)


def test_reader_hot_plug_and_service_restart(pcscd: PcscdHarness) -> None:
    if not pcscd.owned:
        pytest.skip("a pcscd the suite did not start is running; it cannot be restarted")
    log = EventLog()
    monitor = CardMonitor(PcscBackend(), log)
    monitor.start()
    try:
        log.wait_for(ReaderAdded, reader=READER)
        # One vpcd entry at a time: loaded twice, the driver mixes up its slots. So the
        # "hot-plug" unplugs our reader and plugs in a differently named one.
        extra = VirtualReaderConf("Hotplug PCD", 35973)
        pcscd.restart((extra,))
        log.wait_for(ServiceChanged, available=False)
        log.wait_for(ReaderRemoved, reader=READER)
        log.wait_for(ServiceChanged, available=True, timeout=15)
        log.wait_for(ReaderAdded, reader=extra.reader_names[0], timeout=15)
        card = VirtualThaiIdCard(shipped_persona("ploy"))
        vpcd = VpcdCard(card, port=extra.port)
        vpcd.insert()
        try:
            slot = log.wait_for(CardInserted).slot
            assert slot.reader == extra.reader_names[0]
            assert log.wait_for(CardRead, slot=slot).card.cid == "5701200345678"
        finally:
            vpcd.remove()
        pcscd.restart(DEFAULT_READERS)
        log.wait_for(ReaderRemoved, reader=extra.reader_names[0], timeout=15)
        log.wait_for(ReaderAdded, reader=READER, timeout=15)
    finally:
        monitor.stop()
        if pcscd.readers != DEFAULT_READERS:
            pcscd.restart(DEFAULT_READERS)
