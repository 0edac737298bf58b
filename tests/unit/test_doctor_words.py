"""`doctor` speaks to clinic IT in words: no class names, and where the settings file is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.doctor.checks import check_agent, check_settings, keyring_in_words
from app.settings.model import Settings


def test_the_settings_file_is_named_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    [where, hcode] = check_settings(Settings(), None, path)
    assert where.name == "settings file" and str(path) in where.detail
    assert not hcode.ok and str(path) in hcode.fix and "ตั้งค่าคลินิก" in hcode.fix


def test_an_unreachable_agent_is_said_in_words() -> None:
    [agent, _clock] = check_agent(
        Settings(agent_url="http://127.0.0.1:9"), lambda: dt.datetime.now(dt.UTC)
    )
    assert not agent.ok
    assert "AgentUnavailable" not in agent.detail and "agent" in agent.detail.lower()


def test_keyrings_by_the_names_it_knows() -> None:
    assert keyring_in_words("keyring.backends.Windows.WinVaultKeyring") == (
        "Windows Credential Manager"
    )
    assert "Secret Service" in keyring_in_words("keyring.backends.SecretService.Keyring")
    assert "keyring.backends" not in keyring_in_words("keyrings.alt.file.PlaintextKeyring")
