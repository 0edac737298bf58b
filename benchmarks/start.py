"""Start-up cost, each figure beside its baseline from the same run:

1. `authen-desk --help` against a bare `python -c pass` (target: under +200 ms);
2. the demo window on screen against a bare PySide6 window (target: under 2x); beside
   it, for information, a clinic's window (no demo) on the same machine.

Each is timed from launching a fresh interpreter to the moment it is done (help printed,
or the first Paint event of the top-level window: its first frame),
median of several runs. Qt runs offscreen unless QT_QPA_PLATFORM says otherwise.

The probe watches the top-level window only, never the whole application: an
application-wide event filter hands every event of every object to Python, and the first
object of a class PySide6 has no wrapper for (a scroll area's viewport and scroll-bar
container) makes it build ~150 enum classes, ~20 ms that the probe itself would add to
the desk (the bare window has no such object) and that no deployed desk pays.

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


def _median(args: list[str], env: dict[str, str], runs: int) -> float:
    _launch(args, env)  # warm the file cache once
    return statistics.median(_launch(args, env) for _ in range(runs))


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
    bare = _median([py, "-c", "pass"], env, args.runs)
    help_ = _median([py, "-m", "app.main", "--help"], env, args.runs)
    version = _median([py, "-m", "app.main", "--version"], env, args.runs)
    bare_window = _median([py, "-c", BARE_WINDOW], env, args.runs)
    desk_window = _median([py, "-c", "DEMO = True\n" + DESK_WINDOW], env, args.runs)
    clinic_window = _median([py, "-c", "DEMO = False\n" + DESK_WINDOW], env, args.runs)
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
