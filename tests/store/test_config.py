"""The shared_store setting and the shared-store password kind (no server needed)."""

from __future__ import annotations

import keyring.backend
import pytest

from app.settings.model import problem
from app.store.config import parse_url, url_problem
from app.tokens.errors import InvalidToken
from app.tokens.kinds import TokenKind
from app.tokens.store import TokenStore
from tests.support.cli import run_cli


def test_a_url_without_password_is_taken_apart() -> None:
    config = parse_url("mysql://desk@db.clinic.lan:3307/authen_shared")
    assert (config.user, config.host, config.port, config.database) == (
        "desk", "db.clinic.lan", 3307, "authen_shared",
    )  # fmt: skip
    assert config.uses_tls  # not this machine: TLS
    assert not parse_url("mysql://desk@127.0.0.1/x").uses_tls
    assert parse_url("mysql://desk@localhost/x").port == 3306


@pytest.mark.parametrize(
    "value",
    [
        "mysql://desk:secret@db/x",  # a password in a file: never
        "postgres://desk@db/x",
        "mysql://db/x",  # no user
        "mysql://desk@db/",  # no database
        "mysql://desk@db/x;drop",
        "mysql://desk@db:99999/x",
        "mysql://desk@db/x?ssl=0",
        "mysql://desk@db /x",
        "mysql://desk@ฐาน/x",
    ],
)
def test_bad_urls_are_refused_with_a_reason(value: str) -> None:
    assert url_problem(value)
    assert problem("shared_store", value)


def test_the_settings_accept_it_and_empty_means_alone() -> None:
    assert problem("shared_store", "") is None
    assert problem("shared_store", "mysql://desk@127.0.0.1:3306/clinic") is None
    assert problem("desk_name", "จุดคัดกรอง 2") is None
    assert problem("desk_name", "a\x00b")


def test_settings_set_shared_store_refuses_a_password(app_home: object) -> None:
    bad = run_cli("settings", "set", "shared_store", "mysql://desk:pw@db/x")
    assert bad.returncode == 22 and "keyring" in bad.stderr
    good = run_cli("settings", "set", "shared_store", "mysql://desk@db/x")
    assert good.returncode == 0, good.stderr
    cleared = run_cli("settings", "set", "shared_store", "none")
    assert cleared.returncode == 0 and "shared_store = \n" in cleared.stdout + "\n"


def test_the_password_is_a_token_kind_kept_as_typed_and_never_shown(
    secret_service: keyring.backend.KeyringBackend,
) -> None:
    store = TokenStore(secret_service)
    masked = store.set(TokenKind.SHARED_STORE, "p@ss word-ไทย\n")
    assert "p@ss" not in masked
    assert store.get(TokenKind.SHARED_STORE) == "p@ss word-ไทย"
    with pytest.raises(InvalidToken):
        store.set(TokenKind.SHARED_STORE, "\n")
    with pytest.raises(InvalidToken):
        store.set(TokenKind.AUTHEN, "not-a-uuid")  # NHSO tokens are still checked


def test_token_set_shared_store_reads_stdin(
    secret_service: keyring.backend.KeyringBackend,
) -> None:
    result = run_cli("token", "set", "shared-store", stdin="Clinic-Pass-1\n")
    assert result.returncode == 0, result.stderr
    assert "Clinic-Pass-1" not in result.stdout + result.stderr
    assert TokenStore(secret_service).get(TokenKind.SHARED_STORE) == "Clinic-Pass-1"
