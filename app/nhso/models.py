"""The agent's answers as immutable values.

Parsing is tolerant where real agents vary (docs/nhso-agent.md §1): unknown fields are
ignored, optional ones optional, a single object accepted where a list is expected, dates
with or without offset and fractions. It is strict where a wrong value would do harm: a
required field missing or malformed is an "unreadable answer" naming the field; a claim
code, correlation id or claim type must have a sane shape and length before anything
shows or sends it; text for staff is stripped of control characters and cut short.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from app.clock import BANGKOK
from app.nhso.errors import AgentBadAnswer
from app.nhso.http import clean_message
from cardreader.cid import mask_cid

TEXT_MAX = 200
# re.ASCII: \d would let Thai digits through, and none of these may hold them.
PID_RE = re.compile(r"[0-9]{13}", re.ASCII)
CLAIM_CODE_RE = re.compile(r"[A-Z]{2}[0-9A-Z]{4,30}", re.ASCII)  # PP…, EP…, any code seen
# A claim code: PP + 10 digits (docs/nhso-agent.md, "Rules the flow follows") - one rule
# for confirm-save's answer, for reuse (latest-*) and for the status service.
PP_CODE_RE = re.compile(r"PP[0-9]{10}", re.ASCII)
CONFIRMED_CODE_RE = PP_CODE_RE
CORRELATION_RE = re.compile(r"[A-Za-z0-9-]{8,64}", re.ASCII)
CLAIM_TYPE_RE = re.compile(r"[A-Z0-9]{3,20}", re.ASCII)
HCODE_RE = re.compile(r"[0-9A-Za-z]{1,10}", re.ASCII)


def _text(data: dict[str, Any], key: str, limit: int = TEXT_MAX) -> str:
    """A scalar field as display-safe text; objects and lists count as absent."""
    value = data.get(key)
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return clean_message(value, limit)


def _shaped(data: dict[str, Any], key: str, pattern: re.Pattern[str]) -> str:
    """The field if it has the expected shape, else ""."""
    value = data.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return ""
    value = value.strip()
    return value if pattern.fullmatch(value) else ""


def _required(call: str, data: dict[str, Any], key: str, pattern: re.Pattern[str]) -> str:
    value = _shaped(data, key, pattern)
    if not value:
        state = "missing" if data.get(key) in (None, "") else "malformed"
        raise AgentBadAnswer(f"{call}: field '{key}' {state}")
    return value


def as_list(data: object, call: str) -> list[Any]:
    """A list where real agents sometimes send one object (latest-5, /terminals), or null."""
    if data is None:
        return []
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("data", "items", "terminals", "result"):
            if isinstance(data.get(key), list):
                return list(data[key])
        return [data] if data else []
    raise AgentBadAnswer(f"{call}: neither a list nor an object")


def agent_datetime(value: object) -> dt.datetime | None:
    """An agent date read as Bangkok time: '2025-11-07T17:26:31' (no offset: Bangkok),
    with fractions of any length, with an offset or 'Z' (converted to Bangkok)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace(" ", "T", 1)
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    text = re.sub(r"(\.[0-9]{6})[0-9]+", r"\1", text)  # nanoseconds from Java
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = dt.datetime.combine(dt.date.fromisoformat(text[:10]), dt.time())
        except ValueError:
            return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=BANGKOK)
    try:
        return parsed.astimezone(BANGKOK)
    except OverflowError:  # 9999-12-31T20:00:00Z is past Bangkok's year 9999: unreadable
        return None


@dataclass(frozen=True)
class Terminal:
    name: str
    card_present: bool

    @staticmethod
    def parse_all(data: object) -> list[Terminal]:
        return [
            Terminal(_text(t, "terminalName"), t.get("isPresent") is True)
            for t in as_list(data, "terminals")
            if isinstance(t, dict)
        ]


@dataclass(frozen=True)
class ClaimType:
    code: str
    name: str


@dataclass(frozen=True)
class Hospital:
    hcode: str
    name: str


def _hospital(value: object) -> Hospital | None:
    if not isinstance(value, dict):
        return None
    hcode = _shaped(value, "hcode", HCODE_RE)
    return Hospital(hcode, _text(value, "hname")) if hcode else None


def _claim_types(call: str, data: dict[str, Any], required: bool) -> tuple[ClaimType, ...]:
    raw = data.get("claimTypes")
    if raw is None:
        if required:
            raise AgentBadAnswer(f"{call}: field 'claimTypes' missing")
        return ()
    if not isinstance(raw, (list, dict)):
        raise AgentBadAnswer(f"{call}: field 'claimTypes' malformed")
    found: dict[str, ClaimType] = {}
    for item in as_list(raw, call):
        if isinstance(item, dict):
            code = _shaped(item, "claimType", CLAIM_TYPE_RE)
            if code and code not in found:
                found[code] = ClaimType(code, _text(item, "claimTypeName") or code)
    return tuple(found.values())


