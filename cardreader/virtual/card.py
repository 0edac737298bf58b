"""A virtual Thai ID card: answers APDUs the way the real card (and its readers) do.

Reader styles model what public readers run into:
- "t0": data commands answer 61 xx; GET RESPONSE must use the P2 the ATR family wants
  (01 for 3B 67, else 00) and the exact Le, or it answers 6A 86 / 6C xx;
- "direct": the reader completes T=0 itself and returns data + 90 00;
- "6c": the first try of each data command answers 6C xx, the resend with Le = xx works.

The extension applet checks the PIN with a tries counter that starts at 5 (or where the
persona says), answers 63 Cx on a wrong PIN (or 63 0x with "pin_sw": "plain") and 69 83
once blocked. `verify_count` counts the VERIFYs that reached the card.
"""

from __future__ import annotations

import os
import threading

from cardreader.apdu import EXTENSION_AID, MOI_AID, get_response_p2
from cardreader.pin import CARD_MAX_TRIES, CHALLENGE_LENGTH, thai_id_cryptogram
from cardreader.virtual.persona import Persona

SW_OK = b"\x90\x00"
SW_WRONG_P1P2 = b"\x6a\x86"
SW_NOT_FOUND = b"\x6a\x82"
SW_INS_UNKNOWN = b"\x6d\x00"
SW_CLA_UNKNOWN = b"\x6e\x00"
SW_WRONG_LENGTH = b"\x67\x00"
SW_NO_PENDING = b"\x69\x85"
SW_BLOCKED = b"\x69\x83"


GET_CHALLENGE_CMD = bytes([0x80, 0xB4, 0x00, 0x00])


class CardPulled(Exception):
    """Raised by the card itself when a test pulls it out after a set number of APDUs."""


class VirtualThaiIdCard:
    """Thread-safe: a vpcd connection thread and a test may touch it at once."""

    def __init__(self, persona: Persona) -> None:
        self.persona = persona
        self._lock = threading.Lock()
        self._selected: bytes | None = None
        self._pending: bytes | None = None
        self._last_6c: bytes | None = None
        self._challenge: bytes | None = None
        self.apdus: list[bytes] = []
        self.pull_after: int | None = None
        self.pin_tries_left = persona.pin_tries_left
        self.verify_count = 0

    @property
    def atr(self) -> bytes:
        return self.persona.atr

    @property
    def apdu_count(self) -> int:
        return len(self.apdus)

    def reset(self) -> None:
        with self._lock:
            self._selected = None
            self._pending = None
            self._last_6c = None
            self._challenge = None

    def process(self, command: bytes) -> bytes:
        with self._lock:
            if self.pull_after is not None and len(self.apdus) >= self.pull_after:
                raise CardPulled(f"pulled after {self.pull_after} APDUs")
            self.apdus.append(bytes(command))
            return self._dispatch(bytes(command))

    def _dispatch(self, cmd: bytes) -> bytes:
        if len(cmd) < 4:
            return SW_WRONG_LENGTH
        cla, ins = cmd[0], cmd[1]
        if cla == 0x00 and ins == 0xA4:
            return self._select(cmd)
        if cla == 0x00 and ins == 0xC0:
            return self._get_response(cmd)
        self._pending = None
        if cla == 0x80 and ins == 0xB0:
            return self._read(cmd)
        if cla == 0x80 and ins == 0xB4 and self._selected == EXTENSION_AID:
            return self._get_challenge()
        if cla == 0x80 and ins == 0x20 and self._selected == EXTENSION_AID:
            return self._verify(cmd)
        if cla not in (0x00, 0x80):
            return SW_CLA_UNKNOWN
        return SW_INS_UNKNOWN

    def _select(self, cmd: bytes) -> bytes:
        self._pending = None
        aid = cmd[5 : 5 + cmd[4]] if len(cmd) > 5 else b""
        self._challenge = None
        if aid in (MOI_AID, EXTENSION_AID) and self.persona.thai_id:
            self._selected = aid
            return b"\x61\x0a" if self.persona.reader_style == "t0" else SW_OK
        self._selected = None
        return SW_NOT_FOUND

    def _answer(self, cmd: bytes, data: bytes, has_le: bool = True) -> bytes:
        style = self.persona.reader_style
        if style == "direct" or (style == "6c" and not has_le):
            return data + SW_OK
        if style == "6c":
            if self._last_6c != cmd:
                self._last_6c = cmd[:-1] + bytes([len(data) & 0xFF])
                return bytes([0x6C, len(data) & 0xFF])
            self._last_6c = None
            return data + SW_OK
        self._pending = data
        return bytes([0x61, len(data) & 0xFF])

    def _get_challenge(self) -> bytes:
        if self.pin_tries_left <= 0:
            return SW_BLOCKED
        self._challenge = os.urandom(CHALLENGE_LENGTH)
        return self._answer(GET_CHALLENGE_CMD, self._challenge, has_le=False)

    def _verify(self, cmd: bytes) -> bytes:
        self.verify_count += 1
        challenge, self._challenge = self._challenge, None
        if self.pin_tries_left <= 0:
            return SW_BLOCKED
        if len(cmd) != 5 + CHALLENGE_LENGTH or cmd[2:5] != b"\x01\x00\x20":
            return SW_WRONG_LENGTH
        if challenge is None:
            return SW_NO_PENDING
        expected = thai_id_cryptogram(bytearray(self.persona.pin.encode("ascii")), challenge)
        if cmd[5:] == expected:
            self.pin_tries_left = CARD_MAX_TRIES
            return SW_OK
        self.pin_tries_left -= 1
        low = self.pin_tries_left if self.persona.pin_sw == "plain" else 0xC0 | self.pin_tries_left
        return bytes([0x63, low])

    def _read(self, cmd: bytes) -> bytes:
        if self._selected != MOI_AID:
            return SW_NOT_FOUND
        if len(cmd) != 7 or cmd[4:6] != b"\x02\x00":
            return SW_WRONG_LENGTH
        offset, length = (cmd[2] << 8) | cmd[3], cmd[6] or 256
        image = self.persona.image
        if offset + length > len(image):
            return SW_WRONG_P1P2
        return self._answer(cmd, image[offset : offset + length])

    def _get_response(self, cmd: bytes) -> bytes:
        pending, self._pending = self._pending, None
        if pending is None:
            return SW_NO_PENDING
        if cmd[2] != 0x00 or cmd[3] != get_response_p2(self.atr):
            return SW_WRONG_P1P2
        le = cmd[4] if len(cmd) > 4 else 0
        if le != len(pending) & 0xFF:
            self._pending = pending
            return bytes([0x6C, len(pending) & 0xFF])
        return pending + SW_OK


class VirtualTransport:
    """A virtual card used directly, in-process: no PC/SC involved."""

    def __init__(self, card: VirtualThaiIdCard) -> None:
        self.card = card

    @property
    def atr(self) -> bytes:
        return self.card.atr

    def transmit(self, command: bytes) -> bytes:
        return self.card.process(command)
