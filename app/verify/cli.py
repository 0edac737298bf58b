"""`authen-desk verify-day [--date YYYY-MM-DD] [--json]`.

Exit 0 once every visit of the day has a verdict (whatever it is); otherwise the registry's
exit code for what stopped the check: no token 31, hospital code not set 78, NHSO
unreachable 26, TLS failing 27, token refused 23, an unreadable answer or a redirect 24,
visit log unreadable 1, keyring unusable 30.
Rerunning continues where a stopped run ended.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.cli.exit_codes import ExitCode
from app.words import settings as settings_words

if TYPE_CHECKING:
    from app.cli.parser import Subparsers
    from app.verify.day import Progress, RunResult


def add_parsers(subparsers: Subparsers) -> None:
    verify = subparsers.add_parser(
        "verify-day", help="check each visit of a day with NHSO's authen-status service"
    )
    verify.add_argument("--date", help="YYYY-MM-DD (default: today, Bangkok)")
    verify.add_argument("--json", action="store_true", help="print one JSON list")
    verify.set_defaults(handler=run_verify_day)


def _progress_bar(enabled: bool) -> tuple[Callable[[Progress], None] | None, Callable[[], None]]:
    """tqdm on stderr in a terminal; nothing with --json or when stderr is not a terminal."""
    if not enabled or not sys.stderr.isatty():
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(file=sys.stderr, unit=" visits", leave=False)

    def update(step: Progress) -> None:
        bar.total = step.total
        bar.update(step.done - bar.n)

    return update, bar.close


def run_verify_day(args: argparse.Namespace) -> int:
    from app import clock
    from app.cli.dates import BadDate, parse_day
    from app.cli.output import fail, say

    try:
        day = parse_day(args.date) if args.date else clock.today()
    except BadDate as exc:
        say(exc.message)
        return ExitCode.USAGE
    from app.authen.errors import VisitLogUnavailable
    from app.nhso.errors import StatusError
    from app.settings.errors import HcodeNotSet
    from app.settings.model import load_settings
    from app.tokens.errors import KeyringUnavailable, TokenNotSet

    settings, problem = load_settings()
    if problem:
        say(settings_words.settings_ignored(problem))
    try:
        from app.settings.model import required_hcode
        from app.tokens.kinds import TokenKind
        from app.tokens.store import TokenStore

        hcode = required_hcode(settings.hcode)
        token = TokenStore().require(TokenKind.AUTHEN)
        result = _run(day, hcode, token, settings.zone, settings.status_url, args)
    except (HcodeNotSet, TokenNotSet, KeyringUnavailable, StatusError,
            VisitLogUnavailable) as exc:  # fmt: skip
        return fail(exc, "verify-day")
    if args.json:
        print(json.dumps([v.to_json() for v in result.verdicts], ensure_ascii=False))
    else:
        _print_summary(day, result.counts(), len(result.verdicts), result.asked)
    return ExitCode.OK


def _run(
    day: dt.date, hcode: str, token: str, zone: str, status_url: str, args: argparse.Namespace
) -> RunResult:
    from app.authen.cli import open_visit_log
    from app.cli.output import say
    from app.nhso.status_client import AuthenStatusClient
    from app.store.verify import ClinicVerdicts, finish_run, verdict_store
    from app.verify.day import verify_day
    from app.words import store as store_words

    client = AuthenStatusClient(token, zone, status_url or None)
    visits = open_visit_log()
    progress, close_bar = _progress_bar(not args.json)
    verdicts = verdict_store(visits)  # with a shared store: every desk's visits of the day
    try:
        return verify_day(day, verdicts, client.check, hcode, progress=progress)
    finally:
        close_bar()
        client.close()
        if isinstance(verdicts, ClinicVerdicts) and not verdicts.clinic_wide:
            say(store_words.VERIFY_THIS_DESK_ONLY)
        finish_run(verdicts, visits)
        visits.close()


def _print_summary(day: dt.date, counts: dict[str, int], total: int, asked: int) -> None:
    from app.verify.day import VERDICT_TH

    print(f"{day.isoformat()}: {total} รายการ / visits (ถาม สปสช. {asked} ครั้ง / {asked} "
          "requests this run)")  # fmt: skip
    for verdict, count in counts.items():
        print(f"  {VERDICT_TH[verdict]:<24} {verdict:<10} {count}")
