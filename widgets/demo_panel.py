"""Controls of the simulated reader, shown only in --demo (training, trying things out).
F5 and F6 are the window's menu actions (Desk menu), which call `insert_card` and
`remove_card` here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from widgets.style import ui_font

if TYPE_CHECKING:  # the simulated reader loads only for --demo
    from app.demo.reader import DemoReader


class DemoPanel(QFrame):
    def __init__(
        self,
        demo: DemoReader,
        parent: QWidget | None = None,
        reset_staff_card: Callable[[], None] | None = None,
        agent_down_changed: Callable[[bool], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("demoPanel")
        self.setFont(ui_font(11))
        self._demo = demo
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        title = QLabel("เครื่องอ่านจำลอง\n(โหมดสาธิต)")
        title.setFont(ui_font(10, bold=True))
        title.setToolTip("Simulated reader — demo mode")
        row.addWidget(title)
        self.persona = QComboBox()
        self.persona.setFont(ui_font(12))
        # The list shrinks on a narrow screen (its long labels elide); the buttons never do.
        self.persona.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.persona.setMinimumContentsLength(10)
        for choice in demo.choices():
            self.persona.addItem(choice.label, choice.id)
        self.insert_button = QPushButton("เสียบบัตร (F5)")
        self.remove_button = QPushButton("ถอดบัตร (F6)")
        self.reset_staff_button = QPushButton("รีเซ็ต PIN สาธิต")
        self.reset_staff_button.setToolTip("ล้างจำนวนครั้งที่ใส่ PIN ผิดของบัตรเจ้าหน้าที่สาธิต (เฉพาะโหมดสาธิต)")
        # Training for the day the agent is not running: the patient area says what to do.
        self.agent_down_button = QPushButton("Agent ไม่ทำงาน")
        self.agent_down_button.setCheckable(True)
        self.agent_down_button.setToolTip(
            "หยุด Agent จำลอง เพื่อดูว่าจอบอกอะไรเมื่อ Agent ของ สปสช. ไม่ทำงาน (กดอีกครั้งเพื่อเปิดคืน)"
        )
        buttons = (self.insert_button, self.remove_button, self.reset_staff_button,
                   self.agent_down_button)  # fmt: skip
        for button in buttons:
            button.setFont(ui_font(11, bold=True))
            button.setStyleSheet("padding: 4px 10px; min-height: 24px;")
        row.addWidget(self.persona, 1)
        row.addWidget(self.insert_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.reset_staff_button)
        row.addWidget(self.agent_down_button)
        self.insert_button.clicked.connect(self.insert_card)
        self.remove_button.clicked.connect(self.remove_card)
        self._reset_staff_card = reset_staff_card
        self.reset_staff_button.clicked.connect(self._on_reset_staff_clicked)
        self.reset_staff_button.setVisible(reset_staff_card is not None)
        self._agent_down_changed = agent_down_changed
        self.agent_down_button.toggled.connect(self._on_agent_down_toggled)
        self.agent_down_button.setVisible(agent_down_changed is not None)

    def _on_agent_down_toggled(self, down: bool) -> None:
        self.agent_down_button.setText("เปิด Agent คืน" if down else "Agent ไม่ทำงาน")
        if self._agent_down_changed is not None:
            self._agent_down_changed(down)

    def _on_reset_staff_clicked(self) -> None:
        if self._reset_staff_card is not None:
            self._reset_staff_card()

    def insert_card(self) -> None:
        persona_id = self.persona.currentData()
        if self._demo.has_card:
            self._demo.remove()
        self._demo.insert(str(persona_id))

    def remove_card(self) -> None:
        self._demo.remove()
