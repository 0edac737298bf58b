"""The day list: today's visits, newest first, filtered and searched as staff type.

A view only: it renders DayListModel (app/qt/day_list_model.py, which reads through the
database thread) and forwards intent as signals; the window decides what a reprint or a
retry does. Row colours (the model's): green = code verified with NHSO, yellow = code not
yet verified, red = no code.

Keys: type to search (CID or HN prefix, claim code, part of a name); Ctrl+C copies the
selected row's code; Ctrl+P asks for its slip again; Ctrl+R retries a failed visit;
Ctrl+F5 reads the list again (F5 inserts the demo card).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QModelIndex, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.authen.visit_log import Visit
from app.authen.visit_query import Counts, VisitFilter
from app.message import Message
from app.qt.day_list_model import COLUMNS, DayListModel
from widgets.style import ui_font

SEARCH_DELAY_MS = 250  # debounce: one query per pause in typing, not per key
RETRYABLE = frozenset({"failed", "pending"})
# (label, statuses): the outcome filter's choices
OUTCOMES: list[tuple[str, frozenset[str]]] = [
    ("ทุกผล / all", frozenset()),
    ("ได้รหัส / with a code", frozenset({"ok", "reused", "imported"})),
    ("ไม่สำเร็จ / failed", frozenset({"failed"})),
    ("ค้าง / pending", frozenset({"pending"})),
]
VERDICTS: list[tuple[str, frozenset[str]]] = [
    ("สปสช.: ทั้งหมด / NHSO: any", frozenset()),
    ("ยังไม่ตรวจ / not checked", frozenset({""})),
    ("ตรงกัน / verified", frozenset({"verified", "imported"})),
    ("ไม่ตรง / not found, different", frozenset({"not_found", "different"})),
    ("ตรวจไม่สำเร็จ / error", frozenset({"error"})),
]


def today() -> dt.date:
    return clock.today()


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DayListView(QWidget):
    code_copied = Signal(str)
    reprint_requested = Signal(object)  # Visit
    retry_requested = Signal(object)  # Visit (failed or pending)

    def __init__(self, model: DayListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setFont(ui_font(12))
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDate(_qdate(today()))
        self.outcome = QComboBox()
        for label, _ in OUTCOMES:
            self.outcome.addItem(label)
        self.verdict = QComboBox()
        for label, _ in VERDICTS:
            self.verdict.addItem(label)
        self.claim_type = QComboBox()
        self.staff = QComboBox()
        self._set_choices(self.claim_type, "ทุกประเภท / any claim type", [])
        self._set_choices(self.staff, "ทุกคน / any staff", [])
        self.search = QLineEdit()
        self.search.setPlaceholderText("ค้นหา: เลขบัตร, HN, Claim Code หรือชื่อ / search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        self.counts_label = QLabel()
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet("color: #cf222e;")
        self.problem_label.setWordWrap(True)

        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # the indicator first: enabling sorting sorts by it at once (newest first = as read)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widths = {"time": 60, "name": 220, "pid": 150, "claim_type": 220, "claim_code": 160,
                  "status": 110, "staff": 160}  # fmt: skip
        for number, column in enumerate(COLUMNS):
            if column.key in widths:
                self.table.setColumnWidth(number, widths[column.key])

        self.copy_button = QPushButton("คัดลอกรหัส (Ctrl+C)")
        self.reprint_button = QPushButton("พิมพ์ใบรหัสซ้ำ (Ctrl+P)")
        self.retry_button = QPushButton("ขอรหัสใหม่ (Ctrl+R)")
        self.copy_action = self._action("คัดลอกรหัส / copy the code", "Ctrl+C", self.copy_code)
        self.reprint_action = self._action("พิมพ์ใบรหัสซ้ำ / reprint the slip", "Ctrl+P",
                                           self.reprint)  # fmt: skip
        self.retry_action = self._action("ขอรหัสใหม่ / retry", "Ctrl+R", self.retry)
        self.refresh_action = self._action("อ่านรายการใหม่ / refresh", "Ctrl+F5", self.model.reload)

        filters = QHBoxLayout()
        filters.addWidget(QLabel("วันที่"))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("ถึง"))
        filters.addWidget(self.date_to)
        filters.addWidget(self.outcome)
        filters.addWidget(self.claim_type)
        filters.addWidget(self.staff)
        filters.addWidget(self.verdict)
        filters.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.counts_label)
        actions = QHBoxLayout()
        for button in (self.copy_button, self.reprint_button, self.retry_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.problem_label.hide()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        for box in (self.outcome, self.claim_type, self.staff, self.verdict):
            box.currentIndexChanged.connect(self.apply_filter)
        self.date_from.dateChanged.connect(self._on_dates_changed)
        self.date_to.dateChanged.connect(self._on_dates_changed)
        self.copy_button.clicked.connect(self.copy_code)
        self.reprint_button.clicked.connect(self.reprint)
        self.retry_button.clicked.connect(self.retry)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        model.loaded.connect(self._on_model_loaded)
        model.load_failed.connect(self._on_model_load_failed)
        model.choices_loaded.connect(self._on_model_choices_loaded)
        model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def hand_keys_to_window(self) -> None:
        """Inside the desk window, Ctrl+C and Ctrl+P are the window's (which acts on this
        list while it is shown): two actions on one key make Qt fire neither."""
        for action in (self.copy_action, self.reprint_action):
            action.setShortcut(QKeySequence())

    def _action(self, text: str, keys: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- filter ----------------------------------------------------------------------------
    def current_filter(self) -> VisitFilter:
        start, end = _date(self.date_from.date()), _date(self.date_to.date())
        if start > end:
            start, end = end, start
        return VisitFilter(
            start=start,
            end=end,
            statuses=OUTCOMES[max(self.outcome.currentIndex(), 0)][1],
            claim_type=str(self.claim_type.currentData() or ""),
            staff_cid=str(self.staff.currentData() or ""),
            verdicts=VERDICTS[max(self.verdict.currentIndex(), 0)][1],
            search=self.search.text().strip(),
            sort=self.model.query.sort,
            descending=self.model.query.descending,
        )

    @Slot()
    def apply_filter(self) -> None:
        self._debounce.stop()
        query = self.current_filter()
        if query != self.model.query or not self.model.rowCount():
            self.model.set_filter(query)

    def show_day(self, day: dt.date | None = None) -> None:
        """Show one day (today by default) and read it; the window calls this on F3."""
        day = day or today()
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        self.model.load_choices(self.current_filter())
        self.model.set_filter(self.current_filter())
        self.search.setFocus()

    @Slot()
    def _on_dates_changed(self) -> None:
        self.model.load_choices(self.current_filter())  # the new dates' claim types, staff
        self.apply_filter()

    @staticmethod
    def _set_choices(box: QComboBox, everyone: str, choices: list[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everyone, "")
        for value, label in choices:
            box.addItem(label, value)
        found = box.findData(current) if current else 0
        box.setCurrentIndex(max(found, 0))
        box.blockSignals(False)

    @Slot(object, object)
    def _on_model_choices_loaded(
        self, claim_types: list[tuple[str, str]], staff: list[tuple[str, str]]
    ) -> None:
        self._set_choices(self.claim_type, "ทุกประเภท / any claim type", claim_types)
        self._set_choices(self.staff, "ทุกคน / any staff", staff)

    @Slot(object)
    def _on_model_loaded(self, counts: Counts) -> None:
        self.problem_label.hide()
        with_code = sum(counts.by_status.get(s, 0) for s in ("ok", "reused", "imported"))
        failed = counts.by_status.get("failed", 0) + counts.by_status.get("pending", 0)
        verified = counts.by_verdict.get("verified", 0) + counts.by_verdict.get("imported", 0)
        self.counts_label.setText(
            f"{counts.total} ราย · ได้รหัส {with_code} · ไม่สำเร็จ {failed} · ตรงกับ สปสช. {verified}"
        )

    @Slot(object)
    def _on_model_load_failed(self, message: Message) -> None:
        self.problem_label.setText(f"{message.th} / {message.en}")
        self.problem_label.show()

    # --- row actions -----------------------------------------------------------------------
    def selected_visit(self) -> Visit | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            current = self.table.currentIndex()
            return self.model.visit_at(current.row()) if current.isValid() else None
        return self.model.visit_at(rows[0].row())

    @Slot()
    def _update_buttons(self) -> None:
        visit = self.selected_visit()
        has_code = visit is not None and bool(visit.patient_code)
        self.copy_button.setEnabled(has_code)
        self.copy_action.setEnabled(has_code)
        self.reprint_button.setEnabled(has_code)
        self.reprint_action.setEnabled(has_code)
        retryable = visit is not None and visit.status in RETRYABLE and not visit.claim_code
        self.retry_button.setEnabled(retryable)
        self.retry_action.setEnabled(retryable)

    @Slot()
    def copy_code(self) -> None:
        visit = self.selected_visit()
        if visit is None or not visit.patient_code:
            return
        QGuiApplication.clipboard().setText(visit.patient_code)
        self.code_copied.emit(visit.patient_code)

    @Slot()
    def reprint(self) -> None:
        visit = self.selected_visit()
        if visit is not None and visit.patient_code:
            self.reprint_requested.emit(visit)

    @Slot()
    def retry(self) -> None:
        visit = self.selected_visit()
        if visit is not None and visit.status in RETRYABLE and not visit.claim_code:
            self.retry_requested.emit(visit)

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.copy_code()

    @Slot(QPoint)
    def _on_table_context_menu(self, point: QPoint) -> None:
        index = self.table.indexAt(point)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        menu = QMenu(self)
        for action in (self.copy_action, self.reprint_action, self.retry_action):
            menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(point))
