"""Verify a day with NHSO: a progress bar, Cancel, and a summary at the end.

Renders VerifyDayService's signals (app/qt/verify_day_service.py); the run itself and its
verdicts live there. Closing the dialog mid-run cancels it; what was checked stays checked.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.message import Message
from app.qt.verify_day_service import VerifyDayService, summary
from app.verify.day import RunResult, Verdict
from widgets.day_list import _date, _qdate, today
from widgets.style import show_status, ui_font

TITLE = "ตรวจสอบรหัสกับ สปสช. / Verify with NHSO"


class VerifyDayDialog(QDialog):
    verified = Signal(object)  # RunResult: the window refreshes the day list

    def __init__(
        self, service: VerifyDayService, day: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setFont(ui_font(12))
        self.service = service
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setDate(_qdate(day or today()))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel(
            "ถามทีละราย ไม่เกิน 5 รายต่อวินาที / one person at a time, at most 5 a second"
        )
        self.status.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.start_button = QPushButton("เริ่มตรวจ / Start")
        self.cancel_button = QPushButton("หยุด / Cancel")
        self.close_button = QPushButton("ปิด / Close")
        self.cancel_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(QLabel("วันที่ / date"))
        row.addWidget(self.day)
        row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.start_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.service.cancel)
        self.close_button.clicked.connect(self.close)
        service.progressed.connect(self._on_service_progressed)
        service.finished.connect(self._on_service_finished)
        service.failed.connect(self._on_service_failed)
        self.resize(520, 220)

    @Slot()
    def start(self) -> None:
        self.summary.clear()
        self.summary.setStyleSheet("")
        if self.service.start(_date(self.day.date())):
            self.progress.setRange(0, 0)  # busy until the first count arrives
            self._running(True)

    def _running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.day.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    @Slot(int, int, object)
    def _on_service_progressed(self, done: int, total: int, last: Verdict | None) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done if total else 1)
        self.status.setText(f"ตรวจแล้ว {done} จาก {total} / checked {done} of {total}")

    @Slot(object)
    def _on_service_finished(self, result: RunResult) -> None:
        self._running(False)
        self.progress.setRange(0, max(len(result.verdicts), 1))
        self.progress.setValue(
            self.progress.maximum() if result.complete else self.progress.value()
        )
        self._show(summary(result), ok=True)
        self.verified.emit(result)

    @Slot(object)
    def _on_service_failed(self, message: Message) -> None:
        self._running(False)
        self.progress.setRange(0, 1)
        self._show(message, ok=False)

    def _show(self, message: Message, ok: bool) -> None:
        show_status(self.summary, message, ok)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.service.cancel()
        super().closeEvent(event)
