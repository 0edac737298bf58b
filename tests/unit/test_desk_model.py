"""The desk's rules, without a window: what is shown, what is asked for, what is kept."""

from __future__ import annotations

from app.authen.flow import AuthenOutcome, RightsCheck
from app.authen.visit_log import Visit
from app.desk.model import (
    CHOOSE_CLAIM_TYPE,
    LAST_CODES_KEPT,
    STAFF_CARD_IN_READER,
    CheckRights,
    Confirm,
    DeskModel,
    Stage,
)
from app.nhso.errors import AgentUnavailable
from app.nhso.models import AgentReading, ClaimType
from app.staff.session import StaffMember
from app.words.desk import NEED_STAFF_CARD, SIGNED_IN_TAKE_CARD_OUT, STAFF_CARD_READ_PRESS_F2
from cardreader.errors import CardRemoved
from cardreader.events import CardSlot
from cardreader.model import IdCard
from cardreader.thai_id import read_id_card
from cardreader.virtual.card import VirtualThaiIdCard, VirtualTransport
from cardreader.virtual.persona import shipped_persona
from tests.support.staff import SUDA

READER = "Reader 0"
OS_USER = StaffMember("", "clinic (OS user)")


def open_desk(**kwargs: object) -> DeskModel:
    """A desk where nobody needs to sign in (the rules about sign-in have their own tests)."""
    return DeskModel(staff_sign_in_required=False, desk_user=OS_USER, **kwargs)  # type: ignore[arg-type]


def card(persona_id: str) -> IdCard:
    virtual = VirtualThaiIdCard(shipped_persona(persona_id))
    return read_id_card(VirtualTransport(virtual), with_photo=False)


def rights_for(patient: IdCard, *codes: str) -> RightsCheck:
    reading = AgentReading(
        pid=patient.cid, first_name="", last_name="", birth_date="", sex="", main_inscl="UCS",
        sub_inscl="", age="", claim_types=tuple(ClaimType(c, f"name {c}") for c in codes),
        correlation_id="c-1",
    )  # fmt: skip
    return RightsCheck(reading, codes[0] if len(codes) == 1 else None, None)


def outcome_for(patient: IdCard, code: str) -> AuthenOutcome:
    visit = Visit(
        id=1, created_at="2026-11-30T09:00:00+07:00", updated_at="2026-11-30T09:00:05+07:00",
        status="ok", pid=patient.cid, patient_name="x", claim_type="PG0060001",
        claim_type_name="general", mobile="0812345678", hn="", claim_code=code, hcode="12345",
        staff_cid="", staff_name="", error_kind="", error_message="",
    )  # fmt: skip
    return AuthenOutcome(visit, reused=False)


def inserted(model: DeskModel, persona_id: str, insertion: int = 1) -> tuple[CardSlot, IdCard]:
    slot = CardSlot(READER, insertion)
    patient = card(persona_id)
    model.card_inserted(slot)
    assert model.state.stage is Stage.READING
    effects = model.card_read(slot, patient)
    name = patient.name_th.full  # logged with a failed check: the day list names the visit
    assert effects == [
        CheckRights(slot, patient.cid, just_inserted=True, staff=model.serving, patient_name=name)
    ]
    return slot, patient


def test_card_to_code() -> None:
    model = open_desk()
    slot, patient = inserted(model, "somchai")
    assert model.state.stage is Stage.PATIENT_SHOWN and model.state.patient is patient
    assert model.confirm("0812345678", "") == []  # no rights on screen yet
    model.rights_checked(slot, rights_for(patient, "PG0060001"), None)
    assert model.state.stage is Stage.RIGHTS_CHECKED and model.state.claim_type == "PG0060001"
    [effect] = model.confirm("0812345678", "HN1")
    assert isinstance(effect, Confirm) and effect.claim_type == "PG0060001" and effect.hn == "HN1"
    assert model.state.stage is Stage.CONFIRMING
    assert model.confirm("0812345678", "") == []  # never two requests in flight
    model.claim_code_received(slot, outcome_for(patient, "PP0000000001"), None)
    assert model.state.stage is Stage.CODE_ISSUED
    assert [v.claim_code for v in model.state.last_codes] == ["PP0000000001"]


