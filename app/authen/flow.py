"""The front-desk authen decisions, free of Qt and of any screen.

Before asking NHSO for a new code, latest-authen-code decides: today's code from our hcode
for the same claim type is reused (no new request); today's code from another hospital
stops the flow (that hospital must cancel it); otherwise confirm-save issues one. A 400
from confirm-save falls back to the same lookup. Every attempt is logged before anything is
sent and updated with its outcome, so nothing is lost.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from app.authen.errors import AgentReadAnotherCard, HeldByOtherHospital, InvalidInput
from app.authen.visit_log import FAILED, OK, REUSED, Visit, VisitStore
from app.message import Message
from app.nhso.agent_client import AgentClient
from app.nhso.errors import AgentError, AgentRejected
from app.nhso.models import AgentReading, ConfirmRequest, LatestAuthen
from app.staff.session import StaffMember
from cardreader.cid import mask_cid

log = logging.getLogger(__name__)

PREFERRED_CLAIM_TYPE = "PG0060001"
HN_MAX = 20


@dataclass(frozen=True)
class RightsCheck:
    reading: AgentReading
    preselected: str | None
    last_mobile: str | None


@dataclass(frozen=True)
class AuthenOutcome:
    record: Visit
    reused: bool

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
    mobile = mobile.strip().replace("-", "").replace(" ", "")
    if len(mobile) != 10 or not mobile.isascii() or not mobile.isdigit():
        raise InvalidInput(
            Message(
                "เบอร์มือถือต้องเป็นตัวเลข 10 หลัก เช่น 0812345678",
                "The mobile number must be exactly 10 digits, e.g. 0812345678.",
            )
        )
    return mobile


def validate_hcode(hcode: str | None) -> str:
    if hcode is None or len(hcode) != 5 or not hcode.isdigit():
        raise InvalidInput(
            Message(
                "ยังไม่ได้ตั้งรหัสหน่วยบริการ 5 หลัก — ให้ผู้ดูแลระบบตั้งค่าก่อน",
                "The 5-digit hospital code is not set — ask IT to set it first.",
            )
        )
    return hcode


class AuthenFlow:
    def __init__(
        self,
        client: AgentClient,
        store: VisitStore,
        hcode: str | None,
    ) -> None:
        self.client = client
        self.store = store
        self.hcode = hcode

    def check_rights(self, expected_pid: str | None = None) -> RightsCheck:
        reading = self.client.read(with_image=False)
        if expected_pid is not None and reading.pid != expected_pid:
            raise AgentReadAnotherCard(f"agent read {mask_cid(reading.pid)}")
        codes = [c.code for c in reading.claim_types]
        preselected = PREFERRED_CLAIM_TYPE if PREFERRED_CLAIM_TYPE in codes else None
        if preselected is None and len(codes) == 1:
            preselected = codes[0]
        return RightsCheck(reading, preselected, self.store.last_mobile(reading.pid))

    def _decide(self, latest: LatestAuthen, claim_type: str, hcode: str) -> str:
        if not latest.is_today:
            return "new"
        if latest.hcode and latest.hcode != hcode:
            return "other"
        return "reuse" if latest.claim_type == claim_type else "new"

    def confirm(
        self,
        reading: AgentReading,
        claim_type: str,
        mobile: str,
        hn: str = "",
        staff: StaffMember | None = None,
    ) -> AuthenOutcome:
        """`staff` is who serves, as the desk knew it when confirm was pressed."""
        mobile = validate_mobile(mobile)
        hcode = validate_hcode(self.hcode)
        hn = hn.strip()
        if len(hn) > HN_MAX:
            raise InvalidInput(
                Message(f"HN ยาวเกิน {HN_MAX} ตัวอักษร", f"HN over {HN_MAX} characters.")
            )
        names = {c.code: c.name for c in reading.claim_types}
        if claim_type not in names:
            raise InvalidInput(
                Message(
                    "ประเภทการเข้ารับบริการนี้ไม่อยู่ในสิทธิของผู้รับบริการ — เลือกจากรายการ",
                    "This claim type is not among the patient's rights — choose from the list.",
                )
            )
        attempt = self.store.begin(
            pid=reading.pid,
            patient_name=f"{reading.first_name} {reading.last_name}".strip(),
            claim_type=claim_type,
            claim_type_name=names[claim_type],
            mobile=mobile,
            hn=hn,
            hcode=hcode,
            staff_cid=staff.cid if staff else "",
            staff_name=staff.name if staff else "",
        )
        try:
            return self._confirm(attempt, reading, claim_type, mobile, hn, hcode)
        except HeldByOtherHospital as exc:
            self.store.finish(
                attempt, FAILED, error_kind="other_hospital",
                error_message=f"hcode {exc.hcode}", claim_code="",
            )  # fmt: skip
            raise
        except AgentError as exc:
            self.store.finish(
                attempt, FAILED, error_kind=type(exc).__name__, error_message=str(exc)[:500]
            )
            raise

    def _reuse_or_stop(
        self, attempt: int, latest: LatestAuthen, claim_type: str, hcode: str
    ) -> AuthenOutcome | None:
        decision = self._decide(latest, claim_type, hcode)
        if decision == "reuse":
            record = self.store.finish(attempt, REUSED, claim_code=latest.claim_code)
            log.info("authen %s: today's code reused", mask_cid(record.pid))
            return AuthenOutcome(record, reused=True)
        if decision == "other":
            raise HeldByOtherHospital(latest.hcode, latest.claim_code)
        return None

    def _confirm(
        self, attempt: int, reading: AgentReading, claim_type: str, mobile: str, hn: str,
        hcode: str,
    ) -> AuthenOutcome:  # fmt: skip
        done = self._reuse_or_stop(
            attempt, self.client.latest_authen_code(reading.pid), claim_type, hcode
        )
        if done is not None:
            return done
        request = ConfirmRequest(
            reading.pid, claim_type, mobile, reading.correlation_id, hn or None, hcode
        )
        try:
            result = self.client.confirm_save(request)
        except AgentRejected:
            done = self._reuse_or_stop(
                attempt, self.client.latest_authen_code(reading.pid), claim_type, hcode
            )
            if done is not None:
                return done
            raise
        record = self.store.finish(attempt, OK, claim_code=result.claim_code)
        log.info("authen %s: new claim code", mask_cid(record.pid))
        return AuthenOutcome(record, reused=False)
