"""Compare the visit log with NHSO's own export "รายงานการขอ Authen code" (.xlsx).

NHSO's file is read by header name, never by position (docs/nhso-agent.md §4): extra
columns, spacing inside names and a header a few rows down (a title above it) are all fine.
Rows are matched by CID + service date in Bangkok time, and by claim type when both sides
have it. A person may hold several codes on one day; EP codes (channel ENDPOINT) close a
claim and are never claim codes, so they are ignored. Only rows of our hospital code count.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.atomic_file import check_input_file
from app.file_errors import NotRegularInput
from app.reports.errors import NhsoExportError, NhsoFileRefused
from app.words import common as common_words
from app.words import files as file_words
from app.words import reports as words

if TYPE_CHECKING:
    from app.authen.visit_log import Visit

HEADER_SEARCH_ROWS = 10
CHANNEL_AUTHEN, CHANNEL_ENDPOINT = "AUTHENCODE", "ENDPOINT"
OUR_CHANNEL = CHANNEL_AUTHEN  # every code in our log came through the agent

# field -> NHSO's header name
REQUIRED = {
    "hcode": "รหัสหน่วย",
    "pid": "เลขบัตร",
    "claim_code": "CLAIM CODE",
    "service_date": "วันที่เข้ารับบริการ",
}
OPTIONAL = {
    "patient_name": "ชื่อ-สกุล",
    "claim_type": "รหัสการเข้ารับบริการ",
    "hn": "HN CODE",
    "channel": "ช่องทางการขอ Authen Code",
}
_BE_DATE = re.compile(
    r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$"
)
_BE_OFFSET = 543
_BE_THRESHOLD = 2400  # a year above this is Buddhist era (2400 BE = 1857 CE)
# A service date outside these years (after the Buddhist-era correction) is not a date
# NHSO could have written: counted as unreadable, never compared.
FIRST_YEAR, LAST_YEAR = 2000, 2200
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(.*)$")

# Limits checked on the zip's own directory before anything is unpacked. NHSO's export of
# a busy hospital's month is a few MB of XML; the limits are far above that and far below
# what would stall the PC (a 1.2 MB file whose shared strings unpack to 510 MB took 2.4 GB).
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # every member together, as the zip declares them
MAX_MEMBERS = 1000
MAX_RATIO = 100  # unpacked / packed, for a member over RATIO_FROM_BYTES
RATIO_FROM_BYTES = 1024 * 1024
MAX_ROWS = 300_000  # data rows read from the sheet


@dataclass(frozen=True)
class NhsoRow:
    hcode: str
    pid: str
    claim_code: str
    service_at: dt.datetime  # naive Bangkok time
    claim_type: str = ""
    channel: str = ""
    patient_name: str = ""
    hn: str = ""

    @property
    def service_date(self) -> dt.date:
        return self.service_at.date()

    @property
    def is_close_claim(self) -> bool:
        return self.channel == CHANNEL_ENDPOINT or self.claim_code.startswith("EP")


@dataclass(frozen=True)
class NhsoExport:
    rows: list[NhsoRow]
    skipped: int  # rows with a code but an unreadable CID or date
    sheet: str
    header_row: int
    bad_dates: int = 0  # of `skipped`: rows whose service date could not be read

    @property
    def period(self) -> tuple[dt.date, dt.date] | None:
        days = [r.service_date for r in self.rows]
        return (min(days), max(days)) if days else None


@dataclass(frozen=True)
class ReconcileItem:
    pid: str
    claim_code: str
    service_date: dt.date
    channel: str
    nhso_claim_code: str | None = None  # only for "different"
    nhso: NhsoRow | None = None  # NHSO's row, for importing nhso_only codes

    def to_json(self) -> dict[str, str]:
        item = {
            "pid": self.pid,
            "claim_code": self.claim_code,
            "service_date": self.service_date.isoformat(),
            "channel": self.channel,
        }
        if self.nhso_claim_code is not None:
            item["nhso_claim_code"] = self.nhso_claim_code
        return item


@dataclass
class ReconcileResult:
    matched: int = 0
    not_in_nhso: list[ReconcileItem] = field(default_factory=list)
    different: list[ReconcileItem] = field(default_factory=list)
    nhso_only: list[ReconcileItem] = field(default_factory=list)
    nhso_rows_for_hcode: int = 0  # 0 on a whole file: probably another hospital's export

    def to_json(self) -> dict[str, Any]:
        return {
            "matched": self.matched,
            "not_in_nhso": [i.to_json() for i in self.not_in_nhso],
            "different": [i.to_json() for i in self.different],
            "nhso_only": [i.to_json() for i in self.nhso_only],
        }


def header_key(text: object) -> str:
    """'  ชื่อ - สกุล ' and 'ชื่อ-สกุล' are the same header; so are 'Claim code' and 'CLAIM CODE'."""
    return re.sub(r"\s+", "", str(text)).casefold() if text is not None else ""


def parse_service_time(value: object) -> dt.datetime | None:
    """A real date cell, or NHSO's Buddhist-era text `dd/MM/yyyy HH:mm:ss` (a Gregorian
    year is accepted too), as naive Bangkok time."""
    parsed = _service_time(value)
    if parsed is None or not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        return None
    return parsed


def _christian(value: dt.datetime) -> dt.datetime:
    """A date cell or ISO text typed with the Buddhist-era year (2569-12-04) in Christian era."""
    if value.year <= _BE_THRESHOLD:
        return value
    try:
        return value.replace(year=value.year - _BE_OFFSET)
    except ValueError:  # 29 February of a Buddhist-era year that is no leap year in CE
        return value.replace(year=value.year - _BE_OFFSET, day=28)


def _service_time(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        value = _christian(value)
        return value.replace(tzinfo=None) if value.tzinfo is None else _bangkok(value)
    if isinstance(value, dt.date):
        return _christian(dt.datetime.combine(value, dt.time()))
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _BE_DATE.match(text)
    try:
        if match is None:
            iso = _ISO_DATE.match(text)
            if iso is not None and int(iso[1]) > _BE_THRESHOLD:  # 2569-12-04: Buddhist era
                text = f"{int(iso[1]) - _BE_OFFSET:04d}-{iso[2]}-{iso[3]}{iso[4]}"
            parsed = dt.datetime.fromisoformat(text)
            return parsed.replace(tzinfo=None) if parsed.tzinfo is None else _bangkok(parsed)
        day, month, year, hour, minute, second = (int(g) if g else 0 for g in match.groups())
        if year > _BE_THRESHOLD:
            year -= _BE_OFFSET
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def _bangkok(value: dt.datetime) -> dt.datetime:
    from app.thai_format import BANGKOK

    return value.astimezone(BANGKOK).replace(tzinfo=None)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a CID or hcode typed as a number
    return str(value).strip()


def _digits(value: object, width: int = 0) -> str:
    text = _cell_text(value).replace("-", "").replace(" ", "")
    return text.zfill(width) if width and text.isdigit() else text


def _not_readable(path: Path, detail: str) -> NhsoExportError:
    return NhsoExportError(words.nhso_export_unreadable(path.name, detail))


def _find_header(
    sheets: Iterable[tuple[str, list[tuple[Any, ...]]]],
) -> tuple[str, int, dict[str, int]]:
    """(sheet, 1-based header row, field -> 0-based column) of the first row that has every
    required header; else NhsoExportError naming the headers the best row lacks."""
    wanted = {header_key(name): f for f, name in (REQUIRED | OPTIONAL).items()}
    best_missing = list(REQUIRED.values())
    for title, rows in sheets:
        for number, row in enumerate(rows, start=1):
            columns: dict[str, int] = {}
            for index, value in enumerate(row):
                name = wanted.get(header_key(value))
                if name is not None and name not in columns:
                    columns[name] = index
            missing = [REQUIRED[f] for f in REQUIRED if f not in columns]
            if not missing:
                return title, number, columns
            if len(missing) < len(best_missing):
                best_missing = missing
    names = ", ".join(f"“{m}”" for m in best_missing)
    raise NhsoExportError(words.not_nhso_export(names), missing=best_missing)


def check_zip_limits(path: Path) -> None:
    """NhsoFileRefused, before anything is unpacked, for a file far larger than any NHSO
    export once unpacked (the sizes its zip directory declares: Python's zipfile never
    unpacks more than a member declares). A file that is not a zip passes: openpyxl's
    own error words it."""
    check_input_file(path)  # a FIFO would hang the zip reader: NotRegularInput (an OSError)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise NhsoFileRefused(
            words.nhso_file_too_large(path.name, size // 2**20, MAX_FILE_BYTES // 2**20)
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if len(members) > MAX_MEMBERS:
        raise NhsoFileRefused(words.nhso_file_too_many_parts(path.name, len(members)))
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise NhsoFileRefused(words.nhso_file_unpacks_too_large(path.name, unpacked // 2**20))
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
            raise NhsoFileRefused(
                words.nhso_file_packed_too_tightly(path.name, member.filename, ratio)
            )


def read_nhso_export(path: Path) -> NhsoExport:
    """NHSO's rows from the file, streamed by openpyxl's read-only mode, after the file's
    zip directory passed `check_zip_limits`; at most MAX_ROWS rows."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        check_zip_limits(path)
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as exc:
        raise NhsoExportError(common_words.file_not_found(path)) from exc
    except NotRegularInput as exc:
        raise NhsoExportError(file_words.not_a_file_to_read(exc.path, exc.kind)) from exc
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise _not_readable(path, type(exc).__name__) from exc
    try:
        heads = [
            (ws.title, list(ws.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)))
            for ws in wb.worksheets
        ]
        title, header_row, columns = _find_header(heads)
        rows: list[NhsoRow] = []
        skipped = bad_dates = 0
        for number, values in enumerate(
            wb[title].iter_rows(min_row=header_row + 1, values_only=True), start=1
        ):
            if number > MAX_ROWS:
                raise NhsoFileRefused(words.nhso_file_too_many_rows(path.name, MAX_ROWS))
            row = _row(values, columns)
            if row is not None:
                rows.append(row)
            elif _has_code(values, columns):  # a code with a broken CID or date
                skipped += 1
                raw_date = _get(values, columns, "service_date")
                if parse_service_time(raw_date) is None:
                    bad_dates += 1
        return NhsoExport(rows, skipped, title, header_row, bad_dates)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise _not_readable(path, type(exc).__name__) from exc
    finally:
        wb.close()


