"""Reading the virtual card in-process: plan, APDU counts, every persona, broken answers."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from cardreader import layout
from cardreader.errors import CardDataInvalid, NotThaiIdCard
from cardreader.thai_id import ThaiIdReader, read_id_card
from cardreader.virtual.card import VirtualThaiIdCard, VirtualTransport
from cardreader.virtual.persona import (
    PersonaError,
    pad_jpeg,
    persona_from_dict,
    shipped_persona,
    shipped_personas,
)
from tests.expected_cards import EXPECTED, expected_photo_sha256


def _reader(persona_id: str) -> tuple[ThaiIdReader, VirtualThaiIdCard]:
    card = VirtualThaiIdCard(shipped_persona(persona_id))
    return ThaiIdReader(VirtualTransport(card)), card


@pytest.mark.parametrize("persona_id", sorted(EXPECTED))
def test_each_persona_reads_as_expected(persona_id: str) -> None:
    card = read_id_card(VirtualTransport(VirtualThaiIdCard(shipped_persona(persona_id))))
    result = card.to_json()
    assert result == {**EXPECTED[persona_id], "photo_sha256": expected_photo_sha256(persona_id)}


def test_every_shipped_persona_has_an_expectation() -> None:
    thai_ids = {p.id for p in shipped_personas() if p.thai_id}
    assert thai_ids == set(EXPECTED)


def test_text_read_takes_7_apdus_and_full_read_47_on_t0() -> None:
    reader, card = _reader("somchai")
    reader.read_text()
    assert reader.channel.apdu_count == 7
    reader.read_photo()
    assert reader.channel.apdu_count == 47
    assert card.apdu_count == 47


def test_direct_reader_halves_the_round_trips() -> None:
    reader, _ = _reader("ploy")
    reader.read_text()
    reader.read_photo()
    assert reader.channel.apdu_count == 24


def test_reads_never_exceed_255_and_cover_the_whole_photo() -> None:
    reader, card = _reader("ploy")
    reader.read_text()
    photo = reader.read_photo()
    reads = [a for a in card.apdus if a[:2] == b"\x80\xb0"]
    assert all(a[6] <= 0xFF for a in reads)
    covered: set[int] = set()
    for a in reads:
        offset = (a[2] << 8) | a[3]
        covered.update(range(offset, offset + a[6]))
    assert set(range(layout.PHOTO.offset, layout.PHOTO.end)) <= covered
    assert photo is not None and len(photo) == 5118 and photo.endswith(b"\xff\xd9")


def test_wrong_get_response_p2_is_refused_by_the_3b67_card() -> None:
    card = VirtualThaiIdCard(shipped_persona("boonmee"))
    card.process(bytes.fromhex("00a4040008a000000054480001"))
    assert card.process(bytes.fromhex("80b00004020001")) == b"\x61\x01"
    assert card.process(bytes.fromhex("00c0000001")) == b"\x6a\x86"


def test_not_a_thai_id_card() -> None:
    reader, _ = _reader("bank-card")
    with pytest.raises(NotThaiIdCard):
        reader.read_text()


def test_corrupted_cid_is_rejected() -> None:
    data = json.loads(
        (Path(__file__).parents[2] / "cardreader/personas/01-somchai.json").read_text("utf-8")
    )
    data["cid"] = "1101700123457"
    data["photo"] = None
    card = VirtualThaiIdCard(persona_from_dict(data))
    with pytest.raises(CardDataInvalid):
        read_id_card(VirtualTransport(card))


def test_short_read_is_invalid_data() -> None:
    class Truncating(VirtualTransport):
        def transmit(self, command: bytes) -> bytes:
            answer = super().transmit(command)
            return answer[:-12] + answer[-2:] if len(answer) > 20 else answer

    with pytest.raises(CardDataInvalid):
        read_id_card(Truncating(VirtualThaiIdCard(shipped_persona("ploy"))))


def test_persona_field_overflow_is_refused() -> None:
    with pytest.raises(PersonaError):
        persona_from_dict({"id": "x", "atr": "3B68", "address": "ก" * 161})


def test_pad_jpeg_puts_the_end_marker_last() -> None:
    jpeg = b"\xff\xd8" + b"\x00" * 100 + b"\xff\xd9"
    padded = pad_jpeg(jpeg, 5118)
    assert len(padded) == 5118 and padded.endswith(b"\xff\xd9")
    assert hashlib.sha256(padded).hexdigest() != hashlib.sha256(jpeg).hexdigest()
