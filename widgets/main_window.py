"""The front-desk window. For now: reader state and the card's data; the Authen panel
and staff sign-in grow from here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from app.card_bridge import CardBridge
from app.demo import DemoReader
from app.messages import message_for
from cardreader.events import (
    CardInserted,
    CardPhotoRead,
    CardRead,
    CardReadFailed,
    CardRemovedEvent,
    CardSlot,
    ServiceChanged,
)
from widgets.demo_panel import DemoPanel
from widgets.patient_view import PatientView
from widgets.style import STYLE_SHEET, ui_font


class MainWindow(QMainWindow):
    def __init__(self, bridge: CardBridge, demo: DemoReader | None = None) -> None:
        super().__init__()
        self.setWindowTitle("Authen Desk — ยืนยันตัวตนผู้รับบริการ สปสช.")
        self.setStyleSheet(STYLE_SHEET)
        self.setFont(ui_font())
        self.resize(1040, 760)
        self._bridge = bridge
        self._readers: list[str] = []
        self._current: CardSlot | None = None
        self._service_ok = True

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(18, 14, 18, 14)
        column.setSpacing(12)

        header = QHBoxLayout()
        title = QLabel("ข้อมูลผู้รับบริการจากบัตรประชาชน")
        title.setFont(ui_font(16, bold=True))
        header.addWidget(title, 1)
        self.reader_status = QLabel()
        self.reader_status.setFont(ui_font(12, bold=True))
        header.addWidget(self.reader_status, 0, Qt.AlignmentFlag.AlignRight)
        column.addLayout(header)

        self.error_banner = QLabel()
        self.error_banner.setObjectName("errorBanner")
        self.error_banner.setFont(ui_font(13))
        self.error_banner.setWordWrap(True)
        self.error_banner.hide()
        column.addWidget(self.error_banner)

        self.patient = PatientView()
        column.addWidget(self.patient, 1)

        if demo is not None:
            self.demo_panel: DemoPanel | None = DemoPanel(demo)
            column.addWidget(self.demo_panel)
        else:
            self.demo_panel = None
        self.setCentralWidget(central)

        bridge.service_changed.connect(self._on_bridge_service_changed)
        bridge.reader_added.connect(self._on_bridge_reader_added)
        bridge.reader_removed.connect(self._on_bridge_reader_removed)
        bridge.card_inserted.connect(self._on_bridge_card_inserted)
        bridge.card_removed.connect(self._on_bridge_card_removed)
        bridge.card_read.connect(self._on_bridge_card_read)
        bridge.card_photo_read.connect(self._on_bridge_card_photo_read)
        bridge.card_read_failed.connect(self._on_bridge_card_read_failed)
        self._refresh_status()

    # --- status line ---------------------------------------------------------------
    def _set_status(self, text: str, kind: str) -> None:
        self.reader_status.setText(text)
        self.reader_status.setObjectName(kind)
        self.reader_status.setStyleSheet("")  # re-polish for the new object name

    def _refresh_status(self) -> None:
        if not self._service_ok:
            self._set_status("● บริการเครื่องอ่านบัตรไม่ทำงาน", "statusBad")
        elif not self._readers:
            self._set_status("● ไม่พบเครื่องอ่านบัตร", "statusBad")
        elif self._current is not None:
            self._set_status(f"● มีบัตรใน {self._current.reader}", "statusOk")
        else:
            self._set_status(f"● พร้อมอ่านบัตร ({', '.join(self._readers)})", "statusWarn")

    def _show_error(self, error: BaseException) -> None:
        message = message_for(error)
        self.error_banner.setText(f"{message.th}\n{message.en}")
        self.error_banner.show()

    def _hide_error(self) -> None:
        self.error_banner.hide()

    # --- card events -----------------------------------------------------------------
    @Slot(object)
    def _on_bridge_service_changed(self, event: ServiceChanged) -> None:
        self._service_ok = event.available
        self._refresh_status()

    @Slot(str)
    def _on_bridge_reader_added(self, reader: str) -> None:
        if reader not in self._readers:
            self._readers.append(reader)
        self._refresh_status()

    @Slot(str)
    def _on_bridge_reader_removed(self, reader: str) -> None:
        if reader in self._readers:
            self._readers.remove(reader)
        self._refresh_status()

    @Slot(object)
    def _on_bridge_card_inserted(self, event: CardInserted) -> None:
        self._current = event.slot
        self._hide_error()
        self._refresh_status()

    @Slot(object)
    def _on_bridge_card_removed(self, event: CardRemovedEvent) -> None:
        if event.slot == self._current:
            self._current = None
            self.patient.clear()
        self._refresh_status()

    @Slot(object)
    def _on_bridge_card_read(self, event: CardRead) -> None:
        if event.slot != self._current:
            return  # a card since pulled or swapped: stale
        self._hide_error()
        self.patient.show_card(event.card)

    @Slot(object)
    def _on_bridge_card_photo_read(self, event: CardPhotoRead) -> None:
        if event.slot == self._current:
            self.patient.show_photo(event.photo)

    @Slot(object)
    def _on_bridge_card_read_failed(self, event: CardReadFailed) -> None:
        if event.slot != self._current and self._current is not None:
            return
        if event.stage == "photo" and self.patient.showing_card:
            self.patient.show_photo(None)
        else:
            self.patient.clear()
        self._show_error(event.error)
