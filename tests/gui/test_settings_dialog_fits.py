"""The clinic settings dialog on the smallest clinic screen: every field ends inside the
form's visible width (the form scrolls only up and down, so a wider row is cut off)."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from app.settings.model import Settings
from widgets.settings_dialog import SettingsDialog

SMALLEST = (819, 480)  # a 1024x600 screen at 125 %, in Qt's logical pixels


def test_no_field_is_cut_off_on_a_1024x600_screen_at_125_percent(qtbot: QtBot) -> None:
    dialog = SettingsDialog(
        Settings(hcode="12345"), ["ACS ACR39U ICC Reader 00 00"],
        ["EPSON TM-T82X Receipt (ห้องบัตร)"], "settings.json",
    )  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.resize(SMALLEST[0] * 2 // 3, SMALLEST[1] - 40)  # a narrow dialog on it
    dialog.show()
    qtbot.waitExposed(dialog)
    scroll = dialog.findChild(QScrollArea)
    assert scroll is not None
    viewport, body = scroll.viewport(), scroll.widget()
    assert body is not None
    assert body.minimumSizeHint().width() <= viewport.width()
    assert body.width() <= viewport.width()
