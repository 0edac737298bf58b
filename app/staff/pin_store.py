"""Persisted PIN-failure counts, keyed by a salted hash of the CID.

Never the CID, never the PIN: the file only says "some card has had N wrong PINs". The salt
is random per installation, so the keys cannot be matched against a list of CIDs elsewhere.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from app.atomic_file import write_atomic
from app.staff.errors import PinStateUnavailable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PinRecord:
    failures: int = 0  # consecutive wrong (or unconfirmed) PINs sent by this program
    card_tries_left: int | None = None  # what the card said last, None if never asked
    blocked: bool = False


class PinFailureStore:
    def __init__(self, state_dir: Path) -> None:
        self._path = state_dir / "pin-failures.json"
        self._salt_path = state_dir / "pin-salt"

    def _salt(self) -> bytes:
        try:
            salt = self._salt_path.read_bytes()
            if len(salt) == 32:
                return salt
            raise PinStateUnavailable(f"{self._salt_path} is damaged")
        except FileNotFoundError:
            salt = os.urandom(32)
            try:
                write_atomic(self._salt_path, salt)
            except OSError as exc:
                raise PinStateUnavailable(f"cannot create {self._salt_path}: {exc}") from exc
            return salt
        except OSError as exc:
            raise PinStateUnavailable(f"cannot read {self._salt_path}: {exc}") from exc

    def key_for(self, cid: str) -> str:
        return hmac.new(self._salt(), cid.encode("ascii"), hashlib.sha256).hexdigest()

    def _load(self) -> dict[str, dict[str, object]]:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            # A damaged file must not reset everyone's count to zero: refuse instead.
            raise PinStateUnavailable(f"cannot read {self._path}: {exc}") from exc
        if not isinstance(data, dict):
            raise PinStateUnavailable(f"{self._path} is not a JSON object")
        return data

    def get(self, cid: str) -> PinRecord:
        raw = self._load().get(self.key_for(cid))
        if not isinstance(raw, dict):
            return PinRecord()
        try:
            tries = raw.get("card_tries_left")
            return PinRecord(
                failures=int(raw.get("failures", 0)),  # type: ignore[call-overload]
                card_tries_left=None if tries is None else int(tries),  # type: ignore[call-overload]
                blocked=bool(raw.get("blocked", False)),
            )
        except (TypeError, ValueError) as exc:
            raise PinStateUnavailable(f"damaged entry in {self._path}") from exc

    def put(self, cid: str, record: PinRecord) -> None:
        data = self._load()
        data[self.key_for(cid)] = asdict(record)
        try:
            write_atomic(self._path, json.dumps(data, indent=1).encode("utf-8"))
        except OSError as exc:
            raise PinStateUnavailable(f"cannot write {self._path}: {exc}") from exc
