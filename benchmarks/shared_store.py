"""The shared store on a real MariaDB server (Debian's mariadb-server), started here on a
temporary data dir and a loopback port:

    uv run python benchmarks/shared_store.py [--visits 1000000] [--pushes 200]

1. push latency: a visit's outcome written at the desk -> in the shared store (the
   local log's write, then the push), p50/p95 over --pushes visits;
2. a day page (100 rows, newest first, and the day's count) over --visits shared visits
   from several desks: target under 50 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PAGE_TARGET_MS = 50.0
DAYS = 365
DESKS = 3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--pushes", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="authen-bench-store-"))
    os.environ["AUTHEN_DESK_HOME"] = str(folder / "home")

    from app.authen.visit_log import OK
    from app.store.config import parse_url
    from app.store.server import VISIT_COLUMNS, SharedStore
    from app.store.visits import SharedVisitLog
    from tests.support.mariadb import PASSWORD, MariaDBServer, missing_requirements

    problem = missing_requirements()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    server = MariaDBServer(folder)
    server.install()
    server.start()
    try:
        server.create_clinic_database()
        store = SharedStore(parse_url(server.url()), PASSWORD, "bench-desk")
        log = SharedVisitLog(folder / "desk.sqlite", store)
        timings = []
        for n in range(args.pushes):
            visit_id = log.begin(pid=f"{1100000000000 + n}", claim_type="PG0060001",
                                 hcode="12345", patient_name="ทดสอบ ระบบ")  # fmt: skip
            started = time.perf_counter()
            log.finish(visit_id, OK, claim_code=f"PP{n:010d}")
            timings.append((time.perf_counter() - started) * 1000)
        assert log.waiting() == 0
        timings.sort()
        print(f"push latency (finish -> in the shared store), {args.pushes} visits: "
              f"p50 {statistics.median(timings):.1f} ms, "
              f"p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms")  # fmt: skip

        print(f"loading {args.visits:,} visits over {DAYS} days from {DESKS} desks ...",
              flush=True)  # fmt: skip
        first = dt.datetime(2026, 1, 1, 8, 0)
        columns = ("global_id", "desk", "local_id", *VISIT_COLUMNS, "rev")
        started = time.perf_counter()
        with store.connection() as conn:
            batch: list[dict[str, object]] = []
            for n in range(args.visits):
                when = first + dt.timedelta(days=n % DAYS, seconds=(n // DAYS) * 7 % 36000)
                stamp = when.isoformat(timespec="seconds") + "+07:00"
                row: dict[str, object] = {c: "" for c in columns}
                row.update(global_id=f"{n:032x}", desk=f"desk-{n % DESKS}", local_id=n, rev=1,
                           created_at=stamp, updated_at=stamp, status="ok",
                           pid=f"{1200000000000 + n}", claim_type="PG0060001",
                           claim_code=f"PP{n:010d}", hcode="12345",
                           patient_name="ผู้รับบริการ ทดสอบ")  # fmt: skip
                batch.append(row)
                if len(batch) == 5000:
                    store.push(conn, batch)
                    batch = []
            store.push(conn, batch)
            print(f"loaded in {time.perf_counter() - started:.0f} s")
            day = dt.date(2026, 6, 15)
            samples = []
            for offset in (0, 0, 100, 1000, 2000, 0, 500, 0, 100, 0):
                started = time.perf_counter()
                total, page = store.day_page(conn, day, offset=offset, limit=100)
                samples.append((time.perf_counter() - started) * 1000)
            assert total > 0 and page
        print("samples (ms):", " ".join(f"{t:.1f}" for t in samples))
        worst = max(samples)
        print(f"day page over {args.visits:,} shared visits ({total} that day): "
              f"median {statistics.median(samples):.1f} ms, worst {worst:.1f} ms "
              f"(target {PAGE_TARGET_MS:.0f} ms)")  # fmt: skip
        return 0 if worst < PAGE_TARGET_MS else 1
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
