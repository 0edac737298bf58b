"""What the export and verify-day dialogs share: a progress bar, an outcome line, Cancel,
and the same ending when the run fails or the dialog is closed (closing cancels the run;
what was done stays done)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Protocol

from PySide6.QtCore import QStandardPaths, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QWidget

from app.message import Message
from widgets.style import show_status, ui_font


def user_folder(which: Literal["documents", "downloads"]) -> Path:
    """The user's Documents or Downloads (home when the system has none), never the
    program's own folder."""
    kind = {"documents": QStandardPaths.StandardLocation.DocumentsLocation,
            "downloads": QStandardPaths.StandardLocation.DownloadLocation}[which]  # fmt: skip
    found = QStandardPaths.writableLocation(kind)
    return Path(found) if found else Path.home()


class Cancellable(Protocol):
    def cancel(self) -> None: ...


class ReportDialog(QDialog):
    def __init__(self, service: Cancellable, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setFont(ui_font(12))
        self._runner = service
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.outcome = QLabel()  # the run's ending, green or red
        self.outcome.setWordWrap(True)
        self.start_button = QPushButton()
        self.cancel_button = QPushButton("หยุด / Cancel")
        self.close_button = QPushButton("ปิด / Close")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(service.cancel)
        self.close_button.clicked.connect(self.close)

    def _running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    @Slot(object)
    def _on_service_failed(self, message: Message) -> None:
        self._running(False)
        self.progress.setRange(0, 1)
        self._show(message, ok=False)

    def _show(self, message: Message, ok: bool) -> None:
        show_status(self.outcome, message, ok)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._runner.cancel()
        super().closeEvent(event)
