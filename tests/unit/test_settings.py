from __future__ import annotations

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
