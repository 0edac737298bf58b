"""Serve a virtual card to a real pcscd through the vsmartcard vpcd driver.

Protocol (docs/thai-id-card.md, 'The virtual card in tests'): we connect by TCP to the driver's
port (slot 0: 35963, slot 1: 35964); every message both ways is a 2-byte big-endian length
and a payload. A 1-byte payload is a control code (00 off, 01 on, 02 reset, 04 get ATR);
anything else is a C-APDU to answer. Connecting inserts the card, closing removes it.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import struct
import threading
import time

from cardreader.virtual.card import CardPulled, VirtualThaiIdCard

log = logging.getLogger(__name__)

VPCD_HOST = "127.0.0.1"
VPCD_PORT = 35963

_POWER_OFF, _POWER_ON, _RESET, _GET_ATR = 0, 1, 2, 4


class VpcdUnavailable(ConnectionError):
    """Nothing listens on the vpcd port: pcscd is not running or has no vpcd driver."""


def _recv_exact(sock: socket.socket, size: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < size:
        chunk = sock.recv(size - len(buf))
        if not chunk:
            return None
        buf += chunk
        _quick_ack(sock)
    return bytes(buf)


def _quick_ack(sock: socket.socket) -> None:
    """vpcd writes a message's length and payload separately; with delayed ACKs on our
    side, Nagle on its side holds every payload ~40 ms. Acknowledging at once avoids it."""
    quickack = getattr(socket, "TCP_QUICKACK", None)
    if quickack is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, quickack, 1)


class VpcdCard:
    """One virtual card in one vpcd slot. `insert()` and `remove()` may be called repeatedly."""

    def __init__(
        self, card: VirtualThaiIdCard, host: str = VPCD_HOST, port: int = VPCD_PORT
    ) -> None:
        self.card = card
        self.host = host
        self.port = port
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def inserted(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def insert(self, timeout: float = 5.0) -> None:
        """Connect to vpcd (retrying while pcscd starts up) and serve in a thread."""
        self.remove()
        deadline = time.monotonic() + timeout
        while True:
            try:
                sock = socket.create_connection((self.host, self.port), timeout=1.0)
                break
            except OSError as exc:
                if time.monotonic() >= deadline:
                    raise VpcdUnavailable(
                        f"vpcd not listening on {self.host}:{self.port}: {exc}"
                    ) from exc
                time.sleep(0.1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(None)
        with self._lock:
            self._sock = sock
        self._thread = threading.Thread(
            target=self._serve, args=(sock,), name=f"vpcd-{self.port}", daemon=True
        )
        self._thread.start()

    def remove(self) -> None:
        with self._lock:
            sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(2.0)
        self._thread = None

    def _send(self, sock: socket.socket, payload: bytes) -> None:
        sock.sendall(struct.pack(">H", len(payload)) + payload)

    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                header = _recv_exact(sock, 2)
                if header is None:
                    return
                payload = _recv_exact(sock, struct.unpack(">H", header)[0])
                if payload is None:
                    return
                if len(payload) == 1:
                    if payload[0] == _GET_ATR:
                        self._send(sock, self.card.atr)
                    elif payload[0] in (_POWER_OFF, _POWER_ON, _RESET):
                        self.card.reset()
                    continue
                try:
                    answer = self.card.process(payload)
                except CardPulled:
                    log.info("virtual card pulled mid-session on port %d", self.port)
                    break
                self._send(sock, answer)
        except OSError:
            return
        finally:
            with self._lock:
                if self._sock is sock:
                    self._sock = None
            with contextlib.suppress(OSError):
                sock.close()
