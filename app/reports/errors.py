"""Why a report could not be made. Light: the error registry (app/errors.py) imports it."""

from __future__ import annotations

from app.message import Message


class ReportError(Exception):
    """A report could not be made; `message` says why in Thai and English, in one line."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


class ReportWriteError(ReportError):
    """The report file cannot be written (missing folder, disk full, no permission)."""


class VisitLogUnreadable(ReportError):
    """The visit log cannot be read."""


class NhsoExportError(ReportError):
    """The file is not NHSO's authen report, or cannot be read; names what is missing."""

    def __init__(self, message: Message, missing: list[str] | None = None) -> None:
        super().__init__(message)
        self.missing = missing or []


class NhsoFileRefused(NhsoExportError):
    """The file is refused before it is parsed: it would unpack to far more than any NHSO
    export (a zip bomb), or holds more rows than the program reads."""
