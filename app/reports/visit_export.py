"""The visit export: one .xlsx with the visit list and a summary sheet ("สรุป").

The list starts with the columns of NHSO's own export "รายงานการขอ Authen code" (reference
docs/nhso-agent.md §4: same Thai header names, same order) for which the log holds
data, then the program's own. NHSO's "วันเกิด (ปีเดือนวัน)" is left out, not left empty: the
log does not store birth dates, and a column that is always blank reads as lost data.

Written with openpyxl in write-only mode, so memory stays bounded for 100 000 visits; the
summary is counted while the rows stream past.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from app.reports.common import (
    BE_DATE_FORMAT,
    BE_DATETIME_FORMAT,
    ExportCancelled,
    clean_text,
    keep_temp_files_private,
    mask_cid_report,
    private_output,
    remove_temp_files_of,
    row_values,
)
from app.reports.visits import OUTCOME_TH
from app.verify.day import VERDICT_TH

if TYPE_CHECKING:
    from app.authen.visit_log import Visit
    from app.message import Message

_K = TypeVar("_K", str, tuple[str, str])
Progress = Callable[[int, int], bool]  # (done, total) -> False to cancel

VISITS_SHEET = "รายการ"
SUMMARY_SHEET = "สรุป"
PROGRESS_EVERY = 500

TECHNICAL_HEADER = "รายละเอียดทางเทคนิค (สำหรับผู้ดูแลระบบ)"
# (header, width) — the first eleven as NHSO names them, in NHSO's order.
COLUMNS: list[tuple[str, float]] = [
    ("รหัสหน่วย", 10),
    ("ชื่อหน่วย", 28),
    ("เลขบัตร", 19),
    ("ชื่อ-สกุล", 28),
    ("เบอร์โทร", 13),
    ("รหัสการเข้ารับบริการ", 19),
    ("CLAIM CODE", 16),
    ("ประเภทการเข้ารับบริการ", 40),
    ("HN CODE", 12),
    ("วันที่เข้ารับบริการ", 18),
    ("วันที่บันทึก Authen Code", 22),
    # our own columns
    ("ผลการขอรหัส", 20),
    ("ข้อความข้อผิดพลาด", 40),  # the catalogue's Thai / English sentence for the failure
    (TECHNICAL_HEADER, 40),  # the kind and text as logged
    ("เจ้าหน้าที่ผู้ขอรหัส", 24),
    ("จุดบริการ", 14),  # several desks (app/store)
    ("ผลตรวจสอบกับ สปสช.", 20),
]
SERVICE_DATE_COL = 10  # 1-based positions of the two date columns
RECORDED_DATE_COL = 11

SECTION_CLAIM_TYPE = "จำนวนตามประเภทการเข้ารับบริการ / by claim type"
SECTION_STAFF = "จำนวนตามเจ้าหน้าที่ / by staff"
SECTION_OUTCOME = "จำนวนตามผลการขอรหัส / by outcome"
SECTION_DAY = "จำนวนต่อวัน / visits per day"
NO_STAFF = "(ไม่ได้ลงชื่อเข้าใช้)"

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int


@dataclass
class _Tally:
    """Counted while the rows stream past, for the summary sheet."""

    claim_types: Counter[tuple[str, str]]
    staff: Counter[str]
    outcomes: Counter[str]
    days: Counter[dt.date]
    days_with_code: Counter[dt.date]

    @classmethod
    def empty(cls) -> _Tally:
        return cls(Counter(), Counter(), Counter(), Counter(), Counter())

    def add(self, visit: Visit) -> None:
        self.claim_types[(visit.claim_type, visit.claim_type_name)] += 1
        self.staff[visit.staff_name or NO_STAFF] += 1
        self.outcomes[visit.outcome_th] += 1
        self.days[visit.service_date] += 1
        if visit.has_code:
            self.days_with_code[visit.service_date] += 1


def _header_cells(ws: Worksheet, names: Iterable[str]) -> list[Cell]:
    cells = []
    for name in names:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center")
        cells.append(cell)
    return cells


def _date_cell(ws: Worksheet, number_format: str) -> Cell:
    cell = WriteOnlyCell(ws)
    cell.number_format = number_format
    return cell


def export_visits(
    visits: Iterable[Visit],
    out: Path,
    *,
    start: dt.date,
    end: dt.date,
    hospital_name: str = "",
    total: int = 0,
    mask_cid: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """Write `visits` (service dates start..end) to `out`, replacing it only on success.

    `total` is only for `progress`; ExportCancelled is raised when progress returns False,
    after the partial file is gone.
    """
    keep_temp_files_private()
    wb = Workbook(write_only=True)
    try:
        with private_output(out) as handle:
            rows = _write(wb, visits, start, end, hospital_name, total, mask_cid, progress)
            wb.save(handle)
    except BaseException:
        remove_temp_files_of(wb)
        raise
    return ExportResult(out, rows)


def _write(
    wb: Workbook,
    visits: Iterable[Visit],
    start: dt.date,
    end: dt.date,
    hospital_name: str,
    total: int,
    mask_cid: bool,
    progress: Progress | None,
) -> int:
    # Typed as Worksheet: a write-only sheet shares its column_dimensions, auto_filter,
    # freeze_panes and add_chart (openpyxl copies them over), which the stubs do not show.
    ws: Worksheet = wb.create_sheet(VISITS_SHEET)
    summary: Worksheet = wb.create_sheet(SUMMARY_SHEET)
    # Widths and the frozen header must be set before the first row: write-only mode
    # writes the sheet's head as soon as a row arrives.
    for index, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    _print_landscape_fit_width(ws)
    ws.print_title_rows = "1:1"  # the header on every printed page
    ws.append(_header_cells(ws, (name for name, _ in COLUMNS)))

    # One styled cell per date column, refilled for each row: openpyxl writes a row as
    # soon as it is appended, and reusing the cell avoids a style lookup per value.
    service_cell = _date_cell(ws, BE_DATETIME_FORMAT)
    recorded_cell = _date_cell(ws, BE_DATETIME_FORMAT)
    tally = _Tally.empty()
    done = 0
    for visit in visits:
        service_cell.value = visit.created
        recorded = visit.updated if visit.has_code else None
        recorded_cell.value = recorded
        ws.append(
            row_values(
                ws,
                [
                    visit.hcode,
                    hospital_name,
                    mask_cid_report(visit.pid) if mask_cid else visit.pid,
                    visit.patient_name,
                    visit.mobile,
                    visit.claim_type,
                    visit.claim_code,
                    visit.claim_type_name,
                    visit.hn,
                    service_cell,
                    recorded_cell if recorded is not None else None,
                    visit.outcome_th,
                    *error_cells(visit),
                    visit.staff_name,
                    visit.desk or None,
                    VERDICT_TH.get(visit.nhso_verdict, visit.nhso_verdict) or None,
                ],
            )
        )
        tally.add(visit)
        done += 1
        if progress is not None and done % PROGRESS_EVERY == 0 and not progress(done, total):
            raise ExportCancelled(f"cancelled after {done} rows")
    if progress is not None and not progress(done, max(total, done)):
        raise ExportCancelled(f"cancelled after {done} rows")
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{done + 1}"
    _write_summary(summary, tally, start, end, hospital_name)
    return done


def error_cells(visit: Visit) -> tuple[str | None, str | None]:
    """The error column in words clinic staff read (the catalogue's Thai / English sentence
    for the logged failure's kind), and the technical text as logged, for clinic IT."""
    if not visit.error_kind and not visit.error_message:
        return None, None
    technical = ": ".join(t for t in (visit.error_kind, visit.error_message) if t)
    known = _words_for_kind(visit.error_kind) if visit.error_kind else None
    if known is None:  # no sentence for it in the catalogue: the logged text, as it is
        return visit.error_message or visit.error_kind, technical
    return f"{known.th} / {known.en}", technical


@cache
def _words_for_kind(kind: str) -> Message | None:
    from app.errors import words_for_kind

    return words_for_kind(kind)


def _most_first(counts: Counter[_K]) -> list[tuple[_K, int]]:
    """Largest count first, ties by name: the busiest staff and commonest types on top."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _write_summary(
    ws: Worksheet, tally: _Tally, start: dt.date, end: dt.date, hospital_name: str
) -> None:
    for letter, width in zip("ABCD", (16, 42, 14, 12), strict=True):
        ws.column_dimensions[letter].width = width
    _print_landscape_fit_width(ws)
    title = WriteOnlyCell(ws, value=clean_text(f"สรุปการขอ Authen Code {hospital_name}".strip()))
    title.font = Font(bold=True, size=14)
    ws.append([title])
    period = [WriteOnlyCell(ws, value="ช่วงวันที่ / period"), _date_cell(ws, BE_DATE_FORMAT)]
    period[1].value = start
    until = _date_cell(ws, BE_DATE_FORMAT)
    until.value = end
    ws.append([*period, until])
    ws.append([WriteOnlyCell(ws, value="จำนวนทั้งหมด / total"), sum(tally.days.values())])
    row = 3

    def section(title: str, header: list[str], rows: list[list[Any]]) -> int:
        """Appends a titled table; returns the sheet row of its first data row."""
        nonlocal row
        heading = WriteOnlyCell(ws, value=title)
        heading.font = _HEADER_FONT
        ws.append([])
        ws.append([heading])
        ws.append(_header_cells(ws, header))
        for values in rows:
            ws.append(row_values(ws, values))
        first = row + 4
        row += 3 + len(rows)
        return first

    section(
        SECTION_CLAIM_TYPE,
        ["รหัส", "ประเภทการเข้ารับบริการ", "จำนวน"],
        [[code, name, n] for (code, name), n in _most_first(tally.claim_types)],
    )
    section(
        SECTION_STAFF,
        ["เจ้าหน้าที่", "", "จำนวน"],
        [[name, None, n] for name, n in _most_first(tally.staff)],
    )
    order = list(OUTCOME_TH.values())
    section(
        SECTION_OUTCOME,
        ["ผลการขอรหัส", "", "จำนวน"],
        [
            [word, None, n]
            for word, n in sorted(
                tally.outcomes.items(),
                key=lambda item: order.index(item[0]) if item[0] in order else len(order),
            )
        ],
    )
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    day_rows: list[list[Any]] = []
    for day in days:
        cell = _date_cell(ws, BE_DATE_FORMAT)  # a new cell each row: the chart needs values
        cell.value = day
        day_rows.append([cell, None, tally.days[day], tally.days_with_code[day]])
    first = section(SECTION_DAY, ["วันที่", "", "จำนวนรายการ", "ได้รหัส"], day_rows)
    if days:
        _add_day_chart(ws, first, first + len(days) - 1)


def _print_landscape_fit_width(ws: Worksheet) -> None:
    """Printed (or turned into PDF) on landscape pages one sheet wide, not 15 columns
    spread over a pile of portrait pages."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _add_day_chart(ws: Worksheet, first: int, last: int) -> None:
    chart = BarChart()
    chart.type = "col"
    chart.title = "จำนวนผู้รับบริการต่อวัน"
    chart.y_axis.title = "จำนวนรายการ"
    chart.x_axis.title = "วันที่"
    chart.x_axis.number_format = BE_DATE_FORMAT
    # openpyxl >= 3.1 leaves axes "deleted" unless told otherwise: Excel then hides them.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    data = Reference(ws, min_col=3, max_col=4, min_row=first - 1, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    chart.width = 24
    chart.height = 10
    chart.legend.position = "b"
    ws.add_chart(chart, "F2")