def _get(values: tuple[Any, ...], columns: dict[str, int], name: str) -> Any:
    index = columns.get(name)
    return values[index] if index is not None and index < len(values) else None


def _has_code(values: tuple[Any, ...], columns: dict[str, int]) -> bool:
    return bool(_cell_text(_get(values, columns, "claim_code")))


def _row(values: tuple[Any, ...], columns: dict[str, int]) -> NhsoRow | None:
    code = _cell_text(_get(values, columns, "claim_code")).upper()
    pid = _digits(_get(values, columns, "pid"))
    service_at = parse_service_time(_get(values, columns, "service_date"))
    if not code or len(pid) != 13 or not pid.isdigit() or service_at is None:
        return None
    return NhsoRow(
        hcode=_digits(_get(values, columns, "hcode"), width=5),
        pid=pid,
        claim_code=code,
        service_at=service_at,
        claim_type=_cell_text(_get(values, columns, "claim_type")),
        channel=_cell_text(_get(values, columns, "channel")).upper(),
        patient_name=_cell_text(_get(values, columns, "patient_name")),
        hn=_cell_text(_get(values, columns, "hn")),
    )


_Key = tuple[str, dt.date]  # (CID, service date)


def _compatible(ours: str, theirs: str) -> bool:
    return not ours or not theirs or ours == theirs


