"""Verify a day with NHSO: a progress bar, Cancel, and a summary at the end.

Renders VerifyDayService's signals (app/qt/verify_day_service.py); the run itself and its
verdicts live there. Closing the dialog mid-run cancels it; what was checked stays checked.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.qt.verify_day_service import VerifyDayService, summary
from app.verify.day import RunResult, Verdict
from app.words import report_windows as words
from widgets.day_list import _date, _qdate, today
from widgets.report_dialog import ReportDialog
from widgets.thai_date import ThaiDateEdit

TITLE = words.VERIFY_TITLE.one_line()


class VerifyDayDialog(ReportDialog):
    verified = Signal(object)  # RunResult: the window refreshes the day list

    def __init__(
        self, service: VerifyDayService, day: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(service, TITLE, parent)
        self.service = service
        self.day = ThaiDateEdit(_qdate(day or today()))
        self.status = QLabel(words.VERIFY_PACE.one_line())
        self.status.setWordWrap(True)
        self.summary = self.outcome
        self.start_button.setText("เริ่มตรวจ / Start")
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
        super()._running(running)
        self.day.setEnabled(not running)

    @Slot(int, int, object)
    def _on_service_progressed(self, done: int, total: int, last: Verdict | None) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done if total else 1)
        self.status.setText(words.verify_progress(done, total).one_line())

    @Slot(object)
    def _on_service_finished(self, result: RunResult) -> None:
        self._running(False)
        self.progress.setRange(0, max(len(result.verdicts), 1))
        self.progress.setValue(
            self.progress.maximum() if result.complete else self.progress.value()
        )
        self._show(summary(result), ok=True)
        self.verified.emit(result)
