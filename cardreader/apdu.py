"""ISO 7816-4 command building and status words used with the Thai ID card."""

from __future__ import annotations

from dataclasses import dataclass

SW_OK = 0x9000

MOI_AID = bytes.fromhex("A000000054480001")
EXTENSION_AID = bytes.fromhex("A000000084060002")
MAX_READ = 0xFF  # Le is one byte; a READ of 255 answers 257 bytes with the status word


@dataclass(frozen=True)
class Response:
    """A card's answer to one APDU: its data and the status word."""

    data: bytes
    sw: int

    @property
    def sw1(self) -> int:
        return self.sw >> 8

    @property
    def sw2(self) -> int:
        return self.sw & 0xFF

    @property
    def ok(self) -> bool:
        return self.sw == SW_OK

    @classmethod
    def parse(cls, raw: bytes) -> Response:
        if len(raw) < 2:
            raise ValueError(f"response of {len(raw)} bytes has no status word")
        return cls(bytes(raw[:-2]), (raw[-2] << 8) | raw[-1])


def select_aid(aid: bytes) -> bytes:
    return bytes([0x00, 0xA4, 0x04, 0x00, len(aid)]) + aid


def moi_read(offset: int, length: int) -> bytes:
    """READ of the MOI applet: 80 B0 P1 P2 02 00 Le, P1P2 a byte offset into one flat file."""
    if not 0 < length <= MAX_READ:
        raise ValueError(f"read length {length} out of 1..255")
    if not 0 <= offset <= 0xFFFF:
        raise ValueError(f"offset {offset} out of range")
    return bytes([0x80, 0xB0, offset >> 8, offset & 0xFF, 0x02, 0x00, length])


def get_response(p2: int, length: int) -> bytes:
    return bytes([0x00, 0xC0, 0x00, p2, length & 0xFF])


def with_le(command: bytes, le: int) -> bytes:
    """The same command with its last byte (Le) replaced: the answer to a 6C xx."""
    return command[:-1] + bytes([le & 0xFF])


def get_response_p2(atr: bytes) -> int:
    """GET RESPONSE P2 is 01 for cards whose ATR begins 3B 67, else 00 (docs/thai-id-card.md)."""
    return 0x01 if atr[:2] == b"\x3b\x67" else 0x00