def reconcile(
    nhso_rows: Iterable[NhsoRow],
    visits: Iterable[Visit],
    hcode: str,
    period: tuple[dt.date, dt.date] | None = None,
) -> ReconcileResult:
    """Our codes against NHSO's, for `hcode`, over `period` (default: the NHSO rows' own
    first to last service date, so older visits are not reported missing)."""
    rows = list(nhso_rows)
    if period is None:
        days = [r.service_date for r in rows]
        period = (min(days), max(days)) if days else None
    result = ReconcileResult()
    theirs: dict[_Key, dict[str, NhsoRow]] = {}
    for row in rows:
        if row.hcode != hcode or row.is_close_claim:
            continue
        result.nhso_rows_for_hcode += 1
        theirs.setdefault((row.pid, row.service_date), {}).setdefault(row.claim_code, row)
    ours: dict[_Key, dict[str, Visit]] = {}
    if period is not None:
        for visit in visits:
            if not visit.has_code or visit.hcode != hcode:
                continue
            if not period[0] <= visit.service_date <= period[1]:
                continue
            ours.setdefault((visit.pid, visit.service_date), {}).setdefault(
                visit.claim_code, visit
            )  # a reused code appears on several visits: count it once
    for key in sorted(ours.keys() | theirs.keys()):
        _compare_day(key, ours.get(key, {}), theirs.get(key, {}), result)
    return result


def _compare_day(
    key: _Key,
    ours: dict[str, Visit],
    theirs: dict[str, NhsoRow],
    result: ReconcileResult,
) -> None:
    """One person's one day: equal codes match; each of ours left over pairs with one of
    NHSO's left over of a compatible claim type ("different"), or is not in NHSO's file."""
    pid, day = key
    result.matched += len(ours.keys() & theirs.keys())
    left: list[NhsoRow] = [row for code, row in theirs.items() if code not in ours]
    for code, visit in ours.items():
        if code in theirs:
            continue
        other = next((r for r in left if _compatible(visit.claim_type, r.claim_type)), None)
        if other is None:
            result.not_in_nhso.append(ReconcileItem(pid, code, day, OUR_CHANNEL))
        else:
            left.remove(other)
            channel = other.channel or CHANNEL_AUTHEN
            result.different.append(
                ReconcileItem(pid, code, day, channel, nhso_claim_code=other.claim_code, nhso=other)
            )
    for row in left:
        result.nhso_only.append(
            ReconcileItem(pid, row.claim_code, day, row.channel or CHANNEL_AUTHEN, nhso=row)
        )
