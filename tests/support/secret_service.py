"""A real Secret Service for the tests: a private D-Bus session with gnome-keyring in it.

Nothing touches the developer's own keyring: the bus, HOME and the keyring files are the
test session's. Where gnome-keyring cannot run, `MemoryKeyring` (the tests' own backend,
never the product's) stands in; CI requires the real one.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import keyring.backend
from keyring.backends import SecretService


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Test-only backend: a dict in memory."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.values.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


def missing_tools() -> str | None:
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    return None


# A session bus with no service directories: nothing can be auto-started on it. On a
# standard session bus, a keyring call made before our unlocked daemon owns its name makes
# D-Bus start a second gnome-keyring without a login keyring ("Prompt dismissed").
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class SecretServiceSession:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.bus: subprocess.Popen[str] | None = None
        self.address = ""

    def start(self) -> SecretService.Keyring:
        try:
            return self._start()
        except BaseException:
            self.stop()  # never leave a bus and its keyring daemon behind
            raise

    def _start(self) -> SecretService.Keyring:
        self.home.mkdir(parents=True, exist_ok=True)
        config = self.home / "bus.conf"
        config.write_text(BUS_CONFIG.format(dir=self.home))
        self.bus = subprocess.Popen(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--nopidfile",
             "--print-address=1"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        assert self.bus.stdout is not None
        self.address = self.bus.stdout.readline().strip()
        env = {
            **os.environ,
            "DBUS_SESSION_BUS_ADDRESS": self.address,
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.home / "data"),
            "XDG_RUNTIME_DIR": str(self.home),
        }
        subprocess.run(
            ["gnome-keyring-daemon", "--daemonize", "--unlock", "--components=secrets"],
            input="test-password", env=env, capture_output=True, text=True, timeout=30,
            check=True,
        )  # fmt: skip
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = self.address
        backend = SecretService.Keyring()
        deadline = time.monotonic() + 20
        while True:  # until the daemon owns its bus name (nothing else can answer now)
            try:
                backend.set_password("authen-desk-selftest", "probe", "x")
                backend.delete_password("authen-desk-selftest", "probe")
                return backend
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self) -> None:
        if self.bus is not None:
            self.bus.send_signal(signal.SIGTERM)  # gnome-keyring leaves with its bus
            try:
                self.bus.wait(10)
            except subprocess.TimeoutExpired:
                self.bus.kill()
                self.bus.wait()
            self.bus = None
