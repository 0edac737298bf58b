"""`authen-desk authen` and `authen-desk history`: the same flow and log as the window."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from app.cli.exit_codes import ExitCode
from app.words import settings as settings_words

if TYPE_CHECKING:
    from app.authen.visit_log import VisitLog
    from app.cli.parser import Subparsers


def add_parsers(subparsers: Subparsers) -> None:
    authen = subparsers.add_parser("authen", help="get a claim code for the card in the reader")
    authen.add_argument("--claim-type", required=True, help="e.g. PG0060001")
    authen.add_argument(
        "--mobile",
        required=True,
        help="the patient's 10-digit mobile number; '-' reads it from stdin (then it is "
        "not in the process list)",
    )
    authen.add_argument("--hn", default="", help="hospital number (optional)")
    authen.add_argument("--hcode", help="5-digit hospital code (default: settings)")
    authen.add_argument("--agent-url", help="NHSO agent URL (default: settings)")
    authen.add_argument("--json", action="store_true", help="print one JSON object")
    authen.set_defaults(handler=run_authen)
    history = subparsers.add_parser("history", help="the day's visits: successes and failures")
    history.add_argument("--date", help="YYYY-MM-DD (default: today)")
    history.add_argument("--json", action="store_true", help="print a JSON list")
    history.set_defaults(handler=run_history)


def open_visit_log(demo: bool = False) -> VisitLog:
    """The desk's log; with the clinic's shared store behind it when one is set (not in
    the demo)."""
    from app.authen.visit_log import VisitLog
    from app.paths import app_paths

    if not demo:
        from app.settings.model import load_settings
        from app.store.open import open_visit_log as open_shared

        return open_shared(app_paths().visit_log(demo), load_settings()[0])
    return VisitLog(app_paths().visit_log(demo))


def run_authen(args: argparse.Namespace) -> int:
    from app.authen.errors import (
        AgentReadAnotherCard,
        AnswerFlagged,
        HeldByOtherHospital,
        InvalidInput,
        VisitLogUnavailable,
    )
    from app.authen.flow import AuthenFlow, validate_agent_url, validate_hn, validate_mobile
    from app.cli.output import fail, say
    from app.nhso.agent_client import AgentClient
    from app.nhso.errors import AgentError
    from app.settings.errors import HcodeNotSet
    from app.settings.model import load_settings

    # "-": from stdin, so the number is not in the process list (ps) or shell history.
    mobile = sys.stdin.readline().strip() if args.mobile == "-" and sys.stdin else args.mobile
    settings, problem = load_settings()
    if problem:
        say(settings_words.settings_ignored(problem))
    try:  # what can be checked without the card is refused before anything is sent
        agent_url = validate_agent_url(args.agent_url or settings.agent_url)
        validate_mobile(mobile)
        validate_hn(args.hn)
    except InvalidInput as exc:
        return fail(exc, "authen")
    client = AgentClient(agent_url)
    flow: AuthenFlow | None = None
    try:
        flow = AuthenFlow(client, open_visit_log(args.demo), args.hcode or settings.hcode)
        reading = flow.check_rights().reading
        outcome = flow.confirm(reading, args.claim_type, mobile, args.hn)
    except (
        VisitLogUnavailable,
        InvalidInput,
        HcodeNotSet,
        HeldByOtherHospital,
        AgentReadAnotherCard,
        AnswerFlagged,  # not this patient's code: refused, kept flagged; no retry here
        AgentError,
    ) as exc:
        if flow is not None and flow.clock_warning is not None:
            say(flow.clock_warning)  # a wrong clock may be why (a visit on the wrong day)
        return fail(exc, "authen")
    finally:
        client.close()
    if outcome.clock_warning is not None:  # one line on stderr, with the offset
        say(outcome.clock_warning)
    if outcome.record.notice is not None:  # issued, but kept in the journal, not the log
        say(outcome.record.notice)
    if args.json:
        print(json.dumps(outcome.to_json(), ensure_ascii=False))
    else:
        state = "ใช้รหัสเดิมของวันนี้ / reused today's code" if outcome.reused else "ใหม่ / new"
        print(f"Claim Code: {outcome.claim_code}  ({state})")
    return ExitCode.OK


def run_history(args: argparse.Namespace) -> int:
    from app import clock
    from app.authen.errors import VisitLogUnavailable
    from app.cli.dates import BadDate, parse_day
    from app.cli.output import fail, say
    from cardreader.decode import escape_controls, is_control

    try:
        day = parse_day(args.date) if args.date else clock.today()
    except BadDate as exc:
        say(exc.message)
        return ExitCode.USAGE
    try:
        records = open_visit_log(args.demo).on_date(day)
    except VisitLogUnavailable as exc:
        return fail(exc, "history")
    if args.json:
        text = json.dumps([r.to_json() for r in records], ensure_ascii=False)
        # JSON escapes C0 itself; C1 (CSI) and bidi marks are written as \\uXXXX too
        print("".join(f"\\u{ord(c):04x}" if is_control(c) else c for c in text))
        return ExitCode.OK
    if not records:
        print(f"{day.isoformat()}: ไม่มีรายการ / no visits")
    from app.authen.visit_log import FLAGGED

    desks = len({r.desk for r in records}) > 1  # a shared store's: every desk's visits
    for r in records:
        result = r.claim_code or f"{r.error_kind}: {r.error_message}"
        if r.status == FLAGGED:  # NHSO's code, not this patient's: for clinic IT
            whose = r.answer_pid or "?"
            result = f"{r.claim_code} -> {whose} (ไม่ใช่ของผู้รับบริการ / NOT this patient's)"
        where = f"{r.desk:<12}  " if desks else ""
        line = (f"{r.created_at[11:19]}  {where}{r.status:<7}  {r.claim_type}  {r.patient_name}  "
                f"{result}")  # fmt: skip
        print(escape_controls(line))  # stored text never drives the terminal
    return ExitCode.OK
