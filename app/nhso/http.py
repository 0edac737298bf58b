"""The one way the agent client, the status client and `doctor` make an HTTP request.

Why one module: each limit here closes a hole the plain `requests` call leaves open.
- Redirects are never followed: a 307 would re-post the person's ID and mobile to another
  host. A redirect is an error naming the host it pointed to.
- Connect/read timeouts bound each socket wait only; a server dribbling a byte every few
  seconds would hold the desk for minutes. A total deadline bounds the whole body read.
- The body is capped (decoded bytes counted), so an endless or compressed-bomb answer is
  cut off and reported instead of filling memory.
- JSON nested deeply enough to raise RecursionError is an unreadable answer, not a crash.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests

MAX_BODY_BYTES = 4 * 1024 * 1024
CHUNK = 16 * 1024
MESSAGE_MAX = 300
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+")


class HttpProblem(Exception):
    """Base of the transport limits' failures; each client turns them into its own errors."""


class Redirected(HttpProblem):
    def __init__(self, status: int, location: str) -> None:
        self.status = status
        self.host = urlsplit(location).hostname or location[:80] or "?"
        super().__init__(f"HTTP {status} redirect to {self.host} (not followed)")


class TooLarge(HttpProblem):
    def __init__(self, limit: int) -> None:
        super().__init__(f"answer larger than {limit // 1024} KiB, cut off")


class DeadlineExceeded(HttpProblem):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"no complete answer within {seconds:.0f} s")


class NotJson(HttpProblem):
    """The body is not JSON, or too deeply nested to read."""


@dataclass(frozen=True)
class Limits:
    connect: float = 2.0
    read: float = 30.0
    total: float = 45.0  # the whole exchange, headers to the last byte
    max_bytes: int = MAX_BODY_BYTES


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        return parse_json(self.body)


def parse_json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise NotJson("answer is not JSON") from exc
    except RecursionError as exc:
        raise NotJson("answer nested too deeply") from exc


def clean_message(text: object, limit: int = MESSAGE_MAX) -> str:
    """A server's message fit to show staff: no control or bidi characters, one line, short."""
    cleaned = _CONTROL.sub(" ", str(text)).strip()
    cleaned = re.sub(r"\s{2,}", " ", cleaned)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def request(
    session: requests.Session,
    method: str,
    url: str,
    limits: Limits,
    *,
    json_body: dict[str, Any] | None = None,
    params: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    verify: bool = True,
) -> Answer:
    """One exchange within `limits`. Raises requests' own errors for the connection, and
    HttpProblem for what the limits catch."""
    started = time.monotonic()
    read_timeout = min(limits.read, limits.total)
    response = session.request(
        method, url, json=json_body, params=params, headers=headers,
        timeout=(limits.connect, read_timeout), allow_redirects=False, stream=True,
        verify=verify,
    )  # fmt: skip
    try:
        if response.is_redirect or 300 <= response.status_code < 400:
            raise Redirected(response.status_code, response.headers.get("Location", ""))
        body = _read_body(response, limits, started)
        return Answer(response.status_code, body, dict(response.headers))
    finally:
        response.close()


def _read_body(response: requests.Response, limits: Limits, started: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise TooLarge(limits.max_bytes)
    raw = response.raw
    parts: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() - started > limits.total:
            raise DeadlineExceeded(limits.total)
        # read1: at most one socket read, so the deadline is checked between dribbles.
        chunk = raw.read1(CHUNK, decode_content=True)
        if not chunk:  # urllib3 answers b"" only at the end (its decoder flushed)
            break
        size += len(chunk)
        if size > limits.max_bytes:
            raise TooLarge(limits.max_bytes)
        parts.append(chunk)
    return b"".join(parts)
