"""The cardless path for the window: NHSO's authen-status lookup on the I/O lane (keyring
read, HTTPS), the visit written through the database thread (app/authen/cardless.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app import clock
from app.qt.tasks import TaskRunner
from app.staff.session import StaffMember
from app.tokens.errors import TokenNotSet
from app.tokens.kinds import TokenKind

if TYPE_CHECKING:
    from app.authen.cardless import CardlessOutcome
    from app.tokens.store import TokenStore


@dataclass(frozen=True)
class CardlessResult:
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
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._tokens = tokens
        self.hcode = hcode
        self.zone = zone
        self._base_url = status_base_url

    def look_up(self, cid: str, staff: StaffMember | None) -> None:
        store = self._tasks.visit_store()
        hcode, zone, base_url, tokens = self.hcode, self.zone, self._base_url, self._tokens

        def work() -> CardlessOutcome:
            from app.authen.cardless import look_up
            from app.nhso.status_client import AuthenStatusClient

            token = tokens.get(TokenKind.AUTHEN)
            if token is None:
                raise TokenNotSet(TokenKind.AUTHEN.value)
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
