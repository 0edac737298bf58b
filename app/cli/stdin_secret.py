"""Secrets typed or piped in: never from argv (ps and shell history see it), never echoed."""

from __future__ import annotations

import getpass
import sys


def read_secret_line(prompt: str) -> bytearray:
    """One line from stdin, without its line ending; on a terminal, read without echo.

    A bytearray, so a PIN can be wiped after use.
    """
    if sys.stdin is None:
        return bytearray()
    if sys.stdin.isatty():
        return bytearray(getpass.getpass(prompt).strip().encode("ascii", errors="replace"))
    line = bytearray(sys.stdin.buffer.readline())
    while line and line[-1] in (0x0A, 0x0D):
        line.pop()
    return line
