"""The text log: opened at its first record, private, and never the reason the program
stops (a log folder that cannot be made sends warnings to stderr, said once)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.logging_setup import setup_logging
from app.paths import app_paths
from tests.support.platform import assert_private

ROOT = Path(__file__).parents[2]


@pytest.fixture
def fresh_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[logging.Logger]:
    monkeypatch.setenv("AUTHEN_DESK_HOME", str(tmp_path))
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    yield root
    for handler in root.handlers[:]:
        if handler not in saved[1]:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(saved[0])


def test_the_file_opens_at_the_first_record_and_is_private(
    fresh_root: logging.Logger, tmp_path: Path
) -> None:
    old = os.umask(0o022)  # a desk's usual umask: the file must still be 0600
    try:
        setup_logging()
        log_file = app_paths().log_file
        assert not log_file.exists()  # nothing logged yet: nothing opened
        logging.getLogger("x").info("card read for 1101700123456")
        for handler in fresh_root.handlers:
            handler.flush()
    finally:
        os.umask(old)
    assert log_file.is_file()
    assert_private(log_file)
    text = log_file.read_text(encoding="utf-8")
    assert "card read for 1-xxxx-xxxx3-45-6" in text and "1101700123456" not in text


def test_a_log_folder_that_cannot_be_made_sends_warnings_to_stderr(
    fresh_root: logging.Logger, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    setup_logging()
    blocker = app_paths().log_dir
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the log folder should be")
    logging.getLogger("x").info("not shown: below warning")
    logging.getLogger("x").warning("agent down for 1101700123456")
    logging.getLogger("x").warning("still down")
    err = capsys.readouterr().err
    assert err.count("cannot write logs") == 1  # said once, at the first record
    assert "agent down for 1-xxxx-xxxx3-45-6" in err and "still down" in err
    assert "not shown" not in err and "1101700123456" not in err


def test_the_window_s_start_loads_no_log_file_module(tmp_path: Path) -> None:
    """logging.handlers (socket, pickle) waits for the first record."""
    probe = (
        "import sys\n"
        "from app.logging_setup import setup_logging\n"
        "setup_logging()\n"
        "print('logging.handlers' in sys.modules, 'app.log_file' in sys.modules)\n"
        "import logging; logging.getLogger('x').warning('first')\n"
        "print('app.log_file' in sys.modules)\n"
    )
    env = {**os.environ, "AUTHEN_DESK_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=ROOT,
        env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "True"]
