"""The PIN count keeps its promise ("the program never locks a card") when it is shared by
OS users and processes, damaged, deleted, or on a full disk (issue 11, items 1-4)."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app import paths
from app.errors import message_for
from app.staff.errors import PinResultNotSaved, PinStateDamaged, PinStateUnavailable
from app.staff.pin_policy import PinLockoutPolicy, Verdict
from app.staff.pin_store import PinFailureStore, PinRecord, machine_store
from tests.support.platform import assert_private, os_user_name
from tests.unit.test_pin_policy import CID, Card

ROOT = Path(__file__).parents[2]


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "machine"
    monkeypatch.setenv("AUTHEN_DESK_MACHINE_DIR", str(folder))
    return folder


def wrong(store: PinFailureStore, card: Card) -> Verdict:
    return PinLockoutPolicy(store).attempt(CID, bytearray(b"1111"), card).verdict


# --- 1. one count per machine ---------------------------------------------------------------
def test_three_os_users_share_one_count(
    machine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = Card()
    for user, tries in (("somchai", 2), ("malee", 1)):
        monkeypatch.setenv("AUTHEN_DESK_HOME", str(tmp_path / user))
        for _ in range(tries):
            assert wrong(machine_store(), card) is Verdict.WRONG
    monkeypatch.setenv("AUTHEN_DESK_HOME", str(tmp_path / "suda"))
    assert wrong(machine_store(), card) is Verdict.REFUSED
    assert len(card.verifies) == 3


def test_machine_dir_lookup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUTHEN_DESK_HOME", str(tmp_path / "home"))
    assert paths.machine_dir() == paths.MachineDir(tmp_path / "home" / "machine", True)
    monkeypatch.setenv("AUTHEN_DESK_MACHINE_DIR", str(tmp_path / "m"))
    assert paths.machine_dir().path == tmp_path / "m"
    monkeypatch.delenv("AUTHEN_DESK_MACHINE_DIR")
    monkeypatch.delenv("AUTHEN_DESK_HOME")
    shared = tmp_path / "var-lib"
    monkeypatch.setattr(paths, "LINUX_MACHINE_DIR", shared)
    fallback = paths.machine_dir()
    assert not fallback.shared and str(shared) in fallback.why_not_shared
    shared.mkdir()
    assert paths.machine_dir() == paths.MachineDir(shared, True)


def test_counts_of_an_older_per_user_version_are_kept(machine: Path, app_home: Path) -> None:
    import hmac

    old = app_home / "state"
    old.mkdir(parents=True)
    salt = os.urandom(32)
    (old / "pin-salt").write_bytes(salt)
    key = hmac.new(salt, CID.encode(), hashlib.sha256).hexdigest()
    entry = {"failures": 2, "card_tries_left": 3, "blocked": False}
    (old / "pin-failures.json").write_text(json.dumps({key: entry}))
    assert machine_store().get(CID).failures == 2
    card = Card(tries=3)
    assert wrong(machine_store(), card) is Verdict.WRONG
    assert wrong(machine_store(), card) is Verdict.REFUSED
    assert (old / "pin-failures.json.migrated").exists()
    assert machine_store().get(CID).failures == 3


# --- 2. one critical section across processes -----------------------------------------------
def test_two_processes_racing_never_send_a_fourth_wrong_pin(tmp_path: Path) -> None:
    folder, card, go = tmp_path / "machine", tmp_path / "card", tmp_path / "go"
    store = PinFailureStore(folder)
    with store.locked():
        store.put(CID, PinRecord(2, 3, False))
    card.write_text("")
    racers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.support.pin_racer", str(folder), str(card), str(go)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    time.sleep(1.5)  # every racer is waiting for the signal
    go.write_text("go")
    verdicts = sorted(p.communicate(timeout=60)[0].strip() for p in racers)
    assert verdicts == ["refused", "refused", "wrong"]
    assert len(card.read_text().splitlines()) == 1  # the card saw exactly one VERIFY


# --- 3. damage is never a reset --------------------------------------------------------------
def two_failures(folder: Path) -> Card:
    card = Card()
    wrong(PinFailureStore(folder), card)
    wrong(PinFailureStore(folder), card)
    return card


def rewrite(folder: Path, change: dict[str, object], fix_checksum: bool) -> None:
    path = folder / "pin-state.json"
    data = json.loads(path.read_text())
    [key] = data["cards"]
    data["cards"][key].update(change)
    if fix_checksum:  # a careful hand-edit: only the range checks can catch it
        body = {k: v for k, v in data.items() if k != "checksum"}
        text = json.dumps(body, sort_keys=True, separators=(",", ":"))
        data["checksum"] = hashlib.sha256(text.encode()).hexdigest()
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(
    "damage",
    ["salt deleted", "counts deleted", "truncated", "edited", "negative", "huge", "wrong type",
     "salt replaced", "deep"],
)  # fmt: skip
def test_damaged_state_refuses_and_never_counts_zero(tmp_path: Path, damage: str) -> None:
    folder = tmp_path / "machine"
    card = two_failures(folder)
    counts, salt = folder / "pin-state.json", folder / "pin-state.salt"
    match damage:
        case "salt deleted":
            salt.unlink()
        case "counts deleted":
            counts.unlink()
        case "truncated":
            counts.write_bytes(counts.read_bytes()[:40])
        case "edited":
            rewrite(folder, {"failures": 0}, fix_checksum=False)
        case "negative":
            rewrite(folder, {"failures": -3}, fix_checksum=True)
        case "huge":
            rewrite(folder, {"failures": 10**9}, fix_checksum=True)
        case "wrong type":
            rewrite(folder, {"failures": "2"}, fix_checksum=True)
        case "salt replaced":
            salt.write_bytes(os.urandom(32))
        case "deep":
            counts.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(PinStateDamaged):
        PinFailureStore(folder, lock_timeout=1).get(CID)
    with pytest.raises(PinStateUnavailable):
        wrong(PinFailureStore(folder, lock_timeout=1), card)
    assert len(card.verifies) == 2


@pytest.mark.parametrize("planted", ["folder", "FIFO"])
def test_a_count_file_that_is_not_a_file_is_damage_not_a_hang(tmp_path: Path, planted: str) -> None:
    """The machine-wide folder is shared by the PC's users: a FIFO planted where the counts
    live would block a plain read (the window, at its next staff card) for ever."""
    if planted == "FIFO" and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on Windows")
    folder = tmp_path / "machine"
    card = two_failures(folder)
    for name in ("pin-state.json", "pin-state.salt"):
        target = folder / name
        saved = target.read_bytes()
        target.unlink()
        if planted == "FIFO":
            os.mkfifo(target)
        else:
            target.mkdir()
        reader = threading.Thread(target=lambda: _expect_damaged(folder), daemon=True)
        reader.start()
        reader.join(5)
        assert not reader.is_alive(), f"reading {name} as a {planted} hung"
        assert _outcomes.pop() == "damaged", name
        with pytest.raises(PinStateUnavailable):
            wrong(PinFailureStore(folder, lock_timeout=1), card)
        assert len(card.verifies) == 2  # nothing reached the card
        if planted == "FIFO":
            target.unlink()
        else:
            target.rmdir()
        target.write_bytes(saved)
    assert PinFailureStore(folder).get(CID).failures == 2


_outcomes: list[str] = []


def _expect_damaged(folder: Path) -> None:
    try:
        PinFailureStore(folder, lock_timeout=1).get(CID)
        _outcomes.append("read")
    except PinStateDamaged:
        _outcomes.append("damaged")
    except Exception as exc:
        _outcomes.append(repr(exc))


def test_doctor_reports_damage_and_reset_is_explicit_and_audited(
    machine: Path, app_home: Path
) -> None:
    from app.doctor.checks import check_pin_state

    card = two_failures(machine)
    assert all(c.ok for c in check_pin_state())
    (machine / "pin-state.salt").unlink()
    [problem] = [c for c in check_pin_state() if not c.ok]
    assert "pin-state reset" in problem.fix

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app.main", "pin-state", *args],
            capture_output=True, text=True, timeout=60, cwd=ROOT,
        )  # fmt: skip

    refused = cli("reset")
    assert refused.returncode == 64 and "--i-have-checked-the-cards" in refused.stderr
    assert cli("reset", "--i-have-checked-the-cards").returncode == 0
    assert list(machine.glob("pin-state.json.damaged-*"))  # kept for inspection
    [entry] = [json.loads(line) for line in (app_home / "logs" / "audit.log").open()]
    assert entry["action"] == "pin-state-reset" and entry["os_user"]
    assert cli("show").returncode == 0
    # After a reset an unknown card gets one try; the card's answer then is the count.
    store = PinFailureStore(machine)
    state = PinLockoutPolicy(store).state(CID)
    assert state.consecutive_failures == 2 and state.attempts_before_reissue == 1
    fresh = Card()
    assert wrong(store, fresh) is Verdict.WRONG
    assert PinLockoutPolicy(store).state(CID).consecutive_failures == 1  # the card said 4 left
    assert len(card.verifies) == 2


# --- 4. a full disk or a read-only folder ----------------------------------------------------
def test_full_disk_before_the_verify_sends_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("app.staff.pin_store.write_atomic", full)
    card = Card()
    with pytest.raises(PinStateUnavailable) as raised:
        wrong(PinFailureStore(tmp_path / "machine"), card)
    assert card.verifies == []
    assert "not sent" in message_for(raised.value).en


def test_answer_not_saved_tells_what_the_card_received(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.atomic_file

    folder = tmp_path / "machine"
    two_failures(folder)
    real = app.atomic_file.write_atomic
    calls: list[Path] = []

    def fails_after_the_verify(path: Path, *args: object, **kwargs: object) -> None:
        calls.append(path)
        if len(calls) > 1:  # the pending record is written; the card's answer is not
            raise OSError(errno.EROFS, "Read-only file system")
        real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("app.staff.pin_store.write_atomic", fails_after_the_verify)
    card = Card(tries=3)
    with pytest.raises(PinResultNotSaved) as raised:
        PinLockoutPolicy(PinFailureStore(folder)).attempt(CID, bytearray(b"2580"), card)
    assert len(card.verifies) == 1 and raised.value.answer == "ok"
    text = message_for(raised.value)
    assert "received the PIN" in text.en and "ok" in text.en and "not sent" not in text.en
    assert PinFailureStore(folder).get(CID).failures == 3  # counted: the safe side


def test_audit_names_the_os_user_even_without_user_variables(app_home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("USER", "LOGNAME", "USERNAME")}
    result = subprocess.run(
        [sys.executable, "-m", "app.main", "pin-state", "reset", "--i-have-checked-the-cards"],
        capture_output=True, text=True, timeout=60, cwd=ROOT, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    [entry] = [json.loads(line) for line in (app_home / "logs" / "audit.log").open()]
    assert entry["os_user"] == os_user_name()  # from the OS account, not the variables
    assert entry["staff"] is None  # nobody signs in on the command line


def test_audit_names_the_signed_in_staff_member(app_home: Path) -> None:
    from app.staff import audit

    audit.record("set", "authen", CID, "นางสาวสุดา ใจงาม")
    [entry] = [json.loads(line) for line in (app_home / "logs" / "audit.log").open()]
    assert (entry["staff"], entry["staff_name"]) == ("1-xxxx-xxxx1-22-0", "นางสาวสุดา ใจงาม")
    assert entry["os_user"]


def test_the_per_user_fallback_stays_private(app_home: Path) -> None:
    own = app_home / "state"  # what machine_dir() falls back to without a machine folder
    wrong(PinFailureStore(own), Card())
    assert_private(own)
    for name in ("pin-state.json", "pin-state.salt", "pin-state.lock"):
        assert_private(own / name)
