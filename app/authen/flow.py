"""The front-desk authen decisions, free of Qt and of any screen.

As real agents behave (nhso-interfaces.md §1):
- Same-day reuse is decided by claim type from latest-5-authen-code-all-hospital
  (latest-authen-code only as a fallback: it shows just the newest code, which may be an
  EP close-claim code or another claim type). Only a PP code of the asked claim type,
  issued by our hospital on today's Bangkok date (its own claimDateTime, today by the PC's
  clock) is reused; nothing else is ever handed back as a claim code.
- Another hospital's code today does not stop us: confirm as usual. Only when NHSO refuses
  do we look at the codes again and name the hospital that holds today's code.
- checkDate may be UTC: it only warns when the PC's clock looks far off.
Every visit is logged: a failed rights check is a "failed" row with its reason; a confirm
is logged "pending" before anything is sent and updated with its outcome.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from urllib.parse import urlsplit

from app.authen.errors import (
    AgentReadAnotherCard,
    HeldByOtherHospital,
    InvalidInput,
    VisitLogUnavailable,
)
from app.authen.visit_log import FAILED, OK, REUSED, Visit, VisitStore
from app.message import Message
from app.nhso.agent_client import SETTLE_AFTER_INSERT, AgentClient
from app.nhso.errors import (
    AgentBadAnswer,
    AgentError,
    AgentNoReader,
    AgentRejected,
    AgentServiceFailed,
    AgentTimeout,
    AgentUnavailable,
)
from app.nhso.models import CLAIM_TYPE_RE, AgentReading, ConfirmRequest, LatestAuthen
from app.redact import mask_cids
from app.staff.session import StaffMember
from app.thai_format import BANGKOK
from cardreader.cid import mask_cid

log = logging.getLogger(__name__)

PREFERRED_CLAIM_TYPE = "PG0060001"
HN_MAX = 20
ERROR_MESSAGE_MAX = 500
CLOCK_TOLERANCE = dt.timedelta(minutes=15)
MOBILE_RE = re.compile(r"0[0-9]{9}", re.ASCII)
_SEPARATORS = str.maketrans("", "", " -")

LAST_VISIT = "last_visit"  # RightsCheck.mobile_source values
DEMO = "demo"


def clean_mobile(value: object) -> str | None:
    """A prefill candidate as a mobile number, or None for junk ("ไม่มี", "-", "จำไม่ได้",
    ".", Thai digits, anything not 10 ASCII digits starting with 0)."""
    if not isinstance(value, str):
        return None
    mobile = value.strip().translate(_SEPARATORS)
    return mobile if MOBILE_RE.fullmatch(mobile) else None


@dataclass(frozen=True)
class RightsCheck:
    reading: AgentReading
    preselected: str | None
    last_mobile: str | None
    mobile_source: str = ""  # where last_mobile came from: LAST_VISIT, DEMO, or ""

    def __post_init__(self) -> None:
        # Whoever builds one, junk is never offered as a mobile number.
        if self.last_mobile is not None and clean_mobile(self.last_mobile) is None:
            object.__setattr__(self, "last_mobile", None)
        if self.last_mobile is None:
            object.__setattr__(self, "mobile_source", "")


@dataclass(frozen=True)
class AuthenOutcome:
    record: Visit
    reused: bool
    clock_warning: Message | None = None  # the PC's clock looks far off the agent's

    @property
    def claim_code(self) -> str:
        return self.record.claim_code

    def to_json(self) -> dict[str, object]:
        return {
            "claim_code": self.record.claim_code,
            "claim_type": self.record.claim_type,
            "pid": self.record.pid,
            "created": self.record.updated_at,
            "reused": self.reused,
        }


def validate_mobile(mobile: str) -> str:
    cleaned = clean_mobile(mobile)
    if cleaned is None:
        raise InvalidInput(
            Message(
                "เบอร์มือถือต้องเป็นตัวเลข 10 หลัก ขึ้นต้นด้วย 0 เช่น 0812345678",
                "The mobile number must be 10 digits starting with 0, e.g. 0812345678.",
            )
        )
    return cleaned


def validate_hcode(hcode: str | None) -> str:
    if not hcode:
        raise InvalidInput(
            Message(
                "ยังไม่ได้ตั้งรหัสหน่วยบริการ 5 หลัก — ให้ผู้ดูแลระบบตั้งค่าก่อน",
                "The 5-digit hospital code is not set — ask IT to set it first.",
            )
        )
    if not re.fullmatch(r"[0-9]{5}", hcode, re.ASCII):
        raise InvalidInput(
            Message(
                "รหัสหน่วยบริการต้องเป็นตัวเลขอารบิก 5 หลัก เช่น 12345",
                "The hospital code must be 5 ASCII digits, e.g. 12345.",
            )
        )
    return hcode


def validate_hn(hn: str) -> str:
    """HN is optional free text, but it goes to NHSO: printable, valid text, short."""
    hn = hn.strip()
    try:
        hn.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes on the command line
        raise InvalidInput(
            Message("HN มีอักขระที่อ่านไม่ได้", "HN holds characters that are not valid text.")
        ) from None
    if not hn.isprintable():
        raise InvalidInput(Message("HN มีอักขระควบคุม", "HN holds control characters."))
    if len(hn) > HN_MAX:
        raise InvalidInput(Message(f"HN ยาวเกิน {HN_MAX} ตัวอักษร", f"HN over {HN_MAX} characters."))
    return hn


def validate_agent_url(url: str) -> str:
    """http(s)://host[:port][/path], nothing else: a typo must not become a request to a
    surprising place, nor an "unexpected error"."""
    bad = InvalidInput(
        Message(
            "ที่อยู่ Agent ไม่ถูกต้อง — ใช้รูปแบบ http://localhost:8189",
            "The agent URL is malformed — use the form http://localhost:8189.",
        )
    )
    try:
        url.encode("ascii")
        parts = urlsplit(url.strip())
        port = parts.port  # raises ValueError for a bad port
    except (UnicodeEncodeError, ValueError):
        raise bad from None
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username is not None
        or parts.query
        or parts.fragment
        or (port is not None and not 0 < port < 65536)
        or any(c.isspace() for c in url.strip())
    ):
        raise bad
    return url.strip().rstrip("/")


def _bangkok_now() -> dt.datetime:
    return dt.datetime.now(BANGKOK)


def _error_kind(error: BaseException) -> str:
    return "other_hospital" if isinstance(error, HeldByOtherHospital) else type(error).__name__


def _error_text(error: BaseException) -> str:
    return mask_cids(str(error))[:ERROR_MESSAGE_MAX]


class AuthenFlow:
    def __init__(
        self,
        client: AgentClient,
        store: VisitStore,
        hcode: str | None,
        now: Callable[[], dt.datetime] = _bangkok_now,
        mobile_hint: Callable[[str], str | None] | None = None,
        mobile_hint_source: str = DEMO,
    ) -> None:
        """`now` is the PC's clock (injected in tests); `mobile_hint` offers a number when
        the visit log has none (the demo's personas), marked with `mobile_hint_source`."""
        self.client = client
        self.store = store
        self.hcode = hcode
        self._now = now
        self._mobile_hint = mobile_hint
        self._mobile_hint_source = mobile_hint_source

    def today(self) -> dt.date:
        return self._now().astimezone(BANGKOK).date()

    # --- step 1: rights ---------------------------------------------------------------
    def check_rights(
        self,
        expected_pid: str | None = None,
        staff: StaffMember | None = None,
        just_inserted: bool = False,
    ) -> RightsCheck:
        """Reads the card through the agent. A failure is logged as a visit with its reason
        before it is raised. `just_inserted`: let the card settle before the first /read."""
        reading: AgentReading | None = None
        try:
            validate_hcode(self.hcode)
            self._require_reader()
            reading = self.client.read(
                with_image=False, settle=SETTLE_AFTER_INSERT if just_inserted else 0.0
            )
            if expected_pid is not None and reading.pid != expected_pid:
                raise AgentReadAnotherCard(f"agent read {mask_cid(reading.pid)}")
        except (InvalidInput, AgentError, AgentReadAnotherCard) as exc:
            pid = expected_pid or ""
            name = ""
            if reading is not None and expected_pid is None:
                pid, name = reading.pid, f"{reading.first_name} {reading.last_name}".strip()
            self._log_failed_rights(exc, pid, name, staff)
            raise
        codes = [c.code for c in reading.claim_types]
        preselected = PREFERRED_CLAIM_TYPE if PREFERRED_CLAIM_TYPE in codes else None
        if preselected is None and len(codes) == 1:
            preselected = codes[0]
        mobile, source = self._prefill_mobile(reading.pid)
        return RightsCheck(reading, preselected, mobile, source)

    def _require_reader(self) -> None:
        """An empty /terminals (or 500) means no reader: say so instead of retrying /read.
        An agent without a usable /terminals is not stopped here: /read will tell."""
        try:
            self.client.require_reader()
        except (AgentNoReader, AgentUnavailable, AgentTimeout):
            raise
        except AgentError as exc:
            log.info("terminals not usable (%s); going on to /read", type(exc).__name__)

    def _prefill_mobile(self, pid: str) -> tuple[str | None, str]:
        last = clean_mobile(self.store.last_mobile(pid))
        if last:
            return last, LAST_VISIT
        if self._mobile_hint is not None:
            hint = clean_mobile(self._mobile_hint(pid))
            if hint:
                return hint, self._mobile_hint_source
        return None, ""

    def _log_failed_rights(
        self, error: BaseException, pid: str, name: str, staff: StaffMember | None
    ) -> None:
        try:
            visit = self.store.begin(
                pid=pid, patient_name=name, hcode=self.hcode or "",
                staff_cid=staff.cid if staff else "", staff_name=staff.name if staff else "",
            )  # fmt: skip
            self.store.finish(
                visit, FAILED, error_kind=_error_kind(error), error_message=_error_text(error)
            )
        except VisitLogUnavailable as exc:  # the rights failure is what staff must see
            log.warning("rights-check failure not logged: %s", exc)

    # --- step 2: the claim code --------------------------------------------------------
    def confirm(
        self,
        reading: AgentReading,
        claim_type: str,
        mobile: str,
        hn: str = "",
        staff: StaffMember | None = None,
        patient_name: str = "",
    ) -> AuthenOutcome:
        """`staff` is who serves, as the desk knew it when confirm was pressed;
        `patient_name` the card's full name (the agent's answer drops middle names)."""
        mobile = validate_mobile(mobile)
        hcode = validate_hcode(self.hcode)
        hn = validate_hn(hn)
        names = {c.code: c.name for c in reading.claim_types}
        if not CLAIM_TYPE_RE.fullmatch(claim_type) or claim_type not in names:
            raise InvalidInput(
                Message(
                    "ประเภทการเข้ารับบริการนี้ไม่อยู่ในสิทธิของผู้รับบริการ — เลือกจากรายการ",
                    "This claim type is not among the patient's rights — choose from the list.",
                )
            )
        attempt = self.store.begin(
            pid=reading.pid,
            patient_name=patient_name.strip()
            or f"{reading.first_name} {reading.last_name}".strip(),
            claim_type=claim_type,
            claim_type_name=names[claim_type],
            mobile=mobile,
            hn=hn,
            hcode=hcode,
            staff_cid=staff.cid if staff else "",
            staff_name=staff.name if staff else "",
        )
        try:
            with self._same_day(reading.pid, claim_type, hcode) as theirs:
                if theirs is not None:  # another desk of this clinic coded them today
                    record = self.store.finish(attempt, REUSED, claim_code=theirs.claim_code)
                    log.info("authen %s: today's code from desk %s", mask_cid(record.pid),
                             theirs.desk)  # fmt: skip
                    return AuthenOutcome(record, reused=True)
                return self._confirm(attempt, reading, claim_type, mobile, hn, hcode)
        except (HeldByOtherHospital, AgentError) as exc:
            self.store.finish(
                attempt, FAILED, error_kind=_error_kind(exc), error_message=_error_text(exc),
                claim_code="",
            )  # fmt: skip
            raise

    def _same_day(
        self, pid: str, claim_type: str, hcode: str
    ) -> AbstractContextManager[Visit | None]:
        """A shared store's same-day check across desks (app/store), held around the
        confirm so two desks end with one code; none without a shared store."""
        guard = getattr(self.store, "same_day", None)
        if guard is None:
            return contextlib.nullcontext(None)
        return guard(hcode, pid, claim_type, self.today())  # type: ignore[no-any-return]

    def _codes(self, pid: str) -> list[LatestAuthen]:
        """The person's recent codes, any hospital: latest-5, else latest-authen-code."""
        try:
            return self.client.latest_5(pid)
        except (AgentServiceFailed, AgentBadAnswer) as exc:
            log.warning("latest-5 failed (%s); falling back to latest-authen-code", exc)
        latest = self.client.latest_authen_code(pid)
        return [latest] if latest.claim_code or latest.check_date else []

    def _reusable(
        self, codes: Sequence[LatestAuthen], claim_type: str, hcode: str
    ) -> LatestAuthen | None:
        today = self.today()
        for code in codes:
            if (
                code.is_claim_code
                and code.claim_type == claim_type
                and code.hcode == hcode
                and code.issued_on(today)
            ):
                return code
        return None

    def _held_elsewhere(
        self, codes: Sequence[LatestAuthen], claim_type: str, hcode: str
    ) -> LatestAuthen | None:
        today = self.today()
        theirs = [
            c for c in codes
            if c.is_claim_code and c.hcode and c.hcode != hcode and c.issued_on(today)
        ]  # fmt: skip
        same_type = [c for c in theirs if c.claim_type == claim_type]
        found = same_type or theirs
        return found[0] if found else None

    def _clock_warning(self, codes: Sequence[LatestAuthen]) -> Message | None:
        """checkDate is the server's clock, perhaps written in UTC without an offset: warn
        only when the PC's clock is far from both readings."""
        for code in codes:
            checked = code.checked_at
            if checked is None:
                continue
            candidates = [checked]
            if not re.search(r"(Z|[+-][0-9]{2}:?[0-9]{2})$", code.check_date):
                candidates.append(checked.replace(tzinfo=dt.UTC))
            now = self._now()
            if min(abs(now - c) for c in candidates) > CLOCK_TOLERANCE:
                log.warning("PC clock %s far from agent checkDate %s", now, code.check_date)
                return Message(
                    "เวลาของเครื่องนี้ไม่ตรงกับเวลาของ สปสช. — ให้ผู้ดูแลระบบตั้งเวลาเครื่อง",
                    "This PC's clock is far from NHSO's — ask IT to set the clock.",
                )
            return None
        return None

    def _reuse(self, attempt: int, code: LatestAuthen, warning: Message | None) -> AuthenOutcome:
        record = self.store.finish(attempt, REUSED, claim_code=code.claim_code)
        log.info("authen %s: today's code reused", mask_cid(record.pid))
        return AuthenOutcome(record, reused=True, clock_warning=warning)

    def _confirm(
        self, attempt: int, reading: AgentReading, claim_type: str, mobile: str, hn: str,
        hcode: str,
    ) -> AuthenOutcome:  # fmt: skip
        codes = self._codes(reading.pid)
        warning = self._clock_warning(codes)
        mine = self._reusable(codes, claim_type, hcode)
        if mine is not None:
            return self._reuse(attempt, mine, warning)
        request = ConfirmRequest(
            reading.pid, claim_type, mobile, reading.correlation_id, hn or None, hcode
        )
        try:
            result = self.client.confirm_save(request)
        except AgentRejected as refusal:
            return self._after_refusal(attempt, reading, claim_type, hcode, refusal, warning)
        if result.claim_type and result.claim_type != claim_type:
            raise AgentBadAnswer("confirm-save: field 'claimType' is not the one asked for")
        if result.pid and result.pid != reading.pid:
            raise AgentBadAnswer("confirm-save: field 'pid' is not the card's")
        record = self.store.finish(attempt, OK, claim_code=result.claim_code)
        log.info("authen %s: new claim code", mask_cid(record.pid))
        return AuthenOutcome(record, reused=False, clock_warning=warning)

    def _after_refusal(
        self, attempt: int, reading: AgentReading, claim_type: str, hcode: str,
        refusal: AgentRejected, warning: Message | None,
    ) -> AuthenOutcome:  # fmt: skip
        """NHSO refused: one look at the codes says why (once, no retry loop)."""
        try:
            codes = self._codes(reading.pid)
        except AgentError as exc:
            log.warning("lookup after a refusal failed: %s", type(exc).__name__)
            raise refusal from None
        mine = self._reusable(codes, claim_type, hcode)
        if mine is not None:  # another desk of ours got there first
            return self._reuse(attempt, mine, warning)
        theirs = self._held_elsewhere(codes, claim_type, hcode)
        if theirs is not None:
            name = theirs.hname
            for hospital in (reading.hosp_main, reading.hosp_sub, reading.hosp_main_op):
                if not name and hospital is not None and hospital.hcode == theirs.hcode:
                    name = hospital.name
            raise HeldByOtherHospital(theirs.hcode, theirs.claim_code, name) from refusal
        raise refusal
