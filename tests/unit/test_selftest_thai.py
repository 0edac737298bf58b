"""The self-test's Thai line-breaking check (issue 21 item 6): Qt's break opportunities in
a long Thai sentence against its known word boundaries, on every platform."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app import selftest
from widgets.style import ui_font


def test_qt_breaks_the_thai_sentence_between_words_only(qapp: QApplication) -> None:
    text, boundaries = selftest.thai_word_boundaries()
    breaks = selftest.thai_break_opportunities(text)
    assert set(breaks) <= boundaries
    outcome = selftest.check_thai_breaks(ui_font())
    assert outcome.status is selftest.Status.OK, outcome.detail


def test_a_break_inside_a_word_fails(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    text, _ = selftest.thai_word_boundaries()
    every_letter = list(range(1, len(text) + 1))  # what a breaker without Thai rules may do
    monkeypatch.setattr(selftest, "thai_break_opportunities", lambda _text: every_letter)
    outcome = selftest.check_thai_breaks(ui_font())
    assert outcome.status is selftest.Status.FAILED and "inside words" in outcome.detail


def test_no_thai_breaking_at_all_fails(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    text, _ = selftest.thai_word_boundaries()
    monkeypatch.setattr(selftest, "thai_break_opportunities", lambda _text: [len(text)])
    outcome = selftest.check_thai_breaks(ui_font())
    assert outcome.status is selftest.Status.FAILED and "word boundaries" in outcome.detail
