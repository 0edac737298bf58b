"""A pcscd of the suite's own, with the vsmartcard vpcd driver on known ports.

pcscd 1.9 always listens on /run/pcscd/pcscd.comm, so only one can run per machine; `-c`
gives it our own reader configuration, which is what lets a test add a reader (restart
with one more vpcd entry) and take the service away.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from cardreader.errors import CardError
from cardreader.pcsc import PcscBackend

PCSCD = shutil.which("pcscd") or "/usr/sbin/pcscd"
VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
RUN_DIR = Path("/run/pcscd")


@dataclass(frozen=True)
class VirtualReaderConf:
    name: str
    port: int  # slot 0; vpcd serves slot 1 on port + 1

    @property
    def reader_names(self) -> tuple[str, str]:
        return (f"{self.name} 00 00", f"{self.name} 00 01")


DEFAULT_READERS = (VirtualReaderConf("Virtual PCD", 35963),)


def missing_requirements() -> str | None:
    if not Path(PCSCD).exists():
        return "pcscd is not installed (Debian package pcscd)"
    if not VPCD_DRIVER.exists():
        return "the vpcd driver is not installed (Debian package vsmartcard-vpcd)"
    if os.geteuid() != 0 and not os.access(RUN_DIR.parent, os.W_OK):
        return "starting pcscd needs root (it listens on /run/pcscd)"
    return None


def _running_pid() -> int | None:
    pid_file = RUN_DIR / "pcscd.pid"
    try:
        pid = int(pid_file.read_text().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def _all_pcscd_pids() -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "pcscd":
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def _list_readers() -> list[str]:
    backend = PcscBackend()
    try:
        backend.open()
        return backend.readers()
    except CardError:
        return []
    finally:
        backend.close()


class PcscdHarness:
    def __init__(self, work_dir: Path) -> None:
        self.work_dir = work_dir
        self.process: subprocess.Popen[bytes] | None = None
        self.readers: tuple[VirtualReaderConf, ...] = DEFAULT_READERS
        self.owned = False

    @property
    def log_path(self) -> Path:
        return self.work_dir / "pcscd.log"

    def _write_conf(self, readers: tuple[VirtualReaderConf, ...]) -> Path:
        conf = self.work_dir / "reader.conf.d"
        shutil.rmtree(conf, ignore_errors=True)
        conf.mkdir(parents=True)
        for index, reader in enumerate(readers):
            (conf / f"vpcd{index}").write_text(
                f'FRIENDLYNAME "{reader.name}"\n'
                f"DEVICENAME   /dev/null:0x{reader.port:04X}\n"
                f"LIBPATH      {VPCD_DRIVER}\n"
                f"CHANNELID    0x{reader.port:04X}\n"
            )
        return conf

    def start(self, readers: tuple[VirtualReaderConf, ...] = DEFAULT_READERS) -> None:
        """Start our pcscd; a foreign one is reused when it has our readers (a developer's
        machine), and replaced otherwise."""
        wanted = [name for r in readers for name in r.reader_names]
        foreign = _running_pid()
        if foreign is not None and not self.owned and all(n in _list_readers() for n in wanted):
            self.readers = readers
            return
        for stray in _all_pcscd_pids():  # incl. one whose pid file is gone: it holds the ports
            try:
                os.kill(stray, signal.SIGTERM)
            except ProcessLookupError:  # it ended between the scan and the kill
                continue
            self._wait_gone(stray)
        for stale in ("pcscd.comm", "pcscd.pid"):
            (RUN_DIR / stale).unlink(missing_ok=True)
        conf = self._write_conf(readers)
        log = self.log_path.open("ab")
        # Foreground and no --auto-exit: the vpcd listener must outlive idle periods.
        self.process = subprocess.Popen(
            [PCSCD, "--foreground", "--config", str(conf)], stdout=log, stderr=log
        )
        self.owned = True
        self.readers = readers
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if all(name in _list_readers() for name in wanted):
                return
            time.sleep(0.1)
        self.stop()  # never leave a half-started pcscd holding the vpcd ports
        raise RuntimeError(f"pcscd did not show {wanted}: {self.log_path.read_text()[-2000:]}")

    @staticmethod
    def _wait_gone(pid: int) -> None:
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except OSError:
                return
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def restart(self, readers: tuple[VirtualReaderConf, ...]) -> None:
        if not self.owned:
            raise RuntimeError("cannot restart a pcscd the suite did not start")
        self.stop()
        self.start(readers)


def wait_for_card(reader: str, present: bool, timeout: float = 10.0) -> None:
    backend = PcscBackend()
    backend.open()
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if (backend.poll(0.2).get(reader) is not None) == present:
                return
        raise AssertionError(
            f"pcscd never showed the card {'in' if present else 'out of'} {reader}"
        )
    finally:
        backend.close()
