"""The window's view of the clinic's shared store: a background push every little while
and the status bar's words ("shared store offline — N visits waiting").

It keeps the settings the window started with, as the desk's log does (a changed
shared_store takes effect at the next start: one store per run, never half and half).
The push runs on the I/O lane with a visit-log connection of its own (WAL lets it read
beside the database thread), so a server that does not answer never holds up the desk's
own log; the keyring is read there too. Without a shared store nothing runs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.qt.tasks import TaskRunner
from app.words import store as store_words

if TYPE_CHECKING:
    from app.settings.model import Settings
    from app.store.visits import PushResult

log = logging.getLogger(__name__)

PUSH_EVERY_MS = 30_000


def push_once(log_path: Path, settings: Settings) -> PushResult:
    """One background push (a worker thread): what waits goes up, what is left is said."""
    from app.authen.visit_log import VisitLog
    from app.store.open import shared_store
    from app.store.visits import push_waiting

    store = shared_store(settings)
    local = VisitLog(log_path)
    try:
        return push_waiting(local, store)
    finally:
        local.close()


def status_text(result: PushResult) -> str:
    if not result.online:
        return store_words.offline_waiting(result.waiting).one_line()
    return store_words.online_waiting(result.waiting).one_line() if result.waiting else ""


class SharedStoreStatus(QObject):
    changed = Signal(str)  # the status bar's words; "" when all is pushed

    def __init__(
        self, tasks: TaskRunner, log_path: Path, settings: Settings,
        parent: QObject | None = None, every_ms: int = PUSH_EVERY_MS,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._tasks = tasks
        self._log_path = log_path
        self._settings = settings
        self._busy = False
        self.text = ""
        self._timer = QTimer(self)
        self._timer.setInterval(every_ms)
        self._timer.timeout.connect(self.push_now)

    def start(self) -> None:
        if not self._settings.shared_store:
            self._timer.stop()
            self._show("")
            return
        self._timer.start()
        self.push_now()

    def stop(self) -> None:
        self._timer.stop()

    def push_now(self) -> None:
        if self._busy or not self._settings.shared_store:
            return
        self._busy = True
        settings, path = self._settings, self._log_path
        self._tasks.run(lambda: push_once(path, settings), self._on_done, self._on_failed, self)

    def _on_done(self, result: PushResult) -> None:
        self._busy = False
        self._show(status_text(result))

    def _on_failed(self, error: BaseException) -> None:
        """No password, no keyring, a log that cannot open: said, never a crash."""
        self._busy = False
        from app.errors import message_for

        self._show(message_for(error).one_line())

    def _show(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.changed.emit(text)
