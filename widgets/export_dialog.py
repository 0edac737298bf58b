"""Export visits to Excel: a date range, "mask CIDs", where to save; progress and Cancel.

The work is app/reports/visit_export.export_visits, run by ExportService
(app/qt/report_service.py) through the TaskRunner. A cancelled or failed export leaves no
file behind (the export writes a private temporary file and renames it at the end).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.message import Message
from app.qt.report_service import ExportService
from app.reports.visit_export import ExportResult
from widgets.day_list import _date, _qdate, today
from widgets.style import show_status, ui_font

TITLE = "ส่งออกรายการเป็น Excel / Export to Excel"


class ExportDialog(QDialog):
    def __init__(
        self,
        service: ExportService,
        start: dt.date | None = None,
        end: dt.date | None = None,
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setFont(ui_font(12))
        self.service = service
        first = start or today().replace(day=1)
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit, day in ((self.date_from, first), (self.date_to, end or today())):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDate(_qdate(day))
        self.mask_cid = QCheckBox("ซ่อนเลขบัตรบางส่วน (1-xxxx-xxxx5-67-8) / mask CIDs")
        self.mask_cid.setChecked(True)
        self.path = QLineEdit(str((folder or Path.home()) / self._default_name()))
        self.browse_button = QPushButton("เลือก… / Browse…")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.export_button = QPushButton("ส่งออก / Export")
        self.cancel_button = QPushButton("หยุด / Cancel")
        self.close_button = QPushButton("ปิด / Close")
        self.cancel_button.setEnabled(False)
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
        self.cancel_button.clicked.connect(self.service.cancel)
        self.close_button.clicked.connect(self.close)
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
            self._show(Message("วันที่เริ่มต้องไม่หลังวันที่สิ้นสุด",
                               "The first date must not be after the last."), ok=False)  # fmt: skip
            return
        out = Path(self.path.text().strip())
        if self.service.export(start, end, out, self.mask_cid.isChecked()):
            self.progress.setRange(0, 0)
            self.status.clear()
            self._running(True)

    def _running(self, running: bool) -> None:
        self.export_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    @Slot(int, int)
    def _on_service_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    @Slot(object)
    def _on_service_finished(self, result: ExportResult) -> None:
        self._running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._show(Message(f"บันทึก {result.rows} รายการใน {result.path}",
                           f"Wrote {result.rows} visits to {result.path}"), ok=True)  # fmt: skip

    @Slot()
    def _on_service_cancelled(self) -> None:
        self._running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self._show(Message("หยุดแล้ว ไม่ได้บันทึกไฟล์", "Cancelled; no file was written."), ok=False)

    @Slot(object)
    def _on_service_failed(self, message: Message) -> None:
        self._running(False)
        self.progress.setRange(0, 1)
        self._show(message, ok=False)

    def _show(self, message: Message, ok: bool) -> None:
        show_status(self.status, message, ok)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.service.cancel()
        super().closeEvent(event)
