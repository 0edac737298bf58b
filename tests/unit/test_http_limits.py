"""Issue 11 items 10–12: redirects, a total deadline, a size cap, and what comes back checked,
against raw local servers that misbehave on purpose."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.authen.flow import _answer_problem
from app.errors import describe
from app.logging_setup import setup_logging
from app.nhso.agent_client import AgentClient
from app.nhso.errors import (
    AgentBadAnswer,
    AgentRedirected,
    AgentRejected,
    AgentTimeout,
    StatusRedirected,
)
from app.nhso.models import CONFIRMED_CODE_RE, AgentReading, ConfirmRequest, ConfirmResult
from app.nhso.status_client import AuthenStatusClient, parse_status
from tests.support.agent import CONFIRM, FixtureAgent, agent_rig, fixture
from tests.support.status_server import TOKEN

PID = "3100501234563"


def raw_server(serve: Callable[[socket.socket], None]) -> Iterator[str]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def run() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                with contextlib.suppress(OSError):
                    serve(conn)

    threading.Thread(target=run, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()


@pytest.fixture
def dribbler() -> Iterator[str]:
    def serve(conn: socket.socket) -> None:
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n"
        )
        for _ in range(500):
            conn.sendall(b" ")
            time.sleep(0.2)

    yield from raw_server(serve)


@pytest.fixture
def endless() -> Iterator[str]:
    def serve(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[")
        while True:
            conn.sendall(b"1," * 8192)

    yield from raw_server(serve)


@pytest.fixture
def bomb() -> Iterator[str]:
    body = gzip.compress(b"[" + b"0," * 8_000_000 + b"0]")  # 16 MB of JSON in ~16 KB

    def serve(conn: socket.socket) -> None:
        head = (
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        conn.sendall(head.encode() + body)

    yield from raw_server(serve)


def test_a_redirect_is_never_followed_and_names_the_host() -> None:
    with agent_rig() as rig:
        rig.agent.fault = "redirect"
        with pytest.raises(AgentRedirected) as redirected:
            AgentClient(rig.url).confirm_save(
                ConfirmRequest("1101700123456", "PG0060001", "0812345678", "x" * 8)
            )
        assert redirected.value.host == "collector.example.net"
        assert "collector.example.net" in describe(redirected.value).message.en
        assert rig.posts() == 1  # the one to the agent; nothing re-posted elsewhere


def test_the_status_client_does_not_follow_redirects_either() -> None:
    def serve(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 307 Temporary Redirect\r\nLocation: https://evil.example/x\r\n"
                     b"Content-Length: 0\r\n\r\n")  # fmt: skip

    server = raw_server(serve)
    url = next(server)
    with pytest.raises(StatusRedirected) as redirected:
        AuthenStatusClient(TOKEN, base_url=url).check(PID, dt.date(2026, 11, 22))
    assert redirected.value.host == "evil.example"


def test_a_dribbling_server_meets_the_total_deadline(dribbler: str) -> None:
    started = time.monotonic()
    with pytest.raises(AgentTimeout):
        AgentClient(dribbler, local_timeout=1.0).terminals()  # total = 2 s
    assert time.monotonic() - started < 5


def test_an_endless_answer_is_cut_off(endless: str) -> None:
    with pytest.raises(AgentBadAnswer, match="larger than"):
        AgentClient(endless, max_bytes=256 * 1024).terminals()


def test_a_compressed_bomb_is_cut_off(bomb: str) -> None:
    with pytest.raises(AgentBadAnswer, match="larger than"):
        AgentClient(bomb).terminals()


def test_deeply_nested_json_is_an_unreadable_answer() -> None:
    agent = FixtureAgent()
    try:
        agent.route("/api/smartcard/terminals", (200, b"[" * 200_000 + b"]" * 200_000))
        with pytest.raises(AgentBadAnswer):
            AgentClient(agent.url).terminals()
    finally:
        agent.stop()


def test_refusal_messages_are_cleaned_for_staff() -> None:
    agent = FixtureAgent()
    nasty = "ปฏิเสธ\x1b[31m\u202e\r\nline two" + "ก" * 5000
    try:
        agent.route(CONFIRM, (400, {"status": 400, "errors": [{"defaultMessage": nasty}]}))
        with pytest.raises(AgentRejected) as refused:
            AgentClient(agent.url).confirm_save(
                ConfirmRequest(PID, "PG0060001", "0812345678", "x" * 8)
            )
    finally:
        agent.stop()
    message = refused.value.message
    assert message.startswith("ปฏิเสธ") and len(message) <= 300
    assert not any(c in message for c in "\x1b\u202e\r\n")


@pytest.mark.parametrize(
    "code", ["EP1000000042", "PP12", "PP" + "1" * 500, "PP１２３４５６７８９０", "PP๑๒๓๔๕๖๗๘๙๐", 42]
)
def test_only_a_sane_pp_code_is_a_claim_code(code: object) -> None:
    """Read, short and clean, but never this patient's code: the flow flags it (issue 18,
    item 3: an issued code is refused and kept, not dropped as an unreadable answer)."""
    answer = fixture("confirm_ok.json") | {"claimCode": code}
    result = ConfirmResult.parse(answer)
    assert not CONFIRMED_CODE_RE.fullmatch(result.claim_code) and len(result.claim_code) <= 40
    assert _answer_problem(result, result.pid, result.claim_type) == "bad_code"


@pytest.mark.parametrize("code", [None, "", "   ", {"x": 1}])
def test_no_claim_code_at_all_is_an_unreadable_answer(code: object) -> None:
    answer = fixture("confirm_ok.json") | {"claimCode": code}
    with pytest.raises(AgentBadAnswer, match="claimCode"):
        ConfirmResult.parse(answer)


def test_created_date_or_create_date() -> None:
    answer = fixture("confirm_ok.json")
    assert ConfirmResult.parse(answer).created.startswith("2026-11-22T10:30")
    answer["createdDate"] = answer.pop("createDate")
    assert ConfirmResult.parse(answer).created.startswith("2026-11-22T10:30")


def test_what_comes_back_is_checked_for_shape() -> None:
    good = fixture("read_ucs.json")
    with pytest.raises(AgentBadAnswer, match="correlationId"):
        AgentReading.parse(good | {"correlationId": "a b; DROP"})
    with pytest.raises(AgentBadAnswer, match="pid"):
        AgentReading.parse(good | {"pid": "๓๑๐๐๕๐๑๒๓๔๕๖๓"})
    odd = AgentReading.parse(
        good | {"claimTypes": [{"claimType": "PG 006", "claimTypeName": "x"},
                               {"claimType": "PG0060001", "claimTypeName": "ok\x00" + "ก" * 999}]}
    )  # fmt: skip
    [claim] = odd.claim_types
    assert claim.code == "PG0060001" and "\x00" not in claim.name and len(claim.name) <= 200
    assert AgentReading.parse(good | {"claimTypes": good["claimTypes"][0]}).claim_types


def test_status_answers_as_live_ones_come() -> None:
    status = parse_status(
        {"statusAuthen": "false", "statusMessage": "พบข้อมูล", "personalId": PID,
         "birthDate": {"year": 1972, "month": 7, "day": 4}, "nation": {"id": "099"},
         "province": {"id": "10", "name": "กรุงเทพมหานคร"}, "serviceHistories": None}
    )  # fmt: skip
    assert status.status_authen is False  # a string "false" is not true
    assert status.birth_date == "1972-07-04" and status.histories == ()
    assert parse_status({"statusAuthen": True, "statusMessage": "ไม่พบข้อมูล"}).not_found


def test_status_not_found_with_a_4xx_is_an_answer() -> None:
    def serve(conn: socket.socket) -> None:
        body = json.dumps({"statusAuthen": False, "statusMessage": "ไม่พบข้อมูลการ Authen"})
        data = body.encode()
        conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n"
                     + f"Content-Length: {len(data)}\r\n\r\n".encode() + data)  # fmt: skip

    server = raw_server(serve)
    url = next(server)
    status = AuthenStatusClient(TOKEN, base_url=url).check(PID, dt.date(2026, 11, 22))
    assert status.not_found and not status.status_authen


def test_no_full_cid_in_the_log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """urllib3 logs the URL, and latest-authen-code/{pid} holds the PID."""
    monkeypatch.setenv("AUTHEN_DESK_HOME", str(tmp_path))
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    try:
        setup_logging(verbose=True)
        logging.getLogger("urllib3").setLevel(logging.DEBUG)
        with agent_rig() as rig:
            AgentClient(rig.url).latest_authen_code("1101700123456")
        logging.getLogger("x").info("pid %s and %s", "1101700123456", "1234567890123")
        try:
            raise ValueError("bad 1101700123456")
        except ValueError:
            logging.getLogger("x").exception("failed")
        for handler in root.handlers:
            handler.flush()
        text = "\n".join(p.read_text() for p in tmp_path.rglob("*.log"))
    finally:
        for handler in root.handlers[:]:
            if handler not in saved[1]:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(saved[0])
    assert "latest-authen-code/1-xxxx-xxxx3-45-6" in text  # urllib3's debug line, masked
    assert "1101700123456" not in text
    assert "1234567890123" in text  # not a valid CID: left alone
