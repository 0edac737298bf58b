"""What the window's report services share: the task helper, the live settings, and a
run that can be cancelled (a threading.Event the work checks; one run at a time)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject

from app.errors import message_for
from app.message import Message
from app.qt.settings_service import LiveSettings
from app.qt.tasks import TaskRunner
from app.settings.errors import HcodeNotSet
from app.words import report_windows as words


def window_message(error: BaseException) -> Message:
    """A failure as the window says it: the hospital code is set in the settings dialog
    (the registry's wording names the command line)."""
    return words.HCODE_NOT_SET if isinstance(error, HcodeNotSet) else message_for(error)


class ReportService(QObject):
    def __init__(
        self, tasks: TaskRunner, settings: LiveSettings, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.settings = settings  # read when a run starts, never copied at construction
        self._cancel: threading.Event | None = None

    @property
    def running(self) -> bool:
        return self._cancel is not None

    def _begin(self) -> threading.Event | None:
        """The new run's cancel flag; None when a run is already going."""
        if self._cancel is not None:
            return None
        self._cancel = threading.Event()
        return self._cancel

    def _end(self) -> None:
        self._cancel = None

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
