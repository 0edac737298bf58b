"""The front-desk authen decisions, free of Qt and of any screen.

As real agents behave (docs/nhso-agent.md §1):
- Same-day reuse is decided by claim type from latest-5-authen-code-all-hospital
  (latest-authen-code only as a fallback: it shows just the newest code, which may be an
  EP close-claim code or another claim type). Only a PP code of the asked claim type,
  issued by our hospital on today's Bangkok date (its own claimDateTime, today by the PC's
  clock) is reused; nothing else is ever handed back as a claim code.
- Another hospital's code today does not stop us: confirm as usual. Only when NHSO refuses
  do we look at the codes again and name the hospital that holds today's code.
- The PC's clock is compared with the agent's and NHSO's on every answer (the HTTP Date,
  checkDate, confirm-save's createdDate): more than 5 minutes off is a warning with the
  offset, and "today" for reuse is then NHSO's Bangkok day, not the PC's.
- A confirm answer is this patient's code only when it names this card's pid (digits
  normalised), the claim type asked, and a code of PP + 10 digits. Anything else is
  refused (AnswerFlagged) and kept in the log as a flagged row with the masked pid NHSO
  named: never shown or logged as this patient's code, never dropped.
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

from app import clock
from app.authen.errors import (
    AgentReadAnotherCard,
    AnswerFlagged,
    HeldByOtherHospital,
    InvalidInput,
    VisitLogUnavailable,
)
from app.authen.visit_log import FAILED, FLAGGED, OK, REUSED, Visit, VisitStore
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
from app.nhso.models import (
    CLAIM_TYPE_RE,
    CONFIRMED_CODE_RE,
    AgentReading,
    ConfirmRequest,
    ConfirmResult,
    LatestAuthen,
    agent_datetime,
)
from app.redact import mask_cids
from app.settings.errors import HcodeNotSet
from app.settings.model import required_hcode
from app.staff.session import StaffMember
from app.words import authen as words
from cardreader.cid import mask_cid

log = logging.getLogger(__name__)

PREFERRED_CLAIM_TYPE = "PG0060001"
HN_MAX = 20
ERROR_MESSAGE_MAX = 500
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
    clock_warning: Message | None = None  # the PC's clock is far off the agent's
    # Today's code already held by another hospital (latest-5 said so before Enter).
    held_elsewhere: HeldByOtherHospital | None = None

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
        raise InvalidInput(words.BAD_MOBILE)
    return cleaned


def validate_hcode(hcode: str | None) -> str:
    hcode = required_hcode(hcode)
    if not re.fullmatch(r"[0-9]{5}", hcode, re.ASCII):
        raise InvalidInput(words.HCODE_MALFORMED)
    return hcode


def validate_hn(hn: str) -> str:
    """HN is optional free text, but it goes to NHSO: printable, valid text, short."""
    hn = hn.strip()
    try:
        hn.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes on the command line
        raise InvalidInput(words.HN_NOT_TEXT) from None
    if not hn.isprintable():
        raise InvalidInput(words.HN_CONTROL_CHARACTERS)
    if len(hn) > HN_MAX:
        raise InvalidInput(words.hn_too_long(HN_MAX))
    return hn


def validate_agent_url(url: str) -> str:
    """http(s)://host[:port][/path], nothing else: a typo must not become a request to a
    surprising place, nor an "unexpected error"."""
    bad = InvalidInput(words.AGENT_URL_MALFORMED)
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


def _error_kind(error: BaseException) -> str:
    return "other_hospital" if isinstance(error, HeldByOtherHospital) else type(error).__name__


def _error_text(error: BaseException) -> str:
    return mask_cids(str(error))[:ERROR_MESSAGE_MAX]


def _server_time_offset(text: str, pc: dt.datetime) -> dt.timedelta | None:
    """checkDate / createdDate - PC. Without an offset either may be Bangkok's or UTC's
    wall time (docs/nhso-agent.md: unresolved): the reading closer to the PC's clock counts,
    so only a clock far from both is off."""
    checked = agent_datetime(text)
    if checked is None:
        return None
    offsets = [clock.skew(checked, pc)]
    if not re.search(r"(Z|[+-][0-9]{2}:?[0-9]{2})$", text.strip(), re.IGNORECASE):
        offsets.append(clock.skew(checked.replace(tzinfo=None).replace(tzinfo=dt.UTC), pc))
    return min(offsets, key=abs)


def _answer_problem(result: ConfirmResult, pid: str, claim_type: str) -> str | None:
    """Why confirm-save's answer is not this patient's code, or None when it is."""
    if not result.pid:
        return "other_pid" if result.named_pid else "no_pid"
    if result.pid != pid:
        return "other_pid"
    if not result.claim_type:  # the reference: the answer holds claimType (sure)
        return "no_claim_type"
    if result.claim_type != claim_type:
        return "other_claim_type"
    if not CONFIRMED_CODE_RE.fullmatch(result.claim_code):
        return "bad_code"
    return None


def _flag_text(problem: str, result: ConfirmResult) -> str:
    """The flagged row's note for clinic IT: what NHSO named, no full ID."""
    named = result.named_pid or "no pid"
    return mask_cids(
        f"NOT this patient's code: {problem}; NHSO named {named}, claim type "
        f"{result.claim_type or '-'}, code {result.claim_code}"
    )[:ERROR_MESSAGE_MAX]


