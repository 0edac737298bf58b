"""`authen-desk verify-day`: JSON out, exit codes, the status_url setting, resuming."""

from __future__ import annotations

import json
from pathlib import Path

import keyring.backend
import pytest

from app.paths import app_paths
from app.settings.model import Settings, save_settings
from app.tokens.kinds import TokenKind
from app.tokens.store import TokenStore
from tests.support.cli import run_cli
from tests.support.day_log import DAY, EXPECTED, PEOPLE, VISITS, cid, fill_day
from tests.support.status_server import HCODE, TOKEN, Server
from tests.support.tokens import empty_token_store


@pytest.fixture
def store(secret_service: keyring.backend.KeyringBackend) -> TokenStore:
    store = empty_token_store(secret_service)
    store.set(TokenKind.AUTHEN, TOKEN)
    return store


@pytest.fixture
def day_log(app_home: Path) -> Path:
    path = app_paths().visit_log()
    fill_day(path).close()
    return path


def configure(url: str, hcode: str | None = HCODE) -> None:
    save_settings(Settings(hcode=hcode, status_url=url))


def verify(*extra: str) -> tuple[int, str, str]:
    done = run_cli("verify-day", "--date", DAY.isoformat(), *extra)
    return done.returncode, done.stdout, done.stderr


def test_json_one_object_per_visit(store: TokenStore, day_log: Path) -> None:
    with Server(people=PEOPLE) as server:
        configure(server.url)
        code, out, err = verify("--json")
    assert code == 0, err
    assert err == ""  # no progress bar with --json or when piped
    items = json.loads(out)
    assert [list(i) for i in items] == [
        ["pid", "claim_code", "verdict", "nhso_claim_code", "message"]
    ] * len(VISITS)
    assert [(i["verdict"], i["claim_code"], i["nhso_claim_code"]) for i in items] == EXPECTED
    assert items[0]["pid"] == cid(1) and items[0]["message"] == "พบข้อมูล"
    assert server.seen[0]["path"].startswith("/authencodestatus/api/check-authen-status?")


def test_summary_in_thai_and_english(store: TokenStore, day_log: Path) -> None:
    with Server(people=PEOPLE) as server:
        configure(server.url)
        code, out, _ = verify()
    assert code == 0
    assert "7 รายการ / visits" in out and "verified" in out and "ตรงกับ สปสช." in out


def test_no_token(secret_service: keyring.backend.KeyringBackend, day_log: Path) -> None:
    TokenStore(secret_service).clear(TokenKind.AUTHEN)
    configure("")
    code, out, err = verify("--json")
    assert code == 31 and out == ""
    assert "token set authen" in err and "Token" in err


def test_no_hospital_code(store: TokenStore, day_log: Path) -> None:
    configure("", hcode=None)
    code, _, err = verify()
    assert code == 78 and "hcode" in err
    from app.words.settings import HCODE_NOT_SET

    assert HCODE_NOT_SET.one_line() in err  # the same sentence as authen's


def test_token_refused(store: TokenStore, day_log: Path) -> None:
    with Server("401") as server:
        configure(server.url)
        code, out, err = verify("--json")
    assert code == 23 and out == "" and "Token rejected" in err


def test_unreachable_then_resumed(store: TokenStore, day_log: Path) -> None:
    with Server("drop", people=PEOPLE, drop_after=4) as server:
        configure(server.url)
        code, _, err = verify("--json")
    assert code == 27 and "Cannot reach NHSO" in err
    with Server(people=PEOPLE) as server:
        configure(server.url)
        code, out, _ = verify("--json")
    assert code == 0
    assert server.pids == [cid(4), cid(5), cid(6), cid(1)]  # the rest only
    assert [i["verdict"] for i in json.loads(out)] == [e[0] for e in EXPECTED]


def test_bad_date(store: TokenStore) -> None:
    done = run_cli("verify-day", "--date", "22/11/2569")
    assert done.returncode == 64 and "YYYY-MM-DD" in done.stderr


def test_an_empty_day_is_checked_at_once(store: TokenStore, app_home: Path) -> None:
    configure("http://127.0.0.1:9")  # never asked
    done = run_cli("verify-day", "--date", "2026-01-01", "--json")
    assert done.returncode == 0 and json.loads(done.stdout) == []


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("", True),
        ("https://proxy.clinic.local:8443", True),
        ("http://127.0.0.1:8080", True),
        ("http://localhost", True),
        ("http://[::1]:9000/", True),
        ("http://proxy.clinic.local:8080", False),  # the token would cross the LAN in clear
        ("https://proxy.clinic.local/authencodestatus", False),  # a path
        ("https://user:pw@proxy.clinic.local", False),
        ("ftp://proxy", False),
        ("https://host:notaport", False),
    ],
)
def test_status_url_setting(url: str, ok: bool, app_home: Path) -> None:
    done = run_cli("settings", "set", "status_url", url or "none")
    assert (done.returncode == 0) is ok, done.stderr
