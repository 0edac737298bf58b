"""NHSO tokens: the real Secret Service, masking, refusals, and no token in any file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import keyring.backend
import pytest
from keyring.backends import fail

from app.tokens.errors import InvalidToken, KeyringUnavailable
from app.tokens.kinds import TokenKind, mask_token, token_from_userconfig
from app.tokens.store import TokenStore
from tests.support.tokens import empty_token_store

TOKEN = "5e1c2b8a-1111-4222-8333-944455556666"
OTHER = "0a9b8c7d-aaaa-4bbb-8ccc-deadbeef0001"
ROOT = Path(__file__).parents[2]


@pytest.fixture
def store(secret_service: keyring.backend.KeyringBackend) -> TokenStore:
    return empty_token_store(secret_service)


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.main", *args],
        input=stdin, capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip


def test_round_trip(store: TokenStore) -> None:
    assert store.set(TokenKind.AUTHEN, f"  {TOKEN.upper()}\n") == "5e1c…6666"
    assert store.get(TokenKind.AUTHEN) == TOKEN
    assert store.status() == {
        TokenKind.AUTHEN: "5e1c…6666", TokenKind.CLOSE_CLAIM: None, TokenKind.CLAIM_13: None,
        TokenKind.SHARED_STORE: None,
    }  # fmt: skip
    assert store.clear(TokenKind.AUTHEN) and store.get(TokenKind.AUTHEN) is None
    assert not store.clear(TokenKind.AUTHEN)


def test_kinds_are_separate_entries(store: TokenStore) -> None:
    store.set(TokenKind.AUTHEN, TOKEN)
    store.set(TokenKind.CLAIM_13, OTHER)
    assert store.get(TokenKind.CLAIM_13) == OTHER and store.get(TokenKind.AUTHEN) == TOKEN


@pytest.mark.parametrize("bad", ["", "not-a-token", TOKEN[:-1], TOKEN + "0", "x" * 36])
def test_non_uuid_is_refused(store: TokenStore, bad: str) -> None:
    with pytest.raises(InvalidToken):
        store.set(TokenKind.AUTHEN, bad)
    assert store.get(TokenKind.AUTHEN) is None


def test_no_keyring_means_no_storing() -> None:
    with pytest.raises(KeyringUnavailable):
        TokenStore(fail.Keyring()).set(TokenKind.AUTHEN, TOKEN)

    class PlaintextFile(keyring.backend.KeyringBackend):
        priority = 1

        def get_password(self, service: str, username: str) -> str | None:
            return None

        def set_password(self, service: str, username: str, password: str) -> None:
            raise AssertionError("must never be called")

        def delete_password(self, service: str, username: str) -> None:
            pass

    PlaintextFile.__module__ = "keyrings.alt.file"
    with pytest.raises(KeyringUnavailable):
        TokenStore(PlaintextFile()).set(TokenKind.AUTHEN, TOKEN)


def test_mask() -> None:
    assert mask_token(TOKEN) == "5e1c…6666"
    assert mask_token("short") == "…" and mask_token(None) == ""


def test_import_from_the_agents_userconfig() -> None:
    text = "# NHSO agent\nserver.port=8189\nnhso.service.token=" + TOKEN + "\n"
    assert token_from_userconfig(text) == TOKEN
    with pytest.raises(InvalidToken):
        token_from_userconfig("server.port=8189\n")


def _files_containing(root: Path, secret: str) -> list[Path]:
    needles = [secret.encode(), secret.replace("-", "").encode(), secret.upper().encode()]
    return [
        p for p in root.rglob("*")
        if p.is_file() and any(n in p.read_bytes() for n in needles)
    ]  # fmt: skip


def test_cli_set_status_clear_and_no_token_in_any_file(
    real_secret_service: None, store: TokenStore, app_home: Path
) -> None:
    result = cli("token", "set", "authen", stdin=TOKEN + "\n")
    assert result.returncode == 0, result.stderr
    assert TOKEN not in result.stdout and "5e1c…6666" in result.stdout
    status = cli("token", "status", "--json")
    assert status.returncode == 0 and TOKEN not in status.stdout
    tokens = json.loads(status.stdout)["tokens"]
    assert tokens["authen"] == {"present": True, "masked": "5e1c…6666"}
    assert tokens["close-claim"] == {"present": False, "masked": None}
    assert "SecretService" in json.loads(status.stdout)["keyring"]
    assert store.get(TokenKind.AUTHEN) == TOKEN  # the child wrote to the real keyring
    cli("doctor", "--json")
    assert _files_containing(app_home, TOKEN) == []
    audit = (app_home / "logs" / "audit.log").read_text()
    assert '"kind": "authen"' in audit and TOKEN not in audit
    assert cli("token", "clear", "authen").returncode == 0
    assert store.get(TokenKind.AUTHEN) is None


def test_cli_refuses_a_bad_token(real_secret_service: None, store: TokenStore) -> None:
    result = cli("token", "set", "authen", stdin="hello\n")
    assert (result.returncode, result.stdout) == (22, "")
    assert store.get(TokenKind.AUTHEN) is None
