"""Staff sign-in and unlock: rules checked here, the VERIFY on the card thread.

The dialog has already closed its input when `check_pin` is called; the card thread then
connects, checks whose card it is, applies the 3/5 rules and disconnects. No transaction is
open while anyone types.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Signal, Slot

from app.errors import message_for
from app.message import Message
from app.qt.card_bridge import CardBridge
from app.staff.errors import PinStateUnavailable
from app.staff.session import StaffMember, StaffSession
from app.words import desk as words

if TYPE_CHECKING:  # the PIN rules load at the first staff card, after the window is up
    from app.staff.pin_policy import PinAttempt, PinLockoutPolicy, PinState
    from app.staff.pin_store import PinFailureStore
    from cardreader.events import CardJobFinished
    from cardreader.model import IdCard
    from cardreader.transport import Transport


class PinCheckResult(NamedTuple):
    """A PIN check's outcome as the sign-in dialog shows it."""

    member: StaffMember
    attempt: PinAttempt | None  # None when nothing reached the rules (card pulled, …)
    message: Message

    @property
    def ok(self) -> bool:
        from app.staff.pin_policy import Verdict

        return self.attempt is not None and self.attempt.verdict is Verdict.OK

    @property
    def may_retry(self) -> bool:
        """Another PIN may be typed: only after a wrong one with attempts still left."""
        from app.staff.pin_policy import Verdict

        if self.attempt is None:
            return True
        return self.attempt.verdict is Verdict.WRONG and not self.attempt.state.refused


class StaffController(QObject):
    session_changed = Signal()
    pin_checked = Signal(object)  # PinCheckResult

    def __init__(
        self,
        bridge: CardBridge,
        policy: Callable[[], PinLockoutPolicy],
        session: StaffSession,
        parent: QObject | None = None,
        demo_store: Callable[[], PinFailureStore] | None = None,
    ) -> None:
        """`policy` makes the PIN rules on their first use (a staff card), so they and their
        files load after the window's first frame. `demo_store`: the demo's own PIN counts,
        which the demo bar may reset; a real desk has none, and its cards' counts are never
        reset from the window."""
        super().__init__(parent)
        self._bridge = bridge
        self._make_policy = cache(policy)
        self._demo_store = demo_store
        self.session = session
        self._pending: dict[int, StaffMember] = {}
        bridge.card_job_finished.connect(self._on_bridge_card_job_finished)

    @classmethod
    def for_desk(
        cls,
        bridge: CardBridge,
        pin_dir: Path,
        idle_seconds: float,
        parent: QObject | None = None,
        *,
        demo: bool = False,
    ) -> StaffController:
        """The usual wiring: PIN failure counts under `pin_dir`, a session that locks after
        `idle_seconds`. `demo`: `pin_dir` is the demo's own, and may be reset."""

        @cache
        def store() -> PinFailureStore:
            from app.staff.pin_store import PinFailureStore

            return PinFailureStore(pin_dir)

        def policy() -> PinLockoutPolicy:
            from app.staff.pin_policy import PinLockoutPolicy

            if demo:
                return PinLockoutPolicy(store())
            from app.store.open import pin_counts  # shared by the clinic's desks (app/store)

            return PinLockoutPolicy(pin_counts(store()))

        return cls(bridge, policy, StaffSession(idle_seconds), parent, store if demo else None)

    @property
    def _policy(self) -> PinLockoutPolicy:
        return self._make_policy()

    @property
    def can_reset_demo_card(self) -> bool:
        return self._demo_store is not None

    def reset_demo_card(self, cid: str) -> Message:
        """The demo staff card starts again with no wrong PINs (demo only)."""
        if self._demo_store is None:
            raise RuntimeError("only the demo's own PIN counts may be reset from the window")
        from app.staff.pin_store import PinRecord

        try:
            self._demo_store().put(cid, PinRecord())
        except PinStateUnavailable as exc:
            return message_for(exc)
        return words.DEMO_STAFF_CARD_RESET

    def pin_state(self, cid: str) -> PinState:
        """Raises PinStateUnavailable: then no PIN may be asked for at all."""
        return self._policy.state(cid)

    def refusal(self, cid: str) -> Message | None:
        """Why the PIN dialog must not open for this card, or None."""
        try:
            state = self.pin_state(cid)
        except PinStateUnavailable as exc:  # damaged counts get their own, clearer words
            return message_for(exc)
        from app.staff import pin_texts

        if state.blocked:
            return pin_texts.BLOCKED
        if state.refused:
            return pin_texts.REFUSED
        return None

    def check_pin(self, reader: str, card: IdCard, pin: bytearray) -> None:
        from app.staff.pin_check import verify_pin_on_card

        member = StaffMember(card.cid, card.name_th.full)
        policy = self._policy

        def work(transport: Transport) -> PinAttempt:
            return verify_pin_on_card(transport, policy, pin, expected_cid=card.cid)[1]

        self._pending[self._bridge.submit(reader, work)] = member

    def sign_out(self) -> None:
        self.session.sign_out()
        self.session_changed.emit()

    def lock_if_idle(self) -> None:
        if self.session.lock_if_idle():
            self.session_changed.emit()

    @Slot(object)
    def _on_bridge_card_job_finished(self, event: CardJobFinished) -> None:
        member = self._pending.pop(event.job_id, None)
        if member is None:
            return
        if event.error is not None:
            message = message_for(event.error)  # PinStateDamaged has its own words
            self.pin_checked.emit(PinCheckResult(member, None, message))
            return
        from app.staff import pin_texts
        from app.staff.pin_policy import PinAttempt, Verdict

        attempt = event.result
        assert isinstance(attempt, PinAttempt)
        if attempt.verdict is Verdict.OK:
            if self.session.locked and self.session.member is not None:
                self.session.unlock(member.cid)
            else:
                self.session.sign_in(member)
            self.session_changed.emit()
        self.pin_checked.emit(PinCheckResult(member, attempt, pin_texts.for_attempt(attempt)))
