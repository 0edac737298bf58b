"""The shared store as the settings and the keyring describe it, and the visit log to
open: a SharedVisitLog when a shared store is set, else the plain local one (as before)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from app.store.config import desk_name, parse_url
from app.store.errors import SharedStoreNoPassword, SharedStoreNotConfigured

if TYPE_CHECKING:
    from app.authen.visit_log import VisitLog
    from app.settings.model import Settings
    from app.staff.pin_policy import PinCounts
    from app.staff.pin_store import PinFailureStore
    from app.store.server import SharedStore

log = logging.getLogger(__name__)


def configured(settings: Settings) -> bool:
    return bool(settings.shared_store)


def shared_store(settings: Settings, password: str | None = None) -> SharedStore:
    """SharedStoreNotConfigured / SharedStoreNoPassword / KeyringUnavailable when it
    cannot be built; no connection is made here."""
    from app.store.server import SharedStore

    if not settings.shared_store:
        raise SharedStoreNotConfigured("no shared_store setting")
    config = parse_url(settings.shared_store, settings.shared_store_ca)
    if password is None:
        from app.tokens.kinds import TokenKind
        from app.tokens.store import TokenStore

        password = TokenStore().get(TokenKind.SHARED_STORE)
    if not password:
        raise SharedStoreNoPassword("no shared-store password in the keyring")
    return SharedStore(config, password, desk_name(settings.desk_name))


def open_visit_log(path: Path, settings: Settings) -> VisitLog:
    """The desk's visit log: with a shared store behind it when one is set and its
    password can be read; else the local log alone (a warning says why)."""
    from app.authen.visit_log import VisitLog

    if not configured(settings):
        return VisitLog(path)
    from app.tokens.errors import KeyringUnavailable

    try:
        store = shared_store(settings)
    except (SharedStoreNoPassword, KeyringUnavailable) as exc:
        log.warning("shared store set but not usable, this desk's log only: %s", exc)
        return VisitLog(path)
    from app.store.visits import SharedVisitLog

    return SharedVisitLog(path, store)


def pin_counts(local: PinFailureStore, settings: Settings | None = None) -> PinCounts:
    """The wrong-PIN counts a desk uses: shared by the clinic's desks when a shared store
    is set (its password is read at the first PIN check), else the machine's own."""
    if settings is None:
        from app.settings.model import load_settings

        settings = load_settings()[0]
    if not configured(settings):
        return local
    from app.store.pins import SharedPinCounts

    chosen = settings
    return SharedPinCounts(lambda: shared_store(chosen), local)
