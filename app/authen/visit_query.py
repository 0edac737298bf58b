"""The day list's questions to the visit log: filters, search as you type, sort, pages.

Qt-free and given a sqlite3 connection, so the database thread (app/qt/tasks.py) runs it
for the window and the benchmarks run it bare. Every search uses an index (schema in
visit_log._migration_day_list): CID, HN and claim code by prefix as a text range on their
own index, a fragment of a Thai name through the FTS5 trigram index — or, where this
SQLite has no FTS5 trigram (or the fragment is shorter than a trigram), by LIKE, which reads
every row the other filters leave.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from app.authen.visit_log import FTS_TABLE, NHSO_COLUMNS, Visit, VisitLog

# Sortable columns: the name a view uses → the SQL it sorts by (never user text in SQL).
SORT_KEYS: dict[str, str] = {
    "time": "created_at",
    "name": "patient_name",
    "pid": "pid",
    "hn": "hn",
    "claim_type": "claim_type_name",
    "claim_code": "claim_code",
    "status": "status",
    "staff": "staff_name",
    "verdict": "nhso_verdict",
    "desk": "desk",  # several desks (app/store); "" until a visit is pushed
}
PAGE_SIZE = 100
_CODE = re.compile(r"^[A-Za-z]{1,2}\d*$")  # PP1015363237 and what leads up to it
_TOP = "\U0010ffff"  # above every character: prefix p matches [p, p + _TOP)


@dataclass(frozen=True)
class VisitFilter:
    """What the list shows. `start`/`end`: service dates (Bangkok), inclusive; None is open.
    `search`: digits → CID or HN prefix; PP… → claim code prefix; anything else → a
    fragment of the name."""

    start: dt.date | None = None
    end: dt.date | None = None
    statuses: frozenset[str] = frozenset()  # empty: every outcome
    claim_type: str = ""
    staff_cid: str = ""
    verdicts: frozenset[str] = frozenset()  # "" stands for "not checked yet"
    search: str = ""
    sort: str = "time"
    descending: bool = True

    @classmethod
    def day(cls, day: dt.date, **kwargs: Any) -> VisitFilter:
        return cls(start=day, end=day, **kwargs)


@dataclass(frozen=True)
class DayRow:
    """A visit as the day list shows it: the visit (what reprint and retry take) and what
    NHSO said of it once checked."""

    visit: Visit
    nhso_verdict: str = ""
    nhso_claim_code: str = ""
    nhso_checked_at: str = ""
    nhso_message: str = ""


@dataclass(frozen=True)
class Counts:
    total: int
    by_status: dict[str, int] = field(default_factory=dict)
    by_verdict: dict[str, int] = field(default_factory=dict)  # "" = not checked


def has_fts(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [FTS_TABLE]
    ).fetchone()
    return row is not None


# Matches beyond which walking the time index (newest first) beats sorting every match:
# a prefix's matches are sorted within its (column, time) index; a name's need a row each.
PROBE_PREFIX = 20_000
PROBE_NAME = 2_000


def _prefix(column: str, value: str, indexed: bool) -> tuple[str, list[Any]]:
    """A prefix as a range, so the column's index can be used (LIKE 'x%' would not be:
    SQLite only turns LIKE into a range for a NOCASE column). Not `indexed`: the same test
    with the index switched off (unary +), for the planner to walk the time index instead."""
    col = column if indexed else f"+{column}"
    return f"({col} >= ? AND {col} < ?)", [value, value + _TOP]


def _is_name(text: str) -> bool:
    compact = " ".join(text.split()).replace("-", "").replace(" ", "")
    return not ((compact.isascii() and compact.isdigit()) or _CODE.match(compact))


def _search(text: str, fts: bool, indexed: bool) -> tuple[str, list[Any]]:
    text = " ".join(text.split())
    compact = text.replace("-", "").replace(" ", "")
    if compact.isascii() and compact.isdigit():
        pid, pid_params = _prefix("pid", compact, indexed)
        hn, hn_params = _prefix("hn", text, indexed)
        return f"({pid} OR {hn})", pid_params + hn_params
    if _CODE.match(compact):
        code, params = _prefix("claim_code", compact.upper(), indexed)
        hn, hn_params = _prefix("hn", text, indexed)  # an HN may start with letters too
        return f"({code} OR {hn})", params + hn_params
    if indexed and fts and len(text) >= 3:  # a trigram index finds 3 characters or more
        return "", ['"' + text.replace('"', '""') + '"']  # the MATCH: see source_clause
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "patient_name LIKE ? ESCAPE '\\'", [f"%{escaped}%"]


def filter_terms(
    query: VisitFilter, mark: str, stamp: str = "created_at"
) -> tuple[list[str], list[Any]]:
    """The filter's conditions other than the search, with `mark` as the SQL placeholder
    (SQLite's ? or MySQL's %s): the local log and the shared store ask the same question.
    created_at is ISO text in Bangkok time, so text order is time order."""
    parts: list[str] = []
    params: list[Any] = []
    if query.start is not None:
        parts.append(f"{stamp} >= {mark}")
        params.append(query.start.isoformat())
    if query.end is not None:
        parts.append(f"{stamp} < {mark}")
        params.append((query.end + dt.timedelta(days=1)).isoformat())
    if query.statuses:
        parts.append(f"status IN ({', '.join([mark] * len(query.statuses))})")
        params.extend(sorted(query.statuses))
    if query.claim_type:
        parts.append(f"claim_type = {mark}")
        params.append(query.claim_type)
    if query.staff_cid:
        parts.append(f"staff_cid = {mark}")
        params.append(query.staff_cid)
    if query.verdicts:
        parts.append(f"coalesce(nhso_verdict, '') IN ({', '.join([mark] * len(query.verdicts))})")
        params.extend(sorted(query.verdicts))
    return parts, params


def source_clause(
    query: VisitFilter, fts: bool, search_indexed: bool = True
) -> tuple[str, list[Any]]:
    """`FROM` and `WHERE` of `query` (after SELECT … FROM). `search_indexed`: the search
    picks its rows through its own index (few matches), and the date range is then only a
    test (+created_at); otherwise the date range or the time order picks the rows and the
    search only tests each. A name found by FTS drives the join (CROSS JOIN keeps that
    order: otherwise SQLite walks the time index and tests each row against the list)."""
    searching = bool(query.search.strip())
    stamp = "+created_at" if searching and search_indexed else "created_at"
    parts, params = filter_terms(query, "?", stamp)
    source = "visits"
    if searching:
        clause, search_params = _search(query.search.strip(), fts, search_indexed)
        if clause:
            parts.append(clause)
            params.extend(search_params)
        else:
            source = (f"(SELECT rowid AS fts_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?) "
                      "AS m CROSS JOIN visits ON visits.id = m.fts_id")  # fmt: skip
            params = search_params + params
    return f"{source} WHERE {' AND '.join(parts) or '1 = 1'}", params


class VisitQuery:
    """Pages and counts of the visit log for one connection (the database thread's).

    Search as you type meets two shapes of question: "3100" or "สม" match a third of the
    log, "3100701234" or "แก้วมณี" a handful. SQLite's planner cannot tell them apart, so
    each query first counts (up to PROBE) what the search's own index would give and what
    the date range holds, and picks the smaller: a few matches are fetched by their index
    and sorted; many are met walking the time index newest first, so the first page comes
    after a few hundred rows, not after sorting a million.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.fts = has_fts(conn)

    def _probe(self, source: str, params: list[Any], limit: int) -> int:
        return int(self._conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {source} LIMIT {limit})", params
        ).fetchone()[0])  # fmt: skip

    def _search_indexed(self, query: VisitFilter) -> bool:
        if not query.search.strip():
            return True
        by_name = _is_name(query.search)
        if by_name and not (self.fts and len(query.search.strip()) >= 3):
            return False  # LIKE: there is no index to pick by
        limit = PROBE_NAME if by_name else PROBE_PREFIX
        if query.start is not None or query.end is not None:
            dates = VisitFilter(start=query.start, end=query.end)
            in_range = self._probe(*source_clause(dates, self.fts, False), limit)
            if in_range < limit:  # a day or a week: test each of its rows
                return False
        if by_name:  # count in the name index alone, no row read
            match = source_clause(VisitFilter(search=query.search), self.fts, True)[1]
            found = self._conn.execute(
                f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} "
                f"MATCH ? LIMIT {limit})",
                match,
            ).fetchone()[0]
            return int(found) < limit
        plain = VisitFilter(search=query.search)
        return self._probe(*source_clause(plain, self.fts, True), limit) < limit

    def _source(self, query: VisitFilter) -> tuple[str, list[Any]]:
        return source_clause(query, self.fts, self._search_indexed(query))

    def page(self, query: VisitFilter, offset: int = 0, limit: int = PAGE_SIZE) -> list[DayRow]:
        indexed = self._search_indexed(query)
        source, params = source_clause(query, self.fts, indexed)
        column = SORT_KEYS.get(query.sort, "created_at")
        order = column if column == "created_at" else f"coalesce({column}, '')"
        direction = "DESC" if query.descending else "ASC"
        ordering = f"ORDER BY {order} {direction}, id {direction}"
        if query.search.strip() and indexed and column == "created_at":
            # ids first, from the (column, time) index alone; then only those rows
            sql = (f"SELECT * FROM visits WHERE id IN (SELECT visits.id FROM {source} "
                   f"{ordering} LIMIT ? OFFSET ?) {ordering}")  # fmt: skip
        else:
            sql = f"SELECT visits.* FROM {source} {ordering} LIMIT ? OFFSET ?"
        cursor = self._conn.execute(sql, [*params, limit, offset])
        names = [d[0] for d in cursor.description]
        return [_row(dict(zip(names, values, strict=True))) for values in cursor]

    def count(self, query: VisitFilter) -> int:
        source, params = self._source(query)
        return int(self._conn.execute(f"SELECT count(*) FROM {source}", params).fetchone()[0])

    def counts(self, query: VisitFilter) -> Counts:
        source, params = self._source(query)
        by_status: dict[str, int] = {}
        by_verdict: dict[str, int] = {}
        total = 0
        for status, verdict, n in self._conn.execute(
            f"SELECT status, coalesce(nhso_verdict, ''), count(*) FROM {source} GROUP BY 1, 2",
            params,
        ):
            total += n
            by_status[status] = by_status.get(status, 0) + n
            by_verdict[verdict] = by_verdict.get(verdict, 0) + n
        return Counts(total, by_status, by_verdict)

    def distinct(self, column: str, query: VisitFilter) -> list[tuple[str, str]]:
        """(value, label) pairs for a filter's choices over the visits of `query`'s dates:
        "claim_type" (code, name) or "staff" (cid, name)."""
        value, label = {"claim_type": ("claim_type", "claim_type_name"),
                        "staff": ("staff_cid", "staff_name")}[column]  # fmt: skip
        source, params = source_clause(VisitFilter(start=query.start, end=query.end), self.fts)
        rows = self._conn.execute(
            f"SELECT {value}, max({label}) FROM {source} AND coalesce({value}, '') "
            f"!= '' GROUP BY {value} ORDER BY 2",
            params,
        )
        return [(str(v), str(n or v)) for v, n in rows]


def _row(row: dict[str, Any]) -> DayRow:
    extra = {name: "" if row.get(name) is None else str(row[name]) for name in NHSO_COLUMNS}
    return DayRow(Visit.from_row(row), **extra)


def query_for(visits: VisitLog) -> VisitQuery:
    """The day list's query: every desk's visits when the log has a shared store that
    answers (app/store), else this desk's own log."""
    clinic = getattr(visits, "clinic_query", None)
    shared = clinic() if clinic is not None else None
    return shared if isinstance(shared, VisitQuery) else VisitQuery(visits.db.conn)
