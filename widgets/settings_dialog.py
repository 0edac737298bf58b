"""Clinic settings for IT, without a terminal: the non-secret ones (tokens have their own
dialog). Each field is checked as it is typed with the rules the file is loaded with;
Save is possible only when every field is good, and the window applies the new values
at once."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.message import Message
from app.settings.model import Settings, problem
from app.words import settings_window as words
from app.words import store as store_words
from widgets.style import ui_font

SAME_READER = "ใช้เครื่องอ่านเดียวกับผู้รับบริการ (Same as the patient's reader)"
SYSTEM_PRINTER = "เครื่องพิมพ์หลักของระบบ (System default printer)"
FIELD_PROBLEMS = {key: message.th for key, message in words.FIELD_PROBLEMS.items()}


class SettingsDialog(QDialog):
    save_requested = Signal(object)  # Settings
    test_store_requested = Signal(object)  # Settings: test the shared store as typed

    def __init__(
        self,
        settings: Settings,
        readers: list[str],
        printers: list[str],
        settings_file: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("ตั้งค่าคลินิก — Clinic settings")
        self.setFont(ui_font(12))
        self._settings = settings
        outer = QVBoxLayout(self)
        scroll = QScrollArea()  # fits a 1024×600 screen: the form scrolls, buttons stay
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        scroll.setWidget(body)
        self._body = body
        outer.addWidget(scroll, 1)
        form = QFormLayout(body)
        # A long field goes under its label rather than past the edge of a small screen.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        self.hcode = QLineEdit(settings.hcode or "")
        self.hcode.setPlaceholderText("ตัวเลข 5 หลัก")
        self.hospital_name = QLineEdit(settings.hospital_name)
        self.hospital_name.setPlaceholderText("พิมพ์บนใบ Claim Code")
        self.agent_url = QLineEdit(settings.agent_url)
        self.zone = QComboBox()
        self.zone.addItem("ใช้งานจริง (production)", "production")
        self.zone.addItem("ทดสอบ (test)", "test")
        self.zone.setCurrentIndex(0 if settings.zone == "production" else 1)
        self.staff_reader = QComboBox()
        self.staff_reader.addItem(SAME_READER, None)
        for reader in readers:
            self.staff_reader.addItem(reader, reader)
        if settings.staff_reader and settings.staff_reader not in readers:
            self.staff_reader.addItem(f"{settings.staff_reader} (ไม่พบตอนนี้)", settings.staff_reader)
        self.staff_reader.setCurrentIndex(max(0, self.staff_reader.findData(settings.staff_reader)))
        self.slip_printer = QComboBox()
        self.slip_printer.addItem(SYSTEM_PRINTER, None)
        for printer in printers:
            self.slip_printer.addItem(printer, printer)
        if settings.slip_printer and settings.slip_printer not in printers:
            self.slip_printer.addItem(f"{settings.slip_printer} (ไม่พบตอนนี้)", settings.slip_printer)
        self.slip_printer.setCurrentIndex(max(0, self.slip_printer.findData(settings.slip_printer)))
        self.print_dialog = QCheckBox("แสดงหน้าต่างเลือกเครื่องพิมพ์ทุกครั้งที่พิมพ์ (Ctrl+P)")
        self.print_dialog.setChecked(settings.slip_print_dialog)
        self.idle_lock = QSpinBox()
        self.idle_lock.setRange(1, 240)
        self.idle_lock.setSuffix(" นาที")
        self.idle_lock.setValue(settings.idle_lock_minutes)
        self.sign_in_required = QCheckBox("ต้องลงชื่อเจ้าหน้าที่ก่อนขอ Claim Code")
        self.sign_in_required.setChecked(settings.staff_sign_in_required)
        # Several desks (app/store): the clinic's MariaDB/MySQL; the password is a token.
        self.shared_store = QLineEdit(settings.shared_store)
        self.shared_store.setPlaceholderText("mysql://USER@HOST:3306/DATABASE (ว่าง = เครื่องเดียว)")
        self.desk_name = QLineEdit(settings.desk_name)
        self.desk_name.setPlaceholderText(store_words.DESK_NAME_PLACEHOLDER.one_line())
        self.shared_store.setToolTip(store_words.TAKES_EFFECT_NEXT_START.one_line())
        self.test_store_button = QPushButton(store_words.TEST_CONNECTION.one_line())
        self.store_result = QLabel()
        self.store_result.setWordWrap(True)

        self.problems: dict[str, QLabel] = {}
        rows: list[tuple[str, str, QWidget]] = [
            ("hcode", "รหัสหน่วยบริการ", self.hcode),
            ("hospital_name", "ชื่อหน่วยบริการ", self.hospital_name),
            ("agent_url", "ที่อยู่ NHSO Agent", self.agent_url),
            ("zone", "ระบบ สปสช.", self.zone),
            ("staff_reader", "เครื่องอ่านบัตรเจ้าหน้าที่", self.staff_reader),
            ("slip_printer", "เครื่องพิมพ์ใบ Claim Code", self.slip_printer),
            ("slip_print_dialog", "การพิมพ์", self.print_dialog),
            ("idle_lock_minutes", "ล็อกหน้าจอเมื่อไม่ใช้งาน", self.idle_lock),
            ("staff_sign_in_required", "ผู้ให้บริการ", self.sign_in_required),
            ("shared_store", "ฐานข้อมูลกลาง (หลายจุดบริการ)", self.shared_store),
            ("desk_name", "ชื่อจุดบริการนี้", self.desk_name),
        ]
        for key, caption, widget in rows:
            form.addRow(caption, widget)
            note = QLabel()
            note.setStyleSheet("color: #8a1c24;")
            note.setWordWrap(True)
            note.hide()
            form.addRow("", note)
            self.problems[key] = note
        form.addRow("", self.test_store_button)
        form.addRow("", self.store_result)
        where = QLabel(f"ไฟล์ตั้งค่า / settings file: {settings_file}")
        where.setWordWrap(True)
        where.setStyleSheet("color: #57606a;")
        form.addRow(where)

        self.status = QLabel()
        self.status.setWordWrap(True)
        outer.addWidget(self.status)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton("ยกเลิก (Esc)")
        self.save_button = QPushButton("บันทึกและใช้ทันที")
        self.save_button.setDefault(True)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        self._saved = False  # the shared store changed and saved: the button closes
        self.cancel_button.clicked.connect(lambda: self.accept() if self._saved else self.reject())
        self.save_button.clicked.connect(self._on_save_clicked)
        for field in (self.hcode, self.hospital_name, self.agent_url, self.shared_store,
                      self.desk_name):  # fmt: skip
            field.textChanged.connect(self._check)
        self.test_store_button.clicked.connect(self._on_test_store_clicked)
        for combo in (self.zone, self.staff_reader, self.slip_printer):
            # A long printer name must not widen the dialog past a small screen.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
        self._check()
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 680, 560
        if screen is not None:
            width, height = min(width, screen.width() - 20), min(height, screen.height() - 40)
        self.resize(width, height)

    def values(self) -> dict[str, Any]:
        return {
            "hcode": self.hcode.text().strip() or None,
            "hospital_name": self.hospital_name.text().strip(),
            "agent_url": self.agent_url.text().strip(),
            "zone": self.zone.currentData(),
            "staff_reader": self.staff_reader.currentData(),
            "slip_printer": self.slip_printer.currentData(),
            "slip_print_dialog": self.print_dialog.isChecked(),
            "idle_lock_minutes": self.idle_lock.value(),
            "staff_sign_in_required": self.sign_in_required.isChecked(),
            "shared_store": self.shared_store.text().strip(),
            "desk_name": self.desk_name.text().strip(),
        }

    def _check(self) -> bool:
        good = True
        for key, value in self.values().items():
            why = problem(key, value)
            if key == "hcode" and value is None:
                why = words.HCODE_EMPTY.th
            note = self.problems[key]
            note.setText((FIELD_PROBLEMS.get(key) if value is not None else None) or why or ""
                         if why else "")  # fmt: skip
            note.setVisible(why is not None)
            good = good and why is None
        self.save_button.setEnabled(good)
        return good

    def _on_save_clicked(self) -> None:
        if not self._check():
            return
        self.save_button.setEnabled(False)
        self.status.setText(words.SAVING.one_line())
        self.save_requested.emit(replace(self._settings, **self.values()))

    def _on_test_store_clicked(self) -> None:
        if not self._check() or not self.shared_store.text().strip():
            return
        self.test_store_button.setEnabled(False)
        self.store_result.setStyleSheet("")
        self.store_result.setText(store_words.TESTING.one_line())
        self.test_store_requested.emit(replace(self._settings, **self.values()))

    def show_store_test(self, message: Message, ok: bool) -> None:
        self.test_store_button.setEnabled(True)
        self.store_result.setStyleSheet(f"color: {'#1a7f37' if ok else '#8a1c24'};")
        self.store_result.setText(message.two_lines())

    def show_saved(self) -> None:
        if self.values()["shared_store"] == self._settings.shared_store:
            self.accept()
            return
        # "บันทึกและใช้ทันที" is not true of the shared store: it is opened at start-up only
        self.status.setText(store_words.SAVED_STORE_NEXT_START.two_lines())
        self.status.setStyleSheet("color: #9a6700; font-weight: bold;")
        self._body.setEnabled(False)  # saved: nothing more typed here would be
        self.save_button.hide()
        self.cancel_button.setText(f"{store_words.CLOSE.th} ({store_words.CLOSE.en})")
        self._saved = True
        self.cancel_button.setFocus()

    def show_failure(self, message: Message) -> None:
        self.status.setText(message.two_lines())
        self.save_button.setEnabled(True)
