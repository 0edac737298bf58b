"""Issue 20.11: "เครื่องอ่าน" (card reader) is never split across lines.

Qt breaks Thai where libthai finds words, and libthai cuts it เครื่อง|อ่าน. Each label is
laid out as Qt lays out its text (its own font, rich or plain text as it holds it) at every
narrow width, and its lines are read back: at each width where the plain sentence is split
between เครื่อง and อ่าน, the label's text must not be.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.message import Message
from app.words import card as card_words
from app.words import desk as desk_words
from tests.gui.conftest import DeskDriver
from widgets.authen_panel import AuthenPanel
from widgets.status_line import StatusLine
from widgets.style import set_wrapped_text

pytestmark = pytest.mark.gui
WORD, HEAD, TAIL = "เครื่องอ่าน", "เครื่อง", "อ่าน"


def lines_of(text: str, rich: bool, label: QLabel, width: float) -> list[str]:
    """The lines Qt makes of `text` in `label`'s font at `width` (a QLabel's text engine)."""
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)
    if rich:
        doc.setHtml(text)
    else:
        doc.setPlainText(text)
    doc.setTextWidth(width)
    doc.size()  # lays it out
    lines = []
    block = doc.begin()
    while block.isValid():
        layout, content = block.layout(), block.text()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            lines.append(content[line.textStart() : line.textStart() + line.textLength()])
        block = block.next()
    return [line.replace("\xa0", "").strip() for line in lines]


def split(lines: list[str]) -> bool:
    return any(a.endswith(HEAD) and b.startswith(TAIL) for a, b in pairwise(lines))


def assert_kept_whole(label: QLabel, plain: str) -> None:
    assert WORD in plain
    rich = label.textFormat() == Qt.TextFormat.RichText
    shown = label.text()
    least = QFontMetricsF(label.font()).horizontalAdvance(WORD) + 2
    splits_plain = 0
    for width in range(int(least), int(least * 6), 3):
        if not split(lines_of(plain, False, label, width)):
            continue
        splits_plain += 1
        lines = lines_of(shown, rich, label, width)
        assert not split(lines), f"split at {width}px: {' | '.join(lines)}"
        assert any(WORD in line for line in lines)
        assert "".join(lines).replace(" ", "") == plain.replace("\n", "").replace(" ", "")
    assert splits_plain > 0  # the plain sentence does split there: the check means something


@pytest.mark.parametrize(
    "message", [card_words.NO_READER, card_words.PCSC_SERVICE_GONE, card_words.CARD_CHANGED]
)
def test_the_patient_area_error_keeps_the_reader_whole(qtbot: QtBot, message: Message) -> None:
    panel = AuthenPanel()
    qtbot.addWidget(panel)
    panel.show_rights_error(message)
    assert panel.error.isVisibleTo(panel)
    assert_kept_whole(panel.error, message.two_lines())


@pytest.mark.parametrize(
    ("service_ok", "readers", "card_reader", "message"),
    [
        (False, [], None, desk_words.READER_SERVICE_DOWN),
        (True, [], None, desk_words.NO_READER),
        (True, ["Reader 0"], "Reader 0", desk_words.CARD_IN_READER),
    ],
)
def test_the_reader_light_keeps_the_reader_whole(
    qtbot: QtBot, service_ok: bool, readers: list[str], card_reader: str | None,
    message: Message,
) -> None:  # fmt: skip
    host = QWidget()
    qtbot.addWidget(host)
    status = StatusLine(QHBoxLayout(host))
    status.show_reader(service_ok, readers, card_reader)
    assert_kept_whole(status.reader, message.th)
    assert status.reader.toolTip().startswith(message.en)


def test_the_banner_keeps_the_reader_whole(desk: DeskDriver) -> None:
    desk.activate()
    desk.qtbot.keyClick(desk.win, Qt.Key.Key_F2)  # no card: "insert the staff card …"
    assert desk.win.banner.isVisible()
    assert_kept_whole(desk.win.error_banner, desk_words.NEED_STAFF_CARD.two_lines())


def test_text_without_such_words_stays_plain(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    set_wrapped_text(label, "<b>ชื่อ</b> & ข้อความ")
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == "<b>ชื่อ</b> & ข้อความ"
    set_wrapped_text(label, "<b> ในเครื่องอ่าน &")
    assert label.textFormat() == Qt.TextFormat.RichText
    assert "&lt;b&gt;" in label.text() and "&amp;" in label.text()


def test_a_short_reader_state_stays_on_one_line_beside_a_long_staff_line(qtbot: QtBot) -> None:
    """The 1024x600 screen at 125 %: "● พร้อม / อ่านบัตร" read as two states; the staff
    line beside it wraps instead."""
    host = QWidget()
    qtbot.addWidget(host)
    row = QHBoxLayout(host)
    staff = QLabel("ผู้ให้บริการ: นางสาวสุดา ใจงาม (สาธิต) — ยังไม่ได้ลงชื่อเข้าใช้ด้วยบัตร (F2)")
    staff.setWordWrap(True)
    row.addWidget(staff, 1)
    status = StatusLine(row)
    status.agent.setText(desk_words.AGENT_READY.th)
    host.resize(420, 120)
    host.show()
    qtbot.waitExposed(host)
    for ready, message in ((False, desk_words.READY_TO_READ), (True, desk_words.CARD_IN_READER)):
        status.show_reader(True, ["Reader 0"], "Reader 0" if ready else None)
        row.activate()
        label = status.reader
        one_line = QFontMetricsF(label.font()).horizontalAdvance(message.th)
        assert label.contentsRect().width() >= one_line, message.th
        assert label.height() < 2 * label.fontMetrics().lineSpacing()


def test_the_hn_field_shows_its_placeholder_whole_on_a_narrow_panel(qtbot: QtBot) -> None:
    """At 1024x600 and 125 % the HN field was squeezed to "ไม่บั…": the layout may shrink
    the fields no further than their text."""
    panel = AuthenPanel()
    qtbot.addWidget(panel)
    needed = QFontMetricsF(panel.hn.font()).horizontalAdvance(panel.hn.placeholderText())
    assert panel.hn.minimumWidth() >= needed + 12
    digits = QFontMetricsF(panel.mobile.font()).horizontalAdvance("0" * 10)
    assert panel.mobile.minimumWidth() >= digits + 12
