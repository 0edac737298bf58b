"""`authen-desk doctor --capture FILE`: one exchange with the clinic's real agent, written as
a transcript that clinic IT can send back: status codes, field names and value types, with
every personal value masked.

Why: public integrations leave points unresolved (error bodies, token errors, whether
checkDate is local time, …; see the README's checklist). One capture from a real desk
settles them without anyone copying a patient's data. Values become their shape: digits
turn into 9, Latin letters into a/A, Thai letters into ก, so "2025-11-07T17:26:31" reads
"9999-99-99T99:99:99" and a PID reads "9999999999999". Only the agent's own error words
(`error`, `message`, `defaultMessage`, `code` of a non-200 answer) are kept as text, cut
short and with any ID number masked. The photo is never asked for. The file is 0600.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from app import clock
from app.atomic_file import check_output_target, write_private
from app.nhso import http
from app.nhso.agent_client import AgentClient
from app.nhso.errors import AgentError
from app.nhso.models import PID_RE
from app.redact import mask_cids

ERROR_TEXT_KEYS = {"error", "message", "defaultMessage", "code", "status"}
LIMITS = http.Limits(connect=2.0, read=30.0, total=45.0)  # the client's own NHSO limits


def shape_text(value: str) -> str:
    """A string's shape without its content."""
    out = re.sub(r"[0-9]", "9", value)
    if re.fullmatch(r"[0-9:.+\-TZ ]+", value):  # a date or time: its letters are format
        return out
    out = re.sub(r"[a-z]", "a", out)
    out = re.sub(r"[A-Z]", "A", out)
    out = re.sub(r"[\u0e00-\u0e7f]", "ก", out)
    return out if len(out) <= 60 else out[:60] + f"…({len(value)} chars)"


def shape(value: Any, keep_error_text: bool = False, depth: int = 0) -> Any:
    """The structure of an answer: keys kept, every value replaced by its type and shape."""
    if depth > 20:
        return "…"
    if isinstance(value, dict):
        return {
            str(k): (
                http.clean_message(mask_cids(str(v)), 160)
                if keep_error_text and k in ERROR_TEXT_KEYS and isinstance(v, (str, int))
                else shape(v, keep_error_text, depth + 1)
            )
            for k, v in value.items()
            if k != "image"
        } | ({"image": "<photo omitted>"} if "image" in value else {})
    if isinstance(value, list):
        items = [shape(v, keep_error_text, depth + 1) for v in value[:5]]
        return items + ([f"… {len(value) - 5} more"] if len(value) > 5 else [])
    if isinstance(value, bool):
        return f"bool:{str(value).lower()}"  # true/false is not personal and matters
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if value is None:
        return "null"
    return f"str:{shape_text(str(value))}"


def _exchange(
    client: AgentClient, call: str, path: str, params: dict[str, str] | None
) -> tuple[dict[str, Any], Any]:
    """The transcript entry and the parsed body (kept in memory only)."""
    started = time.monotonic()
    masked_path = re.sub(r"/[0-9]{13}$", "/<pid>", path)
    entry: dict[str, Any] = {"call": call, "request": f"GET {masked_path}"}
    try:
        answer = client.exchange("GET", path, LIMITS, params=params)
    except AgentError as exc:
        entry["failure"] = f"{type(exc).__name__}: {mask_cids(str(exc))}"
        return entry, None
    entry["status"] = answer.status
    entry["elapsed_ms"] = int((time.monotonic() - started) * 1000)
    entry["content_type"] = answer.headers.get("Content-Type", "")
    entry["date_header"] = answer.headers.get("Date", "")  # the agent's clock (not personal)
    entry["bytes"] = len(answer.body)
    try:
        body = answer.json()
    except http.NotJson:
        entry["body"] = f"not JSON: {shape_text(answer.body[:200].decode('utf-8', 'replace'))}"
        return entry, None
    entry["body"] = shape(body, keep_error_text=answer.status != 200)
    entry["body_is"] = type(body).__name__
    return entry, body if answer.status == 200 else None


def capture(agent_url: str, target: Path) -> int:
    """One /terminals, /read (no photo) and latest-5 exchange, written to `target` (0600,
    all or nothing; NotRegularOutput, an OSError, before anything is asked of the agent
    when `target` is a device, a FIFO, a folder or a link)."""
    check_output_target(target)
    client = AgentClient(agent_url, read_tries=1)
    local_now = clock.now()
    exchanges = [_exchange(client, "terminals", "/api/smartcard/terminals", None)[0]]
    entry, body = _exchange(client, "read", "/api/smartcard/read", {"readImageFlag": "false"})
    exchanges.append(entry)
    pid = body.get("pid") if isinstance(body, dict) else None
    if isinstance(pid, str) and PID_RE.fullmatch(pid):
        path = f"/api/nhso-service/latest-5-authen-code-all-hospital/{pid}"
        exchanges.append(_exchange(client, "latest-5", path, None)[0])
    else:
        exchanges.append({"call": "latest-5", "skipped": "no pid: /read gave no card"})
    client.close()
    transcript = {
        "what": "authen-desk doctor --capture: shapes only, personal values masked",
        "captured_at_pc_clock": local_now.isoformat(timespec="seconds"),
        "pc_utc_offset": "+07:00",
        "agent_url": agent_url,
        "exchanges": exchanges,
    }
    data = json.dumps(transcript, ensure_ascii=False, indent=2).encode("utf-8")
    write_private(target, data)
    return 0
