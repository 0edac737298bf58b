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


def test_one_bad_value_in_the_file_is_never_a_silent_reset(app_home: Path) -> None:
    path = app_home / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    damaged = '{"hcode": "12345", "hospital_name": "คลินิก", "idle_lock_minutes": "ten"}'
    path.write_text(damaged, encoding="utf-8")
    refused = cli("set", "zone", "test")
    assert refused.returncode == 22 and "idle_lock_minutes" in refused.stderr
    assert "--repair" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    assert path.read_text(encoding="utf-8") == damaged  # nothing changed
    assert cli("set", "zone", "test", "--repair").returncode == 0
    shown = json.loads(cli("show", "--json").stdout)
    assert (shown["hcode"], shown["hospital_name"], shown["zone"], shown["idle_lock_minutes"]) == (
        "12345", "คลินิก", "test", 10,
    )  # fmt: skip
    assert (path.parent / "settings.json.damaged").read_text(encoding="utf-8") == damaged
    assert cli("set", "hcode", "54321").returncode == 0
    assert json.loads((path.parent / "settings.json.bak").read_text())["hcode"] == "12345"


def test_setting_the_bad_key_itself_mends_it(app_home: Path) -> None:
    path = app_home / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"hcode": 12345, "hospital_name": "คลินิก"}', encoding="utf-8")
    assert cli("set", "hcode", "12345").returncode == 0
    assert json.loads(cli("show", "--json").stdout)["hospital_name"] == "คลินิก"


def test_an_unreadable_file_is_refused_unless_repaired(app_home: Path) -> None:
    path = app_home / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text("[" * 100_000)
    refused = cli("set", "zone", "test")
    assert refused.returncode == 22 and "settings.json" in refused.stderr
    assert cli("set", "zone", "test", "--repair").returncode == 0
    assert json.loads(cli("show", "--json").stdout)["zone"] == "test"
