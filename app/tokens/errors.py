"""What can go wrong storing an NHSO token."""

from __future__ import annotations


class KeyringUnavailable(Exception):
    """No usable keyring: none installed, locked, or one that would write a file."""


class InvalidToken(ValueError):
    """Not an NHSO token: they are UUIDs."""


class InvalidPassword(InvalidToken):
    """Not a password the shared store's kind keeps: empty, too long, or with a line break,
    NUL or another control character (app/store)."""


class TokenNotSet(Exception):
    """A token the action needs is not in the keyring (kind named in the message)."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"token {kind} is not set")
        self.kind = kind


class StoredTokenDamaged(KeyringUnavailable):
    """The keyring holds a value for `kind` that is no NHSO token (a line break, a control
    character, kilobytes of text): it is never sent, and must be set again. A
    KeyringUnavailable, so every place that cannot use a token already handles it."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"the stored {kind} token is not a valid NHSO token")
        self.kind = kind
