"""Sizes and colours shared by the front-desk views: big, calm, readable across a desk."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QEvent, QSize, Qt, QTextBoundaryFinder
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

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
QWidget#lockText { background: #f4f6f8; }
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

# Qt breaks Thai lines where libthai finds word boundaries, and libthai sees each of these
# as two words (เครื่อง|อ่าน, ผู้ดูแล|ระบบ) and ignores the Unicode joiners (U+2060, U+FEFF,
# U+200D). A no-break space does hold a Thai line together; one a pixel high is as wide as
# nothing.
KEEP_WHOLE = ("เครื่องอ่าน", "ผู้ดูแลระบบ")
_JOINER = '<span style="font-size:1px">&nbsp;</span>'


def escape_rich(text: str) -> str:
    """Text for a rich-text label: html.escape(text, quote=False), without loading html
    (and its table of entities) before the window's first frame."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _join(word: str) -> str:
    """`word` as rich text with a 1-pixel no-break space at each break Qt would take in it."""
    cuts = _cuts(word)
    pieces = [word[a:b] for a, b in zip([0, *cuts], [*cuts, len(word)], strict=True)]
    return _JOINER.join(escape_rich(p) for p in pieces)


_joined = cache(_join)  # the few words of KEEP_WHOLE; a patient's words are not kept


def whole_words_html(text: str) -> str | None:
    """`text` as rich text in which no word of `KEEP_WHOLE` is split across lines (newlines
    kept), or None when it holds none of them."""
    if not any(word in text for word in KEEP_WHOLE):
        return None
    marked = escape_rich(text)
    for word in KEEP_WHOLE:
        marked = marked.replace(escape_rich(word), _joined(word))
    return marked.replace("\n", "<br>")


def set_wrapped_text(label: QLabel, text: str) -> None:
    """A wrapping label's text, with "เครื่องอ่าน" and the like never split across lines:
    rich text then, plain text otherwise (a typed or received "<b>" stays as typed)."""
    show_marked(label, whole_words_html(text), text)


def show_marked(label: QLabel, marked: str | None, text: str) -> None:
    """`marked` (rich text made from `text`) when there is one, else `text` as plain text."""
    if marked is None:
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setText(text)
    else:
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setText(marked)


def _cuts(run: str) -> list[int]:
    """Where Qt may break a line inside `run` (libthai's word boundaries, for Thai)."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, run)
    cuts = []
    while (at := finder.toNextBoundary()) != -1:
        if 0 < at < len(run):
            cuts.append(at)
    return cuts


def _laid_out_height(text: str, rich: bool, font: QFont, width: int) -> float:
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    if rich:
        document.setHtml(text)
    else:
        document.setPlainText(text)
    document.setTextWidth(width)
    return document.size().height()


def between_words_html(text: str, font: QFont, width: int) -> str | None:
    """`text` as rich text whose lines break at spaces, at `width` pixels in `font`: each
    run without a space that fits a line is held together (libthai cuts a Thai name or place
    in two: เกียรติ|ก้องสกุลวงศ์, เสนา|นิเวศน์), as long as that takes no more lines than
    Qt's own breaks (then, first runs first, only those that do not). A run wider than a
    line keeps Qt's cuts. None when nothing is held together but `KEEP_WHOLE`'s words."""
    metrics = QFontMetricsF(font)
    runs = text.split(" ")
    held = [
        "\n" not in run and bool(_cuts(run)) and metrics.horizontalAdvance(run) <= width
        for run in runs
    ]
    if width <= 0 or not any(held):
        return whole_words_html(text)
    loose = [whole_words_html(run) or escape_rich(run) for run in runs]
    tight = [
        _join(run) if hold else piece for run, hold, piece in zip(runs, held, loose, strict=True)
    ]

    def marked(pieces: list[str]) -> str:
        return " ".join(pieces).replace("\n", "<br>")

    most = _laid_out_height(text, False, font, width)
    if _laid_out_height(marked(tight), True, font, width) <= most:
        return marked(tight)
    chosen, any_held = list(loose), False
    for index, hold in enumerate(held):
        if hold:
            trial = [*chosen[:index], tight[index], *chosen[index + 1 :]]
            if _laid_out_height(marked(trial), True, font, width) <= most:
                chosen, any_held = trial, True
    return marked(chosen) if any_held else whole_words_html(text)


class BetweenWordsLabel(QLabel):
    """A wrapping label whose lines break between words (`between_words_html`), refitted
    to its width; never taller than Qt's own wrapping of the same text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._whole = ""
        self._fitted_to = -1
        self._heights: dict[int, int] = {}  # width → height, for the text fitted to it
        self._probe: QLabel | None = None

    def set_text(self, text: str) -> None:
        self._whole = text
        self._fitted_to = -1
        self._heights.clear()
        self._fit()

    def heightForWidth(self, width: int) -> int:
        """The height at `width` of the text as fitted to that width (not of the text
        fitted to the label's present width): the layout asks before it resizes."""
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right()
        if inner == self._fitted_to:
            return super().heightForWidth(width)
        if width not in self._heights:
            if self._probe is None:
                self._probe = QLabel()
                self._probe.setWordWrap(True)
            self._probe.setFont(self.font())
            self._probe.setContentsMargins(margins)
            show_marked(
                self._probe, between_words_html(self._whole, self.font(), inner), self._whole
            )
            self._heights[width] = self._probe.heightForWidth(width)
        return self._heights[width]

    def whole_text(self) -> str:
        return self._whole

    def minimumSizeHint(self) -> QSize:
        """As narrow as Qt's own wrapping allows: a run held together on a wide screen
        must not keep the layout from narrowing (it is let go at the narrower width)."""
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * 8), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fitted_to = -1
            self._heights.clear()
            self._fit()

    def _fit(self) -> None:
        width = self.contentsRect().width()
        if width == self._fitted_to:
            return
        self._fitted_to = width
        show_marked(self, between_words_html(self._whole, self.font(), width), self._whole)


class ElidedLabel(QLabel):
    """One line: a text too long for the width ends in "…"; the tooltip has it whole."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._whole = ""
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self._whole = text
        self.setToolTip(text)
        self._elide()
        self.updateGeometry()

    def whole_text(self) -> str:
        return self._whole

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._whole) + margins.left() + margins.right()
        return QSize(width + 2, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…") * 3, super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._whole, Qt.TextElideMode.ElideRight, width)
        if shown != self.text():
            self.setText(shown)

    @property
    def elided(self) -> bool:
        return self.text() != self._whole
