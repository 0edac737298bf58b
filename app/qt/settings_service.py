"""The clinic settings dialog's work: the file is written on the I/O lane through the task
helper (a slow or full disk must not freeze the window), validated key by key by
app/settings/model.py, the previous file kept as settings.json.bak."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.errors import message_for
from app.message import Message
from app.qt.tasks import TaskRunner
from app.settings.model import Settings, save_with_backup


class SettingsService(QObject):
    saved = Signal(object)  # Settings, now in the file
    save_failed = Signal(object)  # Message
    store_tested = Signal(object, bool)  # Message, whether the shared store answered

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
            self.save_failed.emit(
                Message(
                    f"บันทึกไฟล์ตั้งค่าไม่ได้ ({error.strerror}) — ค่าเดิมยังใช้อยู่ แจ้งผู้ดูแลระบบ",
                    f"The settings file could not be saved ({error.strerror}); the old "
                    "values stay in use — tell IT.",
                )
            )
            return
        self.save_failed.emit(message_for(error))

    def test_shared_store(self, settings: Settings) -> None:
        """The settings dialog's "test connection": the shared store as typed, with the
        password in the keyring; on the I/O lane (it may take the connect timeout)."""

        def work() -> Message:
            from app.store.open import shared_store
            from app.words import store as store_words

            status = shared_store(settings).status()
            return store_words.tested(status.server, status.schema_version, status.visits)

        self._tasks.run(
            work,
            lambda message: self.store_tested.emit(message, True),
            lambda error: self.store_tested.emit(message_for(error), False),
            self,
        )
