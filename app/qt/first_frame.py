"""Run something once the window has drawn its first frame.

Work that the first frame does not need (the card thread, the simulated agent, the first
agent ping, opening the visit log) starts after it, so it does not compete with building
and drawing the window. A window that never paints (started minimized) still gets the
work after `FALLBACK_MS`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1000


class _AfterFirstFrame(QObject):
    def __init__(self, window: QWidget, work: Callable[[], None]) -> None:
        super().__init__(window)
        self._work: Callable[[], None] | None = work
        self._window = window
        # One child timer, for the fallback and then for "right after the paint": it dies
        # with the window. (QTimer.singleShot(ms, receiver, fn) would do the same, but its
        # overload lookup builds QMetaMethod's enums, ~2 ms of every start.)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run)
        self._timer.start(FALLBACK_MS)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._timer.start(0)  # after the paint is done: the event loop's next turn
        return False

    def _run(self) -> None:
        work, self._work = self._work, None
        if work is None:
            return
        self._window.removeEventFilter(self)
        work()


def after_first_frame(window: QWidget, work: Callable[[], None]) -> None:
    """`work()` runs once, on the GUI thread, right after `window`'s first paint."""
    _AfterFirstFrame(window, work)
