"""A guard against PySide6 6.12.0's Signal.emit() dropping a reference to True.

Measured here (PySide6 6.12.0, CPython 3.11): every `SignalInstance.emit()` leaves
`sys.getrefcount(True)` one lower. True starts near 600 references once Qt is imported,
so after a few hundred emits CPython frees the True singleton: "Fatal Python error:
bool_dealloc: deallocating True or False" — mid-run, or at exit. (CPython 3.12 makes True
immortal, and a fixed PySide6 releases no reference it does not own.)

`guard_true_refcount()` checks for the leak (emits a private signal a few times) and, only
when it is there, adds a large count to True's reference count so that the drops never
reach zero within a program's life. Call it once after importing Qt: the window's start-up
(the lead wires it in app/qt/composition.py) and the GUI tests.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

HEADROOM = 1 << 40  # a billion emits a day for three thousand years
_guarded = False


class _Probe(QObject):
    pinged = Signal()


def emit_leaks_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.pinged.emit()
    leaked = sys.getrefcount(True) < before - 4
    probe.deleteLater()
    return leaked


def guard_true_refcount() -> bool:
    """True when the leak was found and True's count was raised (once per process)."""
    global _guarded
    if _guarded or sys.version_info >= (3, 12) or not emit_leaks_true():
        return False
    ctypes.c_ssize_t.from_address(id(True)).value += HEADROOM
    _guarded = True
    log.warning("PySide6 drops a reference to True on every emit: True's count raised")
    return True
