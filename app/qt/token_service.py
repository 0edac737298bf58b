"""The token dialog's work, through the task helper: keyring reads and writes (a locked
Secret Service must not freeze the window), the audit log, and connection tests.

Each test reports one outcome worded by the error registry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QObject, Signal

from app import clock
from app.errors import message_for
from app.message import Message
from app.nhso.errors import AgentError, StatusError
from app.qt.tasks import TaskRunner
from app.staff import audit
from app.staff.session import StaffMember
from app.tokens.errors import InvalidToken, KeyringUnavailable
from app.tokens.kinds import TokenKind, normalise_for, normalise_token
from app.words import token_window as words

if TYPE_CHECKING:  # requests and keyring load on a worker
    from app.tokens.store import TokenStore

CONNECTED = words.CONNECTED
NO_TOKEN = words.NO_TOKEN
log = logging.getLogger(__name__)
NOBODY = "0000000000000"  # asked about when no staff member is signed in


class TestOutcome(NamedTuple):
    """One line of the token dialog's "test connection": what was tried, and how it went."""

    target: str  # "agent" or a token kind
    ok: bool
    message: Message


class TokenStatus(NamedTuple):
    """Each kind's masked value (None: not set), or why the keyring could not be read."""

    masked: dict[TokenKind, str | None] | None
    problem: Message | None
    keyring: str | None = None  # the keyring in IT's words (keyring_name), found on the worker


class SaveResult(NamedTuple):
    """What a save or clear in the token dialog did to the keyring."""

    action: str  # "set" or "clear"
    kinds: tuple[TokenKind, ...]
    error: BaseException | None


class TokenService(QObject):
    tested = Signal(object)  # TestOutcome
    status_read = Signal(object)  # TokenStatus
    saved = Signal(object)  # SaveResult

    def __init__(
        self,
        tasks: TaskRunner,
        store: TokenStore,
        agent_url: str,
        zone: str,
        status_base_url: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.store = store
        self.agent_url = agent_url
        self.zone = zone
        self.status_base_url = status_base_url

    def read_status(self) -> None:
        def failed(error: BaseException) -> None:
            self.status_read.emit(TokenStatus(None, message_for(error)))

        def work() -> tuple[dict[TokenKind, str | None], str | None]:
            # keyring.get_keyring() scans entry points and may ask D-Bus: on the worker,
            # never on the GUI thread (the dialog shows "…" until this answers).
            try:
                name = self.keyring_name()
            except Exception:  # the name is a nicety; status() says what broke
                log.info("keyring name unknown", exc_info=True)
                name = None
            return self.store.status(), name

        self._tasks.run(
            work,
            lambda found: self.status_read.emit(TokenStatus(found[0], None, found[1])),
            failed,
            self,
        )

    def save(self, values: dict[TokenKind, str], staff: StaffMember | None) -> None:
        """All or nothing: every value is checked here first (raises InvalidToken), then all
        are stored and audited on a worker. `saved` reports; the status is read again."""
        tokens = {kind: normalise_for(kind, value) for kind, value in values.items()}

        def work() -> tuple[TokenKind, ...]:
            for kind, token in tokens.items():
                self.store.set(kind, token)
                _audit("set", kind, staff)
            return tuple(tokens)

        self._tasks.run(work, self._report("set"), self._report("set", failed=True), self)

    def clear(self, kind: TokenKind, staff: StaffMember | None) -> None:
        def work() -> tuple[TokenKind, ...]:
            self.store.clear(kind)
            _audit("clear", kind, staff)
            return (kind,)

        self._tasks.run(work, self._report("clear"), self._report("clear", failed=True), self)

    def _report(self, action: str, failed: bool = False) -> Callable[[Any], None]:
        def report(value: Any) -> None:
            if failed:
                self.saved.emit(SaveResult(action, (), value))
            else:
                self.saved.emit(SaveResult(action, value, None))
            self.read_status()

        return report

    def test_agent(self) -> None:
        def work() -> TestOutcome:
            from app.nhso.agent_client import AgentClient

            client = AgentClient(self.agent_url, local_timeout=5.0)
            try:
                client.terminals()
                return TestOutcome("agent", True, CONNECTED)
            except AgentError as exc:
                return TestOutcome("agent", False, message_for(exc))
            finally:
                client.close()

        self._tasks.run(work, self.tested.emit, None, self)

    def keyring_name(self) -> str | None:
        """The keyring in words clinic IT knows (Windows Credential Manager, …); None for
        one without a common name (never a Python class name)."""
        backend = self.store.backend
        chained = getattr(backend, "backends", None)
        if chained is not None:  # keyring's chainer: its first back-end answers
            if not chained:
                return words.NO_KEYRING
            backend = chained[0]
        module = type(backend).__module__
        return next(
            (name for prefix, name in words.KEYRING_NAMES.items() if module.startswith(prefix)),
            None,
        )

    def test_authen_token(self, staff: StaffMember | None, typed: str = "") -> None:
        """NHSO's authen-status service for the signed-in staff member, today, with the
        token typed in the dialog (not saved yet) or else the stored one."""
        target = TokenKind.AUTHEN.value
        base_url = self.status_base_url
        if typed.strip():
            try:
                typed = normalise_token(typed)
            except InvalidToken as exc:
                self.tested.emit(TestOutcome(target, False, message_for(exc)))
                return

        def work() -> TestOutcome:
            try:
                token = typed or self.store.get(TokenKind.AUTHEN)
            except KeyringUnavailable as exc:
                return TestOutcome(target, False, message_for(exc))
            if token is None:
                return TestOutcome(target, False, NO_TOKEN)
            from app.nhso.status_client import AuthenStatusClient

            client = AuthenStatusClient(token, self.zone, base_url)
            try:
                client.check(staff.cid if staff else NOBODY, clock.today())
                return TestOutcome(target, True, CONNECTED)
            except StatusError as exc:
                return TestOutcome(target, False, message_for(exc))
            finally:
                client.close()

        self._tasks.run(work, self.tested.emit, None, self)


def _audit(action: str, kind: TokenKind, staff: StaffMember | None) -> None:
    audit.record(action, kind.value, staff.cid if staff else None, staff.name if staff else None)
