"""`authen-desk authen` and `authen-desk history`: the same services as the window."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys

from app.authen.flow import AgentReadAnotherCard, AuthenFlow, HeldByOtherHospital, InvalidInput
from app.authen.messages import authen_message_for
from app.authen.store import AuthenLog, AuthenLogUnavailable
from app.card_cli import fail
from app.nhso import errors as agent_errors
from app.nhso.agent_client import AgentClient
from app.paths import app_paths
from app.settings import load_settings
from app.thai_format import BANGKOK

log = logging.getLogger(__name__)

EXIT_AGENT_UNREACHABLE = 20
EXIT_OTHER_HOSPITAL = 21
EXIT_INVALID_INPUT = 22
EXIT_REJECTED = 23
EXIT_BAD_ANSWER = 24

_EXITS: list[tuple[type[BaseException], int]] = [
    (InvalidInput, EXIT_INVALID_INPUT),
    (HeldByOtherHospital, EXIT_OTHER_HOSPITAL),
    (agent_errors.AgentUnavailable, EXIT_AGENT_UNREACHABLE),
    (agent_errors.AgentTimeout, EXIT_AGENT_UNREACHABLE),
    (agent_errors.AgentNoReader, 2),  # as read-card
    (agent_errors.AgentNoCard, 3),
    (agent_errors.AgentRejected, EXIT_REJECTED),
    (agent_errors.AgentBadAnswer, EXIT_BAD_ANSWER),
    (AgentReadAnotherCard, EXIT_INVALID_INPUT),
]


def open_log() -> AuthenLog:
    return AuthenLog(app_paths().data_dir / "authen.sqlite")


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    authen = subparsers.add_parser("authen", help="get a claim code for the card in the reader")
    authen.add_argument("--claim-type", required=True, help="e.g. PG0060001")
    authen.add_argument("--mobile", required=True, help="the patient's 10-digit mobile number")
    authen.add_argument("--hn", default="", help="hospital number (optional)")
    authen.add_argument("--hcode", help="5-digit hospital code (default: settings)")
    authen.add_argument("--agent-url", help="NHSO agent URL (default: settings)")
    authen.add_argument("--json", action="store_true", help="print one JSON object")
    authen.set_defaults(handler=run_authen)
    history = subparsers.add_parser("history", help="the day's authen attempts")
    history.add_argument("--date", help="YYYY-MM-DD (default: today)")
    history.add_argument("--json", action="store_true", help="print a JSON list")
    history.set_defaults(handler=run_history)


def run_authen(args: argparse.Namespace) -> int:
    settings, problem = load_settings()
    if problem:
        print(f"authen-desk: settings ignored: {problem}", file=sys.stderr)
    client = AgentClient(args.agent_url or settings.agent_url)
    try:
        store = open_log()
        flow = AuthenFlow(client, store, args.hcode or settings.hcode)
        reading = flow.check_rights().reading
        outcome = flow.confirm(reading, args.claim_type, args.mobile, args.hn)
    except AuthenLogUnavailable as exc:
        log.error("authen log unavailable: %s", exc)
        fail(authen_message_for(exc))
        return 1
    except (
        InvalidInput,
        HeldByOtherHospital,
        AgentReadAnotherCard,
        agent_errors.AgentError,
    ) as exc:
        log.info("authen failed: %s: %s", type(exc).__name__, exc)
        fail(authen_message_for(exc))
        return next((code for kind, code in _EXITS if isinstance(exc, kind)), 1)
    finally:
        client.close()
    if args.json:
        print(json.dumps(outcome.to_json(), ensure_ascii=False))
    else:
        state = "ใช้รหัสเดิมของวันนี้ / reused today's code" if outcome.reused else "ใหม่ / new"
        print(f"Claim Code: {outcome.claim_code}  ({state})")
    return 0


def run_history(args: argparse.Namespace) -> int:
    try:
        day = dt.date.fromisoformat(args.date) if args.date else dt.datetime.now(BANGKOK).date()
    except ValueError:
        print("วันที่ต้องเป็นรูปแบบ YYYY-MM-DD / The date must be YYYY-MM-DD.", file=sys.stderr)
        return EXIT_INVALID_INPUT
    try:
        records = open_log().on_date(day)
    except AuthenLogUnavailable as exc:
        fail(authen_message_for(exc))
        return 1
    if args.json:
        print(json.dumps([r.to_json() for r in records], ensure_ascii=False))
        return 0
    if not records:
        print(f"{day.isoformat()}: ไม่มีรายการ / no attempts")
    for r in records:
        result = r.claim_code or f"{r.error_kind}: {r.error_message}"
        print(f"{r.created_at[11:19]}  {r.status:<7}  {r.claim_type}  {r.patient_name}  {result}")
    return 0
