"""PC/SC through pyscard's low-level API.

Low-level rather than pyscard's CardMonitor: its thread dies for good when the service
goes away (docs/thai-id-card.md, 'pyscard and PC/SC'), and we need SCardCancel to quit promptly.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from smartcard import scard

from cardreader.backend import CardPresence, Snapshot
from cardreader.errors import (
    CardBusy,
    CardError,
    CardRemoved,
    CardUnresponsive,
    NoCard,
    NoReader,
    PcscServiceGone,
)

log = logging.getLogger(__name__)

PNP_READER = "\\\\?PnP?\\Notification"


def _u32(hr: int) -> int:
    return hr & 0xFFFFFFFF


_SERVICE_GONE = {0x8010001D, 0x8010001E, 0x80100003, 0x80100001, 0x80100013}  # no service,
# stopped, invalid handle (context died with the service), internal error, RPC transport error
_NO_READER = {0x8010002E, 0x80100009, 0x80100017}  # none available, unknown, unavailable
_REMOVED = {0x80100069, 0x80100068, 0x8010002F, 0x80100016, 0x80100067}  # removed, reset,
# data lost, not transacted, unpowered
_ERRORS: list[tuple[set[int], type[CardError]]] = [
    (_SERVICE_GONE, PcscServiceGone),
    (_NO_READER, NoReader),
    (_REMOVED, CardRemoved),
    ({0x8010000C}, NoCard),
    ({0x80100066}, CardUnresponsive),
    ({0x8010000B}, CardBusy),
]


def check(hr: int, what: str) -> None:
    code = _u32(hr)
    if code == 0:
        return
    for codes, error in _ERRORS:
        if code in codes:
            raise error(f"{what}: {scard.SCardGetErrorMessage(hr)} (0x{code:08X})")
    raise CardError(f"{what}: {scard.SCardGetErrorMessage(hr)} (0x{code:08X})")


class PcscCard:
    """A connected card; a Transport."""

    def __init__(self, handle: int, protocol: int, atr: bytes) -> None:
        self._handle = handle
        self._pci = protocol
        self._atr = atr

    @property
    def atr(self) -> bytes:
        return self._atr

    def transmit(self, command: bytes) -> bytes:
        hr, response = scard.SCardTransmit(self._handle, self._pci, list(command))
        check(hr, "transmit")
        return bytes(response)


class PcscBackend:
    """One PC/SC context, owned by one thread (the card thread or a CLI command)."""

    def __init__(self) -> None:
        self._context: int | None = None
        self._states: dict[str, int] = {}
        self._lock = threading.Lock()

    def open(self) -> None:
        hr, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        check(hr, "establish context")
        with self._lock:
            self._context = context
        self._states = {}

    def close(self) -> None:
        with self._lock:
            context, self._context = self._context, None
        if context is not None:
            scard.SCardReleaseContext(context)

    @property
    def context(self) -> int:
        if self._context is None:
            raise PcscServiceGone("no PC/SC context")
        return self._context

    def readers(self) -> list[str]:
        hr, names = scard.SCardListReaders(self.context, [])
        if _u32(hr) in _NO_READER:
            return []
        check(hr, "list readers")
        return list(names)

    def poll(self, timeout: float) -> Snapshot:
        readers = self.readers()
        query = [(r, self._states.get(r, scard.SCARD_STATE_UNAWARE)) for r in readers]
        # The PnP pseudo-reader wakes us when readers come or go; pcsc-lite expects the
        # reader count in the high word of its current state.
        query.append((PNP_READER, len(readers) << 16))
        hr, states = scard.SCardGetStatusChange(self.context, int(timeout * 1000), query)
        code = _u32(hr)
        if code in (0x8010000A, 0x80100002):  # timeout, cancelled
            return self._snapshot(readers)
        if code in _NO_READER:
            return {}
        check(hr, "status change")
        for name, event, _atr in states:
            if name != PNP_READER:
                self._states[name] = event & ~scard.SCARD_STATE_CHANGED
        return self._snapshot(readers)

    def _snapshot(self, readers: list[str]) -> Snapshot:
        hr, states = scard.SCardGetStatusChange(
            self.context, 0, [(r, scard.SCARD_STATE_UNAWARE) for r in readers]
        )
        if _u32(hr) in _NO_READER or not readers:
            return {}
        check(hr, "status")
        snapshot: Snapshot = {}
        for name, event, atr in states:
            present = event & scard.SCARD_STATE_PRESENT and not event & scard.SCARD_STATE_MUTE
            # The high word counts the reader's card events (pcsc-lite and WinSCard alike).
            snapshot[name] = CardPresence(bytes(atr), event >> 16) if present and atr else None
        return snapshot

    def cancel(self) -> None:
        with self._lock:
            if self._context is not None:
                scard.SCardCancel(self._context)

    @contextmanager
    def connect(self, reader: str) -> Iterator[PcscCard]:
        hr, handle, protocol = scard.SCardConnect(
            self.context,
            reader,
            scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
        check(hr, f"connect to {reader}")
        try:
            hr, _name, _state, _proto, atr = scard.SCardStatus(handle)
            check(hr, "card status")
            # A transaction keeps another program's APDUs (the NHSO agent's) from landing
            # between our SELECT and READs; it is held only for the few hundred ms a read takes.
            check(scard.SCardBeginTransaction(handle), "begin transaction")
            try:
                yield PcscCard(handle, protocol, bytes(atr))
            finally:
                scard.SCardEndTransaction(handle, scard.SCARD_LEAVE_CARD)
        finally:
            # LEAVE_CARD: unpowering would reset the card under the NHSO agent's feet.
            scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