def test_claim_type_changes_only_to_one_the_patient_has() -> None:
    model = open_desk()
    slot, patient = inserted(model, "somchai")
    model.rights_checked(slot, rights_for(patient, "PG0060001", "PG0130001"), None)
    assert model.state.claim_type is None
    assert model.confirm("0812345678", "") == []
    assert model.state.failure == CHOOSE_CLAIM_TYPE
    model.select_claim_type("PG9999999")
    assert model.state.claim_type is None
    model.select_claim_type("PG0130001")
    [effect] = model.confirm("0812345678", "")
    assert isinstance(effect, Confirm) and effect.claim_type == "PG0130001"


def test_a_late_answer_for_a_patient_who_left_is_dropped_but_its_code_kept() -> None:
    model = open_desk()
    slot, patient = inserted(model, "somchai")
    model.rights_checked(slot, rights_for(patient, "PG0060001"), None)
    model.confirm("0812345678", "")
    model.card_removed(slot)
    assert model.state.stage is Stage.NO_CARD and model.state.patient is None
    next_slot, _ = inserted(model, "krit", insertion=2)
    model.claim_code_received(slot, outcome_for(patient, "PP0000000002"), None)
    assert model.state.stage is Stage.PATIENT_SHOWN and model.state.outcome is None
    assert [v.claim_code for v in model.state.last_codes] == ["PP0000000002"]
    model.rights_checked(slot, rights_for(patient, "PG0060001"), None)  # stale too
    assert model.state.rights is None and model.patient_slot == next_slot


def test_last_codes_keep_the_newest_five() -> None:
    model = open_desk()
    for number in range(LAST_CODES_KEPT + 2):
        slot, patient = inserted(model, "somchai", insertion=number + 1)
        model.claim_code_received(slot, outcome_for(patient, f"PP{number:010d}"), None)
    codes = [v.claim_code for v in model.state.last_codes]
    assert len(codes) == LAST_CODES_KEPT and codes[0] == f"PP{LAST_CODES_KEPT + 1:010d}"


def test_failures_say_why_and_rights_can_be_retried() -> None:
    model = open_desk()
    slot, patient = inserted(model, "somchai")
    model.rights_checked(slot, None, AgentUnavailable("down"))
    assert model.state.stage is Stage.FAILED and model.state.failed_at == "rights"
    assert model.state.failure is not None and "Agent" in model.state.failure.en
    assert model.retry_rights() == [
        CheckRights(slot, patient.cid, staff=OS_USER, patient_name=patient.name_th.full)
    ]
    model.rights_checked(slot, rights_for(patient, "PG0060001"), None)
    model.confirm("0812345678", "")
    model.claim_code_received(slot, None, AgentUnavailable("down"))
    assert model.state.stage is Stage.FAILED and model.state.failed_at == "confirm"
    assert model.can_confirm  # Enter again is a new, logged attempt


def test_a_card_pulled_mid_read_is_no_patient() -> None:
    model = open_desk()
    slot = CardSlot(READER, 1)
    model.card_inserted(slot)
    model.card_read_failed(slot, CardRemoved("pulled"), "text")
    assert model.state.patient is None and model.state.stage is Stage.FAILED
    assert model.state.banner is not None and "ดึงออก" in model.state.banner.th


def test_a_staff_card_is_not_a_patient() -> None:
    model = open_desk()
    model.staff_changed(SUDA, locked=False)
    slot = CardSlot(READER, 1)
    model.card_inserted(slot)
    assert model.card_read(slot, card("suda")) == []
    assert model.state.patient is None and model.state.notice == STAFF_CARD_IN_READER
    assert model.state.banner is None  # a calm note, not a red banner (20.11)


