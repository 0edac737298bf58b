"""Persisted PIN-failure counts, keyed by a salted hash of the CID, shared by every OS user.

Never the CID, never the PIN: the files only say "some card has had N wrong PINs". The salt
is random per installation, so the keys cannot be matched against a list of CIDs elsewhere.

Losing or damaging this state must never read as "0 failures": the salt and the counts are
two files that vouch for each other (one without the other is damage, not a fresh start),
the counts carry a checksum and the salt's fingerprint, and every value is range-checked.
Anything odd raises PinStateDamaged; only `reset()` (an audited command for clinic IT)
starts again, and even then a card not seen since counts as REISSUE-1 failures.

The folder is machine-wide (app.paths.machine_dir), so files are made readable by all users
(0644) and the lock file writable by all (0666); nothing in it is personal data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import clock
from app.atomic_file import PRIVATE_DIR, PRIVATE_FILE, make_dirs, read_regular, write_atomic
from app.paths import app_paths, machine_dir

if TYPE_CHECKING:
    import filelock

from app.file_errors import NotRegularInput
from app.staff.errors import PinStateDamaged, PinStateUnavailable

log = logging.getLogger(__name__)

SALT_FILE = "pin-state.salt"
COUNTS_FILE = "pin-state.json"
LOCK_FILE = "pin-state.lock"
LEGACY_SALT_FILE = "pin-salt"  # the per-user files of versions before the machine folder
LEGACY_COUNTS_FILE = "pin-failures.json"
FORMAT = 1
SALT_BYTES = 32
MAX_TRIES = 5  # the card's own limit (cardreader.pin.CARD_MAX_TRIES)
ASSUMED_AFTER_RESET = 2  # a card unseen since a reset gets one try, never three
MAX_FILE_BYTES = 4_000_000
DIR_MODE = 0o777  # every OS user replaces the files (rename needs a writable folder)
FILE_MODE = 0o644  # readable by all; no personal data
LOCK_MODE = 0o666  # every OS user must be able to open it for the lock
LOCK_TIMEOUT = 20.0  # another desk's VERIFY takes about a second


@dataclass(frozen=True)
class PinRecord:
    failures: int = 0  # consecutive wrong (or unconfirmed) PINs sent by this program
    card_tries_left: int | None = None  # what the card said last, None if never asked
    blocked: bool = False
    assumed: bool = False  # the count was lost and reset: the next card answer replaces it
    # Written to the clinic's shared store too (app/store/pins.py), nothing since: the shared
    # count is at least as new. Never part of equality; absent (False) in older files.
    synced: bool = field(default=False, compare=False)


def _dump(record: PinRecord) -> dict[str, Any]:
    out = dict(record.__dict__)
    if not record.synced:
        del out["synced"]  # the files of versions before it stay as they were
    return out


def _worst(a: PinRecord, b: PinRecord) -> PinRecord:
    tries = [t for t in (a.card_tries_left, b.card_tries_left) if t is not None]
    return PinRecord(
        max(a.failures, b.failures),
        min(tries) if tries else None,
        a.blocked or b.blocked,
        a.assumed or b.assumed,
    )


def _int_in(raw: object, low: int, high: int, what: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not low <= raw <= high:
        raise ValueError(f"{what} is {raw!r}, not a whole number {low}..{high}")
    return raw


def _record(raw: object) -> PinRecord:
    if not isinstance(raw, dict) or not {"failures", "blocked"} <= raw.keys():
        raise ValueError(f"entry {raw!r} is not a count")
    tries = raw.get("card_tries_left")
    blocked, assumed = raw["blocked"], raw.get("assumed", False)
    synced = raw.get("synced", False)
    if not all(isinstance(flag, bool) for flag in (blocked, assumed, synced)):
        raise ValueError("blocked/assumed/synced must be true or false")
    return PinRecord(
        _int_in(raw["failures"], 0, MAX_TRIES, "failures"),
        None if tries is None else _int_in(tries, 0, MAX_TRIES, "card_tries_left"),
        blocked,
        assumed,
        synced,
    )


def _cards(raw: object) -> dict[str, PinRecord]:
    if not isinstance(raw, dict):
        raise ValueError("the cards table is not an object")
    out = {}
    for key, value in raw.items():
        if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
            raise ValueError(f"key {key[:20]!r} is not a salted hash")
        out[key] = _record(value)
    return out


def _sha256(data: bytes) -> str:
    import hashlib  # on first use: hashlib is not loaded before the window's first frame

    return hashlib.sha256(data).hexdigest()


def _checksum(body: dict[str, Any]) -> str:
    return _sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode())


@dataclass
class _State:
    salt: bytes
    cards: dict[str, PinRecord] = field(default_factory=dict)
    older: list[tuple[bytes, dict[str, PinRecord]]] = field(default_factory=list)
    reset_at: str | None = None  # cards not seen since count ASSUMED_AFTER_RESET failures

    def to_json(self) -> bytes:
        body: dict[str, Any] = {
            "format": FORMAT,
            "salt_sha256": _sha256(self.salt),
            "cards": {k: _dump(r) for k, r in self.cards.items()},
            "older_salts": [
                {"salt": s.hex(), "cards": {k: _dump(r) for k, r in c.items()}}
                for s, c in self.older
            ],
            "reset_at": self.reset_at,
        }
        return json.dumps({**body, "checksum": _checksum(body)}, indent=1).encode()


def _key(salt: bytes, cid: str) -> str:
    import hashlib
    import hmac

    return hmac.new(salt, cid.encode("ascii"), hashlib.sha256).hexdigest()


def _read_if_there(path: Path) -> bytes | None:
    """A count file's bytes, or None when it is not there. Only a regular file is read: a
    FIFO planted in the machine-wide folder would otherwise hang every desk at its next
    staff card, and a folder or device there is damage (no PIN is sent), never zero."""
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        return None
    except NotRegularInput as exc:
        raise PinStateDamaged(f"{path} is a {exc.kind}, not a count file") from exc
    except OSError as exc:
        if exc.errno == errno.EFBIG:  # over MAX_FILE_BYTES (read_regular)
            raise PinStateDamaged(f"{path} is too large to be ours") from exc
        raise PinStateUnavailable(f"cannot read {path}: {exc}") from exc


class PinFailureStore:
    """The local file store of PinCounts. `legacy_dir` (default: this OS user's state
    folder) is where older versions kept a per-user count; it is folded in on the next
    write, never dropped."""

    def __init__(
        self, folder: Path, legacy_dir: Path | None = None, lock_timeout: float = LOCK_TIMEOUT
    ) -> None:
        self.folder = folder
        self._salt_path = folder / SALT_FILE
        self._path = folder / COUNTS_FILE
        own = app_paths().user_state_dir
        self._legacy_dir = legacy_dir if legacy_dir is not None else own
        # The per-user fallback (no machine folder) stays private like the user's other files.
        shared = folder != own
        self._dir_mode = DIR_MODE if shared else PRIVATE_DIR
        self._file_mode = FILE_MODE if shared else PRIVATE_FILE
        self._lock_path = folder / LOCK_FILE
        self._lock_timeout = lock_timeout
        self._lock_mode = LOCK_MODE if shared else PRIVATE_FILE
        self._lock: filelock.FileLock | None = None  # made at the first PIN check

    def _file_lock(self) -> filelock.FileLock:
        """filelock loads when a PIN is first checked, not while the window starts."""
        if self._lock is None:
            import filelock

            self._lock = filelock.FileLock(
                self._lock_path, timeout=self._lock_timeout, mode=self._lock_mode
            )
        return self._lock

    # --- the critical section ----------------------------------------------------------
    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Held across read-decide-record-VERIFY-record, in every process on this PC."""
        import filelock

        lock = self._file_lock()
        try:
            make_dirs(self.folder, self._dir_mode)
            lock.acquire()
        except filelock.Timeout as exc:
            raise PinStateUnavailable(
                f"{lock.lock_file}: another PIN check holds the lock"
            ) from exc
        except OSError as exc:
            raise PinStateUnavailable(f"cannot lock {lock.lock_file}: {exc}") from exc
        try:
            yield
        finally:
            lock.release()

    # --- reading -------------------------------------------------------------------------
    def _read_raw(self) -> tuple[bytes, bytes] | None:
        """Salt and counts bytes; None for a fresh folder. One file without the other is
        damage (a deleted salt would otherwise silently zero every count)."""
        salt = _read_if_there(self._salt_path)
        counts = _read_if_there(self._path)
        if salt is None and counts is None:
            return None
        if salt is None:
            raise PinStateDamaged(f"{self._salt_path} is missing: the counts cannot be matched")
        if counts is None:
            raise PinStateDamaged(f"{self._path} is missing but its salt is there")
        return salt, counts

    def _parse(self, salt: bytes, counts: bytes) -> _State:
        if len(salt) != SALT_BYTES:
            raise PinStateDamaged(f"{self._salt_path} is damaged")
        try:
            data = json.loads(counts)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("not a PIN count file of this version")
            body = {k: v for k, v in data.items() if k != "checksum"}
            if data.get("checksum") != _checksum(body):
                raise ValueError("checksum does not match (truncated or edited)")
            if data.get("salt_sha256") != _sha256(salt):
                raise ValueError(f"it belongs to another salt than {self._salt_path.name}")
            older = []
            for entry in data.get("older_salts", []):
                older.append((bytes.fromhex(entry["salt"]), _cards(entry["cards"])))
            reset_at = data.get("reset_at")
            if reset_at is not None and not isinstance(reset_at, str):
                raise ValueError("reset_at is not a date")
            return _State(salt, _cards(data["cards"]), older, reset_at)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            raise PinStateDamaged(f"{self._path}: {exc}") from exc

    def _read(self) -> _State | None:
        raw = self._read_raw()
        return None if raw is None else self._parse(*raw)

    def _legacy(self) -> tuple[bytes, dict[str, PinRecord]] | None:
        """The per-user counts of an older version, if this user has any."""
        salt_path = self._legacy_dir / LEGACY_SALT_FILE
        path = self._legacy_dir / LEGACY_COUNTS_FILE
        counts = _read_if_there(path)
        if counts is None:
            return None
        salt = _read_if_there(salt_path)
        if salt is None:
            raise PinStateDamaged(f"{salt_path} is missing: {path} cannot be matched")
        try:
            data = json.loads(counts)
            if len(salt) != SALT_BYTES or not isinstance(data, dict):
                raise ValueError("not the counts of an older version")
            return salt, _cards(data)
        except (ValueError, TypeError, RecursionError) as exc:
            raise PinStateDamaged(f"{path}: {exc}") from exc

    def _lookup(self, state: _State | None, cid: str) -> PinRecord:
        found: list[PinRecord] = []
        if state is not None:
            mine = state.cards.get(_key(state.salt, cid))
            if mine is not None:
                found.append(mine)
            elif state.reset_at is not None:
                found.append(PinRecord(ASSUMED_AFTER_RESET, assumed=True))
            found += [c[_key(s, cid)] for s, c in state.older if _key(s, cid) in c]
        legacy = self._legacy()
        if legacy is not None and _key(legacy[0], cid) in legacy[1]:
            found.append(legacy[1][_key(legacy[0], cid)])
        if len(found) == 1:
            return found[0]  # as written (with its `synced` mark)
        result = PinRecord()
        for record in found:
            result = _worst(result, record)
        return result

    def get(self, cid: str) -> PinRecord:
        try:
            return self._lookup(self._read(), cid)
        except PinStateDamaged:
            # A first write (salt, then counts) may be under way in another process: wait
            # for its lock and look again before calling this damage.
            with self.locked():
                return self._lookup(self._read(), cid)

    # --- writing (inside locked()) -------------------------------------------------------
    def put(self, cid: str, record: PinRecord) -> None:
        state = self._read()
        fresh = state is None
        if state is None:
            state = _State(os.urandom(SALT_BYTES))
        legacy = self._legacy()
        if legacy is not None and all(s != legacy[0] for s, _ in state.older):
            state.older.append(legacy)
        state.cards[_key(state.salt, cid)] = record
        for salt, cards in state.older:
            cards.pop(_key(salt, cid), None)  # superseded by the record just written
        try:
            if fresh:
                write_atomic(self._salt_path, state.salt, self._file_mode, self._dir_mode)
            write_atomic(self._path, state.to_json(), self._file_mode, self._dir_mode)
        except OSError as exc:
            raise PinStateUnavailable(f"cannot write {self._path}: {exc}") from exc
        if legacy is not None:
            self._retire_legacy()

    def _retire_legacy(self) -> None:
        for name in (LEGACY_COUNTS_FILE, LEGACY_SALT_FILE):
            path = self._legacy_dir / name
            with contextlib.suppress(OSError):
                path.rename(path.with_name(name + ".migrated"))

    # --- for doctor and clinic IT --------------------------------------------------------
    def check(self) -> str:
        """A one-line summary, or PinStateDamaged / PinStateUnavailable."""
        state = self._read()
        self._legacy()
        if state is None:
            return f"{self.folder}: no PIN attempts recorded yet"
        counted = sum(1 for r in state.cards.values() if r.failures or r.blocked)
        since = f"; reset {state.reset_at}" if state.reset_at else ""
        return f"{self.folder}: {counted} card(s) with failures{since}"

    def reset(self, now: dt.datetime | None = None) -> list[Path]:
        """Start again after damage. The old files are kept aside (renamed), and every card
        not seen since counts as ASSUMED_AFTER_RESET failures: one try, whose answer (the
        card's own count) then replaces the assumption. Returns the files set aside."""
        stamp = (now or clock.now()).strftime("%Y%m%dT%H%M%S")
        with self.locked():
            aside = []
            for path in (
                self._path, self._salt_path,
                self._legacy_dir / LEGACY_COUNTS_FILE, self._legacy_dir / LEGACY_SALT_FILE,
            ):  # fmt: skip
                if path.exists():
                    target = path.with_name(f"{path.name}.damaged-{stamp}")
                    path.rename(target)
                    aside.append(target)
            state = _State(os.urandom(SALT_BYTES), reset_at=(now or clock.now()).isoformat(
                timespec="seconds"))  # fmt: skip
            write_atomic(self._salt_path, state.salt, self._file_mode, self._dir_mode)
            write_atomic(self._path, state.to_json(), self._file_mode, self._dir_mode)
        log.warning("PIN counts reset; set aside: %s", ", ".join(map(str, aside)) or "nothing")
        return aside


def machine_store() -> PinFailureStore:
    """The store in this PC's machine-wide folder, shared by all OS users."""
    return PinFailureStore(machine_dir().path)
