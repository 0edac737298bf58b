"""The window's authen flow (through TaskRunner's thread-bound store) also looks in the
shared store before confirming: a patient coded at desk A gets that code at desk B; a
flagged answer at desk A (NHSO's code, not this patient's) reaches desk B flagged and is
never handed to the patient there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import clock
from app.authen.errors import AnswerFlagged
from app.authen.flow import AuthenFlow, AuthenOutcome
from app.authen.visit_log import FLAGGED, OK, VisitLog
from app.demo.simulated_agent import OTHER_CARD_PID
from app.nhso.agent_client import AgentClient
from app.qt.tasks import TaskRunner
from app.store.visits import SharedVisitLog
from cardreader.cid import mask_cid
from tests.store.conftest import store_for
from tests.support.agent import OUR_HCODE, AgentRig, agent_rig
from tests.support.mariadb import MariaDBServer

NOW = dt.datetime(2026, 11, 22, 10, 30, tzinfo=clock.BANGKOK)  # the agents' clock too
SOMCHAI = "1101700123456"


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    with clock.frozen(NOW):
        yield


def confirm_in_desk_b_window(
    server: MariaDBServer, tmp_path: Path, rig_b: AgentRig
) -> AuthenOutcome:
    """Desk B confirms the patient the way its window does: through TaskRunner's
    thread-bound store, on the shared store."""
    tasks = TaskRunner(lambda: SharedVisitLog(tmp_path / "b.sqlite",
                                              store_for(server, "desk-b")))  # fmt: skip
    client_b = AgentClient(rig_b.url)
    try:
        flow_b = AuthenFlow(client_b, tasks.visit_store(), OUR_HCODE)
        return flow_b.confirm(flow_b.check_rights().reading, "PG0060001", "0812345678")
    finally:
        client_b.close()
        tasks.shutdown()


def test_desk_b_in_the_window_reuses_desk_as_code(server: MariaDBServer, tmp_path: Path) -> None:
    with agent_rig() as rig_a, agent_rig() as rig_b:
        a_log = SharedVisitLog(tmp_path / "a.sqlite", store_for(server, "desk-a"))
        client_a = AgentClient(rig_a.url)
        flow_a = AuthenFlow(client_a, a_log, OUR_HCODE)
        first = flow_a.confirm(flow_a.check_rights().reading, "PG0060001", "0812345678")
        client_a.close()
        assert not first.reused and rig_a.posts() == 1

        second = confirm_in_desk_b_window(server, tmp_path, rig_b)
        assert second.reused and second.claim_code == first.claim_code
        assert rig_b.posts() == 0  # desk B's agent was never asked to confirm
        b_log = VisitLog(tmp_path / "b.sqlite")
        [visit] = b_log.on_date(NOW.date())
        assert (visit.status, visit.claim_code) == ("reused", first.claim_code)


def test_a_flagged_answer_at_desk_a_is_never_desk_bs_code(
    server: MariaDBServer, tmp_path: Path
) -> None:
    with agent_rig() as rig_a, agent_rig() as rig_b:
        a_log = SharedVisitLog(tmp_path / "a.sqlite", store_for(server, "desk-a"))
        client_a = AgentClient(rig_a.url)
        flow_a = AuthenFlow(client_a, a_log, OUR_HCODE)
        reading = flow_a.check_rights(SOMCHAI).reading
        rig_a.agent.fault = "other_pid"  # NHSO's answer names another patient
        with pytest.raises(AnswerFlagged):
            flow_a.confirm(reading, "PG0060001", "0812345678")
        client_a.close()
        flagged_code = rig_a.agent.codes[-1].claim_code
        assert a_log.waiting() == 0  # the flagged row went to the shared store

        second = confirm_in_desk_b_window(server, tmp_path, rig_b)
        assert not second.reused and rig_b.posts() == 1  # NHSO was asked for a code
        assert second.claim_code != flagged_code
        # Desk B's clinic-wide view: desk A's row flagged, with whom NHSO named.
        b_log = SharedVisitLog(tmp_path / "b.sqlite", store_for(server, "desk-b"))
        seen = {v.desk: v for v in b_log.on_date(NOW.date())}
        b_log.close()
        a_row, b_row = seen["desk-a"], seen["desk-b"]
        assert (a_row.status, a_row.claim_code, a_row.answer_pid) == (
            FLAGGED, flagged_code, mask_cid(OTHER_CARD_PID),
        )  # fmt: skip
        assert a_row.patient_code == "" and OTHER_CARD_PID not in a_row.error_message
        assert (b_row.status, b_row.patient_code) == (OK, second.claim_code)


def test_without_a_shared_store_the_window_flow_is_as_before(tmp_path: Path) -> None:
    tasks = TaskRunner(lambda: VisitLog(tmp_path / "v.sqlite"))
    try:
        with tasks.visit_store().same_day(OUR_HCODE, SOMCHAI, "PG0060001",
                                          dt.date(2026, 11, 22)) as found:  # fmt: skip
            assert found is None
    finally:
        tasks.shutdown()
