"""The desk model's Qt adapter: card events, service answers and staff sessions go into
`DeskModel`; the work it asks for goes to the services; `changed` carries the new state to
the window. No rule lives here: the model has them all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from app.desk.model import CheckRights, Confirm, DeskModel, DeskState, Effect, LookUpCardless
from app.message import Message
from app.qt.authen_service import AgentStatus, AuthenService, ClaimCodeResult, RightsResult
from app.qt.card_bridge import CardBridge
from app.qt.cardless_service import CardlessResult, CardlessService
from app.qt.staff_controller import StaffController

if TYPE_CHECKING:  # the card's events load with the card thread
    from cardreader.events import (
        CardInserted,
        CardPhotoRead,
        CardRead,
        CardReadFailed,
        CardRemovedEvent,
    )
    from cardreader.model import IdCard


class DeskController(QObject):
    changed = Signal(object)  # DeskState

    def __init__(
        self,
        model: DeskModel,
        bridge: CardBridge,
        authen: AuthenService,
        staff: StaffController,
        parent: QObject | None = None,
        cardless: CardlessService | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.cardless = cardless
        if cardless is not None:
            cardless.looked_up.connect(self._on_cardless_looked_up)
        self._authen = authen
        self._staff = staff
        bridge.card_inserted.connect(self._on_bridge_card_inserted)
        bridge.card_removed.connect(self._on_bridge_card_removed)
        bridge.card_read.connect(self._on_bridge_card_read)
        bridge.card_photo_read.connect(self._on_bridge_card_photo_read)
        bridge.card_read_failed.connect(self._on_bridge_card_read_failed)
        authen.rights_checked.connect(self._on_authen_rights_checked)
        authen.claim_code_received.connect(self._on_authen_claim_code_received)
        authen.agent_status_changed.connect(self._on_authen_agent_status_changed)
        staff.session_changed.connect(self._on_staff_session_changed)
        self._on_staff_session_changed()

    @property
    def state(self) -> DeskState:
        return self.model.state

    def _publish(self, effects: list[Effect] | None = None) -> None:
        for effect in effects or []:
            match effect:
                case CheckRights():
                    self._authen.check_rights(
                        effect.slot, effect.pid, just_inserted=effect.just_inserted,
                        staff=effect.staff, patient_name=effect.patient_name,
                    )  # fmt: skip
                case Confirm():
                    self._authen.confirm(
                        effect.slot, effect.reading, effect.claim_type, effect.mobile,
                        effect.hn, effect.staff, effect.patient_name,
                    )  # fmt: skip
                case LookUpCardless() if self.cardless is not None:
                    self.cardless.look_up(effect.cid, effect.staff)
        self.changed.emit(self.model.state)

    # --- what staff do ---------------------------------------------------------------------
    def confirm(self, mobile: str, hn: str) -> None:
        """For the claim type the desk has selected (by number or click), nothing else."""
        self._publish(self.model.confirm(mobile, hn))

    def select_claim_type(self, code: str) -> None:
        self.model.select_claim_type(code)
        self._publish()

    def type_cid(self, typed: str) -> None:
        """The cardless path: staff typed the ID of a card that cannot be read."""
        self._publish(self.model.type_cid(typed))

    def retry_rights(self) -> None:
        self._publish(self.model.retry_rights())

    def refresh(self) -> None:
        """Settings changed under the model: publish who serves now."""
        self.model.show_banner(self.model.state.banner)
        self._publish()

    def show_banner(self, message: Message | None) -> None:
        self.model.show_banner(message)
        self._publish()

    # --- what happens --------------------------------------------------------------------
    @Slot(object)
    def _on_bridge_card_inserted(self, event: CardInserted) -> None:
        self.model.card_inserted(event.slot)
        self._publish()

    @Slot(object)
    def _on_bridge_card_removed(self, event: CardRemovedEvent) -> None:
        self.model.card_removed(event.slot)
        self._publish()

    @Slot(object)
    def _on_bridge_card_read(self, event: CardRead) -> None:
        self._publish(self.model.card_read(event.slot, event.card))

    @Slot(object)
    def _on_bridge_card_photo_read(self, event: CardPhotoRead) -> None:
        self.model.photo_read(event.slot, event.photo)
        self._publish()

    @Slot(object)
    def _on_bridge_card_read_failed(self, event: CardReadFailed) -> None:
        self.model.card_read_failed(event.slot, event.error, event.stage)
        self._publish()

    @Slot(object)
    def _on_authen_rights_checked(self, result: RightsResult) -> None:
        self.model.rights_checked(result.slot, result.rights, result.error)
        self._publish()

    @Slot(object)
    def _on_authen_claim_code_received(self, result: ClaimCodeResult) -> None:
        self.model.claim_code_received(result.slot, result.outcome, result.error)
        self._publish()

    @Slot(object)
    def _on_authen_agent_status_changed(self, status: AgentStatus) -> None:
        self.model.agent_changed(status.reachable)
        self._publish()

    def sign_in_card(self) -> tuple[str, IdCard] | Message | None:
        """Which card signs in now, or why none can (the model's rule)."""
        session = self._staff.session
        locked = session.member if session.locked else None
        return self.model.sign_in_card(session.active, locked)

    def sign_in_started(self) -> None:
        """The PIN dialog opened (the model's rule: a card put in now is for the sign-in)."""
        self.model.sign_in_started()

    def sign_in_ended(self) -> None:
        """The PIN dialog closed: a card put in from now on is a patient's again."""
        self.model.sign_in_ended()

    @Slot(object)
    def _on_cardless_looked_up(self, result: CardlessResult) -> None:
        self.model.cardless_looked_up(result.outcome, result.error)
        self._publish()

    @Slot()
    def _on_staff_session_changed(self) -> None:
        session = self._staff.session
        self.model.staff_changed(session.member, session.locked)
        self._publish()
