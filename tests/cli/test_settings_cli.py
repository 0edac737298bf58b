from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.support.cli import run_cli

ROOT = Path(__file__).parents[2]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("settings", *args)


def test_configure_a_fresh_desk(app_home: Path) -> None:
    assert cli("set", "hcode", "12345").returncode == 0
    assert cli("set", "hospital_name", "คลินิกบ้านสุขใจ").returncode == 0
    assert cli("set", "zone", "test").returncode == 0
    assert cli("set", "idle_lock_minutes", "5").returncode == 0
    shown = json.loads(cli("show", "--json").stdout)
    assert (shown["hcode"], shown["hospital_name"], shown["zone"], shown["idle_lock_minutes"]) == (
        "12345", "คลินิกบ้านสุขใจ", "test", 5,
    )  # fmt: skip
    assert (app_home / "config" / "settings.json").exists()
    assert cli("set", "hcode", "none").returncode == 0
    assert json.loads(cli("show", "--json").stdout)["hcode"] is None


def test_invalid_values_change_nothing(app_home: Path) -> None:
    cli("set", "hcode", "12345")
    for key, value in [("hcode", "1234"), ("hcode", "abcde"), ("zone", "staging"),
                       ("idle_lock_minutes", "0"), ("agent_url", "localhost:8189")]:  # fmt: skip
        result = cli("set", key, value)
        assert result.returncode == 22 and "invalid" in result.stderr
    assert json.loads(cli("show", "--json").stdout)["hcode"] == "12345"
