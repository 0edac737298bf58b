"""Issue 18 in the window: a PC clock off from the agent's is a banner with the offset; an
answer that is not this patient's code is refused with no retry, never shown as their code,
and stays in the log as a flagged row."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from app import clock
from tests.gui.conftest import DeskDriver as Desk


def test_a_clock_off_by_42_minutes_is_a_banner(desk: Desk) -> None:
    agent = desk.desk.demo.agent if desk.desk.demo is not None else None
    assert agent is not None
    agent.now = lambda: clock.now() + dt.timedelta(minutes=42, seconds=30)
    desk.insert("somchai")
    assert desk.win.banner.isVisible()
    assert "+42 นาที" in desk.win.error_banner.text() and "+42 min" in desk.win.error_banner.text()


def test_an_answer_for_another_card_is_refused_with_no_retry(desk: Desk) -> None:
    agent = desk.desk.demo.agent if desk.desk.demo is not None else None
    assert agent is not None
    desk.insert("somchai")
    agent.fault = "other_pid"
    desk.enter()
    panel = desk.win.authen_panel
    issued = agent.codes[-1].claim_code
    assert panel.error.isVisible() and "บุคคลอื่น" in panel.error.text()
    assert not panel.code.isVisible() and issued not in panel.error.text()
    assert not panel.confirm_button.isVisible() or not panel.confirm_button.isEnabled()
    posts = sum(1 for r in agent.requests if r.startswith("POST"))
    desk.qtbot.keyClick(desk.win.focusWidget() or desk.win, Qt.Key.Key_Return)  # nothing
    desk.qtbot.wait(300)
    assert sum(1 for r in agent.requests if r.startswith("POST")) == posts == 1
    [row] = desk.rows()
    assert (row["status"], row["claim_code"]) == ("flagged", issued)
