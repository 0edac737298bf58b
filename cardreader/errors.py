"""Typed card errors.

The GUI and the CLI map each class to one Thai/English sentence (app/messages.py), so this
module stays free of user-facing language and of Qt.
"""

from __future__ import annotations


class CardError(Exception):
    """Base class of every error the card layer raises."""


class PcscServiceGone(CardError):
    """The PC/SC service is not running (Windows stops it with the last reader unplugged)."""


class NoReader(CardError):
    """No smart-card reader is connected, or the named one is not there."""


class NoCard(CardError):
    """The reader is there but holds no card."""


class CardRemoved(CardError):
    """The card left the reader (or was reset) before the read finished."""


class CardUnresponsive(CardError):
    """The card is in the reader but does not answer (dirty contacts, upside down)."""


class CardBusy(CardError):
    """Another program holds the card exclusively."""


class NotThaiIdCard(CardError):
    """The card does not carry the MOI applet: a bank card, a SIM, a foreign card."""


class CardDataInvalid(CardError):
    """The card answered, but what it returned cannot be a Thai ID card's data."""


class ReadAborted(CardError):
    """The read was stopped because the program is shutting down."""


class CardChanged(CardError):
    """Another card is in the reader than the one the action was meant for."""
