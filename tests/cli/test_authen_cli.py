"""`authen-desk authen` and `history` in-process, against the simulated agent."""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import clock
from tests.support.agent import OUR_HCODE, AgentRig, agent_rig
from tests.support.cli import run_cli

ROOT = Path(__file__).parents[2]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args)


def authen(rig_url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return cli(
        "authen", "--claim-type", "PG0060001", "--mobile", "0812345678",
        "--hcode", OUR_HCODE, "--agent-url", rig_url, "--json", *extra,
    )  # fmt: skip


_started_on: list[dt.date] = []


@pytest.fixture(autouse=True)
def _day_the_test_starts() -> Iterator[None]:
    """A test that runs across Bangkok's midnight (CI runs at any hour) still reads the
    visits it made: `history` alone means today, the day a visit is logged on."""
    _started_on[:] = [clock.today()]
    yield


def history() -> list[dict[str, object]]:
    """The visits logged from the day the test started to today, oldest first."""
    days = sorted({*_started_on, clock.today()})
    visits: list[dict[str, object]] = []
    for day in days:
        result = cli("history", "--json", "--date", day.isoformat())
        assert result.returncode == 0, result.stderr
        visits += json.loads(result.stdout)
    return visits


def test_new_then_reused(rig: AgentRig) -> None:
    first = authen(rig.url, "--hn", "HN7")
    assert first.returncode == 0, first.stderr
    printed = json.loads(first.stdout)
    assert set(printed) == {"claim_code", "claim_type", "pid", "created", "reused"}
    assert printed["reused"] is False and printed["pid"] == "1101700123456"
    second = json.loads(authen(rig.url).stdout)
    assert second["reused"] is True and second["claim_code"] == printed["claim_code"]
    rows = history()
    assert [(r["status"], r["claim_code"]) for r in rows] == [
        ("ok", printed["claim_code"]), ("reused", printed["claim_code"]),
    ]  # fmt: skip
    assert rows[0]["hn"] == "HN7"


def test_other_hospital_exits_21_naming_it(rig: AgentRig) -> None:
    rig.agent.seed_code("1101700123456", "PG0060001", "10669")
    result = authen(rig.url)
    assert (result.returncode, result.stdout) == (21, "")
    assert "10669" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_invalid_mobile_exits_22(rig: AgentRig) -> None:
    result = cli("authen", "--claim-type", "PG0060001", "--mobile", "12345",
                 "--hcode", OUR_HCODE, "--agent-url", rig.url)  # fmt: skip
    assert result.returncode == 22 and rig.posts() == 0
    assert "10 หลัก" in result.stderr


def test_rejected_exits_23_and_is_logged(rig: AgentRig) -> None:
    rig.agent.fault = "reject"
    result = authen(rig.url)
    assert result.returncode == 23 and "Invalid token." in result.stderr
    [row] = history()
    assert (row["status"], row["error_kind"]) == ("failed", "AgentRejected")


def test_garbage_exits_24(rig: AgentRig) -> None:
    rig.agent.fault = "garbage"
    assert authen(rig.url).returncode == 24


def test_agent_down_exits_20() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = authen(f"http://127.0.0.1:{port}")
    assert (result.returncode, result.stdout) == (20, "")
    assert "Traceback" not in result.stderr


def test_no_card_exits_3() -> None:
    with agent_rig(None) as rig:
        assert authen(rig.url).returncode == 3


def test_history_of_an_empty_day_and_a_bad_date() -> None:
    assert json.loads(cli("history", "--json", "--date", "2020-01-01").stdout) == []
    assert cli("history", "--date", "01/01/2020").returncode == 64  # an argument error


def test_an_ep_code_after_todays_pp_code_prints_the_pp_code(rig: AgentRig) -> None:
    now = rig.agent.now()
    pp = rig.agent.seed_code("1101700123456", "PG0060001", OUR_HCODE, now.replace(hour=0))
    rig.agent.seed_code("1101700123456", "PG0060001", OUR_HCODE, now, prefix="EP")
    result = authen(rig.url)
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert (printed["claim_code"], printed["reused"]) == (pp, True)


def test_a_500_from_confirm_save_exits_25_not_no_card(rig: AgentRig) -> None:
    rig.agent.fault = "confirm500"
    result = authen(rig.url)
    assert result.returncode == 25 and result.stdout == ""
    assert "NHSO service unavailable" in result.stderr  # the agent's own words
    [row] = history()
    assert (row["status"], row["error_kind"]) == ("failed", "AgentServiceFailed")


def test_a_failed_rights_check_is_in_the_history() -> None:
    with agent_rig(None) as rig:  # a reader, no card: /read answers 500 three times
        result = authen(rig.url)
        assert result.returncode == 3
        assert rig.agent.requests.count("GET /api/smartcard/read") == 3
    [row] = history()
    assert (row["status"], row["error_kind"], row["pid"]) == ("failed", "AgentNoCard", "")


@pytest.mark.parametrize("hcode", ["abc", "๑๒๓๔๕", "123456"])
def test_a_bad_hcode_is_refused_before_anything_is_sent(rig: AgentRig, hcode: str) -> None:
    result = cli("authen", "--claim-type", "PG0060001", "--mobile", "0812345678",
                 "--hcode", hcode, "--agent-url", rig.url)  # fmt: skip
    assert result.returncode == 22 and "5" in result.stderr
    assert rig.agent.requests == []
    [row] = history()
    assert (row["status"], row["error_kind"]) == ("failed", "InvalidInput")


@pytest.mark.parametrize(
    "url", ["localhost:8189", "http//x", "http://x:99999", "ftp://x", "http://"]
)
def test_a_malformed_agent_url_is_a_clear_message(url: str) -> None:
    result = cli("authen", "--claim-type", "PG0060001", "--mobile", "0812345678",
                 "--hcode", OUR_HCODE, "--agent-url", url)  # fmt: skip
    assert result.returncode == 22 and "http://localhost:8189" in result.stderr


def test_an_hn_that_is_not_valid_text_is_a_clear_message(rig: AgentRig) -> None:
    for hn in (b"HN\xff\xfe", b"HN\x07"):
        result = subprocess.run(
            [sys.executable.encode(), b"-m", b"app.main", b"authen", b"--claim-type",
             b"PG0060001", b"--mobile", b"0812345678", b"--hcode", OUR_HCODE.encode(),
             b"--agent-url", rig.url.encode(), b"--hn", hn],
            capture_output=True, timeout=60, cwd=ROOT,
        )  # fmt: skip
        assert result.returncode == 22, result.stderr
        assert "HN" in result.stderr.decode()
    assert rig.agent.requests == []


def test_mobile_from_stdin_stays_out_of_the_process_list(rig: AgentRig) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app.main", "authen", "--claim-type", "PG0060001",
         "--mobile", "-", "--hcode", OUR_HCODE, "--agent-url", rig.url, "--json"],
        input="081-234-5678\n", capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["claim_code"].startswith("PP")
    assert history()[-1]["mobile"] == "0812345678"


