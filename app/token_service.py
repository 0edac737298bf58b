"""The token dialog's work, off the GUI thread: keyring access and connection tests.

Each test reports one exact outcome (ok / token rejected / unreachable / TLS problem /
unreadable answer), worded in Thai by `outcome_message`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal, Slot

from app import audit
from app.messages import Message
from app.nhso.agent_client import AgentClient
from app.nhso.errors import AgentError, AgentUnavailable
from app.nhso.status_client import (
    AuthenStatusClient,
    StatusBadAnswer,
    StatusError,
    StatusUnreachable,
    TlsFailure,
    TokenRejected,
)
from app.staff_session import StaffMember
from app.token_store import TokenKind, TokenStore


@dataclass(frozen=True)
class TestOutcome:
    target: str  # "agent" or a token kind
    outcome: str  # ok | rejected | unreachable | tls | bad_answer | missing
    detail: str = ""


OUTCOME_TEXT = {
    "ok": ("เชื่อมต่อสำเร็จ", "Connected."),
    "rejected": ("Token ถูกปฏิเสธ — ตรวจว่าตรงกับรหัสหน่วยบริการและยังไม่หมดอายุ",
                 "Token rejected — check it belongs to this hospital code and has not expired."),
    "unreachable": ("ติดต่อไม่ได้ — ตรวจเครือข่าย/อินเทอร์เน็ต หรือว่าโปรแกรมเปิดอยู่",
                    "Unreachable — check the network, or that the program is running."),
    "tls": ("ใบรับรองความปลอดภัย (TLS) ไม่ผ่าน — ตรวจวันเวลาเครื่องและ proxy ของเครือข่าย",
            "TLS certificate check failed — check the PC's clock and any network proxy."),
    "bad_answer": ("คำตอบอ่านไม่ได้ — แจ้งผู้ดูแลระบบ", "The answer could not be read — call IT."),
    "missing": ("ยังไม่มี Token ให้ทดสอบ — บันทึก Token ก่อน", "No token to test — save one first."),
}  # fmt: skip


def outcome_message(result: TestOutcome) -> Message:
    th, en = OUTCOME_TEXT[result.outcome]
    return Message(th, en)


class TokenService(QObject):
    tested = Signal(object)  # TestOutcome
    _posted = Signal(object)

    def __init__(
        self,
        store: TokenStore,
        agent_url: str,
        zone: str,
        staff: Callable[[], StaffMember | None],
        status_base_url: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.agent_url = agent_url
        self.zone = zone
        self._staff = staff
        self._status_base_url = status_base_url
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="token-test")
        self._posted.connect(self._on_posted, Qt.ConnectionType.QueuedConnection)

    def _audit(self, action: str, kind: TokenKind) -> None:
        member = self._staff()
        audit.record(action, kind.value, member.cid if member else None,
                     member.name if member else None)  # fmt: skip

    def save(self, kind: TokenKind, value: str) -> str:
        """Raises InvalidToken / KeyringUnavailable; returns the masked value."""
        masked = self.store.set(kind, value)
        self._audit("set", kind)
        return masked

    def clear(self, kind: TokenKind) -> None:
        self.store.clear(kind)
        self._audit("clear", kind)

    def test_agent(self) -> None:
        def job() -> None:
            client = AgentClient(self.agent_url, local_timeout=5.0)
            try:
                client.terminals()
                result = TestOutcome("agent", "ok")
            except AgentUnavailable:
                result = TestOutcome("agent", "unreachable")
            except AgentError as exc:
                result = TestOutcome("agent", "bad_answer", type(exc).__name__)
            finally:
                client.close()
            self._posted.emit(result)

        self._pool.submit(job)

    def test_authen_token(self) -> None:
        """NHSO's authen-status service for the signed-in staff member, today."""
        member = self._staff()

        def job() -> None:
            token = self.store.get(TokenKind.AUTHEN)
            if token is None:
                self._posted.emit(TestOutcome(TokenKind.AUTHEN.value, "missing"))
                return
            client = AuthenStatusClient(token, self.zone, self._status_base_url)
            pid = member.cid if member else "0000000000000"
            try:
                client.check(pid, dt.date.today())
                result = TestOutcome(TokenKind.AUTHEN.value, "ok")
            except TokenRejected:
                result = TestOutcome(TokenKind.AUTHEN.value, "rejected")
            except TlsFailure:
                result = TestOutcome(TokenKind.AUTHEN.value, "tls")
            except StatusUnreachable:
                result = TestOutcome(TokenKind.AUTHEN.value, "unreachable")
            except (StatusBadAnswer, StatusError):
                result = TestOutcome(TokenKind.AUTHEN.value, "bad_answer")
            finally:
                client.close()
            self._posted.emit(result)

        self._pool.submit(job)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    @Slot(object)
    def _on_posted(self, result: TestOutcome) -> None:
        self.tested.emit(result)
