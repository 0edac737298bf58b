"""What the report writers share: the Buddhist-era cell formats, the CID mask, typed errors
and the private, all-or-nothing output file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from app.reports.errors import ReportWriteError
from app.words import reports as words

# Excel's own locale-and-calendar prefix: 041E = Thai, 07 = Thai Buddhist calendar. Excel and
# LibreOffice (checked with 7.4: `libreoffice --convert-to pdf`) both show 2569 for 2026.
# The newer "[$-th-TH,107]" spelling is NOT honoured by LibreOffice (it shows the raw serial
# number), and "[~buddhist]" is LibreOffice-only, so neither is used.
BE_DATETIME_FORMAT = "[$-107041E]d/mm/yyyy hh:mm"
BE_DATE_FORMAT = "[$-107041E]d/mm/yyyy"
TEXT_FORMAT = "@"


class ExportCancelled(Exception):
    """The progress callback asked to stop; the partial file has already been removed."""


def mask_cid_report(cid: str) -> str:
    """The program's one CID mask (cardreader.cid.mask_cid), for reports that leave the clinic."""
    from cardreader.cid import mask_cid

    return mask_cid(cid)


@contextlib.contextmanager
def private_output(target: Path) -> Iterator[BinaryIO]:
    """A file that becomes `target` only when the block ends normally.

    It is written beside the target (same folder, so the rename is atomic), created 0600
    whatever the umask because it holds patient data, and removed on any error, cancel or
    Ctrl+C: a half-written report is never left where the user would open it.
    """
    folder = target.parent
    if not folder.is_dir():
        raise ReportWriteError(words.folder_missing(folder))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    tmp = Path(tmp_name)
    try:
        with contextlib.suppress(OSError, NotImplementedError):  # mkstemp already made it 0600
            os.chmod(tmp, 0o600)
        with os.fdopen(fd, "w+b") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _cannot_write(target, exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _cannot_write(target: Path, exc: OSError) -> ReportWriteError:
    return ReportWriteError(words.report_not_written(target, str(exc.strerror or exc)))