def test_the_staff_reader_never_shows_a_patient() -> None:
    model = open_desk(staff_reader="Staff")
    _slot, patient = inserted(model, "malee")
    staff_slot = CardSlot("Staff", 1)
    model.card_inserted(staff_slot)
    assert model.card_read(staff_slot, card("suda")) == []
    assert model.state.patient is patient
    assert model.staff_card() == ("Staff", model.card_in("Staff"))


def test_signing_in_with_the_card_on_screen_clears_it() -> None:
    model = open_desk()
    slot, _ = inserted(model, "suda")  # before sign-in it cannot be told from a patient
    model.rights_checked(slot, rights_for(card("suda"), "PG0060001"), None)
    model.staff_changed(SUDA, locked=False)
    assert model.state.patient is None and model.state.rights is None
    assert not model.can_confirm and model.state.banner is None  # no red banner (20.11)
    assert model.state.notice == SIGNED_IN_TAKE_CARD_OUT


def test_a_locked_desk_shows_nobody() -> None:
    model = open_desk()
    inserted(model, "somchai")
    model.staff_changed(SUDA, locked=True)
    assert model.state.locked and model.state.patient is None
    slot = CardSlot(READER, 2)
    model.card_inserted(slot)
    assert model.card_read(slot, card("krit")) == []
    model.staff_changed(SUDA, locked=False)
    assert not model.state.locked


# --- issue 13: the front desk, right every time ------------------------------------------


def test_a_bad_mobile_sends_nothing_and_points_at_the_mobile_field() -> None:  # item 1
    model = open_desk()
    slot, patient = inserted(model, "somchai")
    model.rights_checked(slot, rights_for(patient, "PG0060001", "PG0130001"), None)
    model.select_claim_type("PG0060001")
    assert model.confirm("08123", "") == []
    assert model.state.failed_at == "confirm" and model.state.bad_field == "mobile"
    assert model.state.claim_type == "PG0060001"  # a wrong number never changes it
    [effect] = model.confirm("081-234-5678", "")
    assert isinstance(effect, Confirm) and effect.claim_type == "PG0060001"
    assert model.state.bad_field == ""


def test_confirm_uses_the_claim_type_selected_however_it_was_picked() -> None:  # item 3
    model = open_desk()
    slot, patient = inserted(model, "somchai")
    model.rights_checked(slot, rights_for(patient, "PG0060001", "PG0130001"), None)
    model.select_claim_type("PG0130001")  # by click or by its number in the list
    [effect] = model.confirm("0812345678", "")
    assert isinstance(effect, Confirm) and effect.claim_type == "PG0130001"
    assert effect.patient_name == patient.name_th.full  # middle names kept (item 12)


def test_an_issued_code_stays_in_view_after_the_card_is_pulled() -> None:  # item 2
    model = open_desk()
    slot, patient = inserted(model, "somchai")
    model.rights_checked(slot, rights_for(patient, "PG0060001"), None)
    model.confirm("0812345678", "")
    model.claim_code_received(slot, outcome_for(patient, "PP0000000009"), None)
    model.card_removed(slot)
    assert model.state.outcome is None
    assert [v.claim_code for v in model.state.last_codes] == ["PP0000000009"]
    inserted(model, "krit", insertion=2)
    assert [v.claim_code for v in model.state.last_codes] == ["PP0000000009"]


def test_no_code_is_asked_for_with_nobody_serving() -> None:  # item 4
    model = DeskModel()  # sign-in required: the default
    slot, patient = inserted(model, "somchai")
    assert model.state.serving is None
    model.rights_checked(slot, rights_for(patient, "PG0060001"), None)
    assert model.confirm("0812345678", "") == []
    assert model.state.failure is not None and "F2" in model.state.failure.th
    model.staff_changed(SUDA, locked=False)
    assert model.state.failure is None and model.state.serving == SUDA  # no longer applies
    [effect] = model.confirm("0812345678", "")
    assert isinstance(effect, Confirm) and effect.staff == SUDA


