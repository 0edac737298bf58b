"""The clinic's settings while the program runs, and the settings dialog's work.

`LiveSettings` is the one settings source of a running desk: every service and dialog
reads it at the moment it acts (an hcode saved a second ago is the hcode the next
reconcile, verify-day, export or About uses), never a copy taken at start.

`SettingsService` writes the file on the I/O lane through the task helper (a slow or full
disk must not freeze the window), validated key by key by app/settings/model.py, the
previous file kept as settings.json.bak; once written, the live settings take the new
values before anyone hears `saved`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.errors import message_for
from app.message import Message
from app.qt.tasks import TaskRunner
from app.settings.model import Settings, save_with_backup


class LiveSettings(QObject):
    """The settings in effect now. `fallback_hcode` / `fallback_clinic`: what the demo
    uses while its settings have none (its simulated agent answers for that code)."""

    changed = Signal(object)  # Settings

    def __init__(
        self,
        settings: Settings,
        *,
        fallback_hcode: str | None = None,
        fallback_clinic: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._current = settings
        self._fallback_hcode = fallback_hcode
        self._fallback_clinic = fallback_clinic

    @property
    def current(self) -> Settings:
        return self._current

    @property
    def hcode(self) -> str | None:
        return self._current.hcode or self._fallback_hcode

    @property
    def clinic_name(self) -> str:
        return self._current.hospital_name or self._fallback_clinic

    def update(self, settings: Settings) -> None:
        self._current = settings
        self.changed.emit(settings)


class SettingsService(QObject):
    saved = Signal(object)  # Settings, now in the file (and in the live settings)
    save_failed = Signal(object)  # Message
    store_tested = Signal(object, bool)  # Message, whether the shared store answered

    def __init__(
        self,
        tasks: TaskRunner,
        path: Path | None = None,
        parent: QObject | None = None,
        live: LiveSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.path = path  # None: the usual settings file
        self.live = live

    def save(self, settings: Settings) -> None:
        def work() -> Settings:
            save_with_backup(settings, self.path)
            return settings

        self._tasks.run(work, self._on_saved, self._on_failure, self)

    def _on_saved(self, settings: Settings) -> None:
        if self.live is not None:
            self.live.update(settings)
        self.saved.emit(settings)

    def _on_failure(self, error: BaseException) -> None:
        if isinstance(error, OSError):  # disk full, no permission: say which, not "unexpected"
            from app.words import settings as settings_words

            self.save_failed.emit(settings_words.settings_not_saved(error.strerror or str(error)))
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
