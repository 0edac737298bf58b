"""Start-up cost, each figure beside its baseline from the same run:

1. `authen-desk --help` against a bare `python -c pass` (target: under +200 ms);
2. the demo window on screen against a bare PySide6 window (target: under 2x); beside
   it, for information, a clinic's window (no demo) on the same machine.

Each is timed from launching a fresh interpreter to the moment it is done (help printed,
or the first Paint event of the top-level window: its first frame), median of several
runs, the commands taking turns. Qt runs offscreen unless QT_QPA_PLATFORM says otherwise.

The probe watches the top-level window only, never the whole application: an
application-wide event filter hands every event of every object to Python, and the first
object of a class PySide6 has no wrapper for (a scroll area's viewport and scroll-bar
container) makes it build ~150 enum classes, ~20 ms that the probe itself would add to
the desk (the bare window has no such object) and that no deployed desk pays.

Where the desk's extra time goes (measured Dec 2026, bare window ~83 ms, demo ~185 ms):
`from PySide6.QtCore import Qt` builds the whole Qt namespace, ~12 ms, with or without
PYSIDE6_OPTION_LAZY (the bare window never imports it); the first QScrollArea.setWidget
(the patient card) ~10 ms of Qt's own layout and font work, wherever it comes first;
our modules ~35 ms (dataclasses, Qt subclasses with signals); the window's build ~27 ms.

    python3 -m uv run python benchmarks/start.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELP_TARGET_MS = 200.0
WINDOW_TARGET_RATIO = 2.0

# Both children stop at the first Paint event of their top-level window: the first frame.
FIRST_FRAME = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
class FirstFrame(QObject):
    done = False
    def eventFilter(self, watched, event):
        if (not self.done and event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget) and watched.isWindow()):
            self.done = True
            print(time.time(), flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False
first_frame = FirstFrame()
"""

BARE_WINDOW = (
    FIRST_FRAME
    + """
from PySide6.QtWidgets import QLabel
app = QApplication(sys.argv)
w = QLabel("Authen Desk"); w.resize(1024, 600)
w.installEventFilter(first_frame); w.show()
app.exec()
"""
)

DESK_WINDOW = (
    FIRST_FRAME
    + """
app = QApplication(sys.argv)
from app.qt.composition import run_gui
from widgets.main_window import MainWindow
def show(window, _show=MainWindow.show):
    window.installEventFilter(first_frame); _show(window)
MainWindow.show = show
run_gui(demo=DEMO)
"""
)


def _launch(args: list[str], env: dict[str, str]) -> float:
    """Milliseconds from launch to done (the child prints its done time, or exits)."""
    started = time.time()
    result = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    ended = time.time()
    if result.returncode != 0:
        raise SystemExit(f"{args[1:3]} failed: {result.stderr[-400:]}")
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    try:
        done = float(lines[-1])
    except (IndexError, ValueError):
        done = ended
    return (done - started) * 1000


def _medians(commands: list[list[str]], env: dict[str, str], runs: int) -> list[float]:
    """Each command's median. The commands take turns, run after run, so a busy spell of
    the machine slows them all alike instead of one of them."""
    for args in commands:
        _launch(args, env)  # warm the file cache once
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for args, taken in zip(commands, times, strict=True):
            taken.append(_launch(args, env))
    return [statistics.median(taken) for taken in times]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env["AUTHEN_DESK_HOME"] = tempfile.mkdtemp(prefix="authen-start-")
    # As installed, Python loads cached bytecode; a shell with PYTHONDONTWRITEBYTECODE set
    # would recompile every module on every start and time the compiler instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    py = sys.executable
    bare, help_, version, bare_window, desk_window, clinic_window = _medians(
        [
            [py, "-c", "pass"],
            [py, "-m", "app.main", "--help"],
            [py, "-m", "app.main", "--version"],
            [py, "-c", BARE_WINDOW],
            [py, "-c", "DEMO = True\n" + DESK_WINDOW],
            [py, "-c", "DEMO = False\n" + DESK_WINDOW],
        ],
        env,
        args.runs,
    )
    ok_help = help_ - bare < HELP_TARGET_MS and version - bare < HELP_TARGET_MS
    ok_window = desk_window < WINDOW_TARGET_RATIO * bare_window
    print(f"Start-up, median of {args.runs} runs (ms)")
    print(f"{'python -c pass':<34}{bare:>9.0f}")
    target = f"(target +{HELP_TARGET_MS:.0f})"
    print(f"{'authen-desk --help':<34}{help_:>9.0f}   +{help_ - bare:.0f}  {target}")
    print(f"{'authen-desk --version':<34}{version:>9.0f}   +{version - bare:.0f}  {target}")
    print(f"{'bare PySide6 window shown':<34}{bare_window:>9.0f}")
    print(f"{'demo desk window shown':<34}{desk_window:>9.0f}   "
          f"{desk_window / bare_window:.2f}x  (target < {WINDOW_TARGET_RATIO:.1f}x)")  # fmt: skip
    print(f"{'clinic desk window shown':<34}{clinic_window:>9.0f}   "
          f"{clinic_window / bare_window:.2f}x  (for information)")  # fmt: skip
    print(f"help: {'met' if ok_help else 'MISSED'}; window: {'met' if ok_window else 'MISSED'}")
    return 0 if ok_help and ok_window else 1


if __name__ == "__main__":
    sys.exit(main())
