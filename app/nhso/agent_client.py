"""Client of the NHSO Secure SmartCard Agent (default http://localhost:8189).

Every call has a timeout: ~2 s to connect; ~30 s for calls that wait on NHSO; ~5 s for the
rest. The agent adds the clinic's token itself: we never send one, and never call
/api/preference (its answer includes the token).
"""

from __future__ import annotations

import datetime as dt
import logging
from email.utils import parsedate_to_datetime
from typing import Any

import requests

from app.nhso.errors import (
    AgentBadAnswer,
    AgentError,
    AgentNoCard,
    AgentNoReader,
    AgentRejected,
    AgentTimeout,
    AgentUnavailable,
)
from app.nhso.models import AgentReading, ConfirmRequest, ConfirmResult, LatestAuthen, Terminal
from app.settings.model import DEFAULT_AGENT_URL
from cardreader.cid import mask_cid

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 2.0
NHSO_TIMEOUT = 30.0
LOCAL_TIMEOUT = 5.0


def _nhso_message(response: requests.Response) -> str:
    """NHSO's own words from Spring's error JSON, else the status line."""
    try:
        data = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    if isinstance(data, dict):
        errors = data.get("errors")
        if isinstance(errors, list):
            for item in errors:
                if isinstance(item, dict) and item.get("defaultMessage"):
                    return str(item["defaultMessage"])
        for key in ("message", "error"):
            if data.get(key):
                return str(data[key])
    return f"HTTP {response.status_code}"


class AgentClient:
    def __init__(
        self,
        base_url: str = DEFAULT_AGENT_URL,
        session: requests.Session | None = None,
        connect_timeout: float = CONNECT_TIMEOUT,
        nhso_timeout: float = NHSO_TIMEOUT,
        local_timeout: float = LOCAL_TIMEOUT,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._session = session or requests.Session()
        self._session.trust_env = False  # a system proxy must not intercept localhost
        self._connect = connect_timeout
        self._nhso = nhso_timeout
        self._local = local_timeout
        self.last_server_time: dt.datetime | None = None  # from the last answer's Date header

    def close(self) -> None:
        self._session.close()

    def _call(
        self, method: str, path: str, read_timeout: float, json_body: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
    ) -> Any:  # fmt: skip
        url = f"{self.base_url}{path}"
        try:
            response = self._session.request(
                method, url, json=json_body, params=params,
                timeout=(self._connect, read_timeout), headers={"Accept": "application/json"},
            )  # fmt: skip
        except requests.exceptions.ConnectTimeout as exc:
            raise AgentUnavailable(f"{self.base_url}: connect timed out") from exc
        except requests.exceptions.Timeout as exc:
            raise AgentTimeout(f"{path}: no answer in {read_timeout:.0f} s") from exc
        except requests.exceptions.ConnectionError as exc:
            raise AgentUnavailable(f"{self.base_url}: {exc.__class__.__name__}") from exc
        except requests.exceptions.RequestException as exc:
            raise AgentError(f"{path}: {exc}") from exc
        date_header = response.headers.get("Date")
        if date_header:
            try:
                self.last_server_time = parsedate_to_datetime(date_header)
            except (TypeError, ValueError):
                self.last_server_time = None
        status = response.status_code
        if status == 418:
            raise AgentNoReader(_nhso_message(response))
        if status == 500:
            raise AgentNoCard(_nhso_message(response))
        if 400 <= status < 500:
            raise AgentRejected(_nhso_message(response), status)
        if status >= 400:
            raise AgentBadAnswer(f"{path}: HTTP {status}")
        try:
            return response.json()
        except ValueError as exc:
            raise AgentBadAnswer(f"{path}: answer is not JSON") from exc

    def terminals(self) -> list[Terminal]:
        data = self._call("GET", "/api/smartcard/terminals", self._local)
        if not isinstance(data, list):
            raise AgentBadAnswer("terminals: not a list")
        return [
            Terminal(str(t.get("terminalName", "")), bool(t.get("isPresent", False)))
            for t in data
            if isinstance(t, dict)
        ]

    def read(self, with_image: bool = False) -> AgentReading:
        """Reads the card and checks rights online (waits on NHSO)."""
        data = self._call(
            "GET", "/api/smartcard/read", self._nhso,
            params={"readImageFlag": "true" if with_image else "false"},
        )  # fmt: skip
        reading = AgentReading.parse(data)
        log.info("agent read %s: %d claim types", mask_cid(reading.pid), len(reading.claim_types))
        return reading

    def read_card_only(self, with_image: bool = False) -> AgentReading:
        data = self._call(
            "GET", "/api/smartcard/read-card-only", self._local,
            params={"readImageFlag": "true" if with_image else "false"},
        )  # fmt: skip
        return AgentReading.parse(data)

    def confirm_save(self, request: ConfirmRequest) -> ConfirmResult:
        data = self._call("POST", "/api/nhso-service/confirm-save", self._nhso, request.to_json())
        return ConfirmResult.parse(data)

    def latest_authen_code(self, pid: str) -> LatestAuthen:
        data = self._call("GET", f"/api/nhso-service/latest-authen-code/{pid}", self._nhso)
        return LatestAuthen.parse(data)

    def latest_5(self, pid: str) -> list[LatestAuthen]:
        data = self._call(
            "GET", f"/api/nhso-service/latest-5-authen-code-all-hospital/{pid}", self._nhso
        )
        if not isinstance(data, list):
            raise AgentBadAnswer("latest-5: not a list")
        return [LatestAuthen.parse(item) for item in data if isinstance(item, dict)]