def test_a_desk_without_sign_in_logs_the_os_user() -> None:  # item 4
    model = open_desk()
    slot, patient = inserted(model, "somchai")
    assert model.state.serving == OS_USER
    model.rights_checked(slot, rights_for(patient, "PG0060001"), None)
    [effect] = model.confirm("0812345678", "")
    assert isinstance(effect, Confirm) and effect.staff == OS_USER
    model.staff_changed(SUDA, locked=False)
    assert model.state.serving == SUDA  # a signed-in member always serves


def test_a_code_held_by_another_hospital_offers_no_retry() -> None:  # item 5
    from app.authen.errors import HeldByOtherHospital

    model = open_desk()
    slot, patient = inserted(model, "somchai")
    model.rights_checked(slot, rights_for(patient, "PG0060001"), None)
    model.confirm("0812345678", "")
    model.claim_code_received(slot, None, HeldByOtherHospital("10669", "PP1", "รพ.ตัวอย่าง"))
    failure = model.state.failure
    assert failure is not None and "รพ.ตัวอย่าง" in failure.th and "10669" in failure.th
    assert not model.state.retry_allowed and not model.can_confirm
    assert model.confirm("0812345678", "") == []
    next_slot, _ = inserted(model, "krit", insertion=2)  # the next patient may confirm again
    model.rights_checked(next_slot, rights_for(card("krit"), "PG0060001"), None)
    assert model.can_confirm


def test_banners_go_when_they_no_longer_apply() -> None:  # item 6
    from app.message import Message

    model = open_desk()
    slot, patient = inserted(model, "somchai")
    model.show_banner(Message("ข่าว", "news"))
    model.rights_checked(slot, rights_for(patient, "PG0060001"), None)
    model.confirm("0812345678", "")
    model.claim_code_received(slot, outcome_for(patient, "PP0000000001"), None)
    assert model.state.banner is None  # success
    model.show_banner(Message("ข่าว", "news"))
    inserted(model, "krit", insertion=2)
    assert model.state.banner is None  # a new card
    model.show_banner(Message("ข่าว", "news"))
    model.show_banner(None)  # dismissed
    assert model.state.banner is None


def test_a_fresh_card_lets_the_agent_settle_but_a_retry_does_not() -> None:  # task 2
    model = open_desk()
    slot, _ = inserted(model, "somchai")
    model.rights_checked(slot, None, AgentUnavailable("down"))
    [again] = model.retry_rights()
    assert isinstance(again, CheckRights) and not again.just_inserted


# --- issue 20: the desk, second pass --------------------------------------------------------


def test_a_typed_id_without_a_keyring_says_so_not_token_not_stored() -> None:  # 20.1
    from app.tokens.errors import KeyringUnavailable
    from app.words import desk as words

    model = open_desk()
    model.type_cid("1101700123456")
    model.cardless_looked_up(None, KeyringUnavailable("no keyring"))
    banner = model.state.banner
    assert banner == words.CARDLESS_NO_KEYRING
    assert "not stored" not in banner.en and "ไม่เก็บ" not in banner.th


def test_agent_down_is_said_in_the_patient_area_until_it_answers() -> None:  # 20.8
    from app.nhso.errors import AgentTimeout
    from app.words import desk as words

    model = open_desk()
    model.agent_changed(False)
    assert model.state.agent_down and model.state.stage is Stage.NO_CARD
    slot, patient = inserted(model, "somchai")
    model.rights_checked(slot, None, AgentTimeout("slow"))
    assert model.state.failure == words.AGENT_DOWN and "F9" in words.AGENT_DOWN.en
    model.agent_changed(True)
    assert not model.state.agent_down
    model.rights_checked(slot, None, AgentUnavailable("down"))  # a failed call says it too
    assert model.state.agent_down
    model.retry_rights()
    model.rights_checked(slot, rights_for(patient, "PG0060001"), None)
    assert not model.state.agent_down and model.can_confirm


