"""Client of the NHSO Secure SmartCard Agent (default http://localhost:8189).

Each call reads the agent's errors its own way (docs/nhso-agent.md §1, "What public
integrations show"): 418 from /read means no reader; an empty (or 500) /terminals means no
reader; 500 from /read means the card is not ready, so /read is retried a few times about a
second apart before asking staff to re-insert the card; a 500 from confirm-save or latest-*
is a failure of the agent or NHSO with its own message, never "no card".

Every request goes through app.nhso.http: no redirects, a total deadline, a size cap. The
agent adds the clinic's token itself: we never send one, and never call /api/preference
(its answer includes the token).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any

import requests

from app.nhso import http
from app.nhso.errors import (
    AgentBadAnswer,
    AgentError,
    AgentNoCard,
    AgentNoReader,
    AgentRedirected,
    AgentRejected,
    AgentServiceFailed,
    AgentTimeout,
    AgentUnavailable,
)
from app.nhso.models import (
    PID_RE,
    AgentReading,
    ConfirmRequest,
    ConfirmResult,
    LatestAuthen,
    Terminal,
)
from app.settings.model import DEFAULT_AGENT_URL
from cardreader.cid import mask_cid

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 2.0
NHSO_TIMEOUT = 30.0  # calls that wait on NHSO (integrators use 10–30 s for /read)
LOCAL_TIMEOUT = 5.0
READ_TRIES = 3  # integrators retry /read on 500 up to 3 times, about 1 s apart
RETRY_GAP = 1.0
SETTLE_AFTER_INSERT = 1.5  # and wait ~1.5 s after insertion before the first /read


class _CardNotReady(AgentError):
    """One /read answered 500; retried before it becomes AgentNoCard."""


def agent_message(answer: http.Answer) -> str:
    """The agent's own words from Spring's error JSON, cleaned, else the status line."""
    try:
        data = answer.json()
    except http.NotJson:
        return f"HTTP {answer.status}"
    if isinstance(data, dict):
        errors = data.get("errors")
        if isinstance(errors, list):
            for item in errors:
                if isinstance(item, dict) and isinstance(item.get("defaultMessage"), str):
                    text = http.clean_message(item["defaultMessage"])
                    if text:
                        return text
        for key in ("message", "error", "statusMessage"):
            if isinstance(data.get(key), str) and data[key].strip():
                return http.clean_message(data[key])
    if isinstance(data, str) and data.strip():
        return http.clean_message(data)
    return f"HTTP {answer.status}"


def _failure(call: str, answer: http.Answer) -> AgentError:
    """An unexpected status: the agent's failure when it speaks JSON (or says 500); an
    unreadable answer when something else (a proxy's HTML page) answered."""
    if answer.status != 500:
        try:
            answer.json()
        except http.NotJson:
            return AgentBadAnswer(f"{call}: HTTP {answer.status}, not the agent's JSON")
    return AgentServiceFailed(call, answer.status, agent_message(answer))


def _checked_pid(pid: str) -> str:
    """The PID goes into a URL path: 13 ASCII digits and nothing else."""
    if not PID_RE.fullmatch(pid):
        raise ValueError("pid must be 13 ASCII digits")
    return pid


class AgentClient:
    def __init__(
        self,
        base_url: str = DEFAULT_AGENT_URL,
        session: requests.Session | None = None,
        connect_timeout: float = CONNECT_TIMEOUT,
        nhso_timeout: float = NHSO_TIMEOUT,
        local_timeout: float = LOCAL_TIMEOUT,
        sleep: Callable[[float], None] = time.sleep,
        read_tries: int = READ_TRIES,
        retry_gap: float = RETRY_GAP,
        max_bytes: int = http.MAX_BODY_BYTES,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._session = session or requests.Session()
        self._session.trust_env = False  # a system proxy must not intercept localhost
        self._nhso = http.Limits(connect_timeout, nhso_timeout, nhso_timeout * 1.5, max_bytes)
        self._local = http.Limits(connect_timeout, local_timeout, local_timeout * 2, max_bytes)
        self._sleep = sleep
        self._read_tries = max(1, read_tries)
        self._retry_gap = retry_gap
        self.last_server_time: dt.datetime | None = None  # from the last answer's Date header

    def close(self) -> None:
        self._session.close()

    def exchange(
        self, method: str, path: str, limits: http.Limits,
        json_body: dict[str, Any] | None = None, params: dict[str, str] | None = None,
    ) -> http.Answer:  # fmt: skip
        """One raw exchange; connection trouble and the transport limits become AgentErrors.
        The status code is left to each call (`doctor --capture` records it as is)."""
        url = f"{self.base_url}{path}"
        try:
            answer = http.request(
                self._session, method, url, limits, json_body=json_body, params=params,
                headers={"Accept": "application/json"},
            )  # fmt: skip
        except requests.exceptions.ConnectTimeout as exc:
            raise AgentUnavailable(f"{self.base_url}: connect timed out") from exc
        except requests.exceptions.Timeout as exc:
            raise AgentTimeout(f"{path}: no answer in {limits.read:.0f} s") from exc
        except requests.exceptions.ConnectionError as exc:
            raise AgentUnavailable(f"{self.base_url}: {exc.__class__.__name__}") from exc
        except requests.exceptions.RequestException as exc:
            # e.g. an invalid URL: the class name only (the text may carry the PID)
            raise AgentError(f"{self.base_url}: {exc.__class__.__name__}") from exc
        except http.Redirected as exc:
            raise AgentRedirected(exc.host) from exc
        except http.DeadlineExceeded as exc:
            raise AgentTimeout(f"{path.split('/')[-1]}: {exc}") from exc
        except http.TooLarge as exc:
            raise AgentBadAnswer(f"{path.split('/')[-1]}: {exc}") from exc
        date_header = answer.headers.get("Date")
        self.last_server_time = None
        if date_header:
            with contextlib.suppress(TypeError, ValueError):
                self.last_server_time = parsedate_to_datetime(date_header)
        return answer

    @staticmethod
    def _json(call: str, answer: http.Answer) -> Any:
        try:
            return answer.json()
        except http.NotJson as exc:
            raise AgentBadAnswer(f"{call}: {exc}") from exc

    def terminals(self) -> list[Terminal]:
        """The readers the agent sees; [] means none. A 500 here also means no reader."""
        answer = self.exchange("GET", "/api/smartcard/terminals", self._local)
        if answer.status == 500:
            raise AgentNoReader(f"terminals: {agent_message(answer)}")
        if answer.status != 200:
            raise _failure("terminals", answer)
        return Terminal.parse_all(self._json("terminals", answer))

    def require_reader(self) -> list[Terminal]:
        terminals = self.terminals()
        if not terminals:
            raise AgentNoReader("terminals: none")
        return terminals

    def _read_once(self, path: str, call: str, limits: http.Limits, with_image: bool) -> Any:
        answer = self.exchange(
            "GET", path, limits, params={"readImageFlag": "true" if with_image else "false"}
        )
        if answer.status == 418:
            raise AgentNoReader(f"{call}: {agent_message(answer)}")
        if answer.status == 500:
            raise _CardNotReady(f"{call}: {agent_message(answer)}")
        if 400 <= answer.status < 500:
            raise AgentRejected(agent_message(answer), answer.status)
        if answer.status != 200:
            raise _failure(call, answer)
        return self._json(call, answer)

    def _read_settled(
        self, path: str, call: str, limits: http.Limits, with_image: bool, settle: float
    ) -> Any:
        if settle > 0:
            self._sleep(settle)
        for attempt in range(1, self._read_tries + 1):
            try:
                return self._read_once(path, call, limits, with_image)
            except _CardNotReady as exc:
                log.info("%s: card not ready (try %d of %d)", call, attempt, self._read_tries)
                if attempt == self._read_tries:
                    raise AgentNoCard(str(exc)) from exc
                self._sleep(self._retry_gap)
        raise AssertionError("unreachable")

    def read(self, with_image: bool = False, settle: float = 0.0) -> AgentReading:
        """Reads the card and checks rights online (waits on NHSO). `settle`: seconds to
        wait first, for a card inserted a moment ago."""
        data = self._read_settled("/api/smartcard/read", "read", self._nhso, with_image, settle)
        reading = AgentReading.parse(data, "read", online=True)
        log.info("agent read %s: %d claim types", mask_cid(reading.pid), len(reading.claim_types))
        return reading

    def read_card_only(self, with_image: bool = False, settle: float = 0.0) -> AgentReading:
        # A photo can take far longer than 5 s through the agent: give it NHSO's time.
        limits = self._nhso if with_image else self._local
        path = "/api/smartcard/read-card-only"
        data = self._read_settled(path, "read-card-only", limits, with_image, settle)
        return AgentReading.parse(data, "read-card-only", online=False)

    def confirm_save(self, request: ConfirmRequest) -> ConfirmResult:
        answer = self.exchange(
            "POST", "/api/nhso-service/confirm-save", self._nhso, request.to_json()
        )
        if 400 <= answer.status < 500 and answer.status != 418:
            raise AgentRejected(agent_message(answer), answer.status)
        if answer.status != 200:
            raise _failure("confirm-save", answer)
        return ConfirmResult.parse(self._json("confirm-save", answer))

    def _latest(self, call: str, path: str) -> Any:
        answer = self.exchange("GET", path, self._nhso)
        if answer.status != 200:
            raise _failure(call, answer)
        return self._json(call, answer)

    def latest_authen_code(self, pid: str) -> LatestAuthen:
        call = "latest-authen-code"
        data = self._latest(call, f"/api/nhso-service/latest-authen-code/{_checked_pid(pid)}")
        if data is None:
            return LatestAuthen("", "", "", "", "")
        return LatestAuthen.parse(data, call)

    def latest_5(self, pid: str) -> list[LatestAuthen]:
        call = "latest-5"
        path = f"/api/nhso-service/latest-5-authen-code-all-hospital/{_checked_pid(pid)}"
        return LatestAuthen.parse_many(self._latest(call, path), call)
