"""The day list: today's visits, newest first, filtered and searched as staff type.

A view only: it renders DayListModel (app/qt/day_list_model.py, which reads through the
database thread) and forwards intent as signals; the window decides what a reprint or a
retry does. Row colours (the model's): green = code verified with NHSO, yellow = code not
yet verified, red = no code.

Keys: type to search (CID or HN prefix, claim code, part of a name); the first row of the
answer is selected, Down moves into the table; Ctrl+C copies the selected row's code;
Ctrl+P asks for its slip again; Ctrl+R retries a failed visit (each says why not when the
row cannot); Ctrl+F5 reads the list again (F5 inserts the demo card). The window's own
keys (Ctrl+E, F3, …) work from the search box too.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.authen.visit_log import Visit
from app.authen.visit_query import Counts, VisitFilter
from app.message import Message
from app.qt.day_list_model import COLUMNS, DayListModel
from app.words import day_list as words
from widgets.flow_layout import FlowLayout
from widgets.style import show_status, ui_font
from widgets.thai_date import ThaiDateEdit

SEARCH_DELAY_MS = 250  # debounce: one query per pause in typing, not per key
RETRYABLE = frozenset({"failed", "pending"})
# Keys a line edit would keep for itself (Ctrl+E: end of line) that are the window's.
WINDOW_KEYS = (QKeySequence("Ctrl+E"),)
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

SHORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a fixed choice's text in a compact combo box
COMPACT_BUTTONS = "QPushButton { padding: 3px 12px; min-height: 22px; }"


def today() -> dt.date:
    return clock.today()


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class FitComboBox(QComboBox):
    """As wide as the choice it shows, whole: the filters fit a small screen's line, or wrap,
    instead of cutting their text. When `compact`, a fixed choice shows its Thai words only
    ("ทุกผล" for "ทุกผล / all"); the list it opens and its tooltip keep every choice whole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.compact = False
        self.currentIndexChanged.connect(self.refresh)

    def add_fixed(self, label: str, data: object = None) -> None:
        """A choice of ours, "ไทย / English": its Thai words are its compact text."""
        self.addItem(label, data)
        self.setItemData(self.count() - 1, label.split(" / ")[0], SHORT_ROLE)

    def shown_text(self) -> str:
        short = self.currentData(SHORT_ROLE) if self.compact else None
        return str(short or self.currentText())

    def set_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.compact = compact
            self.refresh()

    def full_width(self) -> int:
        return self._size_for(self.currentText()).width()

    def sizeHint(self) -> QSize:
        return self._size_for(self.shown_text())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _size_for(self, text: str) -> QSize:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        metrics = self.fontMetrics()
        content = QSize(metrics.horizontalAdvance(text), metrics.height())
        size = self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, content, self)
        return QSize(size.width() + 4, max(size.height(), super().sizeHint().height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)  # as QComboBox paints itself, with the shown text
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = self.shown_text()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    @Slot()
    def refresh(self) -> None:
        """Tooltip, width and text follow the choice shown (also after the choices were
        replaced with signals blocked)."""
        shortened = self.shown_text() != self.currentText()
        self.setToolTip(self.currentText() if shortened else "")
        self.updateGeometry()
        self.update()


class DayListView(QWidget):
    code_copied = Signal(str)
    reprint_requested = Signal(object)  # Visit
    retry_requested = Signal(object)  # Visit (failed or pending)

    def __init__(self, model: DayListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setFont(ui_font(12))
        self.date_from = ThaiDateEdit(_qdate(today()))
        self.date_to = ThaiDateEdit(_qdate(today()))
        self.outcome = FitComboBox()
        for label, _ in OUTCOMES:
            self.outcome.add_fixed(label)
        self.verdict = FitComboBox()
        for label, _ in VERDICTS:
            self.verdict.add_fixed(label)
        self.claim_type = FitComboBox()
        self.staff = FitComboBox()
        self._set_choices(self.claim_type, "ทุกประเภท / any claim type", [])
        self._set_choices(self.staff, "ทุกคน / any staff", [])
        self.filter_boxes = (self.outcome, self.claim_type, self.staff, self.verdict)
        self.search = QLineEdit()
        self.search.setPlaceholderText(words.SEARCH_PLACEHOLDER.one_line())
        self.search.installEventFilter(self)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self.counts_label = QLabel()
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet("color: #cf222e;")
        self.problem_label.setWordWrap(True)
        self.note = QLabel()  # why Ctrl+C / Ctrl+P / Ctrl+R did nothing, above the buttons
        self.note.setWordWrap(True)

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
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # the whole text: tooltip
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

        # The filters wrap to a second line on a narrow screen: each keeps its whole text
        # (or, where a line cannot hold them all, its Thai words; `_fit_filters`).
        self._dates = QWidget()
        dates = QHBoxLayout(self._dates)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(QLabel("วันที่"))
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("ถึง"))
        dates.addWidget(self.date_to)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.counts_label)
        self.filters = QWidget()
        self._filters = FlowLayout(self.filters, spacing=6)
        self._filters.addWidget(self._dates)
        for box in self.filter_boxes:
            self._filters.addWidget(box)
            box.currentIndexChanged.connect(self._fit_filters)
        # Buttons a line high: the table keeps the room on a short screen.
        self.action_row = QWidget()
        self.action_row.setStyleSheet(COMPACT_BUTTONS)
        actions = QHBoxLayout(self.action_row)
        actions.setContentsMargins(0, 0, 0, 0)
        for button in (self.copy_button, self.reprint_button, self.retry_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # the page around it has its margins
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)  # the whole width: two lines at most on a small screen
        layout.addWidget(self.action_row)
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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_filters()

    @Slot()
    def _fit_filters(self) -> None:
        """Whole texts when one line holds the dates and every filter; else Thai words."""
        spacing = self._filters.spacing()
        whole = self._dates.sizeHint().width() + sum(
            box.full_width() + spacing for box in self.filter_boxes
        )
        for box in self.filter_boxes:
            box.set_compact(whole > self.width())

    def hand_keys_to_window(self) -> None:
        """Inside the desk window, Ctrl+C and Ctrl+P are the window's (which acts on this
        list while it is shown): two actions on one key make Qt fire neither."""
        for action in (self.copy_action, self.reprint_action):
            action.setShortcut(QKeySequence())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The search box: Down goes to the list; the window's keys stay the window's."""
        if watched is self.search and isinstance(event, QKeyEvent):
            keys = QKeySequence(event.keyCombination())
            if event.type() == QEvent.Type.ShortcutOverride and keys in WINDOW_KEYS:
                event.ignore()  # not the line edit's: the window's shortcut fires
                return True
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
                self.focus_table()
                return True
        return super().eventFilter(watched, event)

    def focus_table(self) -> None:
        """Into the list, on the selected row (the first when none is)."""
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

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
    def _set_choices(box: FitComboBox, everyone: str, choices: list[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.add_fixed(everyone, "")
        for value, label in choices:
            box.addItem(label, value)
        found = box.findData(current) if current else 0
        box.setCurrentIndex(max(found, 0))
        box.blockSignals(False)
        box.refresh()

    @Slot(object, object)
    def _on_model_choices_loaded(
        self, claim_types: list[tuple[str, str]], staff: list[tuple[str, str]]
    ) -> None:
        self._set_choices(self.claim_type, "ทุกประเภท / any claim type", claim_types)
        self._set_choices(self.staff, "ทุกคน / any staff", staff)
        self._fit_filters()

    @Slot(object)
    def _on_model_loaded(self, counts: Counts) -> None:
        self.problem_label.hide()
        with_code = sum(counts.by_status.get(s, 0) for s in ("ok", "reused", "imported"))
        failed = counts.by_status.get("failed", 0) + counts.by_status.get("pending", 0)
        verified = counts.by_verdict.get("verified", 0) + counts.by_verdict.get("imported", 0)
        self.counts_label.setText(words.counts(counts.total, with_code, failed, verified))
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            # the answer's first row is the one Ctrl+C / Ctrl+P act on, without a mouse
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                self.table.selectionModel().SelectionFlag.ClearAndSelect
                | self.table.selectionModel().SelectionFlag.Rows,
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
        """Buttons grey out for a row they cannot act on; the keys stay live and say why."""
        visit = self.selected_visit()
        has_code = visit is not None and bool(visit.patient_code)
        self.copy_button.setEnabled(has_code)
        self.reprint_button.setEnabled(has_code)
        retryable = visit is not None and visit.status in RETRYABLE and not visit.claim_code
        self.retry_button.setEnabled(retryable)
        self.say(None)

    def _with_code(self) -> Visit | None:
        """The selected visit if it has a code; else None, and the note says why."""
        visit = self.selected_visit()
        if visit is None or not visit.patient_code:
            self.say(words.NO_ROW if visit is None else words.NO_CODE)
            return None
        self.say(None)
        return visit

    def say(self, message: Message | None) -> None:
        """Why a key did nothing, next to the buttons (the list is the page in front)."""
        if message is None:
            self.note.clear()
            self.note.hide()
        else:
            show_status(self.note, message, ok=False)
            self.note.setText(message.one_line())
            self.note.show()

    @Slot()
    def copy_code(self) -> None:
        visit = self._with_code()
        if visit is None:
            return
        QGuiApplication.clipboard().setText(visit.patient_code)
        self.code_copied.emit(visit.patient_code)

    @Slot()
    def reprint(self) -> None:
        visit = self._with_code()
        if visit is not None:
            self.reprint_requested.emit(visit)

    @Slot()
    def retry(self) -> None:
        visit = self.selected_visit()
        if visit is not None and visit.status in RETRYABLE and not visit.claim_code:
            self.say(None)
            self.retry_requested.emit(visit)
        else:
            self.say(words.NO_ROW if visit is None else words.NOT_RETRYABLE)

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
