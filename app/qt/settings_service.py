"""The clinic settings dialog's work: the file is written on the I/O lane through the task
helper (a slow or full disk must not freeze the window), validated key by key by
app/settings/model.py, the previous file kept as settings.json.bak."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.errors import message_for
from app.qt.tasks import TaskRunner
from app.settings.model import Settings, save_with_backup


class SettingsService(QObject):
    saved = Signal(object)  # Settings, now in the file
    save_failed = Signal(object)  # Message

    def __init__(
        self, tasks: TaskRunner, path: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.path = path  # None: the usual settings file

    def save(self, settings: Settings) -> None:
        def work() -> Settings:
            save_with_backup(settings, self.path)
            return settings

        self._tasks.run(work, self.saved.emit, self._on_failure, self)

    def _on_failure(self, error: BaseException) -> None:
        if isinstance(error, OSError):  # disk full, no permission: say which, not "unexpected"
            from app.words import settings as words

            self.save_failed.emit(words.settings_not_saved(str(error.strerror)))
            return
        self.save_failed.emit(message_for(error))
