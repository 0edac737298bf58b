"""What the desk shows while locked after idle time: nobody's data, and always a way back:
unlock with the card (F2), sign out, or — where the clinic allows a desk without staff
sign-in — carry on without staff. The buttons stay below the words, always in view (side by
side, wrapping on a narrow screen); the words scroll when a small screen and a banner above
the pages leave them too little room."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from widgets.flow_layout import FlowLayout
from widgets.style import ui_font


class LockView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 8)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        inner.setObjectName("lockText")  # the window's own background, as under the buttons
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)
        column = QVBoxLayout(inner)
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
        self.continue_button = QPushButton("ทำงานต่อโดยไม่ลงชื่อเจ้าหน้าที่")
        column.addStretch(1)
        buttons = QWidget()
        row = FlowLayout(buttons, spacing=10, centred=True)
        for button in (self.unlock_button, self.sign_out_button, self.continue_button):
            button.setFont(ui_font(14, bold=True))
            button.setMinimumHeight(48)
            row.addWidget(button)
        outer.addWidget(buttons)

    def show_for(self, name: str, may_continue_without_staff: bool = False) -> None:
        self.continue_button.setVisible(may_continue_without_staff)
        self.detail.setText(
            f"ไม่มีการใช้งานนานเกินกำหนด — {name} เสียบบัตรของตนแล้วกด F2 เพื่อใส่ PIN\n"
            "Locked after idle time — the signed-in staff member inserts their card and presses F2."
        )