@dataclass(frozen=True)
class AgentReading:
    """What /read (rights checked online) or /read-card-only returns for the card."""

    pid: str
    first_name: str
    last_name: str
    birth_date: str  # as the agent sends it (BE yyyymmdd)
    sex: str
    main_inscl: str
    sub_inscl: str
    age: str  # Thai text, e.g. "54 ปี 4 เดือน 22 วัน"
    claim_types: tuple[ClaimType, ...]
    correlation_id: str
    hosp_main: Hospital | None = None
    hosp_sub: Hospital | None = None
    check_date: str = ""
    image: str | None = field(default=None, repr=False)
    title_code: str = ""  # "003" etc., a code, not the title text
    nation: str = ""
    paid_model: str = ""
    rights_start: dt.datetime | None = None  # the rights' own dates, not today
    rights_end: dt.datetime | None = None
    hosp_main_op: Hospital | None = None

    @classmethod
    def parse(cls, data: object, call: str = "read", online: bool = True) -> AgentReading:
        if not isinstance(data, dict):
            raise AgentBadAnswer(f"{call}: not a JSON object")
        pid = _required(call, data, "pid", PID_RE)
        correlation = (
            _required(call, data, "correlationId", CORRELATION_RE)
            if online
            else _shaped(data, "correlationId", CORRELATION_RE)
        )
        image = data.get("image")
        return cls(
            pid=pid,
            first_name=_text(data, "fname"),
            last_name=_text(data, "lname"),
            birth_date=_text(data, "birthDate", 20),
            sex=_text(data, "sex", 20),
            main_inscl=_text(data, "mainInscl"),
            sub_inscl=_text(data, "subInscl"),
            age=_text(data, "age", 60),
            claim_types=_claim_types(call, data, required=online),
            correlation_id=correlation,
            hosp_main=_hospital(data.get("hospMain")),
            hosp_sub=_hospital(data.get("hospSub")),
            check_date=_text(data, "checkDate", 40),
            image=image if isinstance(image, str) and image else None,
            title_code=_text(data, "titleName", 20),
            nation=_text(data, "nation", 20),
            paid_model=_text(data, "paidModel", 20),
            rights_start=agent_datetime(data.get("startDateTime")),
            rights_end=agent_datetime(data.get("expireDateTime")),
            hosp_main_op=_hospital(data.get("hospMainOp")),
        )


@dataclass(frozen=True)
class ConfirmRequest:
    pid: str
    claim_type: str
    mobile: str
    correlation_id: str
    hn: str | None = None
    hcode: str | None = None

    def to_json(self) -> dict[str, str]:
        body = {
            "pid": self.pid,
            "claimType": self.claim_type,
            "mobile": self.mobile,
            "correlationId": self.correlation_id,
        }
        if self.hn:
            body["hn"] = self.hn
        if self.hcode:
            body["hcode"] = self.hcode
        return body


def normalise_pid(value: object) -> str:
    """A pid as NHSO may write it ('1-1017-00123-45-6', ' 1101700123456 ', a number) as 13
    ASCII digits; "" when it is none of those."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return ""
    digits = value.strip().replace("-", "").replace(" ", "")
    return digits if PID_RE.fullmatch(digits) else ""


def _mask_any(text: str) -> str:
    """Something in the pid field that is not a pid, masked as a CID would be (the first
    character and the last four): it may still be most of someone's ID."""
    return "x" * len(text) if len(text) <= 5 else f"{text[0]}{'x' * (len(text) - 5)}{text[-4:]}"


@dataclass(frozen=True)
class ConfirmResult:
    """confirm-save's answer as NHSO sent it: the flow decides whether it is the patient's
    code (app.authen.flow). `claim_code` is the trimmed text, checked there against
    CONFIRMED_CODE_RE; `pid` is normalised ("" when absent or not a pid) and `named_pid`
    the masked form of whatever pid text the answer held."""

    pid: str
    claim_type: str
    claim_code: str
    created: str
    named_pid: str = ""

    @classmethod
    def parse(cls, data: object) -> ConfirmResult:
        call = "confirm-save"
        if not isinstance(data, dict):
            raise AgentBadAnswer(f"{call}: not a JSON object")
        code = _text(data, "claimCode", 40).strip()
        if not code:
            raise AgentBadAnswer(f"{call}: field 'claimCode' missing")
        created = _text(data, "createdDate", 40) or _text(data, "createDate", 40)
        pid = normalise_pid(data.get("pid"))
        named = mask_cid(pid) if pid else _mask_any(_text(data, "pid", 40))
        return cls(pid, _text(data, "claimType", 40), code, created, named)


@dataclass(frozen=True)
class LatestAuthen:
    """One code of a person, as latest-authen-code and latest-5 answer it; claim_code is ""
    when they have none (or it was malformed)."""

    claim_type: str
    claim_code: str
    hcode: str
    claim_date_time: str
    check_date: str
    hname: str = ""

    @classmethod
    def parse(cls, data: object, call: str = "latest-authen-code") -> LatestAuthen:
        if not isinstance(data, dict):
            raise AgentBadAnswer(f"{call}: not a JSON object")
        return cls(
            _shaped(data, "claimType", CLAIM_TYPE_RE),
            _shaped(data, "claimCode", CLAIM_CODE_RE),
            _shaped(data, "hcode", HCODE_RE),
            _text(data, "claimDateTime", 40),
            _text(data, "checkDate", 40),
            _text(data, "hname") or _text(data, "hospName") or _text(data, "hospitalName"),
        )

    @classmethod
    def parse_many(cls, data: object, call: str = "latest-5") -> list[LatestAuthen]:
        return [cls.parse(item, call) for item in as_list(data, call) if isinstance(item, dict)]

    @property
    def is_claim_code(self) -> bool:
        """A PP code: the only kind that is a claim code (EP… closes a claim)."""
        return bool(PP_CODE_RE.fullmatch(self.claim_code))

    @property
    def claimed_at(self) -> dt.datetime | None:
        return agent_datetime(self.claim_date_time)

    @property
    def checked_at(self) -> dt.datetime | None:
        """The server's clock; may be UTC (unresolved), so only a cross-check of ours."""
        return agent_datetime(self.check_date)

    def issued_on(self, day: dt.date) -> bool:
        """Issued on `day` in Bangkok, by the code's own claimDateTime."""
        claimed = self.claimed_at
        return bool(self.claim_code) and claimed is not None and claimed.date() == day
