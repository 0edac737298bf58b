"""What can stop a staff PIN check before the card is asked."""

from __future__ import annotations


class PinStateUnavailable(Exception):
    """The failure count cannot be read or written: verifying now could lose a failure."""


class PinFormatInvalid(ValueError):
    """Not 4 digits: refused before anything reaches the card."""
