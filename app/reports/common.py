"""What the report writers share: the Buddhist-era cell formats, the CID mask, typed errors
and the private, all-or-nothing output file."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from app import atomic_file
from app.file_errors import NotRegularOutput
from app.reports.errors import ReportWriteError
from app.words import files as file_words

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

# Excel's own locale-and-calendar prefix: 041E = Thai, 07 = Thai Buddhist calendar. Excel and
# LibreOffice (checked with 7.4: `libreoffice --convert-to pdf`) both show 2569 for 2026.
# The newer "[$-th-TH,107]" spelling is NOT honoured by LibreOffice (it shows the raw serial
# number), and "[~buddhist]" is LibreOffice-only, so neither is used.
BE_DATETIME_FORMAT = "[$-107041E]d/mm/yyyy hh:mm"
BE_DATE_FORMAT = "[$-107041E]d/mm/yyyy"
TEXT_FORMAT = "@"


class ExportCancelled(Exception):
    """The progress callback asked to stop; the partial file has already been removed."""


def mask_cid_report(cid: str) -> str:
    """The program's one CID mask (cardreader.cid.mask_cid), for reports that leave the clinic."""
    from cardreader.cid import mask_cid

    return mask_cid(cid)


@contextlib.contextmanager
def private_output(target: Path) -> Iterator[BinaryIO]:
    """A file that becomes `target` only when the block ends normally
    (app.atomic_file.private_output: 0600, beside the target, removed on any error, cancel
    or interrupt; never replaces anything but a regular file), with the failures worded
    for a report (ReportWriteError)."""
    folder = target.parent
    if not folder.is_dir():
        raise ReportWriteError(file_words.no_such_folder(str(folder)))
    try:
        with atomic_file.private_output(target) as handle:
            yield handle
    except NotRegularOutput as exc:
        raise ReportWriteError(file_words.not_a_file_to_write(exc.path, exc.kind)) from exc
    except OSError as exc:
        raise _cannot_write(target, exc) from exc


def _cannot_write(target: Path, exc: OSError) -> ReportWriteError:
    return ReportWriteError(file_words.cannot_write(str(target), str(exc.strerror or exc)))


# --- text that stays text -------------------------------------------------------------------

# A cell whose text starts with one of these is a formula (or becomes one when edited) in
# Excel or LibreOffice; a CSV opened there too. Such text is written as a string cell with
# Excel's "quote prefix" (the leading apostrophe), never as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# openpyxl refuses these characters (XML 1.0 cannot hold them); one would fail a whole export.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL_TEXT = 32767  # Excel's limit


def clean_text(value: str) -> str:
    """`value` without the control characters a workbook cannot hold, within Excel's size."""
    return _ILLEGAL.sub("", value)[:MAX_CELL_TEXT]


# Excel's error values: openpyxl stores the text "#N/A" as an error cell.
_ERROR_VALUES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))


# One search finds every text that needs a look: a formula start, "#" (an error value?) or
# a character XML cannot hold; the export calls it 1.2 million times for 100 000 visits.
_CARE = re.compile(r"^[=+\-@\t\r\n#]|[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _needs_care(text: str) -> bool:
    return _CARE.search(text) is not None or len(text) > MAX_CELL_TEXT


def text_value(ws: Worksheet, value: str) -> str | Cell:
    """`value` (typed by staff, read from a card, answered by NHSO, read from NHSO's file)
    as something `ws.append` writes as text, never as a formula or an error value."""
    if not _needs_care(value):
        return value  # the common case, kept cheap: 100 000 rows × 12 texts
    from openpyxl.cell.cell import Cell

    text = clean_text(value)
    if not text.startswith(_FORMULA_START) and text not in _ERROR_VALUES:
        return text
    cell = Cell(ws, row=1, column=1)  # what WriteOnlyCell makes; ws.append places it
    cell.value = text
    cell.data_type = "s"  # openpyxl made "=…" a formula and "#N/A" an error
    cell.quotePrefix = True  # and Excel keeps it text when someone edits the cell
    return cell


def row_values(ws: Worksheet, values: Iterable[Any]) -> list[Any]:
    """A row for `ws.append` with every string made safe by `text_value`: the one way every
    report writer puts text into a workbook."""
    care = _CARE.search
    return [
        text_value(ws, v) if v.__class__ is str and (care(v) or len(v) > MAX_CELL_TEXT) else v
        for v in values
    ]


# --- openpyxl's own temporary files ---------------------------------------------------------

TEMP_FOLDER = "report-temp"
STALE_TEMP_SECONDS = 15 * 60  # an export writes its temp file all along; older = left behind


def report_temp_folder() -> Path:
    """Where openpyxl's per-sheet temp files go: a private folder of ours (0700), not the
    shared temp folder, so an export killed before it could clean up leaves patient data
    only where the visit log itself is."""
    from app.paths import app_paths

    folder = app_paths().user_state_dir / TEMP_FOLDER
    atomic_file.make_dirs(folder)
    return folder


def _create_temporary_file(suffix: str = "") -> str:
    from openpyxl.worksheet._writer import ALL_TEMP_FILES

    fd, name = tempfile.mkstemp(prefix="openpyxl.", suffix=suffix, dir=report_temp_folder())
    os.close(fd)
    ALL_TEMP_FILES.append(name)
    return name


def keep_temp_files_private() -> None:
    """Point openpyxl's temp files (write-only sheets; every sheet during a save) at our
    private folder, and remove those an earlier, killed export left there. Call before
    building a workbook."""
    import openpyxl.worksheet._writer as sheet_writer

    sheet_writer.create_temporary_file = _create_temporary_file
    folder = report_temp_folder()
    now = time.time()
    for leftover in folder.glob("openpyxl.*"):
        with contextlib.suppress(OSError):
            if now - leftover.lstat().st_mtime > STALE_TEMP_SECONDS:
                leftover.unlink()


def remove_temp_files_of(wb: Workbook) -> None:
    """Remove the per-sheet temp files openpyxl's write-only mode keeps (they hold patient
    data) when the export stops before `save`, which would otherwise remove them."""
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet
    from openpyxl.worksheet._writer import ALL_TEMP_FILES

    for ws in wb.worksheets:
        if not isinstance(ws, WriteOnlyWorksheet):
            continue
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        with contextlib.suppress(Exception):  # a half-closed stream: the file goes anyway
            if not ws.closed:
                ws.close()
        out = getattr(writer, "out", None)
        if isinstance(out, str):
            with contextlib.suppress(OSError):
                os.remove(out)
            with contextlib.suppress(ValueError):
                ALL_TEMP_FILES.remove(out)