def test_a_missing_hcode_is_the_same_message_and_exit_as_verify_day(rig: AgentRig) -> None:
    """One wording and one exit code (78, a setting is missing) for a missing hospital
    code, whichever command finds it; nothing is sent."""
    from app.words.settings import HCODE_NOT_SET

    result = cli("authen", "--claim-type", "PG0060001", "--mobile", "0812345678",
                 "--agent-url", rig.url)  # fmt: skip
    assert result.returncode == 78
    assert HCODE_NOT_SET.one_line() in result.stderr
    assert rig.agent.requests == []


# --- issue 18: the right code for the right patient, on any clock -------------------------
@pytest.fixture
def small_hours() -> Iterator[None]:
    """02:30 on 4 Dec in Bangkok on a UTC machine (19:30 on the 3rd)."""
    import datetime as dt

    from app import clock

    with clock.frozen(dt.datetime(2026, 12, 3, 19, 30, tzinfo=dt.UTC)):
        yield


def test_an_answer_for_another_card_exits_26_and_is_kept_flagged(
    rig: AgentRig, small_hours: None
) -> None:
    from app.demo.simulated_agent import OTHER_CARD_PID
    from cardreader.cid import mask_cid

    rig.agent.fault = "other_pid"
    result = authen(rig.url)
    issued = rig.agent.codes[-1].claim_code
    assert result.returncode == 26, result.stderr
    assert result.stdout == "" and issued not in result.stderr
    assert "NOT given to this patient" in result.stderr and OTHER_CARD_PID not in result.stderr
    [row] = history()  # today is Bangkok's 4 Dec, not the machine's 3 Dec
    assert (row["status"], row["claim_code"], row["answer_pid"]) == (
        "flagged", issued, mask_cid(OTHER_CARD_PID),
    )  # fmt: skip
    text = cli("history")
    flag = f"{issued} -> {mask_cid(OTHER_CARD_PID)} (ไม่ใช่ของผู้รับบริการ / NOT this patient's)"
    assert flag in text.stdout
    assert OTHER_CARD_PID not in text.stdout


def test_a_pc_clock_far_off_says_so_once_on_stderr(rig: AgentRig, small_hours: None) -> None:
    import datetime as dt

    rig.agent.now = lambda: (
        dt.datetime(2026, 12, 3, 19, 30, tzinfo=dt.UTC) + dt.timedelta(minutes=42)
    )
    result = authen(rig.url)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "clock" in line]
    assert len(lines) == 1 and "+42 min" in lines[0], result.stderr
