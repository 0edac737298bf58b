"""Reconcile with NHSO's report: open the .xlsx downloaded from NHSO's portal and see the
four results — matched (a count), in our log but not in NHSO's file, a different code,
and in NHSO's file only — with "add to the log as imported" for the last.

The reading and comparing run in ReconcileService (app/qt/report_service.py).
"""

from __future__ import annotations

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
from cardreader.cid import mask_cid
from widgets.style import show_status, ui_font

TITLE = "เทียบกับรายงานของ สปสช. / Reconcile with NHSO's report"
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


def _line(item: ReconcileItem) -> str:
    other = f" ≠ สปสช. {item.nhso_claim_code}" if item.nhso_claim_code else ""
    name = f"  {item.nhso.patient_name}" if item.nhso and item.nhso.patient_name else ""
    return (f"{item.service_date.isoformat()}  {mask_cid(item.pid)}  {item.claim_code}"
            f"{other}{name}")  # fmt: skip


class ReconcileDialog(QDialog):
    def __init__(
        self, service: ReconcileService, folder: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setFont(ui_font(12))
        self.service = service
        self.folder = folder or Path.home()
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
        self.tabs.addTab(self.not_in_nhso, "ไม่อยู่ในไฟล์ สปสช.")
        self.tabs.addTab(self.different, "รหัสต่างกัน")
        self.tabs.addTab(self.nhso_only, "มีใน สปสช. เท่านั้น")
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
        self.status.setText("กำลังอ่าน… / reading…")
        self.status.setStyleSheet("")
        self.service.reconcile(path)

    @Slot(object)
    def _on_service_reconciled(self, done: Reconciled) -> None:
        result = done.result
        period = f"{done.period[0]} – {done.period[1]}" if done.period else "-"
        self.matched_label.setText(
            f"ตรงกัน / matched: {result.matched}    ช่วงวันที่ / period: {period}"
        )
        for widget, items, tab in ((self.not_in_nhso, result.not_in_nhso, 0),
                                   (self.different, result.different, 1),
                                   (self.nhso_only, result.nhso_only, 2)):  # fmt: skip
            widget.clear()
            for item in items:
                entry = QListWidgetItem(_line(item))
                entry.setData(ROW_ROLE, item)
                widget.addItem(entry)
            title = self.tabs.tabText(tab).split(" (")[0]
            self.tabs.setTabText(tab, f"{title} ({len(items)})")
        self.nhso_only.selectAll()
        self.import_button.setEnabled(bool(result.nhso_only))
        note = (
            f"ข้ามแถวที่อ่านไม่ได้ {done.skipped} แถว / skipped {done.skipped} rows"
            if done.skipped
            else ""
        )
        self._show(Message(note or "เทียบเสร็จแล้ว", note or "Compared."), ok=True)

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
        done = Message(f"เพิ่มลงบันทึก {added} รายการ (นำเข้าจาก สปสช.)",
                       f"Added {added} visits to the log (imported from NHSO).")  # fmt: skip
        self._show(done, ok=True)

    @Slot(object)
    def _on_service_failed(self, message: Message) -> None:
        self.import_button.setEnabled(self.nhso_only.count() > 0)
        self._show(message, ok=False)

    def _show(self, message: Message, ok: bool) -> None:
        show_status(self.status, message, ok)
