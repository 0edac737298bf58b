"""A local HTTP server that plays NHSO's authen-status service for the tests.

By default every person gets ANSWER. With `people` (pid → answer), each person gets their
own answer and anyone else gets NHSO's "not found". Modes: "401" refuses the token,
"garbage" answers HTML, "slow" waits `delay` seconds before answering, "drop" closes the
connection without an answer from request number `drop_after` on.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN = "5e1c2b8a-1111-4222-8333-944455556666"
HCODE = "12345"
ANSWER = {
    "statusAuthen": True, "statusMessage": "พบข้อมูล", "personalId": "1101700123456",
    "mainInscl": {"id": "UCS", "name": "สิทธิหลักประกันสุขภาพแห่งชาติ"},
    "serviceHistories": [
        {"hospital": {"hcode": "12345", "hname": "คลินิกทดสอบ"},
         "serviceDateTime": "2026-11-22T09:15:00", "claimCode": "PP1015363237",
         "service": {"code": "PG0060001", "name": "เข้ารับบริการรักษาทั่วไป"},
         "sourceChannel": "AUTHENCODE"},
        {"hospital": {"hcode": "10669", "hname": "รพ.อื่น"},
         "serviceDateTime": "2026-11-21T10:00:00", "claimCode": "PP9999999999",
         "service": {"code": "PG0060001", "name": "x"}, "sourceChannel": "ENDPOINT"},
        "junk",
    ],
}  # fmt: skip
NOT_FOUND = {"statusAuthen": False, "statusMessage": "ไม่พบข้อมูลการขอ Authen Code",
             "serviceHistories": []}  # fmt: skip


def history(
    claim_code: str,
    when: str,
    hcode: str = HCODE,
    service: str = "PG0060001",
    channel: str = "AUTHENCODE",
) -> dict[str, Any]:
    """One serviceHistories entry as NHSO writes it."""
    return {"hospital": {"hcode": hcode, "hname": "คลินิกทดสอบ"}, "serviceDateTime": when,
            "claimCode": claim_code, "service": {"code": service, "name": "บริการ"},
            "sourceChannel": channel}  # fmt: skip


def found(pid: str, *histories: dict[str, Any]) -> dict[str, Any]:
    return {"statusAuthen": True, "statusMessage": "พบข้อมูล", "personalId": pid,
            "serviceHistories": list(histories)}  # fmt: skip


class Server:
    def __init__(
        self,
        mode: str = "ok",
        people: Mapping[str, dict[str, Any]] | None = None,
        delay: float = 0.0,
        drop_after: int | None = None,
    ) -> None:
        self.mode = mode
        self.people = people
        self.delay = delay
        self.drop_after = drop_after
        self.seen: list[dict[str, Any]] = []
        self.date: str | None = None  # the Date header NHSO's clock writes; None: the real one
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def date_time_string(self, timestamp: float | None = None) -> str:
                return server.date or super().date_time_string(timestamp)

            def do_GET(self) -> None:
                query = parse_qs(urlsplit(self.path).query)
                with server._lock:
                    server.seen.append({
                        "path": self.path, "auth": self.headers.get("Authorization"),
                        "pid": query.get("personalId", [""])[0],
                        "date": query.get("serviceDate", [""])[0], "at": time.monotonic(),
                    })  # fmt: skip
                    number = len(server.seen)
                if server.mode == "drop" and number >= (server.drop_after or 1):
                    self.close_connection = True
                    self.connection.close()
                    return
                if server.mode == "slow":
                    time.sleep(server.delay)
                if self.headers.get("Authorization") != f"Bearer {TOKEN}" or server.mode == "401":
                    self.send_response(401)
                    self.end_headers()
                    return
                if server.mode == "garbage":
                    body = b"<html>oops"
                elif server.people is None:
                    body = json.dumps(ANSWER).encode()
                else:
                    pid = query.get("personalId", [""])[0]
                    body = json.dumps(server.people.get(pid, NOT_FOUND)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        cls = ThreadingHTTPServer if mode == "slow" else HTTPServer
        self.httpd: HTTPServer = cls(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def pids(self) -> list[str]:
        with self._lock:
            return [s["pid"] for s in self.seen]

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
