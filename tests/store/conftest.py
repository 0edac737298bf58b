"""A real MariaDB server for the shared store's tests (started once per session), a fresh
clinic database per test, and the desk's password in the real keyring."""

from __future__ import annotations

from collections.abc import Iterator

import keyring.backend
import pytest

from app.settings.model import Settings, save_settings
from app.store.config import parse_url
from app.store.server import SharedStore
from app.tokens.kinds import TokenKind
from app.tokens.store import TokenStore
from tests.conftest import skip_unless_ci
from tests.support.mariadb import PASSWORD, MariaDBServer, missing_requirements


@pytest.fixture(scope="session")
def mariadb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MariaDBServer]:
    """In CI a missing server fails the tests, never skips them."""
    problem = missing_requirements()
    if problem is not None:
        skip_unless_ci(f"CI needs a real MariaDB server: {problem}", problem)
    server = MariaDBServer(tmp_path_factory.mktemp("mariadb"))
    server.install()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def server(mariadb: MariaDBServer) -> MariaDBServer:
    """The server up (a test before may have killed it) with an empty clinic database."""
    if mariadb.process is None or mariadb.process.poll() is not None:
        mariadb.start()
    mariadb.create_clinic_database()
    return mariadb


@pytest.fixture
def password(secret_service: keyring.backend.KeyringBackend) -> str:
    TokenStore(secret_service).set(TokenKind.SHARED_STORE, PASSWORD)
    return PASSWORD


def store_for(server: MariaDBServer, desk: str = "desk-a", **timeouts: float) -> SharedStore:
    return SharedStore(parse_url(server.url()), PASSWORD, desk, **timeouts)


def configure_desk(server: MariaDBServer, desk: str) -> Settings:
    """This test's desk (AUTHEN_DESK_HOME) set to use the shared store."""
    settings = Settings(hcode="12345", shared_store=server.url(), desk_name=desk)
    save_settings(settings)
    return settings
