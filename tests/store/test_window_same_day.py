"""The window's authen flow (through TaskRunner's thread-bound store) also looks in the
shared store before confirming: a patient coded at desk A gets that code at desk B."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.authen.flow import AuthenFlow
from app.authen.visit_log import VisitLog
from app.nhso.agent_client import AgentClient
from app.qt.tasks import TaskRunner
from app.store.visits import SharedVisitLog
from app.thai_format import BANGKOK
from tests.store.conftest import store_for
from tests.support.agent import OUR_HCODE, agent_rig
from tests.support.mariadb import MariaDBServer


def test_desk_b_in_the_window_reuses_desk_as_code(server: MariaDBServer, tmp_path: Path) -> None:
    now = dt.datetime.now(BANGKOK)  # the simulated agents' clock too
    with agent_rig() as rig_a, agent_rig() as rig_b:
        a_log = SharedVisitLog(tmp_path / "a.sqlite", store_for(server, "desk-a"))
        client_a = AgentClient(rig_a.url)
        flow_a = AuthenFlow(client_a, a_log, OUR_HCODE, now=lambda: now)
        first = flow_a.confirm(flow_a.check_rights().reading, "PG0060001", "0812345678")
        client_a.close()
        assert not first.reused and rig_a.posts() == 1

        tasks = TaskRunner(lambda: SharedVisitLog(tmp_path / "b.sqlite",
                                                  store_for(server, "desk-b")))  # fmt: skip
        client_b = AgentClient(rig_b.url)
        try:
            flow_b = AuthenFlow(client_b, tasks.visit_store(), OUR_HCODE, now=lambda: now)
            second = flow_b.confirm(flow_b.check_rights().reading, "PG0060001", "0812345678")
        finally:
            client_b.close()
            tasks.shutdown()
        assert second.reused and second.claim_code == first.claim_code
        assert rig_b.posts() == 0  # desk B's agent was never asked to confirm
        b_log = VisitLog(tmp_path / "b.sqlite")
        [visit] = b_log.on_date(now.date())
        assert (visit.status, visit.claim_code) == ("reused", first.claim_code)


def test_without_a_shared_store_the_window_flow_is_as_before(tmp_path: Path) -> None:
    tasks = TaskRunner(lambda: VisitLog(tmp_path / "v.sqlite"))
    try:
        with tasks.visit_store().same_day(OUR_HCODE, "1101700123456", "PG0060001",
                                          dt.date(2026, 11, 22)) as found:  # fmt: skip
            assert found is None
    finally:
        tasks.shutdown()
