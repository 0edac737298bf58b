"""`authen-desk export`, `export-staff-list` and `reconcile`.

openpyxl, sqlite-utils and tqdm are imported inside the handlers: `authen-desk --help` and
the other commands must not pay for them. Exit codes follow sysexits: 64 bad arguments,
65 not NHSO's file, 66 file not found, 73 cannot write, 74 visit log unreadable, 78 hospital
code not set.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.exit_codes import ExitCode
from app.cli.output import fail, say
from app.reports.errors import ReportError
from app.settings.errors import HcodeNotSet
from app.words import common as common_words
from app.words import reports as reports_words
from app.words import settings as settings_words

if TYPE_CHECKING:
    from app.cli.parser import Subparsers
    from app.reports.reconcile import ReconcileResult
    from app.settings.model import Settings


def add_parsers(subparsers: Subparsers) -> None:
    export = subparsers.add_parser(
        "export", help="write the visits of a date range to an .xlsx file (with a summary)"
    )
    export.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    export.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    export.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx")
    export.add_argument("--mask-cid", action="store_true", help="show CIDs as 1-xxxx-xxxx5-67-8")
    export.set_defaults(handler=run_export)
    staff = subparsers.add_parser(
        "export-staff-list", help="the staff list NHSO asks for with a token request (.xlsx)"
    )
    staff.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx")
    staff.set_defaults(handler=run_export_staff_list)
    reconcile = subparsers.add_parser(
        "reconcile", help="compare the visit log with NHSO's 'รายงานการขอ Authen code' .xlsx"
    )
    reconcile.add_argument("file", type=Path, metavar="FILE.xlsx")
    reconcile.add_argument("--json", action="store_true", help="print one JSON object")
    reconcile.set_defaults(handler=run_reconcile)


def _settings() -> Settings:
    from app.settings.model import load_settings

    settings, problem = load_settings()
    if problem:
        say(settings_words.settings_ignored(problem))
    return settings


def _progress_bar(total: int) -> tuple[Callable[[int, int], bool] | None, Callable[[], None]]:
    """A tqdm bar on stderr in a terminal; nothing when stderr is a file or a pipe."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=total, file=sys.stderr, unit=" visits", leave=False)

    def update(done: int, _total: int) -> bool:
        bar.update(done - bar.n)
        return True

    return update, bar.close


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a service stop, `kill`, a closing session) raises KeyboardInterrupt while a
    report is written, so the cleanup of a Ctrl+C runs: no `.part` file and no openpyxl
    temp file is left. Python's default for SIGTERM is to die on the spot. Windows has
    SIGTERM too (raised by the C runtime); only the main thread may set a handler."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_export(args: argparse.Namespace) -> int:
    from app.cli.dates import BadDate, parse_range

    try:
        start, end = parse_range(args.date_from, args.date_to)
    except BadDate as exc:
        say(exc.message)
        return ExitCode.USAGE
    from app.reports.visit_export import export_visits
    from app.reports.visits import open_visits

    settings = _settings()
    try:
        with sigterm_as_interrupt(), open_visits(None, start, end) as visits:
            progress, close_bar = _progress_bar(visits.total)
            try:
                result = export_visits(
                    visits.rows, args.out, start=start, end=end,
                    hospital_name=settings.hospital_name, total=visits.total,
                    mask_cid=args.mask_cid, progress=progress,
                )  # fmt: skip
            finally:
                close_bar()
    except ReportError as exc:
        return fail(exc, "report")
    print(reports_words.visits_written(result.rows, result.path).one_line())
    return 0


def run_export_staff_list(args: argparse.Namespace) -> int:
    from app.reports.staff_list import export_staff_list
    from app.reports.visits import open_visits

    settings = _settings()
    if settings.hcode is None:
        return fail(HcodeNotSet(), "report")
    try:
        with sigterm_as_interrupt(), open_visits() as visits:
            count = export_staff_list(
                visits.rows, args.out, hcode=settings.hcode, hospital_name=settings.hospital_name
            )
    except ReportError as exc:
        return fail(exc, "report")
    print(reports_words.staff_list_written(count, args.out).one_line())
    return 0


def run_reconcile(args: argparse.Namespace) -> int:
    from app.reports.reconcile import read_nhso_export, reconcile
    from app.reports.visits import open_visits
    from app.words import reports as reports_words

    settings = _settings()
    if settings.hcode is None:
        return fail(HcodeNotSet(), "report")
    if not args.file.exists():  # a folder or FIFO is refused by name when read
        say(common_words.file_not_found(args.file))
        return ExitCode.NO_INPUT
    try:
        export = read_nhso_export(args.file)
        period = export.period
        with open_visits(None, *(period or (None, None))) as visits:
            result = reconcile(export.rows, visits.rows, settings.hcode, period)
    except ReportError as exc:
        return fail(exc, "report")
    if export.skipped:
        say(reports_words.rows_skipped(export.skipped))
    if export.bad_dates:
        say(reports_words.unreadable_dates(export.bad_dates))
    if export.rows and result.nhso_rows_for_hcode == 0:
        say(reports_words.no_codes_of_hospital(settings.hcode))
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
        return 0
    _print_result(result, period)
    return 0


def _print_result(result: ReconcileResult, period: tuple[dt.date, dt.date] | None) -> None:
    if period is not None:
        print(f"ช่วงวันที่ / period: {period[0].isoformat()} – {period[1].isoformat()}")
    print(f"ตรงกัน / matched: {result.matched}")
    print(f"ไม่อยู่ในไฟล์ สปสช. / not in NHSO's file: {len(result.not_in_nhso)}")
    print(f"รหัสต่างกัน / different code: {len(result.different)}")
    print(f"มีใน สปสช. แต่ไม่มีในโปรแกรม / only in NHSO's file: {len(result.nhso_only)}")
    for kind, items in (
        ("not_in_nhso", result.not_in_nhso),
        ("different", result.different),
        ("nhso_only", result.nhso_only),
    ):
        for item in items:
            other = f" ≠ {item.nhso_claim_code}" if item.nhso_claim_code else ""
            day = item.service_date.isoformat()
            print(f"  {kind:<11} {day}  {item.pid}  {item.claim_code}{other}")
