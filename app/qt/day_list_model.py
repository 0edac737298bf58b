"""The day list's table model: pages of visits read on the database thread.

Every read goes through TaskRunner.run_db (never SQLite on the GUI thread). A new filter
or sort bumps a generation number: pages that arrive for an older one are dropped, so a
slow answer to "สม" never overwrites the answer to "สมชาย". Rows come a page at a time as
the view scrolls (canFetchMore / fetchMore).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.authen.visit_log import FLAGGED, Visit, VisitLog
from app.authen.visit_query import PAGE_SIZE, Counts, DayRow, VisitFilter, query_for
from app.errors import message_for
from app.qt.tasks import TaskRunner
from app.reports.visits import OUTCOME_TH
from app.verify.day import VERDICT_TH
from cardreader.cid import mask_cid

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex

GREEN, YELLOW, RED = QColor("#d9f2dc"), QColor("#fff4c2"), QColor("#f9d6d5")


@dataclass(frozen=True)
class Column:
    key: str  # visit_query.SORT_KEYS
    title: str


COLUMNS = (
    Column("time", "เวลา"),
    Column("name", "ชื่อ-สกุล"),
    Column("pid", "เลขบัตร"),
    Column("claim_type", "ประเภทบริการ"),
    Column("claim_code", "Claim Code"),
    Column("status", "ผล"),
    Column("staff", "เจ้าหน้าที่"),
    Column("verdict", "สปสช."),
    Column("desk", "จุดบริการ"),  # several desks (app/store)
)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the DayRow itself
WHOLE_TEXT_COLUMNS = frozenset({"name", "claim_type", "staff", "verdict", "status", "desk"})


def colour(row: DayRow) -> QColor:
    """Green: the code is NHSO's (verified, or imported from NHSO). Yellow: a code not yet
    verified (or NHSO disagrees). Red: no code."""
    if not row.visit.claim_code or row.visit.status == FLAGGED:  # not this patient's
        return RED
    if row.nhso_verdict in ("verified", "imported"):
        return GREEN
    return YELLOW


def _time(row: DayRow) -> str:
    stamp = row.visit.created_at
    return stamp[11:16] if len(stamp) >= 16 else stamp


@dataclass(frozen=True)
class _Page:
    generation: int
    offset: int
    rows: list[DayRow]
    counts: Counts | None


class DayListModel(QAbstractTableModel):
    loaded = Signal(object)  # Counts of the whole filter, after its first page
    load_failed = Signal(object)  # Message
    choices_loaded = Signal(object, object)  # claim types, staff: [(value, label)]

    def __init__(
        self, tasks: TaskRunner, query: VisitFilter | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.query = query or VisitFilter()
        self.page_size = PAGE_SIZE
        self._rows: list[DayRow] = []
        self._generation = 0
        self._loading = False
        self._exhausted = True
        self.counts: Counts | None = None

    # --- what the view asks --------------------------------------------------------------
    def set_filter(self, query: VisitFilter) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        """Drop what is shown and read the first page of the current filter."""
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        self._loading = False
        self.endResetModel()
        self._request(0, with_counts=True)

    def load_choices(self, query: VisitFilter | None = None) -> None:
        """The claim types and staff of the dates of `query` (default: the current filter),
        for the view's filter boxes."""
        query = query or self.query

        def read(visits: VisitLog) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
            q = query_for(visits)
            return q.distinct("claim_type", query), q.distinct("staff", query)

        self._tasks.run_db(read, lambda c: self.choices_loaded.emit(*c), self._failed, self)

    def row_at(self, row: int) -> DayRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def loading(self) -> bool:
        return self._loading

    def _request(self, offset: int, with_counts: bool = False) -> None:
        self._loading = True
        generation, query, size = self._generation, self.query, self.page_size

        def read(visits: VisitLog) -> _Page:
            q = query_for(visits)
            rows = q.page(query, offset, size)
            return _Page(generation, offset, rows, q.counts(query) if with_counts else None)

        self._tasks.run_db(read, self._on_page, self._failed, self)

    def _on_page(self, page: _Page) -> None:
        if page.generation != self._generation:
            return  # an answer to a filter no longer shown
        self._loading = False
        if page.offset != len(self._rows):
            return
        self._exhausted = len(page.rows) < self.page_size
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        if page.counts is not None:
            self.counts = page.counts
            self.loaded.emit(page.counts)

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        log.warning("day list read failed: %s: %s", type(error).__name__, error)
        self.load_failed.emit(message_for(error))

    # --- QAbstractTableModel ------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request(len(self._rows))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, COLUMNS[index.column()].key)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(colour(row))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#1f2328"))  # readable on the pale colours in a dark theme
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, COLUMNS[index.column()].key)
        if role == ROW_ROLE:
            return row
        return None

    @staticmethod
    def _text(row: DayRow, key: str) -> str:
        visit = row.visit
        if key == "time":
            return _time(row)
        if key == "name":
            return visit.patient_name
        if key == "pid":
            return mask_cid(visit.pid)
        if key == "claim_type":
            return visit.claim_type_name or visit.claim_type
        if key == "claim_code":
            if visit.status == FLAGGED:  # never shown as this patient's code
                return f"⚠ {visit.claim_code}"  # whose: the tooltip (NHSO named …)
            return visit.claim_code
        if key == "status":
            return OUTCOME_TH.get(visit.status, visit.status)
        if key == "staff":
            return visit.staff_name
        if key == "desk":
            return visit.desk
        if key == "verdict":
            text = VERDICT_TH.get(row.nhso_verdict, row.nhso_verdict) if row.nhso_verdict else ""
            if row.nhso_verdict == "different":
                text += f" ({row.nhso_claim_code})"
            return text
        return ""

    @classmethod
    def _tooltip(cls, row: DayRow, key: str = "") -> str:
        """The cell's whole text (a long name or claim type cut off by its column), then
        what went wrong and NHSO's word on it."""
        lines = []
        if key in WHOLE_TEXT_COLUMNS and (text := cls._text(row, key)):
            lines.append(text)
        if row.visit.error_message:
            from app.errors import words_for_kind

            # the catalogue's wording for the failure, not the exception's raw text
            known = words_for_kind(row.visit.error_kind)
            lines.append(known.two_lines() if known is not None else row.visit.error_message)
        if row.nhso_message:
            lines.append(f"สปสช.: {row.nhso_message}")
        if row.nhso_checked_at:
            lines.append(f"ตรวจเมื่อ {row.nhso_checked_at[:16].replace('T', ' ')}")
        return "\n".join(lines)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        query = replace(self.query, sort=COLUMNS[column].key, descending=descending)
        if query != self.query:
            self.set_filter(query)

    def visit_at(self, row: int) -> Visit | None:
        day_row = self.row_at(row)
        return day_row.visit if day_row is not None else None
