"""Who is serving at this desk, with sign-in (F2) and sign-out."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.staff.session import StaffSession
from widgets.style import ui_font


class StaffBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setFont(ui_font(12))
        self.label.setWordWrap(True)
        self.sign_in_button = QPushButton("ลงชื่อเข้าใช้ด้วยบัตร (F2)")
        self.sign_out_button = QPushButton("ออกจากระบบ")
        self.token_button = QPushButton("Token (Ctrl+T)")
        for button in (self.sign_in_button, self.sign_out_button, self.token_button):
            button.setFont(ui_font(11, bold=True))
            button.setStyleSheet("padding: 4px 10px; min-height: 24px;")
        row.addWidget(self.label, 1)
        row.addWidget(self.token_button)
        row.addWidget(self.sign_in_button)
        row.addWidget(self.sign_out_button)

    def show_serving(self, session: StaffSession, serving_name: str | None) -> None:
        """Who a code would be issued under: the signed-in member, or the desk's OS user
        where the clinic allows a desk without sign-in."""
        self.show_session(session)
        if session.member is None and serving_name:
            self.label.setText(f"ผู้ให้บริการ: <b>{serving_name}</b> — ยังไม่ได้ลงชื่อเข้าใช้ด้วยบัตร (F2)")

    def show_session(self, session: StaffSession) -> None:
        member = session.member
        if member is None:
            self.label.setText("ยังไม่ได้ลงชื่อเข้าใช้ — เจ้าหน้าที่เสียบบัตรประชาชนของตนแล้วกด F2")
            self.sign_in_button.show()
            self.sign_out_button.hide()
        else:
            self.label.setText(f"ผู้ให้บริการ: <b>{member.name}</b>")
            self.sign_in_button.hide()
            self.sign_out_button.show()
