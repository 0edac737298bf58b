"""`authen-desk --demo` end to end: the real start-up path (run_gui, the composition root,
the simulated reader and agent), a card inserted, Enter, a claim code on screen and in the
demo's visit log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.authen.visit_log import VisitLog
from app.main import main
from app.paths import app_paths

ROOT = Path(__file__).parents[2]


def test_demo_from_start_to_claim_code(app_home: Path) -> None:
    """Its own process, as the program runs: run_gui owns the QApplication's event loop."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "AUTHEN_DESK_HOME": str(app_home)}
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.demo_driver"],
        capture_output=True, text=True, timeout=60, cwd=ROOT, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    code, shown = result.stdout.split()
    assert code.startswith("PP") and shown == code
    log = VisitLog(app_paths().visit_log(demo=True))
    try:
        # every visit, whatever its date: the demo ran in another process, on its own clock
        [visit] = list(log.db.table("visits").rows)
    finally:
        log.close()
    assert visit["claim_code"] == code and visit["status"] == "ok"
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
