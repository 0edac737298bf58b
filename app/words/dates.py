"""Words about the dates a person types on the command line."""

from __future__ import annotations

from app.message import Message


def not_a_date(option: str, text: str) -> Message:
    return Message(
        f"{option} {text}: วันที่ต้องเป็นรูปแบบ YYYY-MM-DD ปี ค.ศ. เช่น 2026-12-04",
        f"{option} {text}: the date must be YYYY-MM-DD with the Christian-era year, e.g. "
        "2026-12-04.",
    )


def buddhist_year(option: str, text: str, christian: str) -> Message:
    return Message(
        f"{option} {text}: ปี {text[:4]} เป็นปี พ.ศ. — ใช้ปี ค.ศ. เช่น {christian}",
        f"{option} {text}: {text[:4]} is a Buddhist-era year — use the Christian-era year, "
        f"e.g. {christian}.",
    )


def range_backwards(start: str, end: str) -> Message:
    return Message(
        f"--from {start} อยู่หลัง --to {end} — สลับวันที่ให้ถูก",
        f"--from {start} is after --to {end} — swap them.",
    )
