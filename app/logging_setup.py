"""Logs go to a rotating file (app/log_file.py), never to stdout (the CLI's stdout is JSON
for machines). The file opens at the first record: nothing is logged before the window's
first frame, and the file's module costs ~5 ms there.

No full national ID number reaches a log: libraries log URLs that hold the PID
(`latest-authen-code/{pid}` in urllib3's debug lines, exception texts), so a filter on the
handler masks every checksum-valid 13-digit run in every record, whoever logged it.

The files are private to the OS user (0600) whatever the umask: they name patients."""

from __future__ import annotations

import logging
import sys

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


class _LogFileOnFirstRecord(logging.Handler):
    """Opens the log file at the first record and hands it every record after. When it
    cannot be opened (read-only or full disk) the program keeps running: it says so once
    on stderr and sends warnings and errors there instead."""

    def __init__(self) -> None:
        super().__init__()
        self._target: logging.Handler | None = None

    def _open(self) -> logging.Handler:
        try:
            from app.log_file import open_log_file

            target = open_log_file(app_paths().log_file)
        except OSError as exc:
            target = logging.StreamHandler(sys.stderr)
            target.setLevel(logging.WARNING)
            from app.words import common as words

            print(f"authen-desk: {words.logs_not_written(exc).one_line()}", file=sys.stderr)
        target.setFormatter(self.formatter)
        return target

    def emit(self, record: logging.LogRecord) -> None:
        # Under this handler's lock, after its filters (the CID mask) have run.
        if self._target is None:
            self._target = self._open()
        if record.levelno >= self._target.level:
            self._target.emit(record)

    def flush(self) -> None:
        if self._target is not None:
            self._target.flush()

    def close(self) -> None:
        if self._target is not None:
            self._target.close()
        super().close()


def setup_logging(verbose: bool = False) -> None:
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
        old.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    handler = _LogFileOnFirstRecord()
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    )
    handler.addFilter(CidMaskFilter())
    handler.set_name(_HANDLER_NAME)
    root.addHandler(handler)
