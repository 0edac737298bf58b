"""The window's top-right lights: the NHSO agent and the card reader, in words and colour.

`StatusLine.show_agent` follows the agent's pings (and any call that could not reach it);
`show_reader` the PC/SC service, the readers and whether a card is in. The window only
passes the facts; the words are in app/words/desk.py."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel

from app.message import Message
from app.words import desk as words
from widgets.style import set_wrapped_text, ui_font

READER_WIDTH = 260  # the reader's light wraps beyond this (logical pixels)


class StatusLine:
    """Two labels placed in the window's top line (kept as `agent` and `reader`)."""

    def __init__(self, row: QHBoxLayout) -> None:
        self.agent = QLabel()
        self.agent.setFont(ui_font(11, bold=True))
        row.addWidget(self.agent, 0, Qt.AlignmentFlag.AlignVCenter)
        self.reader = QLabel()
        self.reader.setFont(ui_font(11, bold=True))
        self.reader.setWordWrap(True)
        self.reader.setMaximumWidth(READER_WIDTH)
        row.addWidget(self.reader, 0, Qt.AlignmentFlag.AlignVCenter)

    def agent_checking(self) -> None:
        self.agent.setText(words.AGENT_CHECKING.th)

    def show_agent(self, reachable: bool, detail: str) -> None:
        if reachable:
            self.agent.setText(words.AGENT_READY.th)
            self.agent.setStyleSheet("color: #1a7f37;")
        else:
            self.agent.setText(words.AGENT_UNREACHABLE_LIGHT.th)
            self.agent.setStyleSheet("color: #cf222e;")
        self.agent.setToolTip(detail)

    def show_reader(
        self, service_ok: bool | None, readers: list[str], card_reader: str | None
    ) -> None:
        """`service_ok`: None until the card thread first reports. `card_reader`: the reader
        holding the patient's card, if any."""
        if service_ok is None:
            self._set(words.READER_CHECKING, "statusWarn")
        elif not service_ok:
            self._set(words.READER_SERVICE_DOWN, "statusBad")
        elif not readers:
            self._set(words.NO_READER, "statusBad")
        elif card_reader is not None:
            self._set(words.CARD_IN_READER, "statusOk", card_reader)
        else:
            self._set(words.READY_TO_READ, "statusWarn", ", ".join(readers))

    def _set(self, message: Message, kind: str, where: str = "") -> None:
        set_wrapped_text(self.reader, message.th)
        # A short state ("● พร้อมอ่านบัตร") stays on one line: the staff line beside it gives
        # way. Only a long one wraps, within READER_WIDTH, never inside "เครื่องอ่าน".
        one_line = QFontMetrics(self.reader.font()).horizontalAdvance(message.th) + 4
        self.reader.setMinimumWidth(min(one_line, READER_WIDTH))
        self.reader.setToolTip(f"{message.en}\n{where}".strip())
        self.reader.setObjectName(kind)
        self.reader.setStyleSheet("")  # re-polish for the new object name
