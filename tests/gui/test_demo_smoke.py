"""`authen-desk --demo` end to end: the real start-up path (run_gui, the composition root,
the simulated reader and agent), a card inserted, Enter, a claim code on screen and in the
demo's visit log."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.authen.visit_log import VisitLog
from app.main import main
from app.paths import app_paths
from app.qt.authen_service import ClaimCodeResult
from app.qt.composition import Desk, run_gui
from app.thai_format import BANGKOK


def test_demo_from_start_to_claim_code(app_home: Path) -> None:
    seen: list[str] = []

    def drive(desk: Desk) -> None:
        assert desk.demo is not None
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
        QTimer.singleShot(20000, QApplication.quit)  # never hang the suite
        QTimer.singleShot(100, lambda: desk.demo.insert("somchai") if desk.demo else None)

    assert run_gui(demo=True, after_start=drive) == 0
    assert len(seen) == 2 and seen[0].startswith("PP") and seen[1] == seen[0]
    log = VisitLog(app_paths().visit_log(demo=True))
    try:
        [visit] = log.on_date(dt.datetime.now(BANGKOK).date())
    finally:
        log.close()
    assert visit.claim_code == seen[0] and visit.status == "ok"
    assert not app_paths().visit_log().exists()  # never the clinic's own log


def test_demo_history_shows_the_demo_log(
    app_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = VisitLog(app_paths().visit_log(demo=True))
    log.begin(pid="1101700123456", claim_type="PG0060001", patient_name="demo")
    log.close()
    assert main(["--demo", "history", "--json"]) == 0
    out = capsys.readouterr().out
    assert [v["patient_name"] for v in json.loads(out)] == ["demo"]
    assert main(["history", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
