"""What can be wrong with the settings file or a value given for it."""

from __future__ import annotations


class SettingsInvalid(ValueError):
    """A value that is not allowed; the text names the key."""
