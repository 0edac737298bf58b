"""One front desk as a state machine, free of Qt: what is on screen and what may happen next.

The window renders `DeskState` and forwards what staff do; the card thread's events and the
services' answers come in as method calls. Each call returns the work the desk asks for
(`CheckRights`, `Confirm`) as plain values, which the Qt adapter hands to the services, so
every rule here is tested without a window. Rules that live here, once:

- a staff card is not a patient (the staff reader's card, the signed-in member's card, or
  a card put in the shared reader while a sign-in or unlock is under way): no rights are
  asked for it, and it is a calm note in the patient area (`notice`), never a red banner;
- an answer for a card no longer in the reader is dropped from the screen (never from the
  log), but an issued claim code is never dropped from view: it joins `last_codes`;
- nobody's data is shown on a locked desk;
- confirm is possible only with rights on screen and not while one is in flight;
- a code is never asked for with nobody responsible: the signed-in staff member serves, or,
  where the clinic allows a desk without sign-in, the desk's OS user;
- a refusal that a retry cannot change (today's code held by another hospital) offers none,
  nor does an answer that is not this patient's (flagged): Enter never asks NHSO again;
- a PC clock found off from the agent's is a banner, with the offset;
- a banner that no longer applies goes when the patient changes or a code is issued;
- an agent that does not answer is said in the patient area, with what to do;
- who may sign in, with which card (`sign_in_card`).
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import TYPE_CHECKING

from app.authen.errors import AnswerFlagged, HeldByOtherHospital
from app.errors import message_for
from app.message import Message
from app.nhso.errors import AgentTimeout, AgentUnavailable
from app.staff.session import StaffMember
from app.tokens.errors import KeyringUnavailable
from app.words import desk as words
from cardreader.cid import is_valid_cid

if TYPE_CHECKING:  # the desk starts before requests and sqlite-utils are loaded
    from app.authen.cardless import CardlessOutcome
    from app.authen.flow import AuthenOutcome, RightsCheck
    from app.authen.visit_log import Visit
    from app.nhso.models import AgentReading
    from cardreader.events import CardSlot
    from cardreader.model import IdCard

LAST_CODES_KEPT = 5

STAFF_CARD_IN_READER = words.STAFF_CARD_IN_READER


class Stage(Enum):
    NO_CARD = "no_card"
    READING = "reading"  # card inserted, text fields not read yet
    PATIENT_SHOWN = "patient_shown"  # card read, rights being checked with NHSO
    RIGHTS_CHECKED = "rights_checked"  # claim types on screen, confirm possible
    CONFIRMING = "confirming"
    CODE_ISSUED = "code_issued"
    FAILED = "failed"  # the card read, the rights check or the confirm failed


@dataclass(frozen=True)
class CheckRights:
    """An effect: ask NHSO which claim types this card's person may use."""

    slot: CardSlot
    pid: str
    just_inserted: bool = False  # the card just went in: the agent lets it settle first
    staff: StaffMember | None = None  # logged with a failed check
    patient_name: str = ""  # the card's name, logged with a failed check


@dataclass(frozen=True)
class Confirm:
    """An effect: ask NHSO for the claim code of the claim type staff confirmed."""

    slot: CardSlot
    reading: AgentReading
    claim_type: str
    mobile: str
    hn: str
    staff: StaffMember | None
    patient_name: str = ""  # the card's Thai name, middle name included


@dataclass(frozen=True)
class LookUpCardless:
    """The card cannot be read: look the typed ID up at NHSO's authen-status service."""

    cid: str
    staff: StaffMember | None


Effect = CheckRights | Confirm | LookUpCardless


@dataclass(frozen=True)
class DeskState:
    """What the window shows. Immutable: the window compares and renders it."""

    stage: Stage = Stage.NO_CARD
    patient: IdCard | None = None
    photo: bytes | None = None
    photo_known: bool = False  # the photo was read (or found missing): show it, or "none"
    rights: RightsCheck | None = None
    claim_type: str | None = None  # the one selected; changes only on purpose
    outcome: AuthenOutcome | None = None
    failure: Message | None = None  # why the stage is FAILED
    failed_at: str = ""  # "card", "rights" or "confirm"
    retry_allowed: bool = True  # False: pressing Enter again could only log another failure
    bad_field: str = ""  # "mobile": the field to fix, focused with its text selected
    banner: Message | None = None  # a desk-wide message (a staff card in the reader, …)
    last_codes: tuple[Visit, ...] = ()  # newest first
    locked: bool = False
    serving: StaffMember | None = None  # who a code would be issued under, shown on screen
    agent_down: bool = False  # the agent did not answer: the patient area says what to do
    notice: Message | None = None  # a calm note in the patient area (a staff card is in, …)


