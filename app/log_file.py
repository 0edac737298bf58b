"""The program's log file: rotating (2 MB x 5), created private (0600) whatever the umask,
because it names patients. Loaded at the first record (app/logging_setup.py): the
logging.handlers module brings socket and pickle with it."""

from __future__ import annotations

import logging.handlers
from pathlib import Path

from app.atomic_file import create_private, make_dirs

MAX_BYTES = 2_000_000
BACKUPS = 5


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Each new log file (the first, and after every rollover) is created 0600."""

    def _open(self):  # type: ignore[no-untyped-def]  # typeshed: returns a TextIOWrapper
        create_private(Path(self.baseFilename))
        return super()._open()


def open_log_file(path: Path) -> logging.Handler:
    """OSError when the folder or the file cannot be made (read-only or full disk)."""
    make_dirs(path.parent)
    return PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
