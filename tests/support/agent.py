"""Agents for the tests: the simulated agent with a card in a simulated reader, and a
scripted agent answering real-shaped fixtures; `play` runs one scenario on either, so the
simulator is held to the same tests as the fixtures."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol

from app.demo.reader import SimulatedCardSource
from app.demo.simulated_agent import SimulatedAgent
from app.thai_format import BANGKOK
from cardreader.virtual.card import VirtualThaiIdCard
from cardreader.virtual.persona import shipped_persona
from cardreader.virtual.simulated import DEFAULT_READER, SimulatedReaders

OUR_HCODE = "12345"


@dataclass
class AgentRig:
    agent: SimulatedAgent
    readers: SimulatedReaders

    @property
    def url(self) -> str:
        return self.agent.url

    def insert(self, persona_id: str) -> None:
        self.readers.remove(DEFAULT_READER)
        self.readers.insert(VirtualThaiIdCard(shipped_persona(persona_id)), DEFAULT_READER)

    def posts(self) -> int:
        return sum(1 for r in self.agent.requests if r.startswith("POST"))


@contextmanager
def agent_rig(persona_id: str | None = "somchai") -> Iterator[AgentRig]:
    readers = SimulatedReaders()
    agent = SimulatedAgent(SimulatedCardSource(readers), hcode=OUR_HCODE)
    agent.start()
    rig = AgentRig(agent, readers)
    if persona_id:
        rig.insert(persona_id)
    try:
        yield rig
    finally:
        agent.stop()


# --- the same scenarios on a scripted, real-shaped agent and on the simulated one --------

FIXTURES = Path(__file__).parents[1] / "fixtures" / "agent"
NOW = dt.datetime(2026, 11, 22, 10, 30, tzinfo=BANGKOK)  # the PC's clock in these tests
TODAY = NOW.date()
LATEST_5 = "/api/nhso-service/latest-5-authen-code-all-hospital/"
LATEST = "/api/nhso-service/latest-authen-code/"
CONFIRM = "/api/nhso-service/confirm-save"
READ = "/api/smartcard/read"
TERMINALS = "/api/smartcard/terminals"


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


class FixtureAgent:
    """A local HTTP server that plays the agent from scripted answers: for each path prefix
    a list of (status, body); each request takes the next, the last one repeats. A body
    that is bytes is sent as it is."""

    def __init__(self) -> None:
        self.routes: dict[str, list[tuple[int, Any]]] = {}
        self.requests: list[str] = []
        self.bodies: list[Any] = []
        rig = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def date_time_string(self, timestamp: float | None = None) -> str:
                # The scripted answers are of NOW: so is the agent's Date header.
                return format_datetime(NOW.astimezone(dt.UTC), usegmt=True)

            def _answer(self, method: str) -> None:
                rig.requests.append(f"{method} {self.path}")
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    rig.bodies.append(json.loads(self.rfile.read(length)))
                path = self.path.split("?")[0]
                prefix = max((p for p in rig.routes if path.startswith(p)), key=len, default="")
                queue = rig.routes.get(prefix) or [(404, {"status": 404, "error": "Not Found"})]
                status, body = queue.pop(0) if len(queue) > 1 else queue[0]
                payload = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=UTF-8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self) -> None:
                self._answer("GET")

            def do_POST(self) -> None:
                self._answer("POST")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def route(self, prefix: str, *answers: tuple[int, Any]) -> None:
        self.routes[prefix] = list(answers)

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass(frozen=True)
class Code:
    """A code a person holds, for either play: issued at `time` (Bangkok) on `day`."""

    claim_type: str
    hcode: str
    time: str  # "08:15:02"
    prefix: str = "PP"
    day: dt.date = TODAY
    hname: str = ""


class Play(Protocol):
    """One scenario vocabulary, two agents: the scripted real-shaped one and the simulator."""

    url: str
    pid: str

    def holds(self, *codes: Code) -> list[str]: ...  # the codes, newest first

    def nhso_refuses_other_hospital(self, refuses: bool) -> None: ...

    def fails(self, call: str, status: int) -> None: ...  # confirm, latest, latest5, terminals

    def read_unsettled(self, times: int) -> None: ...

    def no_reader(self) -> None: ...

    def rights(self, kind: str) -> None: ...  # UCS, OFC, SSS

    def single_object_lists(self) -> None: ...

    def posts(self) -> int: ...

    def stop(self) -> None: ...


def _code_answer(code: Code, number: str) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "claimType": code.claim_type,
        "claimCode": number,
        "hcode": code.hcode,
        "claimDateTime": f"{code.day.isoformat()}T{code.time}",
        "checkDate": "2026-11-22T10:30:01",
    }
    if code.hname:
        answer["hname"] = code.hname
    return answer


class FixturePlay:
    pid = "3100501234563"

    def __init__(self) -> None:
        self.agent = FixtureAgent()
        self.url = self.agent.url
        self._refuses = True
        self._codes: list[tuple[Code, str]] = []
        self._single = False
        self.agent.route(TERMINALS, (200, fixture("terminals.json")))
        self.agent.route(READ, (200, fixture("read_ucs.json")))
        self._script()

    def _script(self) -> None:
        answers = [
            _code_answer(c, n)
            for c, n in sorted(self._codes, key=lambda cn: (cn[0].day, cn[0].time), reverse=True)
        ]
        latest5: Any = answers[0] if self._single and len(answers) == 1 else answers
        self.agent.route(LATEST_5, (200, latest5))
        self.agent.route(
            LATEST, (200, answers[0] if answers else {"checkDate": "2026-11-22T10:30:01"})
        )
        today_elsewhere = any(
            c.hcode != OUR_HCODE and c.day == NOW.date() and c.prefix == "PP"
            for c, _ in self._codes
        )
        if today_elsewhere and self._refuses:
            self.agent.route(CONFIRM, (400, fixture("error_400_duplicate.json")))
        else:
            self.agent.route(CONFIRM, (200, fixture("confirm_ok.json")))

    def holds(self, *codes: Code) -> list[str]:
        for index, code in enumerate(codes):
            self._codes.append((code, f"{code.prefix}{2000000000 + index}"))
        self._script()
        ordered = sorted(self._codes, key=lambda cn: (cn[0].day, cn[0].time), reverse=True)
        return [n for _, n in ordered]

    def nhso_refuses_other_hospital(self, refuses: bool) -> None:
        self._refuses = refuses
        self._script()

    def fails(self, call: str, status: int) -> None:
        prefix = {"confirm": CONFIRM, "latest": LATEST, "latest5": LATEST_5,
                  "terminals": TERMINALS}[call]  # fmt: skip
        self.agent.route(prefix, (status, fixture("error_500.json")))
        if call == "latest":
            self.agent.route(LATEST_5, (status, fixture("error_500.json")))

    def read_unsettled(self, times: int) -> None:
        self.agent.route(
            READ, *[(500, fixture("error_500_read.json"))] * times, (200, fixture("read_ucs.json"))
        )

    def no_reader(self) -> None:
        self.agent.route(TERMINALS, (200, []))
        self.agent.route(READ, (418, fixture("error_418.json")))

    def rights(self, kind: str) -> None:
        self.agent.route(READ, (200, fixture(f"read_{kind.lower()}.json")))

    def single_object_lists(self) -> None:
        self._single = True
        self.agent.route(TERMINALS, (200, fixture("terminals.json")[0]))
        self._script()

    def posts(self) -> int:
        return sum(1 for r in self.agent.requests if r.startswith("POST"))

    def stop(self) -> None:
        self.agent.stop()


class SimulatedPlay:
    pid = "1101700123456"  # somchai

    def __init__(self) -> None:
        self.readers = SimulatedReaders()
        self.agent = SimulatedAgent(SimulatedCardSource(self.readers), hcode=OUR_HCODE,
                                    now=lambda: NOW)  # fmt: skip
        self.url = self.agent.start()
        self.rig = AgentRig(self.agent, self.readers)
        self.rig.insert("somchai")

    def holds(self, *codes: Code) -> list[str]:
        for code in codes:
            hour, minute, second = (int(p) for p in code.time.split(":"))
            when = dt.datetime.combine(code.day, dt.time(hour, minute, second), BANGKOK)
            self.agent.seed_code(self.pid, code.claim_type, code.hcode, when, code.prefix)
        return [c.claim_code for c in self.agent.recent(self.pid, 5)]

    def nhso_refuses_other_hospital(self, refuses: bool) -> None:
        self.agent.other_hospital_refuses = refuses

    def fails(self, call: str, status: int) -> None:
        assert status == 500
        faults = {"confirm": "confirm500", "latest": "latest500", "latest5": "latest5_500",
                  "terminals": "terminals500"}  # fmt: skip
        self.agent.fault = faults[call]

    def read_unsettled(self, times: int) -> None:
        self.agent.unsettled_reads = times

    def no_reader(self) -> None:
        self.readers.remove_reader(DEFAULT_READER)

    def rights(self, kind: str) -> None:
        self.agent.rights[self.pid] = kind

    def single_object_lists(self) -> None:
        self.agent.single_object_lists = True

    def posts(self) -> int:
        return self.rig.posts()

    def stop(self) -> None:
        self.agent.stop()


@contextmanager
def play(kind: str) -> Iterator[Play]:
    """`kind` "fixture" (scripted real-shaped answers) or "simulated" (the demo's agent)."""
    the_play: Play = FixturePlay() if kind == "fixture" else SimulatedPlay()
    try:
        yield the_play
    finally:
        the_play.stop()