def test_sign_in_rules_live_in_the_model() -> None:  # 19.3
    from app.words import desk as words

    model = open_desk()
    assert model.sign_in_card(active=False, locked_member=None) == words.NEED_STAFF_CARD
    slot, suda = CardSlot(READER, 1), card("suda")
    model.card_inserted(slot)
    assert model.card_read(slot, suda) == []  # put in after F2: for the sign-in (20.11)
    assert model.sign_in_card(active=False, locked_member=None) == (READER, suda)
    assert model.sign_in_card(active=True, locked_member=None) is None
    other = StaffMember("3100600123452", "นายอื่น ทดสอบ")
    refusal = model.sign_in_card(active=False, locked_member=other)
    assert refusal == words.unlock_needs_card_of(other.name)
    assert model.sign_in_card(active=False, locked_member=SUDA) == (READER, suda)
    del slot


def test_locking_takes_a_patients_banner_away() -> None:  # nobody's data on a locked desk
    from app.words import desk as words

    model = open_desk()
    model.show_banner(words.retry_needs_card_of("นายสมชาย ใจดี"))
    model.staff_changed(SUDA, locked=True)
    assert model.state.banner is None


# --- issue 20.11: a staff card put in to sign in is not a patient -------------------------


def test_a_card_put_in_after_f2_is_for_the_sign_in_and_no_rights_are_asked() -> None:
    model = DeskModel()  # one shared reader, sign-in required
    assert model.sign_in_card(active=False, locked_member=None) == NEED_STAFF_CARD
    slot = CardSlot(READER, 1)
    model.card_inserted(slot)
    assert model.card_read(slot, card("suda")) == []
    assert model.state.patient is None and model.state.stage is Stage.NO_CARD
    assert model.state.notice == STAFF_CARD_READ_PRESS_F2 and model.state.banner is None
    found = model.sign_in_card(active=False, locked_member=None)
    assert isinstance(found, tuple) and found[1].cid == card("suda").cid
    model.sign_in_started()
    model.staff_changed(SUDA, locked=False)
    model.sign_in_ended()
    assert model.state.banner is None and model.state.notice == SIGNED_IN_TAKE_CARD_OUT
    model.card_removed(slot)
    assert model.state.notice is None
    inserted(model, "somchai", insertion=2)  # the next card is a patient's: rights asked


def test_only_the_awaited_card_is_for_the_sign_in() -> None:
    model = open_desk()
    model.sign_in_card(active=False, locked_member=None)
    first = CardSlot(READER, 1)
    model.card_inserted(first)
    assert model.card_read(first, card("somchai")) == []  # F2 was pressed: taken as staff's
    model.card_removed(first)
    inserted(model, "somchai", insertion=2)  # put in again: a patient


def test_a_card_swapped_in_while_the_pin_is_typed_is_not_a_patient() -> None:
    model = open_desk()
    slot, suda = CardSlot(READER, 1), card("suda")
    model.card_inserted(slot)
    model.card_read(slot, suda)
    assert model.sign_in_card(active=False, locked_member=None) == (READER, suda)
    model.sign_in_started()
    model.card_removed(slot)
    other = CardSlot(READER, 2)
    model.card_inserted(other)
    assert model.card_read(other, card("somchai")) == []
    model.sign_in_ended()  # the dialog closed without signing in
    model.card_removed(other)
    inserted(model, "krit", insertion=3)


def test_dismissing_insert_the_staff_card_calls_the_sign_in_off() -> None:
    model = open_desk()
    model.show_banner(model.sign_in_card(active=False, locked_member=None))  # type: ignore[arg-type]
    model.show_banner(None)  # Esc
    inserted(model, "somchai")


def test_with_a_staff_reader_the_patient_reader_always_holds_patients() -> None:
    model = open_desk(staff_reader="Staff")
    assert model.sign_in_card(active=False, locked_member=None) == NEED_STAFF_CARD
    inserted(model, "somchai")  # the staff card goes in the staff reader, never here
    staff_slot = CardSlot("Staff", 1)
    model.card_inserted(staff_slot)
    assert model.card_read(staff_slot, card("suda")) == []
    model.staff_changed(SUDA, locked=False)
    assert model.state.patient is not None and model.state.notice is None
