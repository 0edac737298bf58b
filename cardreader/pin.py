"""Verifying the card holder's PIN (docs/thai-id-card.md, 'The card holder's PIN').

`PinScheme` is the seam: the policy (app/staff/pin_policy.py) and the UI only see `PinOutcome`,
so another card scheme can be added without touching either. The PIN travels as a
bytearray that the caller wipes; nothing here keeps or logs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from cardreader.apdu import EXTENSION_AID, select_aid
from cardreader.errors import CardDataInvalid, NotThaiIdCard
from cardreader.transport import CardChannel

PIN_LENGTH = 4
CARD_MAX_TRIES = 5
CHALLENGE_LENGTH = 32
GET_CHALLENGE = bytes([0x80, 0xB4, 0x00, 0x00])
VERIFY_HEADER = bytes([0x80, 0x20, 0x01, 0x00, CHALLENGE_LENGTH])


class PinStatus(Enum):
    OK = "ok"
    WRONG = "wrong"
    BLOCKED = "blocked"


@dataclass(frozen=True)
class PinOutcome:
    """What the card said to one VERIFY, and how many tries it says are left."""

    status: PinStatus
    tries_left: int | None  # as the card reported it; None when it did not say


class PinScheme(Protocol):
    def verify(self, channel: CardChannel, pin: bytearray) -> PinOutcome: ...


def is_valid_pin(pin: bytearray | bytes) -> bool:
    return len(pin) == PIN_LENGTH and all(0x30 <= b <= 0x39 for b in pin)


def _sha1(data: bytes | bytearray) -> bytes:
    from cryptography.hazmat.primitives import hashes  # loads at the first PIN, not at start

    digest = hashes.Hash(hashes.SHA1())
    digest.update(bytes(data))
    return digest.finalize()


def thai_id_cryptogram(pin: bytearray, challenge: bytes) -> bytes:
    """SHA-1 of the padded PIN spread over a 32-byte key; three 3DES-CBC rounds over the
    challenge with keys K[i:i+8] | K[i+8:i+16] | K[i:i+8], i = 0, 8, 16."""
    if len(challenge) != CHALLENGE_LENGTH:
        raise CardDataInvalid(f"challenge of {len(challenge)} bytes")
    block = bytearray(b"\xff" * 32)
    block[:PIN_LENGTH] = pin
    h = _sha1(block)
    block[:] = b"\x00" * 32
    key = bytearray(range(32))
    for word in range(5):
        key[word * 7 : word * 7 + 4] = h[word * 4 : word * 4 + 4]
    from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
    from cryptography.hazmat.primitives.ciphers import Cipher, modes

    data = bytes(challenge)
    for i in (0, 8, 16):
        k = bytes(key[i : i + 8] + key[i + 8 : i + 16] + key[i : i + 8])
        encryptor = Cipher(TripleDES(k), modes.CBC(bytes(8))).encryptor()
        data = encryptor.update(data) + encryptor.finalize()
    key[:] = b"\x00" * 32
    return data


def outcome_from_sw(sw: int) -> PinOutcome:
    """90 00 ok; 63 xx wrong with xx (or ISO 63 Cx: x) tries left; 69 83/69 84 blocked."""
    if sw == 0x9000:
        return PinOutcome(PinStatus.OK, CARD_MAX_TRIES)
    if sw >> 8 == 0x63:
        low = sw & 0xFF
        tries = low & 0x0F if low & 0xF0 == 0xC0 else low
        if tries > CARD_MAX_TRIES:
            raise CardDataInvalid(f"VERIFY answered SW {sw:04X}")
        return PinOutcome(PinStatus.BLOCKED if tries == 0 else PinStatus.WRONG, tries)
    if sw in (0x6983, 0x6984):
        return PinOutcome(PinStatus.BLOCKED, 0)
    raise CardDataInvalid(f"VERIFY answered SW {sw:04X}")


class ThaiIdPinScheme:
    """The extension applet's challenge-response PIN check."""

    def verify(self, channel: CardChannel, pin: bytearray) -> PinOutcome:
        if not is_valid_pin(pin):
            raise ValueError("a PIN is exactly 4 digits")
        selected = channel.exchange(select_aid(EXTENSION_AID), fetch=False)
        if not (selected.ok or selected.sw1 == 0x61):
            raise NotThaiIdCard(f"SELECT extension applet answered SW {selected.sw:04X}")
        challenge = channel.exchange(GET_CHALLENGE)
        if not challenge.ok:
            if challenge.sw in (0x6983, 0x6984):
                return PinOutcome(PinStatus.BLOCKED, 0)
            raise CardDataInvalid(f"GET CHALLENGE answered SW {challenge.sw:04X}")
        cryptogram = thai_id_cryptogram(pin, challenge.data)
        return outcome_from_sw(channel.exchange(VERIFY_HEADER + cryptogram).sw)
