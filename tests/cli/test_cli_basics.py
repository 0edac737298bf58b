"""The command line itself: usage errors, the version, and a start that loads nothing heavy."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.exit_codes import ExitCode
from tests.support.cli import run_cli

ROOT = Path(__file__).parents[2]
HEAVY = ("PySide6", "requests", "keyring", "sqlite_utils", "openpyxl", "smartcard")


def test_a_wrong_option_is_a_usage_error_not_no_reader() -> None:
    for args in (["--bogus"], ["read-card", "--nope"], ["token", "set", "bad-kind"], ["authen"]):
        result = run_cli(*args)
        assert result.returncode == ExitCode.USAGE == 64, args
        assert len(result.stderr.strip().splitlines()) == 1 and "usage error" in result.stderr


def test_version_comes_from_pyproject() -> None:
    declared = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M)
    assert declared is not None
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"Authen Desk {declared.group(1)}"


def test_help_and_version_load_no_heavy_module() -> None:
    probe = (
        "import sys\n"
        "from app.main import main\n"
        "for args in (['--help'], ['--version'], ['history', '--help']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_frozen_build_carries_every_command() -> None:
    """Commands are imported by name, which PyInstaller cannot see: build.spec lists them."""
    from app.cli.parser import COMMAND_MODULES

    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert [m for m in COMMAND_MODULES if f'"{m}"' not in spec] == []


def test_the_window_s_options_load_no_command_module() -> None:
    """`authen-desk [--demo] [--verbose]` starts the window without importing any
    feature's cli.py (each loads its feature); nothing else takes that short cut."""
    from app.cli.parser import COMMAND_MODULES

    probe = (
        "import sys\n"
        "from app.cli.parser import parse_args\n"
        "for args in ([], ['--demo'], ['--verbose', '--demo'], ['--self-test']):\n"
        "    parsed = parse_args(args)\n"
        "    assert parsed.command is None and getattr(parsed, 'handler', None) is None\n"
        "print(parse_args(['--demo']).demo, parse_args([]).demo)\n"
        f"print(sorted(m for m in {COMMAND_MODULES!r} if m in sys.modules))\n"
        "print(parse_args(['doctor']).command)\n"
        f"print(all(m in sys.modules for m in {COMMAND_MODULES!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:4] == ["True False", "[]", "doctor", "True"]


def test_the_short_cut_answers_as_the_whole_parser_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A near miss of a window option is not taken for it: `--ver` stays ambiguous
    (--version/--verbose) and `--demo` with a stray word is still a usage error."""
    from app.cli.parser import parse_args

    for args in (["--ver"], ["--demo", "extra"], ["--demo=yes"], ["--verbose", "--bogus"]):
        with pytest.raises(SystemExit) as stopped:
            parse_args(args)
        assert stopped.value.code == ExitCode.USAGE, args
        assert "usage error" in capsys.readouterr().err, args
    with pytest.raises(SystemExit) as stopped:
        parse_args(["--demo", "--help"])
    assert stopped.value.code == 0 and "COMMAND" in capsys.readouterr().out
