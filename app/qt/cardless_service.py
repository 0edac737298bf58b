"""The cardless path for the window: NHSO's authen-status lookup on the I/O lane (keyring
read, HTTPS), the visit written through the database thread (app/authen/cardless.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Signal

from app import clock
from app.qt.tasks import TaskRunner
from app.staff.session import StaffMember
from app.tokens.kinds import TokenKind

if TYPE_CHECKING:
    from app.authen.cardless import CardlessOutcome
    from app.tokens.store import TokenStore


class CardlessResult(NamedTuple):
    """A no-card lookup's outcome (or failure), for the F8 dialog."""

    outcome: CardlessOutcome | None
    error: BaseException | None


class CardlessService(QObject):
    looked_up = Signal(object)  # CardlessResult

    def __init__(
        self,
        tasks: TaskRunner,
        tokens: TokenStore,
        hcode: str | None,
        zone: str,
        status_base_url: str | None = None,
        parent: QObject | None = None,
        demo_token: str | None = None,
    ) -> None:
        """`demo_token`: the demo's simulated status service needs no keyring."""
        super().__init__(parent)
        self._tasks = tasks
        self._tokens = tokens
        self.hcode = hcode
        self.zone = zone
        self.base_url = status_base_url  # the demo points it at its simulated agent
        self._demo_token = demo_token

    def look_up(self, cid: str, staff: StaffMember | None) -> None:
        store = self._tasks.visit_store()
        hcode, zone, base_url, tokens = self.hcode, self.zone, self.base_url, self._tokens
        demo_token = self._demo_token

        def work() -> CardlessOutcome:
            from app.authen.cardless import look_up
            from app.nhso.status_client import AuthenStatusClient

            if demo_token is not None and base_url is None:
                # The demo never sends a typed ID to NHSO itself: only to its simulation.
                from app.nhso.errors import StatusUnreachable

                raise StatusUnreachable("the demo's simulated status service is not up yet")
            token = demo_token or tokens.require(TokenKind.AUTHEN)
            client = AuthenStatusClient(token, zone, base_url)
            try:
                return look_up(cid, hcode, lambda: client, store, clock.today(),
                               staff)  # fmt: skip
            finally:
                client.close()

        self._tasks.run(
            work,
            lambda outcome: self.looked_up.emit(CardlessResult(outcome, None)),
            lambda error: self.looked_up.emit(CardlessResult(None, error)),
            self,
        )
