"""Start-up cost, each figure beside its baseline from the same run:

1. `authen-desk --help` against a bare `python -c pass` (target: under +200 ms);
2. the demo window on screen against a bare PySide6 window (target: under 2x); beside
   it, for information, a clinic's window (no demo) on the same machine.

Each is timed from launching a fresh interpreter to the moment it is done (help printed,
or the first Paint event of the top-level window: its first frame), median of several
runs, the commands taking turns. Qt runs offscreen unless QT_QPA_PLATFORM says otherwise.
The desk starts through app.main exactly as `authen-desk [--demo]` does (its options and
logging included); the probe is put on MainWindow.show as widgets.main_window loads, so it
imports nothing before the program does.

The probe watches the top-level window only, never the whole application: an
application-wide event filter hands every event of every object to Python, and the first
object of a class PySide6 has no wrapper for (a scroll area's viewport and scroll-bar
container) makes it build ~150 enum classes, ~20 ms that the probe itself would add to
the desk (the bare window has no such object) and that no deployed desk pays.

Where the desk's extra ~85 ms goes (Dec 2026, a 2-core VM: bare window ~85 ms, demo
~168 ms; py-spy samples and -X importtime): PySide6 builds its enum classes on first
use, and `Qt` (any Qt.* flag) builds the whole namespace, ~95 enums, ~15 ms; the other
widget classes' enums ~6 ms. Our ~28 dataclasses made before the first frame ~10 ms
(Python 3.11 compiles each generated method on its own). PySide6's import hook reads the
source of every module an import statement names after it loads (its __feature__
check), ~7 ms. Text: each font size loads a font and the first Thai line brings libthai
and Thai shaping; the style sheet's polish ~4 ms. The rest is our ~85 modules and the
window's widgets.

What each step saved (A/B medians of 21-31 interleaved runs; ±3 ms): --version looks
its version up only when asked (importlib.metadata) ~8 ms; the window's options are
parsed without importing every command's module ~4 ms; the garbage collector waits for
the first frame ~9 ms; the log file opens at its first record (logging.handlers) ~5 ms;
the demo's personas are found by path, not importlib.resources, ~5 ms; the card's events
and data types, the PIN rules, the card thread and the error registry's table load when
first needed ~6 ms; the window's parts are built inside it (polished once) ~3 ms; a
first-frame timer that needs no QMetaMethod enums ~2 ms; docstrings on the records
(dataclass builds one from inspect.signature otherwise) ~1 ms.

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

# The probe: the time of a window's first Paint event (its first frame), then quit. Both
# children define it only when their window is shown, so it loads nothing before the
# program does.
WATCH_FIRST_FRAME = """
import sys, time
def watch_first_frame(window):
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    class FirstFrame(QObject):
        done = False
        def eventFilter(self, watched, event):
            if not self.done and watched is window and event.type() == QEvent.Type.Paint:
                self.done = True
                print(time.time(), flush=True)
                QTimer.singleShot(0, QApplication.quit)
            return False
    window.first_frame_probe = FirstFrame()
    window.installEventFilter(window.first_frame_probe)
"""

BARE_WINDOW = (
    WATCH_FIRST_FRAME
    + """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
w = QLabel("Authen Desk"); w.resize(1024, 600)
watch_first_frame(w); w.show()
app.exec()
"""
)

# The program as `authen-desk [--demo]` starts it (app.main: options, logging, the window);
# the probe goes onto MainWindow.show the moment widgets.main_window is loaded.
DESK_WINDOW = (
    WATCH_FIRST_FRAME
    + """
from importlib.machinery import PathFinder
class ProbeMainWindow:
    def find_spec(self, name, path, target=None):
        if name != "widgets.main_window":
            return None
        sys.meta_path.remove(self)
        spec = PathFinder.find_spec(name, path)
        load = spec.loader.exec_module
        def exec_module(module):
            load(module)
            show = module.MainWindow.show
            def probed_show(window):
                watch_first_frame(window)
                show(window)
            module.MainWindow.show = probed_show
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, ProbeMainWindow())
from app.main import main
sys.exit(main(ARGS))
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
            [py, "-c", 'ARGS = ["--demo"]\n' + DESK_WINDOW],
            [py, "-c", "ARGS = []\n" + DESK_WINDOW],
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
