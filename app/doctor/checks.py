"""`authen-desk doctor`: one line per part of the desk, each ok or a problem with its fix.

For clinic IT on the phone: every broken part (PC/SC, reader, agent, each token, keyring,
hospital code, database, clock) is its own line, so one run says what to mend.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from app import clock
from app.authen.errors import VisitLogDamaged, VisitLogUnavailable
from app.authen.visit_log import VisitLog, journal_entries
from app.errors import message_for
from app.nhso.agent_client import AgentClient
from app.nhso.errors import AgentError
from app.paths import OLD_VISIT_JOURNAL_SUFFIXES, VISIT_JOURNAL_SUFFIX, app_paths, machine_dir
from app.settings.model import Settings, load_settings
from app.staff.errors import PinStateDamaged, PinStateUnavailable
from app.staff.pin_store import machine_store
from app.tokens.errors import KeyringUnavailable
from app.tokens.kinds import TokenKind
from app.tokens.store import TokenStore
from app.words import doctor as doctor_words
from app.words import nhso as nhso_words
from app.words import settings as settings_words
from app.words import tokens as tokens_words
from cardreader.errors import CardError
from cardreader.pcsc import PcscBackend

CLOCK_TOLERANCE = dt.timedelta(minutes=2)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def check_pcsc() -> list[Check]:
    backend = PcscBackend()
    try:
        backend.open()
        snapshot = backend.poll(0)
    except CardError as exc:
        return [
            Check(
                "PC/SC service",
                False,
                message_for(exc).one_line(),
                doctor_words.START_SMART_CARD_SERVICE.one_line(),
            ),
        ]
    finally:
        backend.close()
    checks = [Check("PC/SC service", True, "running")]
    if not snapshot:
        checks.append(
            Check("card readers", False, "none connected", doctor_words.PLUG_IN_A_READER.one_line())
        )
    else:
        cards = sum(1 for presence in snapshot.values() if presence is not None)
        names = ", ".join(snapshot)
        checks.append(Check("card readers", True, f"{names} ({cards} with a card)"))
    return checks


def check_agent(settings: Settings, now: Callable[[], dt.datetime]) -> list[Check]:
    client = AgentClient(settings.agent_url, local_timeout=3.0)
    try:
        terminals = client.terminals()
    except AgentError as exc:
        return [
            Check(
                "NHSO agent",
                False,
                f"{settings.agent_url}: {message_for(exc).en}",
                nhso_words.START_THE_AGENT.one_line(),
            ),
            clock_check(None, now),
        ]
    finally:
        client.close()
    agent = Check("NHSO agent", True, f"{settings.agent_url}: {len(terminals)} reader(s)")
    return [agent, clock_check(client.last_server_time, now)]


def clock_check(server: dt.datetime | None, now: Callable[[], dt.datetime]) -> Check:
    local = now()
    if server is None:
        sane = local.year >= 2024
        return Check(
            "clock",
            sane,
            f"{local:%Y-%m-%d %H:%M %Z} (no server to compare with)",
            "" if sane else doctor_words.SET_THE_DATE.one_line(),
        )
    drift = abs(local - server)
    if drift > CLOCK_TOLERANCE:
        return Check(
            "clock",
            False,
            f"off by {int(drift.total_seconds())} s from the agent",
            doctor_words.SET_THE_CLOCK.one_line(),
        )
    return Check("clock", True, f"within {int(drift.total_seconds())} s of the agent")


def check_keyring(store: TokenStore) -> Check:
    """The keyring really in use (shared with --self-test)."""
    try:
        store.check_backend()
    except KeyringUnavailable as exc:
        return Check(
            "keyring", False, str(exc),
            doctor_words.INSTALL_A_KEYRING.one_line(),
        )  # fmt: skip
    return Check("keyring", True, keyring_in_words(store.backend_name()))


def check_tokens(store: TokenStore) -> list[Check]:
    keyring = check_keyring(store)
    if not keyring.ok:
        return [keyring]
    try:
        status = store.status()
    except KeyringUnavailable as exc:
        return [replace(keyring, ok=False, detail=str(exc))]
    checks = [keyring]
    for kind in TokenKind:
        if not kind.is_nhso:
            continue  # the shared store's password: check_shared_store says
        masked = status[kind]
        checks.append(
            Check(f"token {kind.value}", True, masked)
            if masked
            else Check(
                f"token {kind.value}",
                False,
                "not set",
                tokens_words.token_not_set(kind.value).one_line(),
            )
        )
    return checks


_KEYRINGS = {  # the keyring package's backends, as IT knows them
    "SecretService": "Secret Service (GNOME Keyring / KWallet)",
    "kwallet": "KWallet",
    "Windows": "Windows Credential Manager",
    "macOS": "macOS Keychain",
    "chainer": "the system keyring",
}


def keyring_in_words(backend: str) -> str:
    """ "keyring.backends.Windows.WinVaultKeyring" → "Windows Credential Manager"."""
    for key, words in _KEYRINGS.items():
        if f".{key}." in f".{backend}.":
            return words
    return f"keyring ({backend.rsplit('.', 1)[-1]})"


def check_settings(
    settings: Settings, problem: str | None, path: Path | None = None
) -> list[Check]:
    where = path or app_paths().settings_file
    exists = "" if where.exists() else " (not created yet: defaults in use)"
    checks = [Check("settings file", problem is None, f"{where}{exists}")] if not problem else []
    if problem:
        checks.append(
            Check(
                "settings file",
                False,
                f"{where}: {problem}",
                doctor_words.REPAIR_SETTINGS.one_line(),
            )
        )
    if settings.hcode:
        checks.append(Check("hospital code", True, settings.hcode))
    else:
        checks.append(
            Check(
                "hospital code",
                False,
                "not set",
                f"{settings_words.HCODE_NOT_SET.one_line()} (file: {where})",
            )
        )
    return checks


def check_database() -> list[Check]:
    """The visit log opens, is sound, and holds every outcome (none waiting in a journal)."""
    path = app_paths().visit_log()
    journal = path.with_name(path.name + VISIT_JOURNAL_SUFFIX)
    try:
        log = VisitLog(path)
        try:
            ok = log.integrity_ok()
        finally:
            log.close()
    except VisitLogDamaged as exc:
        checks = [Check("database", False, f"{path}: damaged ({exc})", message_for(exc).one_line())]
    except VisitLogUnavailable as exc:
        checks = [
            Check(
                "database",
                False,
                str(exc),
                doctor_words.CHECK_DISK_AND_PERMISSIONS.one_line(),
            )
        ]
    else:
        checks = [
            Check("database", True, str(path))
            if ok
            else Check(
                "database",
                False,
                f"{path}: integrity check failed",
                doctor_words.KEEP_A_COPY.one_line(),
            )
        ]
    old = [path.with_name(path.name + suffix) for suffix in OLD_VISIT_JOURNAL_SUFFIXES]
    for kept in (journal, *old):  # the journal's old name too: an older install's
        waiting = journal_entries(kept)
        if waiting:
            checks.append(
                Check(
                    "unsaved visits",
                    False,
                    f"{waiting} outcome(s), claim codes included, wait in {kept}",
                    doctor_words.FOLD_THE_JOURNAL.one_line(),
                )
            )
    return checks


def check_pin_state() -> list[Check]:
    """The machine-wide PIN counts: shared by every OS user, and sound."""
    where = machine_dir()
    checks = []
    if not where.shared:
        checks.append(
            Check(
                "PIN counts folder",
                False,
                f"per-user only ({where.path}): {where.why_not_shared}",
                doctor_words.MAKE_THE_MACHINE_FOLDER.one_line(),
            )
        )
    try:
        checks.append(Check("PIN counts", True, machine_store().check()))
    except PinStateDamaged as exc:
        checks.append(
            Check(
                "PIN counts",
                False,
                f"damaged: {exc}",
                doctor_words.RESET_PIN_COUNTS.one_line(),
            )
        )
    except PinStateUnavailable as exc:
        checks.append(
            Check(
                "PIN counts",
                False,
                str(exc),
                doctor_words.CHECK_DISK_AND_PERMISSIONS.one_line(),
            )
        )
    return checks


def check_shared_store(settings: Settings, store: TokenStore) -> list[Check]:
    """The clinic's shared store (several desks): reachable, its schema, what waits."""
    if not settings.shared_store:
        return [Check("shared store", True, "not used (this desk works alone)")]
    from app.store.errors import SharedStoreError
    from app.store.open import shared_store
    from app.store.visits import waiting_count

    try:
        password = store.get(TokenKind.SHARED_STORE)
        shared = shared_store(settings, password or "")
    except (SharedStoreError, KeyringUnavailable) as exc:
        return [Check("shared store", False, str(exc), message_for(exc).one_line())]
    waiting = 0
    try:
        log = VisitLog(app_paths().visit_log())
        try:
            waiting = waiting_count(log)
        finally:
            log.close()
    except VisitLogUnavailable:
        pass  # check_database says
    tls = "on" if shared.config.uses_tls else "off"
    where = f"{shared.config.display()} (desk {shared.desk}, TLS {tls})"
    try:
        status = shared.status()
    except SharedStoreError as exc:
        return [Check("shared store", False, f"{where}: {exc}; {waiting} visit(s) waiting",
                      message_for(exc).one_line())]  # fmt: skip
    return [
        Check(
            "shared store",
            True,
            f"{where}: {status.server}, schema {status.schema_version}, {status.visits} "
            f"visit(s) from {status.desks} desk(s), {waiting} waiting here",
        )
    ]


def run_checks(
    store: TokenStore | None = None,
    now: Callable[[], dt.datetime] = clock.now,
) -> list[Check]:
    settings, problem = load_settings()
    store = store or TokenStore()
    return [
        *check_pcsc(),
        *check_agent(settings, now),
        *check_tokens(store),
        *check_settings(settings, problem),
        *check_database(),
        *check_pin_state(),
        *check_shared_store(settings, store),
    ]


def run(as_json: bool) -> int:
    checks = run_checks()
    if as_json:
        print(json.dumps([asdict(c) for c in checks], ensure_ascii=False))
    else:
        for check in checks:
            mark = "ok     " if check.ok else "PROBLEM"
            line = f"{mark}  {check.name}: {check.detail}"
            print(line + (f"\n         → {check.fix}" if check.fix else ""))
    all_ok = all(c.ok for c in checks)
    if not as_json:
        verdict = doctor_words.ALL_WELL if all_ok else doctor_words.PROBLEMS_FOUND
        print(verdict.one_line(), file=sys.stderr)
    return 0 if all_ok else 1
