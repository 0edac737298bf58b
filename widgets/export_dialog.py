"""Export visits to Excel: a date range, "mask CIDs", where to save; progress and Cancel.

The work is app/reports/visit_export.export_visits, run by ExportService
(app/qt/report_service.py) through the TaskRunner. A cancelled or failed export leaves no
file behind (the export writes a private temporary file and renames it at the end).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.qt.report_service import ExportService
from app.reports.visit_export import ExportResult
from app.words import report_windows as words
from widgets.day_list import _date, _qdate, today
from widgets.report_dialog import ReportDialog, user_folder
from widgets.thai_date import ThaiDateEdit

TITLE = words.EXPORT_TITLE.one_line()


class ExportDialog(ReportDialog):
    def __init__(
        self,
        service: ExportService,
        start: dt.date | None = None,
        end: dt.date | None = None,
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(service, TITLE, parent)
        self.service = service
        first = start or today().replace(day=1)
        self.date_from = ThaiDateEdit(_qdate(first))
        self.date_to = ThaiDateEdit(_qdate(end or today()))
        self.mask_cid = QCheckBox("ซ่อนเลขบัตรบางส่วน (1-xxxx-xxxx5-67-8) / mask CIDs")
        self.mask_cid.setChecked(True)
        self.path = QLineEdit(str((folder or user_folder("documents")) / self._default_name()))
        self.browse_button = QPushButton("เลือก… / Browse…")
        self.status = self.outcome
        self.export_button = self.start_button
        self.export_button.setText("ส่งออก / Export")
        dates = QHBoxLayout()
        for widget in (QLabel("วันที่"), self.date_from, QLabel("ถึง"), self.date_to):
            dates.addWidget(widget)
        dates.addStretch(1)
        target = QHBoxLayout()
        target.addWidget(self.path, 1)
        target.addWidget(self.browse_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.export_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(dates)
        layout.addWidget(self.mask_cid)
        layout.addLayout(target)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.browse_button.clicked.connect(self._on_browse_clicked)
        self.export_button.clicked.connect(self.export)
        service.progressed.connect(self._on_service_progressed)
        service.finished.connect(self._on_service_finished)
        service.cancelled.connect(self._on_service_cancelled)
        service.failed.connect(self._on_service_failed)
        self.resize(560, 240)

    def _default_name(self) -> str:
        return f"visits-{today().isoformat()}.xlsx"

    @Slot()
    def _on_browse_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, TITLE, self.path.text(), "Excel (*.xlsx)")
        if name:
            self.path.setText(name if name.endswith(".xlsx") else name + ".xlsx")

    @Slot()
    def export(self) -> None:
        start, end = _date(self.date_from.date()), _date(self.date_to.date())
        if start > end:
            self._show(words.DATES_REVERSED, ok=False)
            return
        out = Path(self.path.text().strip())
        if self.service.export(start, end, out, self.mask_cid.isChecked()):
            self.progress.setRange(0, 0)
            self.status.clear()
            self._running(True)

    @Slot(int, int)
    def _on_service_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    @Slot(object)
    def _on_service_finished(self, result: ExportResult) -> None:
        self._running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._show(words.exported(result.rows, result.path), ok=True)

    @Slot()
    def _on_service_cancelled(self) -> None:
        self._running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self._show(words.EXPORT_CANCELLED, ok=False)
