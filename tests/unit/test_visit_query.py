"""The day list's query layer: filters, search by CID / HN prefix, code and a fragment of a
Thai name (FTS5 trigram and the LIKE fallback), sorting, paging, counts; the FTS index
kept in step by its triggers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.authen import visit_log
from app.authen.visit_log import VisitLog
from app.authen.visit_query import PAGE_SIZE, DayRow, VisitFilter, VisitQuery, has_fts
from tests.support.day_log import DAY, VISITS, cid, fill_day


@pytest.fixture
def log(tmp_path: Path) -> VisitLog:
    log = fill_day(tmp_path / "log.sqlite")
    # another day, so date filters have something to leave out
    other = fill_day(tmp_path / "log.sqlite", DAY - dt.timedelta(days=1), VISITS[:2])
    other.close()
    return log


def names(rows: list[DayRow]) -> list[str]:
    return [r.visit.patient_name for r in rows]


def test_the_day_newest_first_with_counts(log: VisitLog) -> None:
    query = VisitQuery(log.db.conn)
    rows = query.page(VisitFilter.day(DAY))
    assert len(rows) == len(VISITS)
    assert [r.visit.pid for r in rows] == [v[0] for v in reversed(VISITS)]
    counts = query.counts(VisitFilter.day(DAY))
    assert counts.total == 7 and counts.by_status == {"ok": 3, "reused": 1, "failed": 2,
                                                      "pending": 1}  # fmt: skip
    assert counts.by_verdict == {"": 7}
    assert query.count(VisitFilter()) == 9
    assert query.count(VisitFilter.day(DAY - dt.timedelta(days=1))) == 2


def test_filters(log: VisitLog) -> None:
    query = VisitQuery(log.db.conn)
    day = VisitFilter.day(DAY)
    failed = query.page(VisitFilter.day(DAY, statuses=frozenset({"failed", "pending"})))
    assert {r.visit.status for r in failed} == {"failed", "pending"} and len(failed) == 3
    sudas = query.page(VisitFilter.day(DAY, staff_cid="1709900011220"))
    assert {r.visit.staff_name for r in sudas} == {"นางสาวสุดา ใจงาม"} and len(sudas) == 4
    assert query.count(VisitFilter.day(DAY, claim_type="PG0130001")) == 0
    assert query.distinct("staff", day) == [("1709900011220", "นางสาวสุดา ใจงาม"),
                                            ("3100600123457", "นายแดง ขยัน")]  # fmt: skip
    log.db.execute("UPDATE visits SET nhso_verdict = 'verified' WHERE id = 1")
    assert query.count(VisitFilter.day(DAY, verdicts=frozenset({"verified"}))) == 1
    assert query.count(VisitFilter.day(DAY, verdicts=frozenset({""}))) == 6


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        (cid(1)[:5], 7),  # every made-up CID starts 11017
        (cid(3)[:12], 1),
        (cid(3), 1),
        ("1-1017-00000-03", 1),  # typed as printed on the card: dashes ignored
        ("1-1017-00000-99", 0),
        ("000", 5),  # HN prefix (000101 … 000104; 000101 twice)
        ("000101", 2),
        ("HN-7", 1),  # an HN with letters
        ("PP1000000003", 1),  # claim code, whole
        ("pp100000000", 4),  # claim code prefix, any case
        ("ใจดี", 2),  # a fragment of a Thai name (FTS trigram: 3 characters or more)
        ("สมศรี รัก", 1),
        ("ทองค", 1),
        ("สม", 3),  # shorter than a trigram: LIKE
        ("50%", 0),  # LIKE wildcards are text
    ],
)
def test_search(log: VisitLog, search: str, expected: int) -> None:
    query = VisitQuery(log.db.conn)
    rows = query.page(VisitFilter.day(DAY, search=search))
    assert len(rows) == expected, names(rows)
    assert query.count(VisitFilter.day(DAY, search=search)) == expected


def test_search_without_a_date_covers_every_day(log: VisitLog) -> None:
    query = VisitQuery(log.db.conn)
    assert query.count(VisitFilter(search=cid(1))) == 3
    assert query.count(VisitFilter(search="ใจดี")) == 3


def test_sort_by_each_column(log: VisitLog) -> None:
    query = VisitQuery(log.db.conn)
    by_name = query.page(VisitFilter.day(DAY, sort="name", descending=False))
    assert names(by_name) == sorted(names(by_name))
    by_code = query.page(VisitFilter.day(DAY, sort="claim_code", descending=True))
    codes = [r.visit.claim_code for r in by_code]
    assert codes == sorted(codes, reverse=True) and codes[-1] == ""
    oldest = query.page(VisitFilter.day(DAY, descending=False))
    assert [r.visit.id for r in oldest] == sorted(r.visit.id for r in oldest)


def test_pages(tmp_path: Path) -> None:
    many = [(cid(n), "ok", f"PP{n:010d}", f"คนที่ {n}", f"{n:06d}", "นายแดง ขยัน")
            for n in range(1, PAGE_SIZE + 31)]  # fmt: skip
    log = fill_day(tmp_path / "log.sqlite", visits=many)
    query = VisitQuery(log.db.conn)
    first = query.page(VisitFilter.day(DAY))
    second = query.page(VisitFilter.day(DAY), offset=PAGE_SIZE)
    assert len(first) == PAGE_SIZE and len(second) == 30
    assert {r.visit.id for r in first}.isdisjoint(r.visit.id for r in second)
    small = query.page(VisitFilter.day(DAY, search="0000"), offset=10, limit=5)
    assert len(small) == 5


def test_fts_follows_inserts_updates_and_deletes(log: VisitLog) -> None:
    assert has_fts(log.db.conn)
    query = VisitQuery(log.db.conn)
    visit_id = log.begin(pid=cid(40), patient_name="นางสาวเพ็ญศรี สายสุวรรณ")
    assert query.count(VisitFilter(search="สายสุว")) == 1
    with log.db.conn:
        log.db.execute("UPDATE visits SET patient_name = 'นายใหม่ ชื่อใหม่' WHERE id = ?",
                       [visit_id])  # fmt: skip
    assert query.count(VisitFilter(search="สายสุว")) == 0
    assert query.count(VisitFilter(search="ชื่อใหม่")) == 1
    log.finish(visit_id, "ok", claim_code="PP1234567890")  # no name change: index untouched
    assert query.count(VisitFilter(search="ชื่อใหม่")) == 1
    with log.db.conn:
        log.db.execute("DELETE FROM visits WHERE id = ?", [visit_id])
    assert query.count(VisitFilter(search="ชื่อใหม่")) == 0
    integrity = (
        f"INSERT INTO {visit_log.FTS_TABLE}({visit_log.FTS_TABLE}) VALUES ('integrity-check')"
    )
    log.db.execute(integrity)  # raises when the index and the table disagree


def test_without_fts5_trigram_names_are_found_by_like(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(visit_log, "fts5_trigram_available", lambda conn: False)
    log = fill_day(tmp_path / "log.sqlite")
    query = VisitQuery(log.db.conn)
    assert not query.fts
    assert query.count(VisitFilter.day(DAY, search="ใจดี")) == 2
    assert query.count(VisitFilter(search="สมศรี รัก")) == 1


def test_the_migration_keeps_an_older_log(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite"
    import sqlite_utils

    db = sqlite_utils.Database(path)
    for number, migration in enumerate(visit_log.MIGRATIONS[:2], start=1):
        migration(db)
        db.execute(f"PRAGMA user_version = {number}")
    old = {"created_at": f"{DAY}T09:00:00+07:00", "updated_at": "", "status": "ok",
           "pid": cid(9), "patient_name": "นายเก่า ก่อนย้าย"}  # fmt: skip
    db["visits"].insert(old)  # type: ignore[union-attr]
    db.conn.commit()
    db.close()
    log = VisitLog(path)
    assert log.schema_version == len(visit_log.MIGRATIONS)
    assert VisitQuery(log.db.conn).count(VisitFilter(search="ก่อนย้าย")) == 1  # rebuilt
    assert VisitQuery(log.db.conn).page(VisitFilter())[0].nhso_verdict == ""
