"""What can stop a staff PIN check before the card is asked, or spoil it after."""

from __future__ import annotations


class PinStateUnavailable(Exception):
    """The failure count cannot be read or written: verifying now could lose a failure."""


class PinStateDamaged(PinStateUnavailable):
    """The count files are missing a part, truncated or edited: never read as zero. Clinic IT
    checks the cards and runs `authen-desk pin-state reset --i-have-checked-the-cards`."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail


class PinResultNotSaved(Exception):
    """The card received the PIN and answered, but its answer could not be recorded. The
    attempt stays counted as a failure (it was recorded before the VERIFY)."""

    def __init__(self, answer: str = "", tries_left: int | None = None) -> None:
        super().__init__(f"card answered {answer or '?'}; the answer could not be saved")
        self.answer = answer  # a Verdict value: ok, wrong, blocked
        self.tries_left = tries_left


class PinFormatInvalid(ValueError):
    """Not 4 digits: refused before anything reaches the card."""
