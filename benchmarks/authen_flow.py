"""The program's own overhead at the desk, with the simulated agent answering at once:

    uv run python benchmarks/authen_flow.py [--runs 30]

1. card inserted -> claim types on screen (card thread read, agent /read, panel filled);
2. confirm pressed -> claim code on screen (log write, latest-authen-code, confirm-save).
Target (issue 4): under 150 ms each. The simulated card answers without reader latency,
so a real reader adds its own ~50-300 ms to the first number.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

TARGET_MS = 150.0


def wait_until(condition: object, timeout: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():  # type: ignore[operator]
        QCoreApplication.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("the desk did not get there")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="authen-bench-")
    os.environ["AUTHEN_DESK_HOME"] = home
    app = QApplication.instance() or QApplication(sys.argv)

    from app.demo.reader import DemoReader
    from app.qt.composition import build_desk
    from app.settings.model import Settings

    demo = DemoReader(apdu_delay=0)
    desk = build_desk(demo=demo, settings=Settings(hcode="12345", hospital_name="bench"))
    agent = demo.agent
    assert agent is not None
    win = desk.window
    win.show()
    desk.start()
    panel = win.authen_panel
    wait_until(
        lambda: "พร้อม" in win.reader_status.text() or "Simulated" in win.reader_status.text()
    )
    to_rights: list[float] = []
    to_code: list[float] = []
    personas = ["somchai", "krit", "ploy"]
    for run in range(args.runs):
        persona = personas[run % len(personas)]
        agent.codes.clear()  # each run is a first visit of the day
        started = time.perf_counter()
        demo.insert(persona)
        wait_until(lambda: panel.confirm_button.isVisible() and panel.confirm_button.isEnabled())
        to_rights.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        panel.confirm_button.click()
        wait_until(lambda: panel.code.isVisible() and panel.code.text().startswith("PP"))
        to_code.append((time.perf_counter() - started) * 1000)
        demo.remove()
        wait_until(lambda: not win.patient.showing_card)
    desk.shutdown()
    win.close()
    app.processEvents()

    def row(label: str, values: list[float]) -> str:
        ordered = sorted(values)
        p95 = ordered[int(len(ordered) * 0.95) - 1]
        return f"{label:<34}{statistics.median(values):>9.1f}{p95:>9.1f}{max(values):>9.1f}"

    print(f"Authen desk overhead, simulated card + agent, {args.runs} runs (ms)")
    print(f"{'':<34}{'median':>9}{'p95':>9}{'max':>9}")
    print(row("card inserted -> claim types", to_rights))
    print(row("confirm -> claim code on screen", to_code))
    ok = statistics.median(to_rights) < TARGET_MS and statistics.median(to_code) < TARGET_MS
    print(f"target: median under {TARGET_MS:.0f} ms each: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # Driven by processEvents() without an event loop, PySide6 6.12 can crash while the
    # interpreter finalises (the program itself, which runs app.exec(), exits cleanly).
    # The numbers are printed; leave without finalisation.
    os._exit(code)
