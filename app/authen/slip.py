"""What the claim-code slip says. Rendering is the view's job (widgets/claim_slip.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.thai_format import THAI_MONTHS
from cardreader.cid import mask_cid

if TYPE_CHECKING:
    from app.authen.visit_log import Visit


@dataclass(frozen=True)
class Slip:
    clinic: str
    hcode: str
    patient: str
    cid_masked: str
    claim_type: str
    claim_type_name: str
    claim_code: str
    when: str  # Thai date and time
    staff: str
    hn: str = ""  # printed when staff entered one


def thai_datetime(iso: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    month = THAI_MONTHS[moment.month - 1]
    return f"{moment.day} {month} {moment.year + 543} เวลา {moment:%H:%M} น."


def slip_for(record: Visit, clinic: str) -> Slip:
    return Slip(
        clinic=clinic or f"หน่วยบริการ {record.hcode}",
        hcode=record.hcode,
        patient=record.patient_name,
        cid_masked=mask_cid(record.pid),
        claim_type=record.claim_type,
        claim_type_name=record.claim_type_name,
        claim_code=record.claim_code,
        when=thai_datetime(record.updated_at),
        staff=record.staff_name or "-",
        hn=record.hn,
    )
