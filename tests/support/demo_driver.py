"""Runs the real `authen-desk --demo` start-up (run_gui) in this process and drives it like
a person: insert a card, press Enter, wait for the claim code; prints the code shown.

    python -m tests.support.demo_driver
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.qt.authen_service import ClaimCodeResult
from app.qt.composition import Desk, run_gui


def main() -> int:
    seen: list[str] = []

    def drive(desk: Desk) -> None:
        window = desk.window

        def on_rights(_result: object) -> None:
            window.activateWindow()
            target = window.focusWidget() or window
            QTimer.singleShot(50, lambda: QTest.keyClick(target, Qt.Key.Key_Return))

        def on_code(result: ClaimCodeResult) -> None:
            seen.append(result.outcome.claim_code if result.outcome else f"error {result.error}")
            seen.append(window.authen_panel.code.text())
            QApplication.quit()

        desk.authen.rights_checked.connect(on_rights)
        desk.authen.claim_code_received.connect(on_code)
        QTimer.singleShot(20000, QApplication.quit)  # never hang
        QTimer.singleShot(100, lambda: desk.demo.insert("somchai") if desk.demo else None)

    code = run_gui(demo=True, after_start=drive)
    print(" ".join(seen))
    return code


if __name__ == "__main__":
    sys.exit(main())