@dataclass
class _Cards:
    """The card now in each reader, and what was read from it."""

    slots: dict[str, CardSlot] = field(default_factory=dict)  # the card now in each reader
    read: dict[str, tuple[CardSlot, IdCard]] = field(default_factory=dict)


class DeskModel:
    def __init__(
        self,
        staff_reader: str | None = None,
        *,
        staff_sign_in_required: bool = True,
        desk_user: StaffMember | None = None,
    ) -> None:
        """`desk_user` serves when no staff member is signed in and the clinic allows a
        desk without sign-in (`staff_sign_in_required` False): the OS user, for the log."""
        self.staff_reader = staff_reader
        self.staff_sign_in_required = staff_sign_in_required
        self.desk_user = desk_user
        self.state = DeskState()
        self.patient_slot: CardSlot | None = None
        self.member: StaffMember | None = None  # signed in and not locked
        self._signed_in: StaffMember | None = None  # signed in, locked or not
        # F2 pressed on a shared reader: "awaiting" its card (none was in), or "pin" (the
        # PIN dialog is open). Meanwhile a card put in there is for the sign-in.
        self._sign_in = ""
        self._cards = _Cards()
        self._last: deque[Visit] = deque(maxlen=LAST_CODES_KEPT)
        self._set()

    # --- queries ----------------------------------------------------------------------
    def card_in(self, reader: str) -> IdCard | None:
        known = self._cards.read.get(reader)
        return known[1] if known and self._cards.slots.get(reader) == known[0] else None

    def staff_card(self) -> tuple[str, IdCard] | None:
        """The card to sign in with: the staff reader's, or else the one in the patient's."""
        reader = self.staff_reader or (self.patient_slot.reader if self.patient_slot else None)
        card = self.card_in(reader) if reader else None
        return (reader, card) if reader and card else None

    def is_staff_card(self, reader: str, card: IdCard) -> bool:
        return reader == self.staff_reader or (
            self._signed_in is not None and self._signed_in.cid == card.cid
        )

    @property
    def serving(self) -> StaffMember | None:
        """Who a code is issued under now: the signed-in member, else the desk's OS user
        where sign-in is not required, else nobody (and then no code is asked for)."""
        if self.member is not None:
            return self.member
        if not self.staff_sign_in_required and not self.state.locked:
            return self.desk_user
        return None

    @property
    def can_confirm(self) -> bool:
        return (
            self.state.rights is not None
            and self.state.stage in (Stage.RIGHTS_CHECKED, Stage.FAILED)
            and self.state.retry_allowed
        )

    # --- the card thread ---------------------------------------------------------------
    def card_inserted(self, slot: CardSlot) -> None:
        self._cards.slots[slot.reader] = slot
        if slot.reader != self.staff_reader:
            self.patient_slot = slot
            self._set(stage=Stage.READING, patient=None, photo=None, rights=None,
                      claim_type=None, outcome=None, failure=None, banner=None,
                      retry_allowed=True, bad_field="", notice=None)  # fmt: skip

    def card_removed(self, slot: CardSlot) -> None:
        if self._cards.slots.get(slot.reader) == slot:
            del self._cards.slots[slot.reader]
            self._cards.read.pop(slot.reader, None)
        if slot == self.patient_slot:
            self.patient_slot = None
            self._set(stage=Stage.NO_CARD, patient=None, photo=None, rights=None,
                      claim_type=None, outcome=None, failure=None, banner=None,
                      retry_allowed=True, bad_field="", notice=None)  # fmt: skip

    def card_read(self, slot: CardSlot, card: IdCard) -> list[Effect]:
        if self._cards.slots.get(slot.reader) != slot:
            return []  # a card since pulled or swapped: stale
        self._cards.read[slot.reader] = (slot, card)
        if slot != self.patient_slot or self.state.locked:
            return []  # the staff reader's card, or a locked desk: nobody is shown
        if self.is_staff_card(slot.reader, card) and self.member is not None:
            self._set(stage=Stage.NO_CARD, patient=None, notice=STAFF_CARD_IN_READER)
            return []
        if self._sign_in:
            # Put in to sign in (F2 was pressed first): a staff card, not a patient. Only
            # the one awaited: a card put in after it is a patient's again.
            self._sign_in = "" if self._sign_in == "awaiting" else self._sign_in
            self._set(stage=Stage.NO_CARD, patient=None, banner=None,
                      notice=words.STAFF_CARD_READ_PRESS_F2)  # fmt: skip
            return []
        self._set(stage=Stage.PATIENT_SHOWN, patient=card, banner=None, failure=None,
                  photo=None, photo_known=False)  # fmt: skip
        return [CheckRights(slot, card.cid, just_inserted=True, staff=self.serving,
                            patient_name=card.name_th.full)]  # fmt: skip

    def photo_read(self, slot: CardSlot, photo: bytes | None) -> None:
        if slot == self.patient_slot and self.state.patient is not None:
            self._set(photo=photo, photo_known=True)

    def card_read_failed(self, slot: CardSlot, error: BaseException, stage: str) -> None:
        if self._cards.slots.get(slot.reader) != slot:
            return
        if slot == self.patient_slot and stage == "photo" and self.state.patient is not None:
            self._set(photo=None, photo_known=True, banner=message_for(error))
            return
        if slot == self.patient_slot:
            self._set(stage=Stage.FAILED, patient=None, rights=None, failed_at="card",
                      failure=message_for(error), banner=message_for(error))  # fmt: skip
            return
        self._set(banner=message_for(error))

    # --- the authen service --------------------------------------------------------------
    def retry_rights(self) -> list[Effect]:
        card = self.state.patient
        if self.patient_slot is None or card is None or self.state.stage is Stage.CONFIRMING:
            return []
        self._set(stage=Stage.PATIENT_SHOWN, rights=None, failure=None, outcome=None)
        return [CheckRights(self.patient_slot, card.cid, staff=self.serving,
                            patient_name=card.name_th.full)]  # fmt: skip

    def rights_checked(
        self, slot: CardSlot, rights: RightsCheck | None, error: BaseException | None
    ) -> None:
        if slot != self.patient_slot or self.state.patient is None:
            return  # that patient has left, or a staff card signed in meanwhile
        if rights is None:
            failure = message_for(error) if error else None
            if _agent_down(error):
                failure = words.AGENT_DOWN
            self._set(stage=Stage.FAILED, failed_at="rights", failure=failure, rights=None,
                      agent_down=_agent_down(error) or self.state.agent_down)  # fmt: skip
            return
        self._set(stage=Stage.RIGHTS_CHECKED, rights=rights, claim_type=rights.preselected,
                  failure=None, retry_allowed=True, bad_field="", agent_down=False)  # fmt: skip
        if rights.clock_warning is not None:
            self._set(banner=rights.clock_warning)

    def select_claim_type(self, code: str) -> None:
        rights = self.state.rights
        if rights is not None and code in {c.code for c in rights.reading.claim_types}:
            self._set(claim_type=code)

    def confirm(self, mobile: str, hn: str) -> list[Effect]:
        """Enter or the confirm button: one request, for the claim type on screen."""
        rights, claim_type = self.state.rights, self.state.claim_type
        if not self.can_confirm or rights is None or self.patient_slot is None:
            return []
        if claim_type is None:
            self._set(stage=Stage.FAILED, failed_at="confirm", failure=CHOOSE_CLAIM_TYPE,
                      bad_field="")  # fmt: skip
            return []
        serving = self.serving
        if serving is None:
            self._set(stage=Stage.FAILED, failed_at="confirm", failure=NOBODY_SERVING,
                      bad_field="")  # fmt: skip
            return []
        if not _MOBILE_RE.fullmatch(mobile.strip().translate(_SEPARATORS)):
            # Nothing is sent for a number NHSO would refuse: fix it where it was typed.
            self._set(stage=Stage.FAILED, failed_at="confirm", failure=BAD_MOBILE,
                      bad_field="mobile")  # fmt: skip
            return []
        self._set(stage=Stage.CONFIRMING, failure=None, bad_field="")
        patient = self.state.patient
        name = patient.name_th.full if patient is not None else ""
        return [Confirm(self.patient_slot, rights.reading, claim_type, mobile, hn, serving, name)]

    def claim_code_received(
        self, slot: CardSlot, outcome: AuthenOutcome | None, error: BaseException | None
    ) -> None:
        if outcome is not None:
            self._last.appendleft(outcome.record)  # never dropped from view, whoever is here
        if slot != self.patient_slot:
            self._set()  # the desk has moved on; the code still joins last_codes
            return
        if outcome is None:
            failure = message_for(error) if error else None
            # Only the other hospital can act; a flagged answer is for clinic IT to settle.
            final = isinstance(error, (HeldByOtherHospital, AnswerFlagged))
            if _agent_down(error):
                self._set(agent_down=True)
            self._set(stage=Stage.FAILED, failed_at="confirm", failure=failure,
                      retry_allowed=not final)  # fmt: skip
            return
        self._set(stage=Stage.CODE_ISSUED, outcome=outcome, failure=None,
                  banner=outcome.clock_warning)  # fmt: skip

    # --- staff ---------------------------------------------------------------------------
    def staff_changed(self, signed_in: StaffMember | None, locked: bool) -> None:
        """The session changed: signed in, out, locked or unlocked."""
        self._signed_in = signed_in
        self.member = signed_in if signed_in is not None and not locked else None
        self._sign_in = ""  # signed in, out or locked: the next card is a patient's
        if locked and signed_in is not None:
            self._set(locked=True, patient=None, photo=None, rights=None, outcome=None,
                      stage=Stage.NO_CARD, banner=None, notice=None)  # fmt: skip
            return
        self._set(locked=False)
        if self.state.failure is NOBODY_SERVING and self.serving is not None:
            self._set(stage=Stage.RIGHTS_CHECKED, failure=None)  # no longer applies
        slot = self.patient_slot
        card = self.card_in(slot.reader) if slot else None
        if slot and card and self.member is not None and self.is_staff_card(slot.reader, card):
            # The card just used to sign in is nobody's visit: no rights, no confirm button.
            # Signing in went well: a calm note says what next, no red banner (item 20.11).
            banner = self.state.banner
            if banner is words.NEED_STAFF_CARD or banner is STAFF_CARD_IN_READER:
                banner = None
            self._set(stage=Stage.NO_CARD, patient=None, photo=None, rights=None,
                      outcome=None, failure=None, banner=banner,
                      notice=words.SIGNED_IN_TAKE_CARD_OUT)  # fmt: skip

    def show_banner(self, message: Message | None) -> None:
        if message is None and self.state.banner is words.NEED_STAFF_CARD:
            self._sign_in = ""  # "insert the staff card" dismissed: sign-in called off
        self._set(banner=message)

    # --- the cardless path ---------------------------------------------------------------
    def type_cid(self, typed: str) -> list[Effect]:
        """Staff typed the ID of a person whose card cannot be read."""
        cid = typed.strip().replace("-", "").replace(" ", "")
        if self.state.locked:
            return []
        if not is_valid_cid(cid):
            self._set(banner=TYPED_CID_INVALID)
            return []
        serving = self.serving
        if serving is None:
            self._set(banner=NOBODY_SERVING)
            return []
        self._set(banner=LOOKING_UP)
        return [LookUpCardless(cid, serving)]

    def cardless_looked_up(
        self, outcome: CardlessOutcome | None, error: BaseException | None
    ) -> None:
        if outcome is not None:
            if outcome.imported:  # a code recorded for this visit: in view like any other
                self._last.appendleft(outcome.record)
            banner = outcome.message
            if outcome.clock_warning is not None:
                from app.words.authen import together

                banner = together(outcome.clock_warning, banner)
            self._set(banner=banner)
            return
        failure = message_for(error) if error is not None else None
        if isinstance(error, KeyringUnavailable):  # reading, not storing: say what to do
            failure = words.CARDLESS_NO_KEYRING
        self._set(banner=failure)

    # --- the agent ----------------------------------------------------------------------
    def agent_changed(self, reachable: bool) -> None:
        """The status light's answer (a ping, or a call that could not reach the agent)."""
        if reachable == (not self.state.agent_down):
            return
        self._set(agent_down=not reachable)

    # --- sign-in ------------------------------------------------------------------------
    def sign_in_card(
        self, active: bool, locked_member: StaffMember | None
    ) -> tuple[str, IdCard] | Message | None:
        """Which card signs in (or unlocks) now: (reader, card), the reason it cannot (shown
        on the page in front), or None when somebody is already signed in."""
        if active:
            return None
        found = self.staff_card()
        if found is None:
            if self.staff_reader is None:
                # The shared reader: the card put in next is for the sign-in (no rights are
                # asked for it). The staff reader's cards are never a patient's anyway.
                self._sign_in = "awaiting"
            return words.NEED_STAFF_CARD
        if locked_member is not None and locked_member.cid != found[1].cid:
            return words.unlock_needs_card_of(locked_member.name)
        return found

    def sign_in_started(self) -> None:
        """The PIN dialog opened: a card swapped into the shared reader meanwhile is for the
        sign-in too, not a patient."""
        if self.staff_reader is None:
            self._sign_in = "pin"

    def sign_in_ended(self) -> None:
        """The PIN dialog closed (signed in, or called off): cards are patients' again."""
        self._sign_in = ""

    @property
    def signing_in(self) -> bool:
        return bool(self._sign_in)

    # --- internals -----------------------------------------------------------------------
    def _set(self, **changes: object) -> None:
        self.state = replace(self.state, last_codes=tuple(self._last), **changes)  # type: ignore[arg-type]
        serving = self.serving
        if serving != self.state.serving:
            self.state = replace(self.state, serving=serving)


_MOBILE_RE = re.compile(r"0[0-9]{9}", re.ASCII)  # as app.authen.flow.clean_mobile
_SEPARATORS = str.maketrans("", "", " -")
BAD_MOBILE = words.BAD_MOBILE
NOBODY_SERVING = words.NOBODY_SERVING
TYPED_CID_INVALID = words.TYPED_CID_INVALID
LOOKING_UP = words.LOOKING_UP
CHOOSE_CLAIM_TYPE = words.CHOOSE_CLAIM_TYPE


def _agent_down(error: BaseException | None) -> bool:
    return isinstance(error, AgentUnavailable | AgentTimeout)
