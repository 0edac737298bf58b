"""The shared_store setting and the shared-store password kind (no server needed)."""

from __future__ import annotations

import keyring.backend
import pytest

from app.settings.model import problem
from app.store.config import parse_url, url_problem
from app.tokens.errors import InvalidToken, StoredTokenDamaged
from app.tokens.kinds import TokenKind
from app.tokens.store import DAMAGED, SERVICE, TokenStore
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
    for hidden in ("a\x9bb", "desk\u202e2", "\x1b[2J"):  # C1 (CSI), a bidi override, ESC
        assert problem("desk_name", hidden), repr(hidden)


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


@pytest.mark.parametrize(
    "bad",
    ["pass\r\nword", "pass\nword", "pass\x00word", "\x00pass", "pass\rword", "x" * 5000,
     "x" * 201, "p" + "\n" * 5000],
)  # fmt: skip
def test_a_password_with_a_line_break_a_nul_or_4kb_is_refused(
    secret_service: keyring.backend.KeyringBackend, bad: str
) -> None:
    store = TokenStore(secret_service)
    store.clear(TokenKind.SHARED_STORE)
    with pytest.raises(InvalidToken):
        store.set(TokenKind.SHARED_STORE, bad)
    assert store.get(TokenKind.SHARED_STORE) is None


def test_a_damaged_stored_password_is_never_used_and_says_so(
    secret_service: keyring.backend.KeyringBackend,
) -> None:
    """Written straight into the keyring by another program: not the password as typed."""
    store = TokenStore(secret_service)
    for damaged in ("pass\r\nword", "pass\x00", "pass\n", "x" * 5000):
        secret_service.set_password(SERVICE, TokenKind.SHARED_STORE.value, damaged)
        with pytest.raises(StoredTokenDamaged):
            store.get(TokenKind.SHARED_STORE)
        assert store.status()[TokenKind.SHARED_STORE] == DAMAGED
    secret_service.set_password(SERVICE, TokenKind.SHARED_STORE.value, " spaced pass ")
    assert store.get(TokenKind.SHARED_STORE) == " spaced pass "  # as typed
    assert store.status()[TokenKind.SHARED_STORE] == "••••••"
    store.clear(TokenKind.SHARED_STORE)


def test_token_set_shared_store_reads_stdin(
    secret_service: keyring.backend.KeyringBackend,
) -> None:
    result = run_cli("token", "set", "shared-store", stdin="Clinic-Pass-1\n")
    assert result.returncode == 0, result.stderr
    assert "Clinic-Pass-1" not in result.stdout + result.stderr
    assert TokenStore(secret_service).get(TokenKind.SHARED_STORE) == "Clinic-Pass-1"


def test_token_set_shared_store_refuses_a_nul_in_its_own_words(
    secret_service: keyring.backend.KeyringBackend,
) -> None:
    TokenStore(secret_service).clear(TokenKind.SHARED_STORE)
    for stdin in ("Secr3t\x00word\n", "Secr3t\rword\n", "Secr3t" * 1000 + "\n"):
        result = run_cli("token", "set", "shared-store", stdin=stdin)
        assert (result.returncode, result.stdout) == (22, ""), result.stderr
        assert "shared store's password" in result.stderr and "NHSO token" not in result.stderr
        assert "Secr3t" not in result.stderr  # the password is never echoed
    assert TokenStore(secret_service).get(TokenKind.SHARED_STORE) is None


def test_a_damaged_stored_password_is_described_as_the_password() -> None:
    from app.errors import describe

    described = describe(StoredTokenDamaged(TokenKind.SHARED_STORE.value))
    assert "password" in described.message.en and "NHSO" not in described.message.en
    assert described.exit_code == 22
