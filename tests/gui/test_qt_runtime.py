"""The Qt binding itself: a signal emitted all day must not eat Python's reference counts.

PySide6 6.12.0 returned True from SignalInstance.emit() without a reference of its own:
every emit drained True's count, and after about a thousand emits Python aborted
("bool_dealloc"). The desk emits on every card event, task and agent ping, so a window left
open crashed within hours. Checked in a child process: on a broken binding the interpreter
dies, which must fail this test, not the whole run."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Source(QObject):
    fired = Signal(object)
source = Source()
source.fired.connect(lambda value: None)
before = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
for n in range(20000):
    source.fired.emit(None if n % 2 else n)
after = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
print([a - b for a, b in zip(after, before)])
"""


def test_emitting_keeps_reference_counts() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "[0, 0, 0]"
