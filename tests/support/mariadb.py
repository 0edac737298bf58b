"""A real MariaDB server for the shared store's tests: a temporary data directory, a
loopback port, started and stopped (or killed) by the test suite.

Debian's `mariadb-server` provides mariadbd and mariadb-install-db (./run-tests installs
it). As root (CI) the server runs with --user=root, which mariadbd refuses otherwise.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pymysql

DATABASE = "clinic_shared"
USER = "desk"
PASSWORD = "s3cret-Desk-pass"
_SERVER_NAMES = ("mariadbd", "mysqld")


def _binary(name: str) -> str | None:
    for folder in ("/usr/sbin", "/usr/bin", "/usr/local/bin"):
        path = Path(folder) / name
        if path.exists():
            return str(path)
    return shutil.which(name)


def missing_requirements() -> str | None:
    if not any(_binary(n) for n in _SERVER_NAMES):
        return "mariadbd not installed (Debian package mariadb-server)"
    if not (_binary("mariadb-install-db") or _binary("mysql_install_db")):
        return "mariadb-install-db not installed (Debian package mariadb-server)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class MariaDBServer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.datadir = folder / "data"
        self.socket = folder / "mysqld.sock"
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self._as_root = os.geteuid() == 0

    # --- life cycle ------------------------------------------------------------------
    def install(self) -> None:
        self.datadir.mkdir(parents=True)
        tool = _binary("mariadb-install-db") or _binary("mysql_install_db")
        assert tool is not None
        command = [
            tool, "--no-defaults", f"--datadir={self.datadir}", "--skip-test-db",
            "--auth-root-authentication-method=normal",
        ]  # fmt: skip
        if self._as_root:
            command.append("--user=root")
        subprocess.run(command, check=True, capture_output=True, timeout=180)

    def start(self, *extra: str) -> None:
        """`extra`: more server options (the TLS test's --ssl-cert and friends)."""
        server = next(b for n in _SERVER_NAMES if (b := _binary(n)))
        command = [
            server, "--no-defaults", f"--datadir={self.datadir}", f"--socket={self.socket}",
            f"--port={self.port}", "--bind-address=127.0.0.1", "--skip-name-resolve",
            f"--pid-file={self.folder / 'mysqld.pid'}", f"--log-error={self.folder / 'error.log'}",
            "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=16M",
            "--innodb-flush-log-at-trx-commit=1", "--skip-log-bin",
        ]  # fmt: skip
        if self._as_root:
            command.append("--user=root")
        command += extra
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"mariadbd exited: {self.error_log()[-2000:]}")
            try:
                self.root().close()
                return
            except pymysql.err.OperationalError:
                time.sleep(0.1)
        raise RuntimeError(f"mariadbd did not start: {self.error_log()[-2000:]}")

    def error_log(self) -> str:
        with contextlib.suppress(OSError):
            return (self.folder / "error.log").read_text(errors="replace")
        return ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None

    def kill(self) -> None:
        """As a power cut would: no shutdown."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
        self.process = None

    # --- administration ----------------------------------------------------------------
    def root(self) -> pymysql.connections.Connection:
        return pymysql.connect(
            unix_socket=str(self.socket), user="root", password="", connect_timeout=2,
            autocommit=True, charset="utf8mb4",
        )  # fmt: skip

    def create_clinic_database(self, database: str = DATABASE) -> None:
        """What README tells clinic IT to run: a database and a least-privilege user."""
        conn = self.root()
        try:
            with conn.cursor() as cur:
                cur.execute(f"DROP DATABASE IF EXISTS {database}")
                cur.execute(f"CREATE DATABASE {database} CHARACTER SET utf8mb4")
                cur.execute(
                    f"CREATE USER IF NOT EXISTS '{USER}'@'127.0.0.1' IDENTIFIED BY '{PASSWORD}'"
                )
                cur.execute(
                    "GRANT SELECT, INSERT, UPDATE, CREATE, ALTER, INDEX ON "
                    f"{database}.* TO '{USER}'@'127.0.0.1'"
                )
        finally:
            conn.close()

    def url(self, database: str = DATABASE) -> str:
        return f"mysql://{USER}@127.0.0.1:{self.port}/{database}"
