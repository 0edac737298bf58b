"""Sizes and colours shared by the front-desk views: big, calm, readable across a desk."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from app.message import Message

OK_COLOUR = "#1a7f37"
PROBLEM_COLOUR = "#cf222e"

# Fonts that carry Thai: Windows' own first, then the Linux/Debian ones.
THAI_FONT_FAMILIES = [
    "Leelawadee UI", "Tahoma", "Noto Sans Thai UI", "Noto Sans Thai", "Sarabun",
    "Loma", "Garuda", "Norasi", "Sans Serif",
]  # fmt: skip

BASE_POINT_SIZE = 12


def ui_font(point_size: float = BASE_POINT_SIZE, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(THAI_FONT_FAMILIES)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


STYLE_SHEET = """
QMainWindow { background: #f4f6f8; }
QFrame#patientCard { background: white; border: 1px solid #d0d7de; border-radius: 10px; }
QWidget#patientDetails { background: white; }
QLabel#photo { background: #eef1f4; border: 1px solid #c9d1d9; border-radius: 6px; color: #8a949e; }
QLabel#fieldLabel { color: #57606a; }
QLabel#placeholder { color: #57606a; }
QLabel#errorBanner { background: #fde7e9; color: #8a1c24; border: 1px solid #f4b6bc;
                     border-radius: 6px; padding: 8px 12px; }
QLabel#statusOk { color: #1a7f37; }
QLabel#statusWarn { color: #9a6700; }
QLabel#statusBad { color: #cf222e; }
QPushButton { padding: 8px 18px; min-height: 32px; }
QFrame#demoPanel { background: #fff8e1; border: 1px dashed #d4a72c; border-radius: 8px; }
"""


def show_status(label: QLabel, message: Message, ok: bool) -> None:
    """A dialog's outcome line: Thai over English, green when it went well, red when not."""
    label.setStyleSheet(f"color: {OK_COLOUR if ok else PROBLEM_COLOUR};")
    label.setText(message.two_lines())
