"""`doctor` pinpoints each broken part: pcscd stopped, agent stopped, a token cleared."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring.backend
import pytest

from app.settings.model import Settings, save_settings
from app.tokens.kinds import TokenKind
from app.tokens.store import TokenStore
from tests.support.agent import OUR_HCODE, AgentRig, agent_rig
from tests.support.pcscd import DEFAULT_READERS, PcscdHarness

pytestmark = pytest.mark.pcsc  # the real pcscd (the Windows workflow deselects these)

ROOT = Path(__file__).parents[2]
TOKENS = {
    TokenKind.AUTHEN: "5e1c2b8a-1111-4222-8333-944455556666",
    TokenKind.CLOSE_CLAIM: "0a9b8c7d-aaaa-4bbb-8ccc-deadbeef0001",
    TokenKind.CLAIM_13: "11111111-2222-4333-8444-555555555555",
}


@pytest.fixture
def desk(
    pcscd: PcscdHarness, real_secret_service: None,
    secret_service: keyring.backend.KeyringBackend, app_home: Path,
) -> Iterator[AgentRig]:  # fmt: skip
    store = TokenStore(secret_service)
    for kind, token in TOKENS.items():
        store.set(kind, token)
    with agent_rig() as rig:
        save_settings(
            Settings(hcode=OUR_HCODE, agent_url=rig.url), app_home / "config" / "settings.json"
        )
        yield rig
    for kind in TokenKind:
        store.clear(kind)


def doctor() -> tuple[int, dict[str, dict[str, object]]]:
    result = subprocess.run(
        [sys.executable, "-m", "app.main", "doctor", "--json"],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    return result.returncode, {c["name"]: c for c in json.loads(result.stdout)}


def problems(checks: dict[str, dict[str, object]]) -> set[str]:
    return {name for name, check in checks.items() if not check["ok"]}


def test_all_well_then_each_broken_part_is_its_own_line(
    desk: AgentRig, pcscd: PcscdHarness, secret_service: keyring.backend.KeyringBackend
) -> None:
    code, checks = doctor()
    assert problems(checks) == set() and code == 0, checks
    assert checks["token authen"]["detail"] == "5e1c…6666"
    assert DEFAULT_READERS[0].reader_names[0] in str(checks["card readers"]["detail"])

    TokenStore(secret_service).clear(TokenKind.CLOSE_CLAIM)
    code, checks = doctor()
    assert code == 1 and problems(checks) == {"token close-claim"}
    assert "authen-desk token set close-claim" in str(checks["token close-claim"]["fix"])

    desk.agent.stop()
    code, checks = doctor()
    assert problems(checks) == {"token close-claim", "NHSO agent"}

    if not pcscd.owned:
        pytest.skip("a pcscd the suite did not start cannot be stopped")
    pcscd.stop()
    try:
        code, checks = doctor()
        assert problems(checks) == {"token close-claim", "NHSO agent", "PC/SC service"}
        assert checks["PC/SC service"]["fix"]
    finally:
        pcscd.start(DEFAULT_READERS)


def test_no_hcode_and_human_output(desk: AgentRig, app_home: Path) -> None:
    save_settings(Settings(agent_url=desk.url), app_home / "config" / "settings.json")
    result = subprocess.run(
        [sys.executable, "-m", "app.main", "doctor"],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 1
    assert "PROBLEM  hospital code: not set" in result.stdout
    assert "5e1c2b8a-1111" not in result.stdout
