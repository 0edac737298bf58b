"""`token set shared-store`: the password is kept exactly as typed — on a real terminal (a
pty, no echo) a Thai password with spaces round it — and what is not text is refused, never
stored with its letters replaced."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import keyring.backend
import pytest

from app.tokens.kinds import TokenKind
from app.tokens.store import TokenStore
from tests.support.cli import run_cli

ROOT = Path(__file__).parents[2]
THAI = " รหัสคลินิก ๒๕๖๙ "


def type_on_a_terminal(text: str) -> tuple[int, str]:
    """`authen-desk token set shared-store` with a pty as its terminal (stdin and /dev/tty)."""
    import fcntl
    import pty
    import termios

    def take_the_terminal() -> None:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    leader, follower = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "app.main", "token", "set", "shared-store"],
        stdin=follower, stdout=follower, stderr=follower, cwd=ROOT, start_new_session=True,
        env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
        preexec_fn=take_the_terminal,
    )  # fmt: skip
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 60
    while b"Token: " not in seen and time.monotonic() < deadline:
        if select.select([leader], [], [], 1)[0]:
            seen += os.read(leader, 4096)
    os.write(leader, text.encode() + b"\r")
    while child.poll() is None and time.monotonic() < deadline:
        if select.select([leader], [], [], 0.5)[0]:
            try:
                seen += os.read(leader, 4096)
            except OSError:
                break
    code = child.wait(timeout=30)
    with_rest = seen
    try:
        while select.select([leader], [], [], 0.2)[0]:
            chunk = os.read(leader, 4096)
            if not chunk:
                break
            with_rest += chunk
    except OSError:
        pass
    os.close(leader)
    return code, with_rest.decode(errors="replace")


@pytest.mark.posix_only("a pty stands for the terminal")
def test_a_thai_password_typed_on_a_terminal_is_stored_as_typed(
    secret_service: keyring.backend.KeyringBackend, real_secret_service: None
) -> None:
    store = TokenStore(secret_service)
    store.clear(TokenKind.SHARED_STORE)
    code, screen = type_on_a_terminal(THAI)
    assert code == 0, screen
    assert "รหัส" not in screen  # never echoed
    assert store.get(TokenKind.SHARED_STORE) == THAI  # not "?????????? ????" nor stripped
    store.clear(TokenKind.SHARED_STORE)


def test_a_thai_password_piped_in_is_stored_as_typed(
    secret_service: keyring.backend.KeyringBackend,
) -> None:
    result = run_cli("token", "set", "shared-store", stdin=THAI + "\r\n")
    assert result.returncode == 0, result.stderr
    assert TokenStore(secret_service).get(TokenKind.SHARED_STORE) == THAI
    TokenStore(secret_service).clear(TokenKind.SHARED_STORE)


def test_a_password_that_is_not_utf8_is_refused_not_mangled(
    secret_service: keyring.backend.KeyringBackend, real_secret_service: None
) -> None:
    store = TokenStore(secret_service)
    store.clear(TokenKind.SHARED_STORE)
    tis620 = "รหัสผ่าน".encode("tis-620") + b"\n"  # a Thai Windows code page, not UTF-8
    result = subprocess.run(
        [sys.executable, "-m", "app.main", "token", "set", "shared-store"],
        input=tis620, capture_output=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert result.returncode == 22, result.stderr
    assert "not UTF-8" in result.stderr.decode()
    assert store.get(TokenKind.SHARED_STORE) is None
