"""The cardless path: the card cannot be read, so staff type the 13-digit ID.

The NHSO agent confirms only a card it has read itself, so no new claim code can be asked
for. What NHSO does allow: look the person up with the authen-status service (token
"authen"). When today's code for our hospital already exists (the patient confirmed
through another channel), it is recorded in the log as an imported code for this visit;
otherwise the visit is logged as cardless, with no code, and staff are told the channels
NHSO offers. Either way the log marks the ID as typed, not read.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from app.authen.errors import InvalidInput
from app.authen.flow import validate_hcode
from app.authen.visit_log import CARDLESS, FLAGGED, IMPORTED, TYPED, Visit, VisitStore
from app.message import Message
from app.nhso.models import normalise_pid
from app.redact import mask_cids
from app.staff.session import StaffMember
from app.words import authen as words
from cardreader.cid import is_valid_cid, mask_cid

log = logging.getLogger(__name__)

AGENT_NEEDS_A_CARD = words.AGENT_NEEDS_A_CARD
NHSO_CHANNELS = words.NHSO_CHANNELS
NOT_A_CID = words.NOT_A_CID


class StatusLookup(Protocol):
    """The part of AuthenStatusClient the cardless path uses."""

    def check(self, pid: str, day: dt.date, service_code: str | None = None) -> object: ...


@dataclass(frozen=True)
class CardlessOutcome:
    record: Visit
    imported: bool  # today's code for our hospital was found and recorded
    message: Message
    clock_warning: Message | None = None  # the PC's clock is far off NHSO's


def validate_cid(cid: str) -> str:
    cid = cid.strip().replace("-", "").replace(" ", "")
    if not is_valid_cid(cid):
        raise InvalidInput(NOT_A_CID)
    return cid


def look_up(
    cid: str,
    hcode: str | None,
    status: Callable[[], StatusLookup],
    store: VisitStore,
    day: dt.date,
    staff: StaffMember | None = None,
) -> CardlessOutcome:
    """Raises InvalidInput (nothing logged) or the status client's StatusError (the visit
    is logged as cardless first, with the reason)."""
    from app.nhso.errors import StatusError
    from app.nhso.status_client import AuthenStatus

    cid = validate_cid(cid)
    hcode = validate_hcode(hcode)
    visit = store.begin(
        pid=cid, patient_name="", hcode=hcode, id_source=TYPED,
        staff_cid=staff.cid if staff else "", staff_name=staff.name if staff else "",
    )  # fmt: skip
    try:
        lookup = status()
        answer = lookup.check(cid, day)
    except StatusError as exc:
        store.finish(visit, CARDLESS, error_kind=type(exc).__name__, error_message=str(exc)[:500])
        raise
    assert isinstance(answer, AuthenStatus)
    named = {"patient_name": name} if (name := answer.name_for(cid)) else {}
    warning = _clock_warning(getattr(lookup, "last_server_time", None))
    mine = answer.claim_codes_for(hcode, day)  # PP only: never an EP close-claim code
    answer_pid = normalise_pid(answer.personal_id)
    if mine and answer_pid != cid:
        # Not this person's answer (another's or no personal id): nothing is imported; what
        # NHSO said stays in the log, flagged, as the authen path keeps a flagged answer.
        shown = mask_cid(answer_pid) if answer_pid else mask_cids(answer.personal_id)[:40]
        record = store.finish(
            visit, FLAGGED, claim_code=mine[0].claim_code, answer_pid=shown,
            error_kind="answer_other_pid" if shown else "answer_no_pid",
            error_message=mask_cids(
                f"NOT this patient's code: status answer named {shown or 'no pid'}"
            )[:500],
        )  # fmt: skip
        log.warning("cardless %s: status answer names %s: nothing imported",
                    mask_cid(cid), shown or "no pid")  # fmt: skip
        return CardlessOutcome(record, False, words.CARDLESS_ANSWER_NOT_THIS_PERSON, warning)
    if mine:
        found = mine[0]
        record = store.finish(
            visit, IMPORTED, claim_code=found.claim_code, claim_type=found.service_code,
            claim_type_name=found.service_name, **named,
        )  # fmt: skip
        return CardlessOutcome(
            record,
            True,
            words.cardless_code_found(found.claim_code),
            warning,
        )
    record = store.finish(visit, CARDLESS, **named)
    return CardlessOutcome(
        record,
        False,
        words.CARDLESS_NO_CODE,
        warning,
    )


def _clock_warning(server: object) -> Message | None:
    """NHSO's Date header against the PC's clock: the warning, with the offset, when more
    than CLOCK_SKEW_LIMIT apart."""
    from app import clock

    if not isinstance(server, dt.datetime):
        return None
    offset = clock.plausible_skew(server, clock.now())  # an implausible Date is no clock
    if offset is None or abs(offset) <= clock.CLOCK_SKEW_LIMIT:
        return None
    return words.clock_off(offset)
