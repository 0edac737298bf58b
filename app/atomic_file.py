"""Files that must survive a crash or a pulled plug, and stay private to the OS user.

Every file and folder the program creates goes through these helpers, so its mode never
depends on the umask the program was started with: folders 0700 and files 0600 (on
Windows the user's profile folders are private already and chmod is a no-op).
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def make_dirs(path: Path, mode: int = PRIVATE_DIR) -> None:
    """Create `path` with `mode` and any missing parents private, whatever the umask
    (mkdir -p would give the parents the umask's mode). An existing leaf folder of ours
    that is more open than `mode` is tightened."""
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        wanted = mode if folder == path else PRIVATE_DIR
        with contextlib.suppress(FileExistsError):  # another process made it meanwhile
            os.mkdir(folder, wanted)
            os.chmod(folder, wanted)
    if not missing:
        tighten(path, mode)


def tighten(path: Path, mode: int) -> None:
    """Give a file or folder we own exactly `mode` if it has more; others' files are left."""
    try:
        info = path.stat()
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return
        if stat.S_IMODE(info.st_mode) & ~mode:
            os.chmod(path, mode)
    except OSError:
        pass


def open_private(path: Path, flags: int, mode: int = PRIVATE_FILE) -> int:
    """os.open with O_CREAT and exactly `mode` (fchmod undoes the umask). A file descriptor."""
    fd = os.open(path, flags | os.O_CREAT | getattr(os, "O_BINARY", 0), mode)  # no \r\n on Windows
    if hasattr(os, "fchmod"):
        try:
            if stat.S_IMODE(os.fstat(fd).st_mode) != mode:
                os.fchmod(fd, mode)
        except PermissionError:  # someone else's file in a shared folder: leave its mode
            pass
    return fd


def create_private(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Make sure `path` exists with `mode` before another library (SQLite, logging) opens
    it, since those create files with the umask's mode."""
    os.close(open_private(path, os.O_WRONLY | os.O_APPEND, mode))


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable (POSIX)."""
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(
    path: Path, data: bytes, mode: int = PRIVATE_FILE, dir_mode: int = PRIVATE_DIR
) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file.

    Raises OSError (disk full, read-only) without touching the old file.
    """
    make_dirs(path.parent, dir_mode)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = open_private(tmp, os.O_WRONLY | os.O_TRUNC, mode)
        with open(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def write_private(path: Path, data: bytes) -> None:
    """An export the user named (a photo, a report): 0600 whatever the umask, in a folder
    we leave as it is (it is the user's)."""
    fd = open_private(path, os.O_WRONLY | os.O_TRUNC)
    with open(fd, "wb") as handle:
        handle.write(data)
