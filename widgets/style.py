"""Sizes and colours shared by the front-desk views: big, calm, readable across a desk."""

from __future__ import annotations

import html
from functools import cache

from PySide6.QtCore import Qt, QTextBoundaryFinder
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


# --- words a wrapped line must not split --------------------------------------------------

# Qt breaks Thai lines where libthai finds word boundaries, and libthai sees these as two
# words (เครื่อง|อ่าน) and ignores the Unicode joiners (U+2060, U+FEFF, U+200D). A no-break
# space does hold a Thai line together; one a pixel high is as wide as nothing.
KEEP_WHOLE = ("เครื่องอ่าน",)
_JOINER = '<span style="font-size:1px">&nbsp;</span>'


@cache
def _joined(word: str) -> str:
    """`word` as rich text with a 1-pixel no-break space at each break Qt would take in it."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, word)
    cuts = []
    while (at := finder.toNextBoundary()) != -1:
        if 0 < at < len(word):
            cuts.append(at)
    pieces = [word[a:b] for a, b in zip([0, *cuts], [*cuts, len(word)], strict=True)]
    return _JOINER.join(html.escape(p, quote=False) for p in pieces)


def whole_words_html(text: str) -> str | None:
    """`text` as rich text in which no word of `KEEP_WHOLE` is split across lines (newlines
    kept), or None when it holds none of them."""
    if not any(word in text for word in KEEP_WHOLE):
        return None
    marked = html.escape(text, quote=False)
    for word in KEEP_WHOLE:
        marked = marked.replace(html.escape(word, quote=False), _joined(word))
    return marked.replace("\n", "<br>")


def set_wrapped_text(label: QLabel, text: str) -> None:
    """A wrapping label's text, with "เครื่องอ่าน" and the like never split across lines:
    rich text then, plain text otherwise (a typed or received "<b>" stays as typed)."""
    marked = whole_words_html(text)
    if marked is None:
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setText(text)
    else:
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setText(marked)
