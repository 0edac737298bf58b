"""The visit export against a bare openpyxl dump of the same rows, and its peak memory:

    uv run python benchmarks/export.py [--visits 100000] [--runs 2]

100 000 made-up visits are written to a temporary visit log, then each run exports them
twice, each time in a fresh child process: (1) `authen-desk export` (app.reports), and
(2) a bare openpyxl write-only dump that reads the same rows from the same log and appends
them as they come (15 values, two of them datetimes), with no styles, summary or chart.
Time is measured inside the child around the work (imports excluded). Peak memory is the
child's peak resident set size, from resource.getrusage(RUSAGE_SELF).ru_maxrss at its end:
the whole process, interpreter and libraries included (tracemalloc would see only Python
allocations and slow the run down).
Targets (issue 14): export time <= 1.3 x the bare dump; peak memory < 150 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TIME_TARGET = 1.3
MEMORY_TARGET_MB = 150.0
START = dt.date(2026, 1, 1)


def made_up_cid(number: int) -> str:
    from cardreader.cid import cid_check_digit

    first12 = f"19999{number:07d}"
    return first12 + str(cid_check_digit(first12))


def make_log(path: Path, visits: int) -> None:
    """`visits` rows in the log's own schema (VisitLog migrates it), in one transaction."""
    from app.authen.visit_log import VisitLog

    log = VisitLog(path)
    statuses = ["ok"] * 8 + ["reused", "failed"]
    staff = [(made_up_cid(900000 + n), f"เจ้าหน้าที่สมมติ {n}") for n in range(12)]

    def rows() -> object:
        for n in range(visits):
            when = dt.datetime.combine(START, dt.time(8)) + dt.timedelta(minutes=5 * n)
            status = statuses[n % len(statuses)]
            stamp = when.isoformat() + "+07:00"
            yield {
                "created_at": stamp, "updated_at": stamp, "status": status,
                "pid": made_up_cid(n), "patient_name": f"ผู้รับบริการสมมติ {n}",
                "claim_type": "PG0060001",
                "claim_type_name": "เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)",
                "mobile": "08" + f"{n:08d}", "hn": f"HN{n}",
                "claim_code": "" if status == "failed" else f"PP{n:010d}",
                "hcode": "12345", "staff_cid": staff[n % 12][0], "staff_name": staff[n % 12][1],
                "error_kind": "AgentTimeout" if status == "failed" else "",
                "error_message": "agent did not answer in 10 s" if status == "failed" else "",
            }  # fmt: skip

    with log.db.conn:
        log.db["visits"].insert_all(rows(), batch_size=5000)  # type: ignore[arg-type, union-attr]
    log.close()


def child_ours(db: Path, out: Path) -> float:
    from app.reports.visit_export import export_visits
    from app.reports.visits import open_visits

    started = time.perf_counter()
    with open_visits(db) as visits:
        end = START + dt.timedelta(days=400)  # 100 000 visits at 5-minute steps: 348 days
        export_visits(visits.rows, out, start=START, end=end, hospital_name="รพ.สต.สมมติ",
                      total=visits.total)  # fmt: skip
    return time.perf_counter() - started


def child_bare(db: Path, out: Path) -> float:
    import sqlite3

    from openpyxl import Workbook

    started = time.perf_counter()
    conn = sqlite3.connect(db)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("visits")
    columns = (
        "hcode, hcode, pid, patient_name, mobile, claim_type, claim_code, claim_type_name, hn, "
        "created_at, updated_at, status, error_message, staff_name, staff_cid"
    )
    for row in conn.execute(f"select {columns} from visits order by id"):
        values = list(row)
        values[9] = dt.datetime.fromisoformat(values[9]).replace(tzinfo=None)
        values[10] = dt.datetime.fromisoformat(values[10]).replace(tzinfo=None)
        ws.append(values)
    wb.save(out)
    conn.close()
    return time.perf_counter() - started


def run_child(kind: str, db: Path, out: Path) -> tuple[float, float]:
    answer = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--db", str(db), "--out", str(out)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    result = json.loads(answer.stdout)
    return float(result["seconds"]), float(result["peak_mb"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--child", choices=["ours", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        import resource

        seconds = (child_ours if args.child == "ours" else child_bare)(args.db, args.out)
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024}))
        return 0

    with tempfile.TemporaryDirectory(prefix="authen-export-bench-") as folder:
        home = Path(folder)
        os.environ["AUTHEN_DESK_HOME"] = str(home)
        db = home / "visits.sqlite"
        started = time.perf_counter()
        make_log(db, args.visits)
        print(f"{args.visits} made-up visits written in {time.perf_counter() - started:.1f} s")
        ours: list[tuple[float, float]] = []
        bare: list[tuple[float, float]] = []
        for _ in range(args.runs):  # interleaved, so drift on the machine hits both alike
            ours.append(run_child("ours", db, home / "ours.xlsx"))
            bare.append(run_child("bare", db, home / "bare.xlsx"))
        size_mb = (home / "ours.xlsx").stat().st_size / 1e6
        best_ours = min(t for t, _ in ours)
        best_bare = min(t for t, _ in bare)
        ratio = best_ours / best_bare
        peak = max(m for _, m in ours)
        print(f"runs: {args.runs} each, best time shown; export file {size_mb:.1f} MB")
        print(f"export (app.reports)          {best_ours:7.2f} s")
        print(f"bare openpyxl write-only dump {best_bare:7.2f} s")
        print(f"time ratio export / bare      {ratio:7.2f}   target <= {TIME_TARGET}: "
              f"{'met' if ratio <= TIME_TARGET else 'MISSED'}")  # fmt: skip
        print(f"export peak RSS (child)       {peak:7.1f} MB target < {MEMORY_TARGET_MB:.0f} MB: "
              f"{'met' if peak < MEMORY_TARGET_MB else 'MISSED'}")  # fmt: skip
        print(f"bare dump peak RSS (child)    {max(m for _, m in bare):7.1f} MB (for comparison)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
