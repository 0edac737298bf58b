"""What can be wrong with the settings file or a value given for it."""

from __future__ import annotations


class SettingsInvalid(ValueError):
    """A value that is not allowed; the text names the key."""


class SettingsFileInvalid(ValueError):
    """The file on disk is unreadable or holds bad values: `settings set` refuses to
    rewrite it (that would silently reset the other values) unless told to --repair."""

    def __init__(self, path: str, detail: str, keys: tuple[str, ...] = ()) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail
        self.keys = keys  # the bad keys; empty when the whole file is unreadable


class HcodeNotSet(Exception):
    """The 5-digit hospital code is not set: no claim code can be asked for, and our codes
    cannot be told from other hospitals'. One class wherever it is needed (authen,
    verify-day, reports, the window): one message and exit 78."""
