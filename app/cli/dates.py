"""The one reading of a date typed on the command line (history, export, verify-day, …):
YYYY-MM-DD with the Christian-era year. A Buddhist-era year (2569) is a usage error that
says which year was meant, not an empty day or a search over 543 years."""

from __future__ import annotations

import datetime as dt
import re

from app.message import Message
from app.words import dates as words

_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
BE_OFFSET = 543
BE_FROM = 2400  # a year from here on is Buddhist era (2400 BE = 1857 CE)
FIRST_YEAR = 1900  # before this (CE) no visit can exist


class BadDate(ValueError):
    """A date option the program cannot take; `message` says why and what to type."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


def parse_day(text: str, option: str = "--date") -> dt.date:
    """`text` as a date, or BadDate (exit 64 in every command)."""
    typed = text.strip()
    match = _ISO_DAY.fullmatch(typed)
    if match is None:
        raise BadDate(words.not_a_date(option, typed))
    year, month, day = (int(part) for part in match.groups())
    if year >= BE_FROM:
        christian = f"{year - BE_OFFSET:04d}{typed[4:]}"
        raise BadDate(words.buddhist_year(option, typed, christian))
    try:
        if year < FIRST_YEAR:
            raise ValueError(year)
        return dt.date(year, month, day)
    except ValueError as exc:
        raise BadDate(words.not_a_date(option, typed)) from exc


def parse_range(start: str, end: str) -> tuple[dt.date, dt.date]:
    """--from and --to, in order (BadDate otherwise)."""
    first, last = parse_day(start, "--from"), parse_day(end, "--to")
    if first > last:
        raise BadDate(words.range_backwards(first.isoformat(), last.isoformat()))
    return first, last
