"""Logs go to a rotating file, never to stdout (the CLI's stdout is JSON for machines).

No full national ID number reaches a log: libraries log URLs that hold the PID
(`latest-authen-code/{pid}` in urllib3's debug lines, exception texts), so a filter on the
handler masks every checksum-valid 13-digit run in every record, whoever logged it.

The files are private to the OS user (0600) whatever the umask: they name patients."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from app.atomic_file import create_private, make_dirs
from app.paths import app_paths
from app.redact import mask_cids

_HANDLER_NAME = "authen-desk"


class CidMaskFilter(logging.Filter):
    """Masks CIDs in the message, its arguments, the traceback and the stack of a record.
    On the handler, not a logger: a logger's filters skip records propagated from others."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to logging's own report
            return True
        record.msg, record.args = mask_cids(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_cids(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_cids(record.stack_info)
        return True


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
        from app.words import common as words

        print(f"authen-desk: {words.logs_not_written(exc).one_line()}", file=sys.stderr)
    handler.setFormatter(fmt)
    handler.addFilter(CidMaskFilter())
    handler.set_name(_HANDLER_NAME)
    root.addHandler(handler)