class AuthenFlow:
    def __init__(
        self,
        client: AgentClient,
        store: VisitStore,
        hcode: str | None,
        now: Callable[[], dt.datetime] = clock.now,
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
        self.clock_offset: dt.timedelta | None = None  # agent - PC, when beyond the limit

    def today(self) -> dt.date:
        """Bangkok's date by the PC's clock, or by the agent's when the PC's is found off."""
        now = self._now()
        if self.clock_offset is not None:
            try:
                now += self.clock_offset
            except OverflowError:  # cannot happen with a plausible offset; the PC's then
                self.clock_offset = None
        return clock.as_bangkok(now).date()

    def _observe_clock(self, *times: dt.datetime | str | None) -> None:
        """Compare the PC's clock with the last answer: its HTTP Date header, and the
        times NHSO wrote in it (createdDate; checkDate, which may be UTC without an offset,
        so the closer reading counts). The farthest decides: beyond the limit the offset is
        kept (for the warning and for "today"); all within it clears it. A time more than
        clock.PLAUSIBLE_SKEW from the PC's (a sentinel 1970-01-01, a year 9999) is logged as
        implausible and ignored. Never raises: it runs after answers that must be logged."""
        try:
            self._observe_clock_or_raise(*times)
        except (OverflowError, ValueError, TypeError) as exc:
            log.warning("server time not readable, ignored: %s", type(exc).__name__)

    def _observe_clock_or_raise(self, *times: dt.datetime | str | None) -> None:
        pc = self._now()
        offsets: list[dt.timedelta] = []
        header = getattr(self.client, "last_server_time", None)
        if isinstance(header, dt.datetime):
            offsets.append(clock.skew(header, pc))
        for value in times:
            if isinstance(value, str):
                offset = _server_time_offset(value, pc)
                if offset is not None:
                    offsets.append(offset)
            elif value is not None:
                offsets.append(clock.skew(value, pc))
        implausible = [o for o in offsets if abs(o) > clock.PLAUSIBLE_SKEW]
        if implausible:
            log.warning("server time implausible, ignored: %s from the PC's",
                        clock.skew_text(max(implausible, key=abs)))  # fmt: skip
        offsets = [o for o in offsets if abs(o) <= clock.PLAUSIBLE_SKEW]
        if not offsets:
            return
        worst = max(offsets, key=abs)
        if abs(worst) <= clock.CLOCK_SKEW_LIMIT:
            self.clock_offset = None
            return
        if self.clock_offset is None:
            log.warning("PC clock off from the agent's/NHSO's by %s", clock.skew_text(worst))
        self.clock_offset = worst

    @property
    def clock_warning(self) -> Message | None:
        """The warning for staff, with the offset, when the PC's clock was found off."""
        if self.clock_offset is None:
            return None
        return words.clock_off(self.clock_offset)

    # --- step 1: rights ---------------------------------------------------------------
    def check_rights(
        self,
        expected_pid: str | None = None,
        staff: StaffMember | None = None,
        just_inserted: bool = False,
        patient_name: str = "",
    ) -> RightsCheck:
        """Reads the card through the agent. A failure is logged as a visit with its reason
        before it is raised. `just_inserted`: let the card settle before the first /read.
        `patient_name`: the name the desk read from the card, logged with a failure."""
        reading: AgentReading | None = None
        try:
            validate_hcode(self.hcode)
            self._require_reader()
            reading = self.client.read(
                with_image=False, settle=SETTLE_AFTER_INSERT if just_inserted else 0.0
            )
            self._observe_clock(reading.check_date)
            if expected_pid is not None and reading.pid != expected_pid:
                raise AgentReadAnotherCard(f"agent read {mask_cid(reading.pid)}")
        except (InvalidInput, HcodeNotSet, AgentError, AgentReadAnotherCard) as exc:
            pid = expected_pid or ""
            name = patient_name if expected_pid is not None else ""
            if reading is not None and expected_pid is None:
                pid, name = reading.pid, f"{reading.first_name} {reading.last_name}".strip()
            self._log_failed_rights(exc, pid, name, staff)
            raise
        codes = [c.code for c in reading.claim_types]
        preselected = PREFERRED_CLAIM_TYPE if PREFERRED_CLAIM_TYPE in codes else None
        if preselected is None and len(codes) == 1:
            preselected = codes[0]
        mobile, source = self._prefill_mobile(reading.pid)
        return RightsCheck(reading, preselected, mobile, source, self.clock_warning)

    def held_elsewhere(
        self, reading: AgentReading, claim_type: str | None
    ) -> HeldByOtherHospital | None:
        """Before Enter: does another hospital hold today's code? One latest-5 look; an
        agent that cannot answer it says nothing here (Enter will still find out)."""
        hcode = self.hcode or ""
        try:
            codes = self._codes(reading.pid)
        except AgentError as exc:
            log.info("latest-5 before Enter failed: %s", type(exc).__name__)
            return None
        if claim_type is not None and self._reusable(codes, claim_type, hcode) is not None:
            return None  # ours already: Enter reuses it
        theirs = self._held_elsewhere(codes, claim_type or "", hcode)
        if theirs is None:
            return None
        name = theirs.hname
        for hospital in (reading.hosp_main, reading.hosp_sub, reading.hosp_main_op):
            if not name and hospital is not None and hospital.hcode == theirs.hcode:
                name = hospital.name
        return HeldByOtherHospital(theirs.hcode, theirs.claim_code, name)

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
            raise InvalidInput(words.CLAIM_TYPE_NOT_ALLOWED)
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
                # Another desk of this clinic coded them today (never a flagged row's code:
                # that one was not theirs).
                if theirs is not None and theirs.patient_code:
                    record = self.store.finish(attempt, REUSED, claim_code=theirs.patient_code)
                    log.info("authen %s: today's code from desk %s", mask_cid(record.pid),
                             theirs.desk)  # fmt: skip
                    return AuthenOutcome(record, reused=True, clock_warning=self.clock_warning)
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
            codes = self.client.latest_5(pid)
            self._observe_clock(*(c.check_date for c in codes))
            return codes
        except (AgentServiceFailed, AgentBadAnswer) as exc:
            log.warning("latest-5 failed (%s); falling back to latest-authen-code", exc)
        latest = self.client.latest_authen_code(pid)
        self._observe_clock(latest.check_date)
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

    def _reuse(self, attempt: int, code: LatestAuthen) -> AuthenOutcome:
        record = self.store.finish(attempt, REUSED, claim_code=code.claim_code)
        log.info("authen %s: today's code reused", mask_cid(record.pid))
        return AuthenOutcome(record, reused=True, clock_warning=self.clock_warning)

    def _confirm(
        self, attempt: int, reading: AgentReading, claim_type: str, mobile: str, hn: str,
        hcode: str,
    ) -> AuthenOutcome:  # fmt: skip
        codes = self._codes(reading.pid)
        mine = self._reusable(codes, claim_type, hcode)
        if mine is not None:
            return self._reuse(attempt, mine)
        request = ConfirmRequest(
            reading.pid, claim_type, mobile, reading.correlation_id, hn or None, hcode
        )
        try:
            result = self.client.confirm_save(request)
        except AgentRejected as refusal:
            self._observe_clock()
            return self._after_refusal(attempt, reading, claim_type, hcode, refusal)
        # NHSO issued a code: it is written before anything else may go wrong (the clock
        # check after it never raises).
        problem = _answer_problem(result, reading.pid, claim_type)
        if problem is not None:
            record = self.store.finish(
                attempt, FLAGGED, claim_code=result.claim_code, answer_pid=result.named_pid,
                error_kind="answer_" + problem, error_message=_flag_text(problem, result),
            )  # fmt: skip
            self._observe_clock(result.created)
            # The code is not written here: it is not this patient's (the log row holds it).
            log.warning("authen %s: NHSO's answer flagged (%s, named %s)",
                        mask_cid(reading.pid), problem, result.named_pid or "no pid")  # fmt: skip
            raise AnswerFlagged(problem, result.named_pid, record)
        record = self.store.finish(attempt, OK, claim_code=result.claim_code)
        self._observe_clock(result.created)
        log.info("authen %s: new claim code", mask_cid(record.pid))
        return AuthenOutcome(record, reused=False, clock_warning=self.clock_warning)

    def _after_refusal(
        self, attempt: int, reading: AgentReading, claim_type: str, hcode: str,
        refusal: AgentRejected,
    ) -> AuthenOutcome:  # fmt: skip
        """NHSO refused: one look at the codes says why (once, no retry loop)."""
        try:
            codes = self._codes(reading.pid)
        except AgentError as exc:
            log.warning("lookup after a refusal failed: %s", type(exc).__name__)
            raise refusal from None
        mine = self._reusable(codes, claim_type, hcode)
        if mine is not None:  # another desk of ours got there first
            return self._reuse(attempt, mine)
        theirs = self._held_elsewhere(codes, claim_type, hcode)
        if theirs is not None:
            name = theirs.hname
            for hospital in (reading.hosp_main, reading.hosp_sub, reading.hosp_main_op):
                if not name and hospital is not None and hospital.hcode == theirs.hcode:
                    name = hospital.name
            raise HeldByOtherHospital(theirs.hcode, theirs.claim_code, name) from refusal
        raise refusal
