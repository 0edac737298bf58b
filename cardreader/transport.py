"""A raw APDU pipe plus the T=0 response handling every Thai ID reader needs.

`Transport` is what a reader offers (PC/SC or simulated); `CardChannel` turns its raw
answers into complete responses, whatever shape the reader hands back:
61 xx (fetch with GET RESPONSE), 6C xx (resend with Le = xx), or data + 90 00 directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from cardreader.apdu import Response, get_response, get_response_p2, with_le
from cardreader.errors import CardDataInvalid, ReadAborted

# A card that keeps asking for more (61 xx) or for another Le (6C xx) forever is broken;
# a 5118-byte photo never needs more than a handful of GET RESPONSEs per command.
_MAX_CHAINED = 16


class Transport(Protocol):
    """One connected card. `transmit` returns the raw R-APDU, status word included."""

    @property
    def atr(self) -> bytes: ...

    def transmit(self, command: bytes) -> bytes: ...


class CardChannel:
    """Sends commands, completes T=0 exchanges and counts C-APDUs for the benchmarks."""

    def __init__(
        self, transport: Transport, should_abort: Callable[[], bool] | None = None
    ) -> None:
        self._transport = transport
        self._p2 = get_response_p2(transport.atr)
        self._should_abort = should_abort
        self.apdu_count = 0

    @property
    def atr(self) -> bytes:
        return self._transport.atr

    def _send(self, command: bytes) -> Response:
        if self._should_abort is not None and self._should_abort():
            raise ReadAborted("read stopped by shutdown")
        self.apdu_count += 1
        raw = self._transport.transmit(command)
        try:
            return Response.parse(raw)
        except ValueError as exc:
            raise CardDataInvalid(str(exc)) from exc

    def exchange(self, command: bytes, fetch: bool = True) -> Response:
        """Send `command`; return its complete data and final status word.

        With `fetch=False` a 61 xx is returned as is: a SELECT's answer carries nothing we
        use, and skipping its GET RESPONSE saves a round trip.
        """
        response = self._send(command)
        for _ in range(_MAX_CHAINED):
            if response.sw1 == 0x6C:
                response = self._send(with_le(command, response.sw2))
                continue
            break
        if not fetch:
            return response
        data = bytearray(response.data)
        for _ in range(_MAX_CHAINED):
            if response.sw1 != 0x61:
                return Response(bytes(data), response.sw)
            request = get_response(self._p2, response.sw2)
            response = self._send(request)
            if response.sw1 == 0x6C:
                response = self._send(with_le(request, response.sw2))
            data += response.data
        raise CardDataInvalid(f"card kept chaining responses (SW {response.sw:04X})")
