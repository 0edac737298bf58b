from __future__ import annotations

import json
from pathlib import Path

from app.settings.model import Settings, load_settings, save_settings


def test_defaults_when_missing(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "settings.json") == (Settings(), None)


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(idle_lock_minutes=3, staff_reader="Reader B"), path)
    assert load_settings(path) == (Settings(idle_lock_minutes=3, staff_reader="Reader B"), None)


def test_broken_file_gives_defaults_and_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    for text in ("{ nope", "[]", '{"idle_lock_minutes": 0}', '{"idle_lock_minutes": "ten"}',
                 '{"staff_reader": "  "}'):  # fmt: skip
        path.write_text(text)
        settings, problem = load_settings(path)
        assert settings == Settings() and problem is not None


def test_unknown_keys_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"idle_lock_minutes": 5, "from_a_newer_version": true}')
    assert load_settings(path) == (Settings(idle_lock_minutes=5), None)


def test_wrong_json_types_are_named(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    for key, value in [("hcode", 12345), ("hospital_name", ["a"]), ("idle_lock_minutes", True),
                       ("agent_url", None), ("slip_printer", 3), ("zone", {"x": 1})]:  # fmt: skip
        path.write_text(json.dumps({key: value}))
        settings, problem = load_settings(path)
        assert settings == Settings() and problem is not None and key in problem, (key, problem)


def test_one_bad_value_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"hcode": "12345", "hospital_name": "คลินิก", "idle_lock_minutes": 0}')
    settings, problem = load_settings(path)
    assert (settings.hcode, settings.hospital_name, settings.idle_lock_minutes) == (
        "12345", "คลินิก", 10,
    )  # fmt: skip
    assert problem is not None and "idle_lock_minutes" in problem


def test_deep_or_huge_file_gives_defaults_and_a_message(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    for text in (
        '{"a":' * 10_000 + "1" + "}" * 10_000,
        '{"hospital_name": "' + "x" * 10**6 + '"}',
    ):
        path.write_text(text)
        settings, problem = load_settings(path)  # never a crash: the window opens
        assert settings == Settings() and problem is not None
        assert ("nested too deeply" in problem) != ("larger than" in problem)
