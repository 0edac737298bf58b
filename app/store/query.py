"""The day list's questions asked of the shared store: every desk's visits, the same
filters, search, sort and pages as app/authen/visit_query.py asks of the local log.

MySQL/MariaDB has no trigram index here: a name fragment is a LIKE over the date range's
rows (indexed by created_at), as the local log does without FTS5. CID, HN and claim code
search by prefix on their own index. Never user text in SQL: values go as parameters,
columns come from SORT_KEYS.
"""

from __future__ import annotations

from typing import Any

import pymysql.cursors

from app.authen.visit_log import NHSO_COLUMNS
from app.authen.visit_query import (
    _CODE,
    PAGE_SIZE,
    SORT_KEYS,
    Counts,
    DayRow,
    VisitFilter,
    VisitQuery,
    filter_terms,
)
from app.store.server import VISITS
from app.store.visits import row_to_visit

SHARED_SORT_KEYS = {**SORT_KEYS, "desk": "desk"}


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def where_clause(query: VisitFilter) -> tuple[str, list[Any]]:
    parts, params = filter_terms(query, "%s")
    text = " ".join(query.search.split())
    if text:
        compact = text.replace("-", "").replace(" ", "")
        if compact.isascii() and compact.isdigit():
            parts.append("(pid LIKE %s OR hn LIKE %s)")
            params += [_like(compact) + "%", _like(text) + "%"]
        elif _CODE.match(compact):
            parts.append("(claim_code LIKE %s OR hn LIKE %s)")
            params += [_like(compact.upper()) + "%", _like(text) + "%"]
        else:
            parts.append("patient_name LIKE %s")
            params.append(f"%{_like(text)}%")
    return " AND ".join(parts) or "1 = 1", params


def _row(row: dict[str, Any]) -> DayRow:
    extra = {name: "" if row.get(name) is None else str(row[name]) for name in NHSO_COLUMNS}
    return DayRow(row_to_visit(row), **extra)


class SharedVisitQuery(VisitQuery):
    """VisitQuery's answers from the shared store, on a connection the caller owns."""

    def __init__(self, conn: Any) -> None:  # a PyMySQL connection, not sqlite3's
        self._mysql = conn
        self.fts = False

    def _rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        with self._mysql.cursor(pymysql.cursors.DictCursor) as cur:
            cur.execute(sql, params)
            return [dict(r) for r in cur.fetchall()]

    def page(self, query: VisitFilter, offset: int = 0, limit: int = PAGE_SIZE) -> list[DayRow]:
        where, params = where_clause(query)
        column = SHARED_SORT_KEYS.get(query.sort, "created_at")
        direction = "DESC" if query.descending else "ASC"

        def ordering(table: str) -> str:
            order = f"{table}{column}"
            if column != "created_at":
                order = f"coalesce({order}, '')"
            return f"ORDER BY {order} {direction}, {table}global_id {direction}"

        # Keys first, then only the page's rows: a deep page reads no row before it.
        sql = (
            f"SELECT v.* FROM {VISITS} v JOIN (SELECT global_id FROM {VISITS} WHERE {where} "
            f"{ordering('')} LIMIT %s OFFSET %s) page USING (global_id) {ordering('v.')}"
        )
        return [_row(r) for r in self._rows(sql, [*params, limit, offset])]

    def count(self, query: VisitFilter) -> int:
        where, params = where_clause(query)
        return int(self._rows(f"SELECT COUNT(*) AS n FROM {VISITS} WHERE {where}", params)[0]["n"])

    def counts(self, query: VisitFilter) -> Counts:
        where, params = where_clause(query)
        by_status: dict[str, int] = {}
        by_verdict: dict[str, int] = {}
        total = 0
        for row in self._rows(
            f"SELECT status, coalesce(nhso_verdict, '') AS verdict, COUNT(*) AS n "
            f"FROM {VISITS} WHERE {where} GROUP BY 1, 2",
            params,
        ):
            n = int(row["n"])
            total += n
            by_status[str(row["status"])] = by_status.get(str(row["status"]), 0) + n
            by_verdict[str(row["verdict"])] = by_verdict.get(str(row["verdict"]), 0) + n
        return Counts(total, by_status, by_verdict)

    def distinct(self, column: str, query: VisitFilter) -> list[tuple[str, str]]:
        value, label = {"claim_type": ("claim_type", "claim_type_name"),
                        "staff": ("staff_cid", "staff_name")}[column]  # fmt: skip
        where, params = where_clause(VisitFilter(start=query.start, end=query.end))
        rows = self._rows(
            f"SELECT {value} AS v, MAX({label}) AS n FROM {VISITS} WHERE {where} "
            f"AND coalesce({value}, '') <> '' GROUP BY {value} ORDER BY 2",
            params,
        )
        return [(str(r["v"]), str(r["n"] or r["v"])) for r in rows]
