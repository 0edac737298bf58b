"""The day list's queries on a large visit log:

    uv run python benchmarks/history.py [--visits 1000000] [--keep FILE]

Makes a visit log of made-up visits (valid CID check digits, Thai names from a few
hundred syllables, ~600 a day over several years) in the log's own schema (VisitLog
migrates it, FTS triggers included), in one transaction with executemany. Then times each
question the day list asks as staff type, through app.authen.visit_query (the code the
window runs): the median of several runs, each on a warm connection (the window's
database thread keeps one open).
Target (issue 14): each under 10 ms. For contrast it also times a plain LIKE scan for a
name fragment (what the FTS5 trigram index saves).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_MS = 10.0
START = dt.date(2022, 1, 3)
PER_DAY = 600
# Thai surnames are nearly all distinct (each family registered its own), so the made-up
# ones are three syllables of a hundred: a million combinations, trigrams as varied as life.
SYLLABLES = [
    "สม",
    "วิ",
    "ประ",
    "สุ",
    "กิ",
    "อรุ",
    "นภ",
    "ชัย",
    "พร",
    "ศรี",
    "มา",
    "ทอง",
    "บุญ",
    "แก้ว",
    "มณี",
    "รัก",
    "ไทย",
    "มั่น",
    "คง",
    "สุข",
    "เพชร",
    "รัตน์",
    "สาย",
    "วงศ์",
    "ใหญ่",
    "พูล",
    "ผล",
    "จันทร์",
    "เพ็ญ",
    "ทิพย์",
    "ลักษณ์",
    "พงษ์",
    "กมล",
    "เกียรติ",
    "ขจร",
    "คำ",
    "จิต",
    "เจริญ",
    "ฉัตร",
    "ชล",
    "ณัฐ",
    "ดวง",
    "เดช",
    "ถาวร",
    "ธนา",
    "ธีร",
    "นิล",
    "นิธิ",
    "บาง",
    "ปรีชา",
    "ปัญญา",
    "ผ่อง",
    "พิทักษ์",
    "พิศ",
    "ภักดี",
    "ภู",
    "มงคล",
    "เมือง",
    "ยศ",
    "ยิ่ง",
    "รุ่ง",
    "เรือง",
    "ลาภ",
    "ลือ",
    "วัฒน์",
    "วาสนา",
    "ศักดิ์",
    "สง่า",
    "สนิท",
    "สมบูรณ์",
    "สวัสดิ์",
    "สิงห์",
    "เสถียร",
    "หอม",
    "อนันต์",
    "อินทร์",
    "อุดม",
    "เอก",
    "โอภาส",
    "ฤทธิ์",
    "กุล",
    "เกษ",
    "ขวัญ",
    "งาม",
    "จำปา",
    "ชื่น",
    "ทวี",
    "ธรรม",
    "นาค",
    "บัว",
    "ปาน",
    "เผือก",
    "ฟ้า",
    "ภิญโญ",
    "มาลี",
    "ยุทธ",
    "รอด",
    "ละออ",
    "วิไล",
    "ศิริ",
    "สอาด",
    "หิรัญ",
    "อ่อน",
]
TITLES = ["นาย", "นาง", "นางสาว", "ด.ช.", "ด.ญ."]


def made_up_name(person: int) -> str:
    """Title, a first name of two syllables, a surname of three."""
    n = person * 2654435761 % 2**40  # spread neighbours apart
    s, k = SYLLABLES, len(SYLLABLES)
    first = s[n % k] + s[n // k % k]
    last = s[n // k**2 % k] + s[n // k**3 % k] + s[n // k**4 % k]
    return f"{TITLES[n // k**5 % 5]}{first} {last}"


def made_up_cid(number: int) -> str:
    from cardreader.cid import cid_check_digit

    first12 = f"3{number:011d}"
    return first12 + str(cid_check_digit(first12))


def rows(visits: int) -> Iterator[tuple[object, ...]]:
    rng = random.Random(14)
    staff = [(made_up_cid(90_000_000 + n), f"เจ้าหน้าที่ {n}") for n in range(8)]
    statuses = ["ok"] * 17 + ["reused", "failed", "pending"]
    for n in range(visits):
        day = START + dt.timedelta(days=n // PER_DAY)
        when = dt.datetime.combine(day, dt.time(7)) + dt.timedelta(seconds=60 * (n % PER_DAY))
        stamp = when.isoformat() + "+07:00"
        status = statuses[rng.randrange(len(statuses))]
        person = rng.randrange(visits // 3 + 1)
        name = made_up_name(person)
        code = f"PP{1_000_000_000 + n}" if status in ("ok", "reused") else ""
        cid, staff_name = staff[n % len(staff)]
        yield (stamp, stamp, status, made_up_cid(person), name, "PG0060001",
               "เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)", "", f"{person % 900_000:06d}",
               code, "12345", cid, staff_name, "", "")  # fmt: skip


def make_log(path: Path, visits: int) -> float:
    from app.authen.visit_log import FTS_TABLE, VisitLog

    started = time.perf_counter()
    log = VisitLog(path)
    conn = log.db.conn
    # The FTS index is built once at the end ('rebuild'), about 3x faster than its insert
    # trigger row by row; the trigger is put back as it was (tests/unit/test_visit_query.py
    # checks the triggers themselves).
    trigger = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
        [f"{FTS_TABLE}_insert"],
    ).fetchone()
    with conn:
        if trigger:
            conn.execute(f"DROP TRIGGER {FTS_TABLE}_insert")
        conn.executemany(
            "INSERT INTO visits (created_at, updated_at, status, pid, patient_name, claim_type,"
            " claim_type_name, mobile, hn, claim_code, hcode, staff_cid, staff_name,"
            " error_kind, error_message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows(visits),
        )
        if trigger:
            conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
            conn.execute(trigger[0])
    conn.execute("ANALYZE")
    log.close()
    return time.perf_counter() - started


def timed(fn: Callable[[], object], runs: int = 15) -> float:
    fn()  # warm
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="reuse / keep the generated log here")
    args = parser.parse_args()
    from app.authen.visit_query import VisitFilter, VisitQuery

    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "visits.sqlite"
        if not path.exists():
            seconds = make_log(path, args.visits)
            size = path.stat().st_size / 1e6
            print(f"generated {args.visits:,} visits in {seconds:.1f} s ({size:.0f} MB)")
        conn = sqlite3.connect(path)
        query = VisitQuery(conn)
        total, last_day = conn.execute("SELECT count(*), max(created_at) FROM visits").fetchone()
        day = dt.date.fromisoformat(last_day[:10])
        middle = conn.execute("SELECT pid, hn, claim_code, patient_name FROM visits "
                              "WHERE id = ?", [total // 2]).fetchone()  # fmt: skip
        pid, hn, code, name = middle
        code = code or "PP1000123456"
        fragment = name.split()[1][2:7]  # inside a surname
        surname = name.split()[1]
        print(
            f"{total:,} visits; FTS5 trigram: {'yes' if query.fts else 'NO (LIKE)'}; "
            f"SQLite {sqlite3.sqlite_version}"
        )
        everywhere = VisitFilter()
        cases: list[tuple[str, Callable[[], object]]] = [
            (f"CID prefix '{pid[:6]}' (typing)",
             lambda: query.page(VisitFilter(search=pid[:6]), 0, 50)),
            (f"CID prefix '{pid[:10]}'", lambda: query.page(VisitFilter(search=pid[:10]), 0, 50)),
            (f"HN prefix '{hn[:4]}'", lambda: query.page(VisitFilter(search=hn[:4]), 0, 50)),
            (f"claim code '{code}'", lambda: query.page(VisitFilter(search=code), 0, 50)),
            (f"claim code prefix '{code[:8]}'",
             lambda: query.page(VisitFilter(search=code[:8]), 0, 50)),
            (f"Thai name fragment '{surname}' (a surname)",
             lambda: query.page(VisitFilter(search=surname), 0, 50)),
            (f"Thai name fragment '{fragment}'",
             lambda: query.page(VisitFilter(search=fragment), 0, 50)),
            (f"date filter {day - dt.timedelta(days=30)} (one day, count)",
             lambda: query.count(VisitFilter.day(day - dt.timedelta(days=30)))),
            (f"day list first page {day} (+ counts)",
             lambda: (query.page(VisitFilter.day(day), 0, 100),
                      query.counts(VisitFilter.day(day)))),
            ("today, name fragment within the day",
             lambda: query.page(VisitFilter.day(day, search=fragment), 0, 100)),
        ]  # fmt: skip
        worst = 0.0
        print(f"{'query':<52} {'median':>9}  target")
        for label, fn in cases:
            ms = timed(fn)
            worst = max(worst, ms)
            mark = "ok" if ms < TARGET_MS else "OVER"
            print(f"{label:<52} {ms:7.2f} ms  < {TARGET_MS:.0f} ms  {mark}")
        like = timed(lambda: conn.execute(
            "SELECT * FROM visits WHERE patient_name LIKE ? ORDER BY created_at DESC LIMIT 50",
            [f"%{fragment}%"]).fetchall(), runs=3)  # fmt: skip
        print(f"{'(contrast) plain LIKE scan, same fragment':<52} {like:7.2f} ms")
        print(f"{'first page of everything':<52} "
              f"{timed(lambda: query.page(everywhere, 0, 100)):7.2f} ms")  # fmt: skip
        conn.close()
        return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
