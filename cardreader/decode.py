"""Turning the card's bytes into text and values (docs/thai-id-card.md, 'Turning bytes
into values').

Every function here accepts any bytes and never raises on odd content: a card with a
year-only birth date or a garbled field still yields a patient, with that field as None.
"""

from __future__ import annotations

import re
import unicodedata

from cardreader.model import Address, PersonName

BE_OFFSET = 543
LIFELONG = "lifelong"
_JPEG_START = b"\xff\xd8"
_JPEG_END = b"\xff\xd9"


def thai_text(raw: bytes) -> str:
    """TIS-620 via cp874 (plain tis_620 rejects 0xA0), NULs and padding removed."""
    return _clean(raw.decode("cp874", errors="replace"))


# Bidirectional marks and overrides: they reorder what a screen, a terminal or a printed
# slip shows (a name could display as another), and no Thai or English text needs them.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_LINE_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+")


def is_control(char: str) -> bool:
    """C0 and C1 controls (ESC, CSI, NUL, DEL, …) and bidi marks; never a Thai letter,
    vowel or tone mark."""
    return char in BIDI_CONTROLS or unicodedata.category(char) == "Cc"


def strip_controls(text: str) -> str:
    """`text` without control characters and bidi marks; tabs and line breaks become one
    space, so words stay apart. Thai (combining marks included) is kept as it is."""
    spaced = _LINE_BREAKS.sub(" ", text)
    return "".join(char for char in spaced if not is_control(char))


def escape_controls(text: str) -> str:
    """`text` for a terminal: each control character or bidi mark shown as `\\x1b`,
    `\\u202e`, … instead of acting on the terminal."""
    if not any(is_control(char) for char in text):
        return text
    return "".join(
        char.encode("unicode_escape").decode("ascii") if is_control(char) else char for char in text
    )


def _clean(text: str) -> str:
    """Every text field of the card: no controls or bidi marks reach storage or a screen."""
    return strip_controls(text.replace("\x00", "")).strip()


def fields(raw: bytes, count: int) -> list[str]:
    """Split on '#' first, then trim each part: trimming first would shift empty fields."""
    parts = [_clean(p) for p in raw.decode("cp874", errors="replace").split("#")]
    parts += [""] * (count - len(parts))
    return parts


def person_name(raw: bytes) -> PersonName:
    title, first, middle, last, *rest = fields(raw, 4)
    if rest and any(rest):  # extra '#' parts belong to the surname rather than vanishing
        last = " ".join(p for p in (last, *rest) if p)
    return PersonName(title, first, middle, last)


def address(raw: bytes) -> Address:
    """house#moo#lane#soi#road#tambon#amphoe#province, parsed from the right because
    the middle fields vary between sources and cards."""
    parts = fields(raw, 0)
    while parts and not parts[-1]:
        parts.pop()
    raw_text = "#".join(parts)
    house = parts[0] if parts else ""
    moo = parts[1] if len(parts) > 4 else ""
    tail = parts[-3:] if len(parts) >= 4 else ["", "", ""]
    return Address(house, moo, tail[0], tail[1], tail[2], raw_text)


def be_date(raw: bytes, allow_lifelong: bool = False) -> str | None:
    """Buddhist-era YYYYMMDD to ISO. 00 month/day give "YYYY" / "YYYY-MM"."""
    text = raw.decode("ascii", errors="replace").replace("\x00", "").strip()
    if text == "99999999":  # the lifelong marker; as any other date it means "unknown"
        return LIFELONG if allow_lifelong else None
    if len(text) != 8 or not text.isdigit():
        return None
    year, month, day = int(text[:4]) - BE_OFFSET, int(text[4:6]), int(text[6:8])
    if year < 1:
        return None
    if not 1 <= month <= 12:
        return f"{year:04d}"
    import calendar  # here, not at import: the window's start does not need it

    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def sex(raw: bytes) -> str:
    return {b"1": "male", b"2": "female"}.get(bytes(raw[:1]), "unknown")


def ascii_field(raw: bytes) -> str:
    return _clean(raw.decode("ascii", errors="replace"))


def jpeg(raw: bytes) -> bytes | None:
    """The JPEG from FF D8 through its last FF D9; padding (0x20) after it dropped.

    Padding is trimmed only after the end marker, never per chunk: 0x20 is a valid byte
    inside JPEG data.
    """
    if not raw.startswith(_JPEG_START):
        return None
    end = raw.rfind(_JPEG_END)
    if end < 0:
        return None
    return bytes(raw[: end + 2])
