"""The agent's answers as immutable values. Parsing is tolerant: unknown fields are
ignored, optional ones optional (nhso-interfaces.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from app.nhso.errors import AgentBadAnswer


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value).strip()


@dataclass(frozen=True)
class Terminal:
    name: str
    card_present: bool


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
    hcode = _text(value, "hcode")
    return Hospital(hcode, _text(value, "hname")) if hcode else None


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
    age: str
    claim_types: tuple[ClaimType, ...]
    correlation_id: str
    hosp_main: Hospital | None = None
    hosp_sub: Hospital | None = None
    check_date: str = ""
    image: str | None = field(default=None, repr=False)

    @classmethod
    def parse(cls, data: object) -> AgentReading:
        if not isinstance(data, dict):
            raise AgentBadAnswer("read: not a JSON object")
        pid = _text(data, "pid")
        if len(pid) != 13 or not pid.isdigit():
            raise AgentBadAnswer("read: no valid pid")
        claims = data.get("claimTypes") or []
        if not isinstance(claims, list):
            raise AgentBadAnswer("read: claimTypes is not a list")
        claim_types = tuple(
            ClaimType(_text(c, "claimType"), _text(c, "claimTypeName"))
            for c in claims
            if isinstance(c, dict) and _text(c, "claimType")
        )
        image = data.get("image")
        return cls(
            pid=pid,
            first_name=_text(data, "fname"),
            last_name=_text(data, "lname"),
            birth_date=_text(data, "birthDate"),
            sex=_text(data, "sex"),
            main_inscl=_text(data, "mainInscl"),
            sub_inscl=_text(data, "subInscl"),
            age=_text(data, "age"),
            claim_types=claim_types,
            correlation_id=_text(data, "correlationId"),
            hosp_main=_hospital(data.get("hospMain")),
            hosp_sub=_hospital(data.get("hospSub")),
            check_date=_text(data, "checkDate"),
            image=image if isinstance(image, str) and image else None,
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


@dataclass(frozen=True)
class ConfirmResult:
    pid: str
    claim_type: str
    claim_code: str
    created: str

    @classmethod
    def parse(cls, data: object) -> ConfirmResult:
        if not isinstance(data, dict) or not _text(data, "claimCode"):
            raise AgentBadAnswer("confirm-save: no claimCode in the answer")
        return cls(
            _text(data, "pid"), _text(data, "claimType"), _text(data, "claimCode"),
            _text(data, "createdDate"),
        )  # fmt: skip


def _date_of(value: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None


@dataclass(frozen=True)
class LatestAuthen:
    """A person's latest claim code; claim_code is "" when they have none."""

    claim_type: str
    claim_code: str
    hcode: str
    claim_date_time: str
    check_date: str

    @classmethod
    def parse(cls, data: object) -> LatestAuthen:
        if not isinstance(data, dict):
            raise AgentBadAnswer("latest-authen-code: not a JSON object")
        return cls(
            _text(data, "claimType"), _text(data, "claimCode"), _text(data, "hcode"),
            _text(data, "claimDateTime"), _text(data, "checkDate"),
        )  # fmt: skip

    @property
    def is_today(self) -> bool:
        """Issued on the server's 'today' (checkDate), not this PC's clock."""
        if not self.claim_code:
            return False
        claimed = _date_of(self.claim_date_time)
        today = _date_of(self.check_date) or dt.date.today()
        return claimed is not None and claimed == today
