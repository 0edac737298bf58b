"""Running `authen-desk …` in this process: the same `main` as the console script, with
stdin, stdout and stderr captured. Tests that need a separate process (a child reading
the real keyring, the PC/SC service, start-up imports) keep using subprocess."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys

from app.main import main


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        sys.stdin = saved_stdin
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())
