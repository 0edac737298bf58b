"""THE clock of the program: Bangkok time, injectable.

Every "now" and "today" in app/ comes from here, so a PC whose own time zone is UTC (or
anything else) still logs, reuses and reports on Bangkok's date, and tests fix the time
with `frozen(...)` instead of comparing with the machine's clock. Thailand keeps no
daylight saving: Bangkok is UTC+7 all year.

`skew(server, pc)` is how far a server's clock (the agent's HTTP Date, NHSO's createdDate)
is from ours; beyond CLOCK_SKEW_LIMIT the desk warns (a wrong clock puts visits on the
wrong day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

BANGKOK = dt.timezone(dt.timedelta(hours=7), "Asia/Bangkok")
CLOCK_SKEW_LIMIT = dt.timedelta(minutes=5)
# A server time farther than this from the PC's (a sentinel 1970-01-01, a year 9999) is not
# a clock: it is ignored for "today" and for the warning (logged as implausible).
PLAUSIBLE_SKEW = dt.timedelta(days=2)

Source = Callable[[], dt.datetime]


def system_now() -> dt.datetime:
    """The machine's clock, as an aware time (whatever the machine's own zone is)."""
    return dt.datetime.now(dt.UTC)


_source: Source = system_now


def now() -> dt.datetime:
    """Now, in Bangkok (aware)."""
    moment = _source()
    if moment.tzinfo is None:  # a naive injected time is Bangkok wall time
        moment = moment.replace(tzinfo=BANGKOK)
    return moment.astimezone(BANGKOK)


def today() -> dt.date:
    """Today's date in Bangkok."""
    return now().date()


def now_iso() -> str:
    """Now in Bangkok as ISO text with its offset, to the second (what the logs keep)."""
    return now().isoformat(timespec="seconds")


def set_source(source: Source) -> Source:
    """Replace where the time comes from; returns the previous source."""
    global _source
    previous, _source = _source, source
    return previous


@contextmanager
def frozen(moment: dt.datetime) -> Iterator[None]:
    """The clock stands still at `moment` (naive: Bangkok wall time) inside the block."""
    previous = set_source(lambda: moment)
    try:
        yield
    finally:
        set_source(previous)


def as_bangkok(moment: dt.datetime) -> dt.datetime:
    """An aware time in Bangkok; a naive one is taken as Bangkok wall time already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=BANGKOK)
    return moment.astimezone(BANGKOK)


def skew(server: dt.datetime, pc: dt.datetime) -> dt.timedelta:
    """server - pc (positive: the PC is behind). Naive times are Bangkok wall time."""
    return as_bangkok(server) - as_bangkok(pc)


def plausible_skew(server: dt.datetime, pc: dt.datetime) -> dt.timedelta | None:
    """skew(server, pc), or None when it cannot be a clock: beyond PLAUSIBLE_SKEW, or a
    time that cannot be converted (a year-9999 Date header). Never raises."""
    try:
        offset = skew(server, pc)
    except (OverflowError, ValueError, TypeError):
        return None
    return offset if abs(offset) <= PLAUSIBLE_SKEW else None


_UNITS = {"en": ("d", "h", "min", "s"), "th": ("วัน", "ชม.", "นาที", "วินาที")}


def skew_text(offset: dt.timedelta, language: str = "en") -> str:
    """'+7 h 0 min' / '-12 min' / '+45 s' ("th": '+7 ชม. 0 นาที'): how far the PC is
    behind (+) or ahead (-)."""
    d, h, m, s = _UNITS[language]
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{sign}{days} {d} {hours} {h} {minutes} {m}"
    if hours:
        return f"{sign}{hours} {h} {minutes} {m}"
    if minutes:
        return f"{sign}{minutes} {m}"
    return f"{sign}{secs} {s}"
