"""`authen-desk store status|sync`: the clinic's shared store, as this desk sees it."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from app.cli.exit_codes import ExitCode

if TYPE_CHECKING:
    from app.cli.parser import Subparsers
    from app.store.visits import SharedVisitLog


def add_parsers(subparsers: Subparsers) -> None:
    store = subparsers.add_parser(
        "store", help="the clinic's shared store (several desks): status, sync"
    )
    actions = store.add_subparsers(dest="store_action", required=True)
    status = actions.add_parser(
        "status", help="reachable?, schema version, visits waiting to be pushed"
    )
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=run_status)
    sync = actions.add_parser("sync", help="push every visit that waits, then exit 0")
    sync.add_argument("--json", action="store_true")
    sync.set_defaults(handler=run_sync)


def _open() -> SharedVisitLog:
    """SharedStoreNotConfigured, SharedStoreNoPassword, KeyringUnavailable or
    VisitLogUnavailable when the desk has no usable shared store or log."""
    from app.paths import app_paths
    from app.settings.model import load_settings
    from app.store.open import shared_store
    from app.store.visits import SharedVisitLog

    store = shared_store(load_settings()[0])
    return SharedVisitLog(app_paths().visit_log(False), store)


def run_status(args: argparse.Namespace) -> int:
    from app.authen.errors import VisitLogUnavailable
    from app.cli.output import fail
    from app.store.errors import SharedStoreError
    from app.tokens.errors import KeyringUnavailable

    try:
        log = _open()
    except (SharedStoreError, KeyringUnavailable, VisitLogUnavailable) as exc:
        return fail(exc, "store status")
    try:
        waiting = log.waiting()
        out: dict[str, Any] = {
            "store": log.shared.config.display(),
            "tls": log.shared.config.uses_tls,
            "desk": log.shared.desk,
            "waiting": waiting,
        }
        try:
            status = log.shared.status()
        except SharedStoreError as exc:
            out.update(reachable=False, error=str(exc))
            _print(out, args.json)
            return fail(exc, "store status")
        out.update(
            reachable=True, server=status.server, schema_version=status.schema_version,
            visits=status.visits, desks=status.desks,
        )  # fmt: skip
        _print(out, args.json)
        return ExitCode.OK
    finally:
        log.close()


def _print(out: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(out, ensure_ascii=False))
        return
    for key, value in out.items():
        print(f"{key:<15} {value}")


def run_sync(args: argparse.Namespace) -> int:
    from app.authen.errors import VisitLogUnavailable
    from app.cli.output import fail
    from app.store.errors import SharedStoreError, SharedStoreUnavailable
    from app.tokens.errors import KeyringUnavailable

    try:
        log = _open()
    except (SharedStoreError, KeyringUnavailable, VisitLogUnavailable) as exc:
        return fail(exc, "store sync")
    try:
        result = log.push_waiting()
    finally:
        log.close()
    out = {"pushed": result.pushed, "waiting": result.waiting}
    _print(out, args.json)
    if not result.online:
        return fail(SharedStoreUnavailable(result.error), "store sync")
    return ExitCode.OK
