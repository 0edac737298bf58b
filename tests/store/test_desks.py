"""Two desks as two processes on one real MariaDB server: one patient confirmed at both at
once ends with one code; a staff card's wrong PINs count across desks; no password on
disk; store status / sync."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.settings.model import Settings, save_settings
from app.store.server import PIN_COUNTS
from tests.support.agent import OUR_HCODE, AgentRig, agent_rig
from tests.support.cli import run_cli
from tests.support.mariadb import PASSWORD, MariaDBServer

ROOT = Path(__file__).parents[2]


@pytest.fixture
def rigs() -> Iterator[tuple[AgentRig, AgentRig]]:
    """Each desk its own agent (its own reader and NHSO session), one card each time."""
    with agent_rig() as a, agent_rig() as b:
        yield a, b


def settings_file_of(env: dict[str, str]) -> Path:
    probe = subprocess.run(
        [sys.executable, "-c", "from app.paths import app_paths; print(app_paths().settings_file)"],
        env=env, capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return Path(probe.stdout.strip())


def start_authen(env: dict[str, str], url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app.main", "authen", "--claim-type", "PG0060001",
         "--mobile", "0812345678", "--agent-url", url, "--json"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip


def prepare(tmp_path: Path, server: MariaDBServer, name: str) -> dict[str, str]:
    """A desk of its own (AUTHEN_DESK_HOME) set to use the shared store."""
    env = {**os.environ, "AUTHEN_DESK_HOME": str(tmp_path / name)}
    wanted = settings_file_of(env)
    wanted.parent.mkdir(parents=True, exist_ok=True)
    save_settings(Settings(hcode=OUR_HCODE, shared_store=server.url(), desk_name=name), wanted)
    return env


def test_two_desks_confirming_one_patient_at_once_end_with_one_code(
    server: MariaDBServer, password: str, rigs: tuple[AgentRig, AgentRig], tmp_path: Path
) -> None:
    env_a, env_b = prepare(tmp_path, server, "desk-a"), prepare(tmp_path, server, "desk-b")
    procs = [start_authen(env_a, rigs[0].url), start_authen(env_b, rigs[1].url)]
    outs = [p.communicate(timeout=90) for p in procs]
    for proc, (_out, err) in zip(procs, outs, strict=True):
        assert proc.returncode == 0, err
    answers = [json.loads(out) for out, _ in outs]
    assert answers[0]["claim_code"] == answers[1]["claim_code"]
    assert sorted(a["reused"] for a in answers) == [False, True]
    assert rigs[0].posts() + rigs[1].posts() == 1  # NHSO was asked for one code only
    # Each desk's history shows both visits, with their desks.
    history = subprocess.run(
        [sys.executable, "-m", "app.main", "history", "--json",
         "--date", answers[0]["created"][:10]],
        env=env_b, capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert history.returncode == 0, history.stderr
    seen = json.loads(history.stdout)
    assert sorted(v["desk"] for v in seen) == ["desk-a", "desk-b"]
    assert {v["claim_code"] for v in seen} == {answers[0]["claim_code"]}
    # The password is in the keyring only: not in either desk's files.
    for folder in (tmp_path / "desk-a", tmp_path / "desk-b"):
        for path in folder.rglob("*"):
            if path.is_file():
                assert PASSWORD.encode() not in path.read_bytes(), path
    assert PASSWORD not in "".join(out + err for out, err in outs)


def test_without_a_shared_store_each_desk_would_get_its_own_code(
    rigs: tuple[AgentRig, AgentRig], tmp_path: Path
) -> None:
    """What the shared store prevents (the test above fails without it)."""
    envs = []
    for name in ("a", "b"):
        env = {**os.environ, "AUTHEN_DESK_HOME": str(tmp_path / name)}
        wanted = settings_file_of(env)
        wanted.parent.mkdir(parents=True, exist_ok=True)
        save_settings(Settings(hcode=OUR_HCODE), wanted)
        envs.append(env)
    procs = [start_authen(envs[0], rigs[0].url), start_authen(envs[1], rigs[1].url)]
    answers = [json.loads(p.communicate(timeout=90)[0]) for p in procs]
    assert answers[0]["claim_code"] != answers[1]["claim_code"]


def test_wrong_pins_count_across_desks(
    server: MariaDBServer, password: str, tmp_path: Path
) -> None:
    """2 wrong at desk A, then desk B: its first wrong PIN is the card's third, and the
    fourth never reaches the card; then both desks race: still nothing more."""
    card, go = tmp_path / "card", tmp_path / "go"
    go.touch()

    def desk(name: str, tries: int) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.support.shared_pin_racer", server.url(), name,
             str(tmp_path / f"machine-{name}"), str(card), str(go), str(tries)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip

    a = desk("desk-a", 2)
    out_a, err_a = a.communicate(timeout=60)
    assert out_a.split() == ["wrong", "wrong"], err_a
    b = desk("desk-b", 2)
    out_b, err_b = b.communicate(timeout=60)
    assert out_b.split() == ["wrong", "refused"], err_b
    assert len(card.read_text().splitlines()) == 3
    racers = [desk(n, 1) for n in ("desk-a", "desk-b", "desk-a")]
    verdicts = [p.communicate(timeout=60)[0].split() for p in racers]
    assert verdicts == [["refused"]] * 3
    assert len(card.read_text().splitlines()) == 3
    conn = server.root()
    with conn.cursor() as cur:
        cur.execute(f"SELECT failures FROM clinic_shared.{PIN_COUNTS}")
        assert [r[0] for r in cur.fetchall()] == [3]
    conn.close()


def test_pins_race_across_desks_at_most_three_reach_the_card(
    server: MariaDBServer, password: str, tmp_path: Path
) -> None:
    card, go = tmp_path / "card", tmp_path / "go"

    def racer(n: int) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.support.shared_pin_racer", server.url(), f"desk-{n}",
             str(tmp_path / f"machine-{n}"), str(card), str(go), "1"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip

    racers = [racer(n) for n in range(5)]
    go.touch()
    verdicts = sorted(p.communicate(timeout=90)[0].strip() for p in racers)
    assert verdicts == ["refused", "refused", "wrong", "wrong", "wrong"]
    assert len(card.read_text().splitlines()) == 3


def test_offline_a_desk_sends_no_pin(server: MariaDBServer, password: str, tmp_path: Path) -> None:
    card, go = tmp_path / "card", tmp_path / "go"
    go.touch()

    def desk(name: str, tries: int) -> list[str]:
        proc = subprocess.run(
            [sys.executable, "-m", "tests.support.shared_pin_racer", server.url(), name,
             str(tmp_path / f"machine-{name}"), str(card), str(go), str(tries)],
            capture_output=True, text=True, cwd=ROOT, timeout=60,
        )  # fmt: skip
        return proc.stdout.split()

    assert desk("desk-a", 1) == ["wrong"]
    assert desk("desk-b", 1) == ["wrong"]  # desk B now knows: 2
    server.stop()
    assert desk("desk-b", 1) == ["unavailable"]  # other desks may have sent more: none
    assert desk("desk-a", 1) == ["unavailable"]
    assert len(card.read_text().splitlines()) == 2


def test_store_status_and_sync(server: MariaDBServer, password: str, tmp_path: Path) -> None:
    save_settings(Settings(hcode=OUR_HCODE, shared_store=server.url(), desk_name="desk-a"))
    status = run_cli("store", "status", "--json")
    assert status.returncode == 0, status.stderr
    shown = json.loads(status.stdout)
    assert shown["reachable"] and shown["schema_version"] == 3 and shown["waiting"] == 0
    assert shown["desk"] == "desk-a" and shown["tls"] is False
    sync = run_cli("store", "sync", "--json")
    assert sync.returncode == 0 and json.loads(sync.stdout) == {"pushed": 0, "waiting": 0}
    server.stop()
    down = run_cli("store", "status", "--json")
    assert down.returncode == 40 and json.loads(down.stdout)["reachable"] is False
    assert PASSWORD not in down.stdout + down.stderr


def test_store_commands_without_a_shared_store_say_how_to_set_one() -> None:
    result = run_cli("store", "status")
    assert result.returncode == 78 and "shared_store" in result.stderr


def test_doctor_reports_the_shared_store(
    server: MariaDBServer, password: str, secret_service: object
) -> None:
    from app.doctor.checks import check_shared_store
    from app.tokens.store import TokenStore

    assert check_shared_store(Settings(), TokenStore())[0].ok  # not used: fine
    settings = Settings(hcode=OUR_HCODE, shared_store=server.url(), desk_name="desk-a")
    [up] = check_shared_store(settings, TokenStore())
    assert up.ok and "schema 3" in up.detail and "desk-a" in up.detail
    server.stop()
    [down] = check_shared_store(settings, TokenStore())
    assert not down.ok and down.fix and PASSWORD not in down.detail


def test_history_shows_the_desk_column_with_several_desks(
    server: MariaDBServer, password: str, tmp_path: Path
) -> None:
    from app.authen.visit_log import OK
    from app.store.visits import SharedVisitLog
    from tests.store.conftest import store_for

    def at() -> str:
        return "2026-11-22T09:00:00+07:00"

    for desk in ("desk-a", "desk-b"):
        log = SharedVisitLog(tmp_path / f"{desk}.sqlite", store_for(server, desk), clock=at)
        visit = log.begin(pid="1101700123456", claim_type="PG0060001", patient_name="สมชาย")
        log.finish(visit, OK, claim_code=f"PP-{desk}")
        log.close()
    save_settings(Settings(hcode=OUR_HCODE, shared_store=server.url(), desk_name="desk-c"))
    shown = run_cli("history", "--date", "2026-11-22")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert len(lines) == 2 and "desk-a" in lines[0] and "PP-desk-a" in lines[0]
    assert "desk-b" in lines[1] and "PP-desk-b" in lines[1]


def test_authen_with_the_server_down_works_and_store_sync_pushes_later(
    server: MariaDBServer, password: str, tmp_path: Path
) -> None:
    import time

    from tests.store.test_shared_store import count

    env = prepare(tmp_path, server, "desk-a")
    server.stop()
    with agent_rig() as rig:
        started = time.monotonic()
        proc = start_authen(env, rig.url)
        out, err = proc.communicate(timeout=90)
        took = time.monotonic() - started
    assert proc.returncode == 0, err
    code = json.loads(out)["claim_code"]
    assert took < 12  # one connect timeout (4 s), not one per step
    status = subprocess.run(
        [sys.executable, "-m", "app.main", "store", "status", "--json"],
        env=env, capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert status.returncode == 40 and json.loads(status.stdout)["waiting"] == 1
    server.start()
    sync = subprocess.run(
        [sys.executable, "-m", "app.main", "store", "sync", "--json"],
        env=env, capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert sync.returncode == 0, sync.stderr
    assert json.loads(sync.stdout) == {"pushed": 1, "waiting": 0}
    assert count(server) == 1
    conn = server.root()
    with conn.cursor() as cur:
        cur.execute("SELECT claim_code, desk FROM clinic_shared.authen_desk_visits")
        assert cur.fetchall() == ((code, "desk-a"),)
    conn.close()
