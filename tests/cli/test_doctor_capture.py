"""`authen-desk doctor --capture FILE` against the simulated agent: shapes, no personal data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.agent import OUR_HCODE, agent_rig
from tests.support.platform import assert_private

ROOT = Path(__file__).parents[2]


def capture(url: str, target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.main", "doctor", "--capture", str(target), "--agent-url", url],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip


def test_capture_records_shapes_and_masks_every_personal_value(tmp_path: Path) -> None:
    target = tmp_path / "capture.json"
    target.write_text("old")
    target.chmod(0o644)
    with agent_rig() as rig:
        rig.agent.seed_code("1101700123456", "PG0060001", OUR_HCODE)
        result = capture(rig.url, target)
        asked = list(rig.agent.requests)
    assert result.returncode == 0, result.stderr
    assert_private(target)
    text = target.read_text()
    for personal in ("1101700123456", "สมชาย", "ใจดี", "PP"):
        assert personal not in text
    data = json.loads(text)
    calls = {e["call"]: e for e in data["exchanges"]}
    assert asked == [
        "GET /api/smartcard/terminals", "GET /api/smartcard/read",
        "GET /api/nhso-service/latest-5-authen-code-all-hospital/1101700123456",
    ]  # fmt: skip
    read = calls["read"]
    assert read["status"] == 200 and read["body"]["pid"] == "str:9999999999999"
    assert read["body"]["checkDate"].startswith("str:9999-99-99T99:99:99")
    assert "image" not in read["body"]
    assert calls["latest-5"]["body"][0]["claimCode"] == "str:AA9999999999"
    assert calls["latest-5"]["request"].endswith("/<pid>")


def test_capture_keeps_the_agents_error_words(tmp_path: Path) -> None:
    target = tmp_path / "capture.json"
    with agent_rig(None) as rig:
        assert capture(rig.url, target).returncode == 0
    calls = {e["call"]: e for e in json.loads(target.read_text())["exchanges"]}
    assert calls["read"]["status"] == 500 and "เสียบบัตร" in calls["read"]["body"]["message"]
    assert "skipped" in calls["latest-5"]


def test_capture_needs_no_fchmod(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows Python has no os.fchmod: the capture is written all the same."""
    from app.doctor import capture as capture_module

    monkeypatch.delattr(os, "fchmod", raising=False)
    target = tmp_path / "capture.json"
    with agent_rig() as rig:
        assert capture_module.capture(rig.url, target) == 0
    assert json.loads(target.read_text())["exchanges"]
    assert_private(target)
