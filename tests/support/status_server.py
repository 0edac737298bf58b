"""A local HTTP server that plays NHSO's authen-status service for the tests."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

TOKEN = "5e1c2b8a-1111-4222-8333-944455556666"
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


class Server:
    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.seen: list[dict[str, Any]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.seen.append({"path": self.path, "auth": self.headers.get("Authorization")})
                if self.headers.get("Authorization") != f"Bearer {TOKEN}" or server.mode == "401":
                    self.send_response(401)
                    self.end_headers()
                    return
                body = b"<html>oops" if server.mode == "garbage" else json.dumps(ANSWER).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

        self.httpd = HTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
