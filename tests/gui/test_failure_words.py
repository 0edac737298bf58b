"""A failure reads the same wherever it is shown: the day list says the catalogue's
sentence for a failed visit, not the exception's raw text."""

from __future__ import annotations

from app.authen.visit_log import Visit
from app.authen.visit_query import DayRow
from app.errors import message_for, words_for_kind
from app.nhso.errors import AgentUnavailable
from app.qt.day_list_model import DayListModel
from app.words import nhso as nhso_words


def _failed(kind: str, raw: str) -> Visit:
    return Visit(
        id=1, created_at="2026-12-03T09:00:00+07:00", updated_at="2026-12-03T09:00:01+07:00",
        status="failed", pid="1101700123456", patient_name="สมชาย ใจดี", claim_type="",
        claim_type_name="", mobile="", hn="", claim_code="", hcode="12345", staff_cid="",
        staff_name="", error_kind=kind, error_message=raw,
    )  # fmt: skip


def test_the_day_list_says_the_agent_down_sentence_not_the_raw_error() -> None:
    raw = "http://localhost:8189: ConnectionError"
    tip = DayListModel._tooltip(DayRow(_failed("AgentUnavailable", raw)))
    assert nhso_words.AGENT_UNREACHABLE.th in tip and nhso_words.AGENT_UNREACHABLE.en in tip
    assert "ConnectionError" not in tip
    # the same entry as the window's and the CLI's message for that failure
    assert message_for(AgentUnavailable(raw)) == nhso_words.AGENT_UNREACHABLE


def test_a_failure_without_a_fixed_sentence_keeps_its_own_text() -> None:
    assert words_for_kind("InvalidInput") is None  # worded per case: its text is kept
    tip = DayListModel._tooltip(DayRow(_failed("InvalidInput", "HN over 40 characters.")))
    assert "HN over 40 characters." in tip
