"""The card's PIN scheme, against the virtual card and an independent cryptogram build."""

from __future__ import annotations

import hashlib

import pytest
from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, modes

from cardreader.errors import CardDataInvalid
from cardreader.pin import (
    PinOutcome,
    PinStatus,
    ThaiIdPinScheme,
    outcome_from_sw,
    thai_id_cryptogram,
)
from cardreader.transport import CardChannel
from cardreader.virtual.card import VirtualThaiIdCard, VirtualTransport
from cardreader.virtual.persona import shipped_persona


def _des(key: bytes, block: bytes, decrypt: bool = False) -> bytes:
    cipher = Cipher(TripleDES(key * 3), modes.ECB())  # K1=K2=K3: single DES
    op = cipher.decryptor() if decrypt else cipher.encryptor()
    return op.update(block) + op.finalize()


def _reference_cryptogram(pin: str, challenge: bytes) -> bytes:
    """The published steps, built from single-DES EDE by hand and hashlib's SHA-1."""
    h = hashlib.sha1(pin.encode() + b"\xff" * 28).digest()
    key = bytearray(range(32))
    for offset, word in zip((0, 7, 14, 21, 28), range(5), strict=True):
        key[offset : offset + 4] = h[word * 4 : word * 4 + 4]
    data = challenge
    for i in (0, 8, 16):
        k1, k2 = bytes(key[i : i + 8]), bytes(key[i + 8 : i + 16])
        out, prev = b"", bytes(8)
        for n in range(0, len(data), 8):
            block = bytes(a ^ b for a, b in zip(data[n : n + 8], prev, strict=True))
            prev = _des(k1, _des(k2, _des(k1, block), decrypt=True))
            out += prev
        data = out
    return data


@pytest.mark.parametrize("pin", ["1234", "0000", "2580", "9999"])
def test_cryptogram_matches_the_published_steps(pin: str) -> None:
    challenge = bytes(range(100, 132))
    assert thai_id_cryptogram(bytearray(pin.encode()), challenge) == _reference_cryptogram(
        pin, challenge
    )


def test_cryptogram_depends_on_pin_and_challenge() -> None:
    c = bytes(32)
    assert thai_id_cryptogram(bytearray(b"1234"), c) != thai_id_cryptogram(bytearray(b"1235"), c)
    assert thai_id_cryptogram(bytearray(b"1234"), c) != thai_id_cryptogram(
        bytearray(b"1234"), b"\x01" + c[1:]
    )


@pytest.mark.parametrize(
    ("sw", "expected"),
    [
        (0x9000, PinOutcome(PinStatus.OK, 5)),
        (0x63C4, PinOutcome(PinStatus.WRONG, 4)),
        (0x6302, PinOutcome(PinStatus.WRONG, 2)),
        (0x63C0, PinOutcome(PinStatus.BLOCKED, 0)),
        (0x6983, PinOutcome(PinStatus.BLOCKED, 0)),
        (0x6984, PinOutcome(PinStatus.BLOCKED, 0)),
    ],
)
def test_status_words(sw: int, expected: PinOutcome) -> None:
    assert outcome_from_sw(sw) == expected


@pytest.mark.parametrize("sw", [0x6A82, 0x6D00, 0x6399])
def test_unexpected_status_word_is_invalid_data(sw: int) -> None:
    with pytest.raises(CardDataInvalid):
        outcome_from_sw(sw)


def _verify(card: VirtualThaiIdCard, pin: str) -> PinOutcome:
    return ThaiIdPinScheme().verify(CardChannel(VirtualTransport(card)), bytearray(pin.encode()))


def test_right_pin_against_the_virtual_card() -> None:
    card = VirtualThaiIdCard(shipped_persona("somchai"))
    assert _verify(card, "1234") == PinOutcome(PinStatus.OK, 5)
    assert card.verify_count == 1


def test_wrong_pins_count_down_to_blocked_in_both_sw_forms() -> None:
    for persona_id in ("somchai", "suda"):  # 63 Cx and 63 0x
        card = VirtualThaiIdCard(shipped_persona(persona_id))
        tries = [_verify(card, "4321").tries_left for _ in range(5)]
        assert tries == [4, 3, 2, 1, 0]
        assert _verify(card, shipped_persona(persona_id).pin).status is PinStatus.BLOCKED


def test_a_right_pin_resets_the_cards_counter() -> None:
    card = VirtualThaiIdCard(shipped_persona("somchai"))
    _verify(card, "1111")
    _verify(card, "1234")
    assert _verify(card, "1111").tries_left == 4


def test_invalid_pin_sends_nothing() -> None:
    card = VirtualThaiIdCard(shipped_persona("somchai"))
    for pin in ("123", "12345", "12a4", ""):
        with pytest.raises(ValueError):
            _verify(card, pin)
    assert card.apdus == []


def test_pin_on_other_reader_styles() -> None:
    for persona_id in ("ploy", "wichai", "boonmee"):
        card = VirtualThaiIdCard(shipped_persona(persona_id))
        assert _verify(card, shipped_persona(persona_id).pin).status is PinStatus.OK
