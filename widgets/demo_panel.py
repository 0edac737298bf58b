"""Controls of the simulated reader, shown only in --demo (training, trying things out)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QPushButton, QWidget

from app.demo.reader import DemoReader
from widgets.style import ui_font


class DemoPanel(QGroupBox):
    def __init__(self, demo: DemoReader, parent: QWidget | None = None) -> None:
        super().__init__("เครื่องอ่านจำลอง (โหมดสาธิต) — Simulated reader", parent)
        self.setObjectName("demoPanel")
        self.setFont(ui_font(11))
        self._demo = demo
        row = QHBoxLayout(self)
        self.persona = QComboBox()
        self.persona.setFont(ui_font(12))
        for choice in demo.choices():
            self.persona.addItem(choice.label, choice.id)
        self.insert_button = QPushButton("เสียบบัตร (F5)")
        self.remove_button = QPushButton("ถอดบัตร (F6)")
        for button in (self.insert_button, self.remove_button):
            button.setFont(ui_font(12, bold=True))
        row.addWidget(self.persona, 1)
        row.addWidget(self.insert_button)
        row.addWidget(self.remove_button)
        self.insert_button.clicked.connect(self._on_insert_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        QShortcut(QKeySequence("F5"), self, self._on_insert_clicked)
        QShortcut(QKeySequence("F6"), self, self._on_remove_clicked)

    def _on_insert_clicked(self) -> None:
        persona_id = self.persona.currentData()
        if self._demo.has_card:
            self._demo.remove()
        self._demo.insert(str(persona_id))

    def _on_remove_clicked(self) -> None:
        self._demo.remove()
