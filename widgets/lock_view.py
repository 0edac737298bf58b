"""What the desk shows while locked after idle time: nobody's data, one way back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from widgets.style import ui_font


class LockView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.addStretch(1)
        self.title = QLabel("หน้าจอถูกล็อก")
        self.title.setFont(ui_font(28, bold=True))
        self.detail = QLabel()
        self.detail.setFont(ui_font(16))
        self.detail.setWordWrap(True)
        for label in (self.title, self.detail):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(label)
        self.unlock_button = QPushButton("ใส่ PIN เพื่อใช้งานต่อ (F2)")
        self.sign_out_button = QPushButton("ออกจากระบบ (เปลี่ยนเจ้าหน้าที่)")
        for button in (self.unlock_button, self.sign_out_button):
            button.setFont(ui_font(14, bold=True))
            button.setMinimumHeight(48)
            column.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)

    def show_for(self, name: str) -> None:
        self.detail.setText(
            f"ไม่มีการใช้งานนานเกินกำหนด — {name} เสียบบัตรของตนแล้วกด F2 เพื่อใส่ PIN\n"
            "Locked after idle time — the signed-in staff member inserts their card and presses F2."
        )
