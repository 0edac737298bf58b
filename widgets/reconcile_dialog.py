"""Reconcile with NHSO's report: open the .xlsx downloaded from NHSO's portal and see the
four results — matched (a count), in our log but not in NHSO's file, a different code,
and in NHSO's file only — with "add to the log as imported" for the last.

The reading and comparing run in ReconcileService (app/qt/report_service.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.message import Message
from app.qt.report_service import Reconciled, ReconcileService
from app.reports.reconcile import NhsoRow, ReconcileItem
from app.words import report_windows as words
from cardreader.cid import mask_cid
from widgets.report_dialog import user_folder
from widgets.style import show_status, ui_font
from widgets.thai_date import BUDDHIST_OFFSET

TITLE = words.RECONCILE_TITLE.one_line()
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
TAB_TITLES = ("ไม่อยู่ในไฟล์ สปสช.", "รหัสต่างกัน", "มีใน สปสช. เท่านั้น")


def buddhist(day: dt.date) -> str:
    """3/12/2569: the day the way every other date in the program is shown."""
    return f"{day.day}/{day.month}/{day.year + BUDDHIST_OFFSET}"


def _line(item: ReconcileItem, our_name: str = "") -> str:
    other = f" ≠ สปสช. {item.nhso_claim_code}" if item.nhso_claim_code else ""
    name = item.nhso.patient_name if item.nhso and item.nhso.patient_name else our_name
    shown = f"  {name}" if name else ""
    return (f"{buddhist(item.service_date)}  {mask_cid(item.pid)}  {item.claim_code}"
            f"{other}{shown}")  # fmt: skip


class ReconcileDialog(QDialog):
    def __init__(
        self, service: ReconcileService, folder: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setFont(ui_font(12))
        self.service = service
        self.folder = folder or user_folder("downloads")  # where NHSO's file was saved
        self.open_button = QPushButton("เปิดไฟล์ของ สปสช. (.xlsx)… / Open NHSO's file…")
        self.file_label = QLabel()
        self.matched_label = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.tabs = QTabWidget()
        self.not_in_nhso = QListWidget()
        self.different = QListWidget()
        self.nhso_only = QListWidget()
        self.nhso_only.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        for widget, title in zip((self.not_in_nhso, self.different, self.nhso_only),
                                 TAB_TITLES, strict=True):  # fmt: skip
            self.tabs.addTab(widget, title)
        self.import_button = QPushButton("เพิ่มลงบันทึกเป็นรายการนำเข้า / Add to the log as imported")
        self.import_button.setEnabled(False)
        self.close_button = QPushButton("ปิด / Close")
        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.file_label, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.matched_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.import_button.clicked.connect(self.import_selected)
        self.close_button.clicked.connect(self.close)
        service.reconciled.connect(self._on_service_reconciled)
        service.imported.connect(self._on_service_imported)
        service.failed.connect(self._on_service_failed)
        self.resize(720, 480)

    @Slot()
    def _on_open_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, TITLE, str(self.folder), "Excel (*.xlsx)")
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        self.file_label.setText(path.name)
        self.status.setText(words.READING.one_line())
        self.status.setStyleSheet("")
        self.service.reconcile(path)

    @Slot(object)
    def _on_service_reconciled(self, done: Reconciled) -> None:
        result = done.result
        period = f"{buddhist(done.period[0])} – {buddhist(done.period[1])}" if done.period else "-"
        self.matched_label.setText(
            f"ตรงกัน / matched: {result.matched}    ช่วงวันที่ / period: {period}"
        )
        for widget, items in ((self.not_in_nhso, result.not_in_nhso),
                              (self.different, result.different),
                              (self.nhso_only, result.nhso_only)):  # fmt: skip
            widget.clear()
            for item in items:
                entry = QListWidgetItem(_line(item, done.name_of(item.pid, item.claim_code)))
                entry.setData(ROW_ROLE, item)
                widget.addItem(entry)
        self._count_tabs()
        self.nhso_only.selectAll()
        self.import_button.setEnabled(bool(result.nhso_only))
        note = words.skipped_rows(done.skipped) if done.skipped else words.RECONCILED
        self._show(note, ok=True)

    def _count_tabs(self) -> None:
        """Each tab's title with how many rows it holds now (an import takes rows away)."""
        for tab, widget in enumerate((self.not_in_nhso, self.different, self.nhso_only)):
            self.tabs.setTabText(tab, f"{TAB_TITLES[tab]} ({widget.count()})")

    def selected_rows(self) -> list[NhsoRow]:
        rows = []
        for entry in self.nhso_only.selectedItems():
            item = entry.data(ROW_ROLE)
            if isinstance(item, ReconcileItem) and item.nhso is not None:
                rows.append(item.nhso)
        return rows

    @Slot()
    def import_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.import_button.setEnabled(False)
            self.service.import_rows(rows)

    @Slot(int)
    def _on_service_imported(self, added: int) -> None:
        for entry in self.nhso_only.selectedItems():
            self.nhso_only.takeItem(self.nhso_only.row(entry))
        self.import_button.setEnabled(self.nhso_only.count() > 0)
        self._count_tabs()
        self._show(words.imported(added), ok=True)

    @Slot(object)
    def _on_service_failed(self, message: Message) -> None:
        self.import_button.setEnabled(self.nhso_only.count() > 0)
        self._show(message, ok=False)

    def _show(self, message: Message, ok: bool) -> None:
        show_status(self.status, message, ok)
