"""Dates and ages the way Thai front-desk staff read them (Buddhist era, Thai months)."""

from __future__ import annotations

import datetime as dt

from app import clock
from app.clock import BANGKOK

__all__ = ["BANGKOK", "SEX_TH", "THAI_MONTHS", "age_years", "thai_age", "thai_date"]

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
SEX_TH = {"male": "ชาย", "female": "หญิง", "unknown": "ไม่ระบุ"}


def thai_date(iso: str | None) -> str:
    """'1987-04-15' -> '15 เมษายน 2530'; partial dates keep only what is known."""
    if iso is None:
        return "—"
    if iso == "lifelong":
        return "ตลอดชีพ"
    parts = iso.split("-")
    try:
        year = int(parts[0]) + 543
        if len(parts) == 1:
            return f"{year}"
        month = THAI_MONTHS[int(parts[1]) - 1]
        if len(parts) == 2:
            return f"{month} {year}"
        return f"{int(parts[2])} {month} {year}"
    except (ValueError, IndexError):
        return iso


def age_years(iso: str | None, today: dt.date | None = None) -> int | None:
    """Completed years; for a year-only date, counted from 1 January like the registry.
    `today` defaults to Bangkok's date (app.clock), never the machine's."""
    if iso is None or iso == "lifelong":
        return None
    today = today or clock.today()
    parts = [int(p) for p in iso.split("-")]
    year, month, day = parts[0], (parts[1:2] or [1])[0], (parts[2:3] or [1])[0]
    return today.year - year - ((today.month, today.day) < (month, day))


def thai_age(iso: str | None, today: dt.date | None = None) -> str:
    years = age_years(iso, today)
    return "—" if years is None else f"{years} ปี"
