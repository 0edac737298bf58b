"""NHSO's authen-status service: which claim codes a person has on a date (no agent).

Bearer token, a host chosen by zone, TLS always verified (docs/nhso-agent.md §2 asks for it:
many integrations switch checks off; a broken chain is reported, never ignored).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import requests

from app.nhso import http
from app.nhso.errors import (
    StatusBadAnswer,
    StatusError,
    StatusRedirected,
    StatusUnreachable,
    TlsFailure,
    TokenRejected,
)
from app.nhso.models import PP_CODE_RE, agent_datetime
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
LIMITS = http.Limits(connect=TIMEOUT[0], read=TIMEOUT[1], total=10.0)
NOT_FOUND_MARK = "ไม่พบ"  # spec V1.1: a statusMessage containing it means "not found"


@dataclass(frozen=True)
class ServiceHistory:
    hcode: str
    hname: str
    service_date_time: str
    claim_code: str
    service_code: str
    service_name: str
    source_channel: str

    @property
    def service_day(self) -> dt.date | None:
        """The service date in Bangkok (never the text cut at 10 characters)."""
        moment = agent_datetime(self.service_date_time)
        return moment.date() if moment is not None else None

    @property
    def is_claim_code(self) -> bool:
        return bool(PP_CODE_RE.fullmatch(self.claim_code))


@dataclass(frozen=True)
class AuthenStatus:
    status_authen: bool  # True only for a JSON true: the string "false" is not true
    message: str
    personal_id: str
    histories: tuple[ServiceHistory, ...]
    birth_date: str = ""  # yyyy-mm-dd when given (an object {year, month, day} in live answers)
    first_name: str = ""
    last_name: str = ""

    def name_for(self, pid: str) -> str:
        """The person's name, only when the answer is about that very ID."""
        if self.personal_id != pid:
            return ""
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def not_found(self) -> bool:
        """NHSO has nothing for this person and date: an answer, not an error."""
        return NOT_FOUND_MARK in self.message

    def for_hospital(
        self, hcode: str, day: dt.date, service_code: str | None = None
    ) -> list[ServiceHistory]:
        """The histories of our hospital on that day (and service), as JHCIS checks a visit.
        The day is Bangkok's: a serviceDateTime with 'Z' or an offset is converted first."""
        return [
            h
            for h in self.histories
            if h.hcode == hcode
            and h.service_day == day
            and (service_code is None or h.service_code == service_code)
        ]

    def claim_codes_for(self, hcode: str, day: dt.date) -> list[ServiceHistory]:
        """Our hospital's claim codes of that day: PP codes only, as in the authen flow
        (an EP code closes a claim; it is never a visit's claim code)."""
        return [h for h in self.for_hospital(hcode, day) if h.is_claim_code]


def _text(data: Any, key: str) -> str:
    """A scalar field as clean text; objects and lists count as absent."""
    value = data.get(key) if isinstance(data, dict) else None
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return http.clean_message(value, 200)


def _date(value: object) -> str:
    """birthDate as a string, or as an object {year, month, day} (seen live)."""
    if isinstance(value, str):
        return http.clean_message(value, 40)
    if isinstance(value, dict):
        parts = [value.get(k) for k in ("year", "month", "day")]
        if all(isinstance(p, int) and not isinstance(p, bool) for p in parts):
            return f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}"
        if isinstance(parts[0], int):
            return f"{parts[0]:04d}"
    return ""


def parse_status(data: object) -> AuthenStatus:
    if not isinstance(data, dict):
        raise StatusBadAnswer("not a JSON object")
    histories = []
    raw = data.get("serviceHistories") or []
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        raise StatusBadAnswer("field 'serviceHistories' malformed")
    for item in raw:
        if not isinstance(item, dict):
            continue
        hospital = item.get("hospital")
        service = item.get("service")
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
        data.get("statusAuthen") is True, _text(data, "statusMessage"),
        _text(data, "personalId"), tuple(histories), _date(data.get("birthDate")),
        _text(data, "firstName"), _text(data, "lastName"),
    )  # fmt: skip


class AuthenStatusClient:
    def __init__(self, token: str, zone: str = "production", base_url: str | None = None) -> None:
        if zone not in ZONE_HOSTS and base_url is None:
            raise ValueError(f"zone must be one of {sorted(ZONE_HOSTS)}")
        self._base = (base_url or ZONE_HOSTS[zone]).rstrip("/")
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Bearer {token}"
        self.last_server_time: dt.datetime | None = None  # NHSO's clock: the last Date header

    def close(self) -> None:
        self._session.close()

    def check(self, pid: str, day: dt.date, service_code: str | None = None) -> AuthenStatus:
        params = {"personalId": pid, "serviceDate": day.isoformat()}
        if service_code:
            params["serviceCode"] = service_code
        try:
            answer = http.request(
                self._session, "GET", self._base + STATUS_PATH, LIMITS, params=params
            )
        except requests.exceptions.SSLError as exc:
            raise TlsFailure(type(exc).__name__) from None
        except requests.exceptions.RequestException as exc:
            # The exception text may carry the request (and so the header): keep the class.
            raise StatusUnreachable(type(exc).__name__) from None
        except http.Redirected as exc:
            raise StatusRedirected(exc.host) from None
        except http.DeadlineExceeded as exc:
            raise StatusUnreachable(str(exc)) from None
        except http.TooLarge as exc:
            raise StatusBadAnswer(str(exc)) from None
        self.last_server_time = None
        with contextlib.suppress(TypeError, ValueError, IndexError):
            self.last_server_time = parsedate_to_datetime(answer.headers.get("Date", ""))
        if answer.status in (401, 403):
            raise TokenRejected(f"HTTP {answer.status}")
        try:
            data = answer.json()
        except http.NotJson as exc:
            raise StatusBadAnswer(f"HTTP {answer.status}: {exc}") from None
        if answer.status != 200:
            # "not found" may come with a 4xx status; it is still an answer.
            message = _text(data, "statusMessage") or _text(data, "message")
            if NOT_FOUND_MARK in message:
                return AuthenStatus(False, message, pid, ())
            raise StatusBadAnswer(f"HTTP {answer.status}")
        status = parse_status(data)
        log.info("authen status %s %s: %d histories", mask_cid(pid), day, len(status.histories))
        return status
