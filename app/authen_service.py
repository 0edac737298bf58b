"""Runs the authen flow off the GUI thread (Anki's QueryOp idea) and reports by signals.

One worker thread owns the SQLite log and makes the flow's HTTP calls in order: a desk does
one authen at a time, and one owner means no shared connection. A second thread only pings
the agent for the status light. Every result carries the card slot it was asked for, so
the window can drop answers about a patient who has already left.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.authen.flow import AuthenFlow, AuthenOutcome, RightsCheck
from app.authen.store import AuthenLog
from app.nhso.agent_client import AgentClient
from app.nhso.errors import AgentError
from app.nhso.models import AgentReading
from app.staff_session import StaffMember
from cardreader.events import CardSlot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RightsResult:
    slot: CardSlot
    rights: RightsCheck | None
    error: BaseException | None


@dataclass(frozen=True)
class ClaimCodeResult:
    slot: CardSlot
    outcome: AuthenOutcome | None
    error: BaseException | None


@dataclass(frozen=True)
class AgentStatus:
    reachable: bool
    detail: str


class AuthenService(QObject):
    rights_checked = Signal(object)  # RightsResult
    claim_code_received = Signal(object)  # ClaimCodeResult
    agent_status_changed = Signal(object)  # AgentStatus
    _posted = Signal(object, object)  # (signal name, payload) from a worker thread

    def __init__(
        self,
        agent_url: str,
        log_path: Path,
        hcode: str | None,
        staff: Callable[[], StaffMember | None],
        mobile_hint: Callable[[str], str | None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._agent_url = agent_url
        self._log_path = log_path
        self._hcode = hcode
        self._staff = staff
        self._mobile_hint = mobile_hint
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="authen")
        self._pinger = ThreadPoolExecutor(max_workers=1, thread_name_prefix="agent-ping")
        self._flow: AuthenFlow | None = None
        self._closed = False
        self._posted.connect(self._on_posted, Qt.ConnectionType.QueuedConnection)

    def _get_flow(self) -> AuthenFlow:
        """Created on the worker thread, which from then on owns the log's connection."""
        if self._flow is None:
            self._flow = AuthenFlow(
                AgentClient(self._agent_url), AuthenLog(self._log_path), self._hcode, self._staff
            )
        return self._flow

    def _submit(self, pool: ThreadPoolExecutor, job: Callable[[], None]) -> None:
        """New work after shutdown (a timer firing as the window closes) is ignored."""
        if not self._closed:
            pool.submit(job)

    def check_rights(self, slot: CardSlot, expected_pid: str) -> None:
        def job() -> None:
            try:
                rights = self._get_flow().check_rights(expected_pid)
                if rights.last_mobile is None and self._mobile_hint is not None:
                    hint = self._mobile_hint(rights.reading.pid)
                    if hint:
                        rights = RightsCheck(rights.reading, rights.preselected, hint)
                self._posted.emit("rights", RightsResult(slot, rights, None))
            except Exception as exc:
                log.info("rights check failed: %s: %s", type(exc).__name__, exc)
                self._posted.emit("rights", RightsResult(slot, None, exc))

        self._submit(self._worker, job)

    def confirm(
        self, slot: CardSlot, reading: AgentReading, claim_type: str, mobile: str, hn: str
    ) -> None:
        def job() -> None:
            try:
                outcome = self._get_flow().confirm(reading, claim_type, mobile, hn)
                self._posted.emit("confirm", ClaimCodeResult(slot, outcome, None))
            except Exception as exc:
                log.info("authen failed: %s: %s", type(exc).__name__, exc)
                self._posted.emit("confirm", ClaimCodeResult(slot, None, exc))

        self._submit(self._worker, job)

    def ping_agent(self) -> None:
        def job() -> None:
            client = AgentClient(self._agent_url, local_timeout=3.0)
            try:
                terminals = client.terminals()
                self._posted.emit("status", AgentStatus(True, f"{len(terminals)} reader(s)"))
            except AgentError as exc:
                self._posted.emit("status", AgentStatus(False, type(exc).__name__))
            finally:
                client.close()

        self._submit(self._pinger, job)

    def shutdown(self) -> None:
        self._closed = True
        self._pinger.shutdown(wait=False, cancel_futures=True)
        self._worker.shutdown(wait=False, cancel_futures=True)

    @Slot(object, object)
    def _on_posted(self, kind: str, payload: object) -> None:
        {
            "rights": self.rights_checked,
            "confirm": self.claim_code_received,
            "status": self.agent_status_changed,
        }[kind].emit(payload)
