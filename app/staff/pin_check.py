"""One staff PIN check on one connected card: whose card, the rules, the VERIFY."""

from __future__ import annotations

from app.staff.pin_policy import PinAttempt, PinLockoutPolicy
from cardreader.errors import CardChanged
from cardreader.pin import PinScheme, ThaiIdPinScheme
from cardreader.thai_id import ThaiIdReader
from cardreader.transport import Transport


def verify_pin_on_card(
    transport: Transport,
    policy: PinLockoutPolicy,
    pin: bytearray,
    expected_cid: str | None = None,
    scheme: PinScheme | None = None,
) -> tuple[str, PinAttempt]:
    """The card's CID and the attempt's verdict. The PIN is wiped in every case.

    `expected_cid` guards against a card swapped while the PIN was typed: the PIN is
    never sent to a card it was not typed for.
    """
    try:
        reader = ThaiIdReader(transport)
        cid = reader.read_cid()
        if expected_cid is not None and cid != expected_cid:
            raise CardChanged("the card in the reader is not the one the PIN was typed for")
    except BaseException:
        pin[:] = b"\x00" * len(pin)
        raise
    chosen = scheme or ThaiIdPinScheme()
    return cid, policy.attempt(cid, pin, lambda p: chosen.verify(reader.channel, p))
