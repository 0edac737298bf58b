"""Logs go to a rotating file, never to stdout (the CLI's stdout is JSON for machines)."""

from __future__ import annotations

import logging
import logging.handlers
import sys

from app.paths import app_paths

_HANDLER_NAME = "authen-desk"


def setup_logging(verbose: bool = False) -> None:
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
        old.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    try:
        log_dir = app_paths().log_dir
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            app_paths().log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError as exc:  # read-only or full disk: keep running, log to stderr instead
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)
        print(f"authen-desk: cannot write logs ({exc})", file=sys.stderr)
    handler.setFormatter(fmt)
    handler.set_name(_HANDLER_NAME)
    root.addHandler(handler)
