"""Start-up work waits for the window's first frame (benchmarks/start.py's measure)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.qt import first_frame
from app.qt.first_frame import after_first_frame


class _Painted(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def test_the_work_runs_once_after_the_first_paint(qtbot: QtBot) -> None:
    window = QLabel("desk")
    qtbot.addWidget(window)
    painted = _Painted()
    window.installEventFilter(painted)
    seen: list[bool] = []
    after_first_frame(window, lambda: seen.append(painted.painted))
    qtbot.wait(50)
    assert seen == []  # not shown yet: nothing ran
    window.show()
    qtbot.waitUntil(lambda: seen != [], timeout=2000)
    window.update()
    qtbot.wait(50)
    assert seen == [True]  # after the paint, and only once


def test_a_window_that_never_paints_still_gets_the_work(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(first_frame, "FALLBACK_MS", 100)
    window = QLabel("never shown")
    qtbot.addWidget(window)
    seen: list[int] = []
    after_first_frame(window, lambda: seen.append(1))
    qtbot.waitUntil(lambda: seen == [1], timeout=2000)
