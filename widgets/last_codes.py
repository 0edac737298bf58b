"""The last claim codes issued at this desk: pulling the card or the next patient never
takes an issued code out of view. Each row copies or reprints its own code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from widgets.style import ElidedLabel, escape_rich, ui_font

if TYPE_CHECKING:
    from app.authen.visit_log import Visit

STRIP_STYLE = """
QFrame#lastCodes { background: white; border: 1px solid #d0d7de; border-radius: 8px; }
QLabel#lastCodeText { color: #24292f; }
QPushButton#lastCodeButton { padding: 2px 10px; min-height: 24px; }
"""


def _time(iso: str) -> str:
    """HH:MM of an ISO timestamp (the log writes Bangkok time)."""
    return iso[11:16] if len(iso) >= 16 else iso


class LastCodesStrip(QFrame):
    copy_requested = Signal(object)  # Visit
    reprint_requested = Signal(object)  # Visit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lastCodes")
        self.setStyleSheet(STRIP_STYLE)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(10, 4, 10, 4)
        self._column.setSpacing(0)
        title_row = QHBoxLayout()
        title = QLabel("รหัสล่าสุดที่ออกที่จุดนี้ — Last codes")
        title.setFont(ui_font(11, bold=True))
        title_row.addWidget(title, 1)
        self.more_button = QPushButton()
        self.more_button.setObjectName("lastCodeButton")
        self.more_button.setFont(ui_font(10, bold=True))
        self.more_button.clicked.connect(self._on_more_clicked)
        self.more_button.hide()
        title_row.addWidget(self.more_button)
        self._column.addLayout(title_row)
        self._expanded = False
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(16)
        self._grid.setVerticalSpacing(0)
        self._column.addLayout(self._grid)
        self._rows: list[QWidget] = []
        self._labels: list[tuple[QLabel, ElidedLabel]] = []  # each row's code, and who
        self.visits: tuple[Visit, ...] = ()
        self._room: int | None = None  # rows that fit (None: all)
        self._space: int | None = None  # pixels the patient leaves (None: not measured)
        # With no room even for the title line, the strip steps out of the patient's way
        # and this button (placed in the window's status bar) opens it on request.
        self.header_button = QPushButton()
        self.header_button.setObjectName("lastCodeButton")
        self.header_button.setFont(ui_font(10, bold=True))
        self.header_button.setToolTip("รหัสล่าสุดที่ออกที่จุดนี้ — Last codes")
        self.header_button.setStyleSheet("padding: 1px 8px; min-height: 0px;")  # status-bar sized
        self.header_button.clicked.connect(self._on_more_clicked)
        self.header_button.hide()
        self.hide()

    def fit_into(self, space: int) -> None:
        """The strip gives way to the patient: as many rows (newest first) as `space`
        pixels hold below the patient's rows; with no room for its title line it hides
        behind `header_button`. "Show all" opens every row on request."""
        self._space = space
        used = self._height_for(0) + 8  # and the spacing above the strip
        room = -1 if used > space else 0
        for row in self._rows if room == 0 else []:
            used += row.sizeHint().height()
            if used > space:
                break
            room += 1
        if room != self._room:
            self._room = room
            self._show_rows()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Given less height than its rows need (the window measured before its layout
        settled, e.g. a banner just took room above the pages), the strip shows fewer rows
        rather than let them overlap or be cut; "Show all" still opens every row."""
        super().resizeEvent(event)
        if self._expanded or not self._rows:
            return
        shown = self.rows_shown
        while shown > 0 and self._height_for(shown) > self.height():
            shown -= 1
        if shown < self.rows_shown:
            self._room = shown
            self._show_rows()

    def _height_for(self, rows: int) -> int:
        """The strip's height with its title line and `rows` rows. The title line as tall
        as with "Show all" beside it (shown once rows fold), whether it shows yet or not."""
        margins = self._column.contentsMargins()
        title = self._column.itemAt(0)
        line = max(title.sizeHint().height() if title else 0, self.more_button.sizeHint().height())
        used = margins.top() + margins.bottom() + line + 2 * self.frameWidth()
        return used + sum(row.sizeHint().height() for row in self._rows[:rows])

    @property
    def rows_shown(self) -> int:
        return sum(1 for row in self._rows if not row.isHidden()) if not self.isHidden() else 0

    def _show_rows(self) -> None:
        count = len(self._rows)
        room = count if self._room is None or self._expanded else self._room
        for index, row in enumerate(self._rows):
            row.setVisible(index < room)
        folded = self._room is not None and self._room < count
        self.more_button.setVisible(folded or self._expanded)
        self.more_button.setText("ย่อ" if self._expanded else f"แสดงทั้งหมด ({count})")
        stepped_out = room < 0 and count > 0
        self.setVisible(count > 0 and not stepped_out)
        self.header_button.setText(f"รหัสล่าสุด ({count}) ▾")
        self.header_button.setVisible(stepped_out)

    def _on_more_clicked(self) -> None:
        self._expanded = not self._expanded
        self._show_rows()

    def show_visits(self, visits: tuple[Visit, ...]) -> None:
        if visits == self.visits:
            return
        self.visits = visits
        for row in self._rows:
            row.deleteLater()
        self._rows = []
        self._labels = []
        for index, visit in enumerate(visits):
            self._rows.append(self._row(visit))
            self._grid.addWidget(self._rows[-1], index, 0)  # newest first
        self._show_rows()

    def row_texts(self) -> list[str]:
        """Each row's time, code, name and claim type, whole (as its tooltip has them)."""
        return [f"{code.text()}  {who.whole_text()}" for code, who in self._labels]

    def name_labels(self) -> list[ElidedLabel]:
        """Each row's name and claim type (newest first)."""
        return [who for _, who in self._labels]

    def _row(self, visit: Visit) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 1, 0, 1)
        kind = visit.claim_type_name or visit.claim_type
        code = QLabel(f"{_time(visit.updated_at)}  <b>{escape_rich(visit.claim_code)}</b>")
        code.setTextFormat(Qt.TextFormat.RichText)
        # One line each: a long name ends in "…" (whole in the tooltip), never cut mid-word
        # onto a second line.
        who = ElidedLabel(f"{visit.patient_name} — {kind}")
        for label in (code, who):
            label.setObjectName("lastCodeText")
            label.setFont(ui_font(10))
        line.addWidget(code)
        line.addWidget(who, 1)
        self._labels.append((code, who))
        copy = QPushButton("คัดลอก")
        reprint = QPushButton("พิมพ์ซ้ำ")
        for button in (copy, reprint):
            button.setObjectName("lastCodeButton")
            button.setFont(ui_font(10, bold=True))
            line.addWidget(button)
        copy.clicked.connect(lambda: self.copy_requested.emit(visit))
        reprint.clicked.connect(lambda: self.reprint_requested.emit(visit))
        return row
