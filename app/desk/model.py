"""One front desk as a state machine, free of Qt: what is on screen and what may happen next.

The window renders `DeskState` and forwards what staff do; the card thread's events and the
services' answers come in as method calls. Each call returns the work the desk asks for
(`CheckRights`, `Confirm`) as plain values, which the Qt adapter hands to the services, so
every rule here is tested without a window. Rules that live here, once:

- a staff card is not a patient (the staff reader's card, or the signed-in member's card);
- an answer for a card no longer in the reader is dropped from the screen (never from the
  log), but an issued claim code is never dropped from view: it joins `last_codes`;
- nobody's data is shown on a locked desk;
- confirm is possible only with rights on screen and not while one is in flight;
- a code is never asked for with nobody responsible: the signed-in staff member serves, or,
  where the clinic allows a desk without sign-in, the desk's OS user;
- a refusal that a retry cannot change (today's code held by another hospital) offers none,
  nor does an answer that is not this patient's (flagged): Enter never asks NHSO again;
- a PC clock found off from the agent's is a banner, with the offset;
- a banner that no longer applies goes when the patient changes or a code is issued.
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
from app.staff.session import StaffMember
from cardreader.cid import is_valid_cid
from cardreader.events import CardSlot
from cardreader.model import IdCard

if TYPE_CHECKING:  # the desk starts before requests and sqlite-utils are loaded
    from app.authen.cardless import CardlessOutcome
    from app.authen.flow import AuthenOutcome, RightsCheck
    from app.authen.visit_log import Visit
    from app.nhso.models import AgentReading

LAST_CODES_KEPT = 5

STAFF_CARD_IN_READER = Message(
    "นี่คือบัตรของเจ้าหน้าที่ — ถอดบัตรออก แล้วเสียบบัตรของผู้รับบริการ",
    "This is the staff member's card — take it out and insert the patient's card.",
)


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
    slot: CardSlot
    pid: str
    just_inserted: bool = False  # the card just went in: the agent lets it settle first
    staff: StaffMember | None = None  # logged with a failed check


@dataclass(frozen=True)
class Confirm:
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


@dataclass
class _Cards:
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
                      retry_allowed=True, bad_field="")  # fmt: skip

    def card_removed(self, slot: CardSlot) -> None:
        if self._cards.slots.get(slot.reader) == slot:
            del self._cards.slots[slot.reader]
            self._cards.read.pop(slot.reader, None)
        if slot == self.patient_slot:
            self.patient_slot = None
            self._set(stage=Stage.NO_CARD, patient=None, photo=None, rights=None,
                      claim_type=None, outcome=None, failure=None, banner=None,
                      retry_allowed=True, bad_field="")  # fmt: skip

    def card_read(self, slot: CardSlot, card: IdCard) -> list[Effect]:
        if self._cards.slots.get(slot.reader) != slot:
            return []  # a card since pulled or swapped: stale
        self._cards.read[slot.reader] = (slot, card)
        if slot != self.patient_slot or self.state.locked:
            return []  # the staff reader's card, or a locked desk: nobody is shown
        if self.is_staff_card(slot.reader, card) and self.member is not None:
            self._set(stage=Stage.NO_CARD, patient=None, banner=STAFF_CARD_IN_READER)
            return []
        self._set(stage=Stage.PATIENT_SHOWN, patient=card, banner=None, failure=None,
                  photo=None, photo_known=False)  # fmt: skip
        return [CheckRights(slot, card.cid, just_inserted=True, staff=self.serving)]

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
        return [CheckRights(self.patient_slot, card.cid, staff=self.serving)]

    def rights_checked(
        self, slot: CardSlot, rights: RightsCheck | None, error: BaseException | None
    ) -> None:
        if slot != self.patient_slot or self.state.patient is None:
            return  # that patient has left, or a staff card signed in meanwhile
        if rights is None:
            failure = message_for(error) if error else None
            self._set(stage=Stage.FAILED, failed_at="rights", failure=failure, rights=None)
            return
        self._set(stage=Stage.RIGHTS_CHECKED, rights=rights, claim_type=rights.preselected,
                  failure=None, retry_allowed=True, bad_field="")  # fmt: skip
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
        if locked and signed_in is not None:
            self._set(locked=True, patient=None, photo=None, rights=None, outcome=None,
                      stage=Stage.NO_CARD)  # fmt: skip
            return
        self._set(locked=False)
        if self.state.failure is NOBODY_SERVING and self.serving is not None:
            self._set(stage=Stage.RIGHTS_CHECKED, failure=None)  # no longer applies
        slot = self.patient_slot
        card = self.card_in(slot.reader) if slot else None
        if slot and card and self.member is not None and self.is_staff_card(slot.reader, card):
            # The card just used to sign in is nobody's visit: no rights, no confirm button.
            self._set(stage=Stage.NO_CARD, patient=None, photo=None, rights=None,
                      outcome=None, banner=STAFF_CARD_IN_READER)  # fmt: skip

    def show_banner(self, message: Message | None) -> None:
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
        self._set(banner=failure)

    # --- internals -----------------------------------------------------------------------
    def _set(self, **changes: object) -> None:
        self.state = replace(self.state, last_codes=tuple(self._last), **changes)  # type: ignore[arg-type]
        serving = self.serving
        if serving != self.state.serving:
            self.state = replace(self.state, serving=serving)


_MOBILE_RE = re.compile(r"0[0-9]{9}", re.ASCII)  # as app.authen.flow.clean_mobile
_SEPARATORS = str.maketrans("", "", " -")
BAD_MOBILE = Message(
    "เบอร์มือถือต้องเป็นตัวเลข 10 หลัก ขึ้นต้นด้วย 0 เช่น 0812345678 — แก้เบอร์แล้วกด Enter",
    "The mobile number must be 10 digits starting with 0, e.g. 0812345678 — fix it and "
    "press Enter.",
)
NOBODY_SERVING = Message(
    "ยังไม่มีเจ้าหน้าที่ลงชื่อเข้าใช้ จึงยังไม่ขอ Claim Code — เสียบบัตรเจ้าหน้าที่แล้วกด F2 เพื่อลงชื่อ",
    "No staff member is signed in, so no claim code was asked for — insert the staff card "
    "and press F2 to sign in.",
)
TYPED_CID_INVALID = Message(
    "เลขประจำตัวประชาชนไม่ถูกต้อง (13 หลัก หลักสุดท้ายต้องตรงตามสูตรตรวจสอบ) — ตรวจเลขอีกครั้ง",
    "That is not a valid 13-digit ID number (the check digit does not match) — check it.",
)
LOOKING_UP = Message(
    "กำลังค้นหารหัสของวันนี้ที่ สปสช. ด้วยเลขที่พิมพ์ …",
    "Looking up today's code at NHSO with the typed ID …",
)
CHOOSE_CLAIM_TYPE = Message(
    "เลือกประเภทการเข้ารับบริการก่อน (กดตัวเลข หรือคลิก)",
    "Choose the claim type first (press its number, or click it).",
)
