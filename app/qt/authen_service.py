"""The authen flow for the window: runs through the task helper, reports by signals.

Every result carries the card slot it was asked for, so the desk can drop answers about a
patient who has already left (they are still in the visit log).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Signal

from app.nhso.errors import AgentError
from app.qt.tasks import TaskRunner
from app.staff.session import StaffMember

if TYPE_CHECKING:  # requests loads on a worker, after the window shows
    from app.authen.flow import AuthenFlow, AuthenOutcome, RightsCheck
    from app.nhso.models import AgentReading
    from cardreader.events import CardSlot

AGENT_PING_TIMEOUT = 3.0


class RightsResult(NamedTuple):
    """A rights check's answer (or failure), for the card slot it was asked for."""

    slot: CardSlot
    rights: RightsCheck | None
    error: BaseException | None


class ClaimCodeResult(NamedTuple):
    """A confirm's outcome (or failure), for the card slot it was asked for."""

    slot: CardSlot
    outcome: AuthenOutcome | None
    error: BaseException | None


class AgentStatus(NamedTuple):
    """Whether the agent answered its last ping (the status light)."""

    reachable: bool
    detail: str


class AuthenService(QObject):
    rights_checked = Signal(object)  # RightsResult
    claim_code_received = Signal(object)  # ClaimCodeResult
    agent_status_changed = Signal(object)  # AgentStatus

    def __init__(
        self,
        tasks: TaskRunner,
        agent_url: str,
        hcode: str | None,
        mobile_hint: Callable[[str], str | None] | None = None,
        parent: QObject | None = None,
        *,
        settle_fresh_cards: bool = True,
    ) -> None:
        """`settle_fresh_cards` False for the simulated agent, which reads its own copy of
        the card at once: a real agent's first /read needs the card settled (1.5 s)."""
        super().__init__(parent)
        self._settle = settle_fresh_cards
        self._tasks = tasks
        self._agent_url = agent_url
        self._mobile_hint = mobile_hint
        self._hcode = hcode
        self._made_flow: AuthenFlow | None = None

    def configure(self, agent_url: str, hcode: str | None) -> None:
        """New settings: the next call uses them (a call in flight finishes on the old)."""
        self._agent_url, self._hcode = agent_url, hcode
        self._made_flow = None

    @property
    def agent_url(self) -> str:
        return self._agent_url

    @property
    def _flow(self) -> AuthenFlow:
        """Made on first use, on a worker: the first card pays for importing requests."""
        if self._made_flow is None:
            from app.authen.flow import AuthenFlow
            from app.nhso.agent_client import AgentClient

            self._made_flow = AuthenFlow(
                AgentClient(self._agent_url),
                self._tasks.visit_store(),
                self._hcode,
                mobile_hint=self._mobile_hint,
            )
        return self._made_flow

    def check_rights(
        self,
        slot: CardSlot,
        expected_pid: str,
        *,
        just_inserted: bool = False,
        staff: StaffMember | None = None,
        patient_name: str = "",
    ) -> None:
        """`just_inserted`: a card fresh in the reader (the agent's first /read may answer
        500 while it settles; the flow waits and retries)."""

        def work() -> RightsCheck:
            settle = just_inserted and self._settle
            rights = self._flow.check_rights(
                expected_pid, staff, just_inserted=settle, patient_name=patient_name
            )
            # Warn before Enter: today's code held by another hospital.
            held = self._flow.held_elsewhere(rights.reading, rights.preselected)
            return replace(rights, held_elsewhere=held) if held is not None else rights

        self._tasks.run(
            work,
            lambda rights: self.rights_checked.emit(RightsResult(slot, rights, None)),
            lambda error: self.rights_checked.emit(RightsResult(slot, None, error)),
            self,
        )

    def confirm(
        self,
        slot: CardSlot,
        reading: AgentReading,
        claim_type: str,
        mobile: str,
        hn: str,
        staff: StaffMember | None,
        patient_name: str = "",
    ) -> None:
        self._tasks.run(
            lambda: self._flow.confirm(reading, claim_type, mobile, hn, staff, patient_name),
            lambda outcome: self.claim_code_received.emit(ClaimCodeResult(slot, outcome, None)),
            lambda error: self.claim_code_received.emit(ClaimCodeResult(slot, None, error)),
            self,
        )

    def ping_agent(self) -> None:
        def work() -> AgentStatus:
            from app.nhso.agent_client import AgentClient

            client = AgentClient(self._agent_url, local_timeout=AGENT_PING_TIMEOUT)
            try:
                return AgentStatus(True, f"{len(client.terminals())} reader(s)")
            except AgentError as exc:
                return AgentStatus(False, type(exc).__name__)
            finally:
                client.close()

        self._tasks.run(work, self.agent_status_changed.emit, None, self)
