"""What can go wrong storing an NHSO token."""

from __future__ import annotations


class KeyringUnavailable(Exception):
    """No usable keyring: none installed, locked, or one that would write a file."""


class InvalidToken(ValueError):
    """Not an NHSO token: they are UUIDs."""
