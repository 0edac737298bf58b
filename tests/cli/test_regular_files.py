"""We read and write only regular files, and never hang on something else (issue 18
items 10 and 11): a FIFO, a folder, a device or a link where a file should be is refused
with a message naming it. Real child processes with a deadline: a hang fails the test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.atomic_file import (
    check_output_target,
    is_windows_device_name,
    private_output,
    read_regular,
    write_atomic,
)
from app.file_errors import NotRegularInput, NotRegularOutput
from tests.support.platform import assert_private

ROOT = Path(__file__).parents[2]
posix_only = pytest.mark.posix_only("FIFOs live in folders on POSIX only")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.main", *args],
        capture_output=True, text=True, timeout=40, cwd=ROOT, stdin=subprocess.DEVNULL,
    )  # fmt: skip


# The journal's name, and its old name (still read: an older install's kept codes).
@pytest.fixture(params=[".unsaved-visits", ".unsaved-codes"])
def journal_suffix(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def journal(app_home: Path, suffix: str) -> Path:
    return app_home / "data" / f"authen.sqlite{suffix}"


@posix_only
def test_a_fifo_as_the_journal_does_not_hang_history(app_home: Path, journal_suffix: str) -> None:
    assert run("history", "--json").returncode == 0  # the log exists
    os.mkfifo(journal(app_home, journal_suffix))
    answer = run("history")  # used to wait forever, holding the log's lock
    assert answer.returncode == 74
    assert str(journal(app_home, journal_suffix)) in answer.stderr and "FIFO" in answer.stderr
    assert len(answer.stderr.strip().splitlines()) == 1
    doctor = run("doctor")
    assert str(journal(app_home, journal_suffix)) in doctor.stdout + doctor.stderr


def test_a_folder_as_the_journal_is_named_not_disk_full(
    app_home: Path, journal_suffix: str
) -> None:
    journal(app_home, journal_suffix).mkdir(parents=True)
    answer = run("history")
    assert answer.returncode == 74
    assert str(journal(app_home, journal_suffix)) in answer.stderr and "folder" in answer.stderr
    assert "disk full" not in answer.stderr


@posix_only
def test_a_fifo_as_the_settings_file_does_not_hang(app_home: Path) -> None:
    settings = app_home / "config" / "settings.json"
    settings.parent.mkdir(parents=True)
    os.mkfifo(settings)
    answer = run("settings", "show")
    assert str(settings) in answer.stderr + answer.stdout
    assert "FIFO" in answer.stderr + answer.stdout


@posix_only
def test_doctor_capture_refuses_a_fifo_before_asking_the_agent(
    app_home: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "capture.json"
    os.mkfifo(fifo)
    answer = run("doctor", "--capture", str(fifo), "--agent-url", "http://127.0.0.1:9")
    assert answer.returncode != 0
    assert str(fifo) in answer.stderr and "FIFO" in answer.stderr
    assert fifo.is_fifo()


def test_read_card_refuses_a_folder_as_the_photo_before_reading(
    app_home: Path, tmp_path: Path
) -> None:
    answer = run("read-card", "--photo", str(tmp_path))  # no reader needed: refused first
    assert answer.returncode == 73
    assert str(tmp_path) in answer.stderr and "folder" in answer.stderr


# --- the helpers themselves ----------------------------------------------------------------


@posix_only
def test_the_output_helper_refuses_each_kind(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "elsewhere")
    for target, kind in [(fifo, "FIFO"), (folder, "folder"), (link, "symbolic link")]:
        with pytest.raises(NotRegularOutput) as caught, private_output(target) as handle:
            handle.write(b"x")
        assert caught.value.kind == kind
        with pytest.raises(NotRegularOutput):
            write_atomic(target, b"x")
    with pytest.raises(NotRegularOutput) as device:
        check_output_target(Path("/dev/null"))
    assert device.value.kind == "device"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo", "folder", "link"]  # no .part


def test_the_output_helper_replaces_a_regular_file(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    with private_output(target) as handle:
        handle.write(b"new")
    assert target.read_bytes() == b"new"
    assert_private(target)


@posix_only
def test_read_regular_refuses_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularInput, match="FIFO"):
        read_regular(fifo)
    with pytest.raises(NotRegularInput, match="folder"):
        read_regular(tmp_path)
    (tmp_path / "file").write_bytes(b"abc")
    assert read_regular(tmp_path / "file") == b"abc"
    with pytest.raises(OSError, match="larger than 2 bytes"):
        read_regular(tmp_path / "file", limit=2)


@pytest.mark.parametrize(
    ("name", "device"),
    [("NUL", True), ("nul.xlsx", True), ("COM1.xlsx", True), ("con", True), ("LPT9.txt", True),
     ("visits.xlsx", False), ("NULL.xlsx", False), ("COM10.xlsx", False)],
)  # fmt: skip
def test_windows_device_names(name: str, device: bool) -> None:
    """The Windows form of the device check (Windows opens these names as devices in any
    folder); checked on every platform, used on Windows."""
    assert is_windows_device_name(Path("C:/reports") / name) is device


@posix_only
def test_settings_repair_over_a_fifo_does_not_hang(app_home: Path) -> None:
    settings = app_home / "config" / "settings.json"
    settings.parent.mkdir(parents=True)
    os.mkfifo(settings)
    answer = run("settings", "set", "hcode", "12345", "--repair")  # used to wait forever
    assert answer.returncode != 0
    assert str(settings) in answer.stderr and "FIFO" in answer.stderr
    assert settings.is_fifo()


@posix_only
def test_reconcile_refuses_a_fifo_or_a_folder_by_name(app_home: Path, tmp_path: Path) -> None:
    assert run("settings", "set", "hcode", "12345").returncode == 0
    fifo = tmp_path / "nhso.xlsx"
    os.mkfifo(fifo)
    for path, kind in [(fifo, "FIFO"), (tmp_path, "folder")]:
        answer = run("reconcile", str(path))  # a FIFO used to hang the zip reader
        assert answer.returncode == 65
        assert str(path) in answer.stderr and kind in answer.stderr


@pytest.mark.parametrize(
    ("tag", "kind"),
    [(0xA000000C, "symbolic link"), (0xA0000003, "symbolic link"), (0x9000001A, None), (0, None)],
)
def test_windows_links_are_refused_but_not_onedrive_files(tag: int, kind: str | None) -> None:
    """Windows' lstat: a symlink or junction is a link; a OneDrive cloud-only file (a reparse
    point too) is a regular file an export may replace."""
    import stat
    from types import SimpleNamespace
    from typing import cast

    from app.atomic_file import _kind

    info = cast(os.stat_result, SimpleNamespace(st_mode=stat.S_IFREG | 0o600, st_reparse_tag=tag))
    assert _kind(info) == kind
