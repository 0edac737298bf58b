"""NHSO's authen-status service: which claim codes a person has on a date (no agent).

Bearer token, a host chosen by zone, TLS always verified (nhso-interfaces.md asks for it:
many integrations switch checks off; a broken chain is reported, never ignored).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

import requests

from app.nhso.errors import (
    StatusBadAnswer,
    StatusError,
    StatusUnreachable,
    TlsFailure,
    TokenRejected,
)
from cardreader.cid import mask_cid

__all__ = [
    "AuthenStatus",
    "AuthenStatusClient",
    "ServiceHistory",
    "StatusBadAnswer",
    "StatusError",
    "StatusUnreachable",
    "TlsFailure",
    "TokenRejected",
]

log = logging.getLogger(__name__)

STATUS_PATH = "/authencodestatus/api/check-authen-status"
ZONE_HOSTS = {
    "production": "https://authenucws.nhso.go.th",
    "test": "https://test.nhso.go.th",
}
TIMEOUT = (3.0, 5.0)


@dataclass(frozen=True)
class ServiceHistory:
    hcode: str
    hname: str
    service_date_time: str
    claim_code: str
    service_code: str
    service_name: str
    source_channel: str


@dataclass(frozen=True)
class AuthenStatus:
    status_authen: bool
    message: str
    personal_id: str
    histories: tuple[ServiceHistory, ...]

    def for_hospital(
        self, hcode: str, day: dt.date, service_code: str | None = None
    ) -> list[ServiceHistory]:
        """The histories of our hospital on that day (and service), as JHCIS checks a visit."""
        return [
            h
            for h in self.histories
            if h.hcode == hcode
            and h.service_date_time[:10] == day.isoformat()
            and (service_code is None or h.service_code == service_code)
        ]


def _text(data: Any, key: str) -> str:
    value = data.get(key) if isinstance(data, dict) else None
    return "" if value is None else str(value)


def parse_status(data: object) -> AuthenStatus:
    if not isinstance(data, dict):
        raise StatusBadAnswer("not a JSON object")
    histories = []
    for item in data.get("serviceHistories") or []:
        if not isinstance(item, dict):
            continue
        hospital = item.get("hospital") or {}
        service = item.get("service") or {}
        histories.append(
            ServiceHistory(
                _text(hospital, "hcode"),
                _text(hospital, "hname"),
                _text(item, "serviceDateTime"),
                _text(item, "claimCode"),
                _text(service, "code"),
                _text(service, "name"),
                _text(item, "sourceChannel"),
            )
        )
    return AuthenStatus(
        bool(data.get("statusAuthen")), _text(data, "statusMessage"),
        _text(data, "personalId"), tuple(histories),
    )  # fmt: skip


class AuthenStatusClient:
    def __init__(self, token: str, zone: str = "production", base_url: str | None = None) -> None:
        if zone not in ZONE_HOSTS and base_url is None:
            raise ValueError(f"zone must be one of {sorted(ZONE_HOSTS)}")
        self._base = (base_url or ZONE_HOSTS[zone]).rstrip("/")
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self._session.close()

    def check(self, pid: str, day: dt.date, service_code: str | None = None) -> AuthenStatus:
        params = {"personalId": pid, "serviceDate": day.isoformat()}
        if service_code:
            params["serviceCode"] = service_code
        try:
            response = self._session.get(
                self._base + STATUS_PATH, params=params, timeout=TIMEOUT, verify=True
            )
        except requests.exceptions.SSLError as exc:
            raise TlsFailure(type(exc).__name__) from None
        except requests.exceptions.RequestException as exc:
            # The exception text may carry the request (and so the header): keep the class.
            raise StatusUnreachable(type(exc).__name__) from None
        if response.status_code in (401, 403):
            raise TokenRejected(f"HTTP {response.status_code}")
        if response.status_code != 200:
            raise StatusBadAnswer(f"HTTP {response.status_code}")
        try:
            data = response.json()
        except ValueError:
            raise StatusBadAnswer("answer is not JSON") from None
        status = parse_status(data)
        log.info("authen status %s %s: %d histories", mask_cid(pid), day, len(status.histories))
        return status
