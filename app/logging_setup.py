"""Logs go to a rotating file, never to stdout (the CLI's stdout is JSON for machines).
The files are private to the OS user (0600) whatever the umask: they name patients."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from app.atomic_file import create_private, make_dirs
from app.paths import app_paths

_HANDLER_NAME = "authen-desk"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Each new log file (the first, and after every rollover) is created 0600."""

    def _open(self):  # type: ignore[no-untyped-def]  # typeshed: returns a TextIOWrapper
        create_private(Path(self.baseFilename))
        return super()._open()


def setup_logging(verbose: bool = False) -> None:
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
        old.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    try:
        make_dirs(app_paths().log_dir)
        handler: logging.Handler = PrivateRotatingFileHandler(
            app_paths().log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError as exc:  # read-only or full disk: keep running, log to stderr instead
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)
        print(f"authen-desk: cannot write logs ({exc})", file=sys.stderr)
    handler.setFormatter(fmt)
    handler.set_name(_HANDLER_NAME)
    root.addHandler(handler)
