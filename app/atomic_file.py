"""Files that must survive a crash or a pulled plug, and stay private to the OS user.

Every file and folder the program creates goes through these helpers, so its mode never
depends on the umask the program was started with: folders 0700 and files 0600 (on
Windows the user's profile folders are private already and chmod is a no-op).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from app.file_errors import NotRegularInput, NotRegularOutput

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


# Windows names that are devices in every folder ("NUL", "COM1.xlsx" is the port COM1 too).
_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in "123456789¹²³"}
)
# Opening a FIFO never waits for its other end (POSIX; Windows has no FIFOs in folders).
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)  # no \r\n translation on Windows
# A Windows symbolic link or junction (lstat's st_reparse_tag). Not every reparse point: a
# OneDrive file that is only in the cloud has one too, and is a regular file to replace.
_WINDOWS_LINK_TAGS = frozenset({0xA000000C, 0xA0000003})  # IO_REPARSE_TAG_SYMLINK, _MOUNT_POINT


def _kind(info: os.stat_result) -> str | None:
    """None for a regular file; else what it is, in the words of NotRegularFile."""
    mode = info.st_mode
    if stat.S_ISLNK(mode) or getattr(info, "st_reparse_tag", 0) in _WINDOWS_LINK_TAGS:
        return "symbolic link"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def is_windows_device_name(path: Path) -> bool:
    """`NUL`, `con.txt`, `COM1.xlsx`: names Windows opens as a device in any folder."""
    stem = path.name.split(".", 1)[0].rstrip(" ").upper()
    return stem in _WINDOWS_DEVICES


def check_output_target(path: Path) -> None:
    """NotRegularOutput unless `path` is missing or a regular file (not a symbolic link): an
    output never replaces a device node, a FIFO, a folder or a link."""
    if sys.platform == "win32" and is_windows_device_name(path):
        raise NotRegularOutput(str(path), "device")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError:
        return  # unreadable: the write itself will fail with the OS's reason
    kind = _kind(info)
    if kind is not None:
        raise NotRegularOutput(str(path), kind)


def _check_input(path: Path, info: os.stat_result) -> None:
    kind = _kind(info)
    if kind is not None and kind != "symbolic link":  # stat/fstat follow links
        raise NotRegularInput(str(path), kind)


def check_input_file(path: Path) -> None:
    """NotRegularInput when something other than a regular file (or a link to one) is at
    `path`; nothing when it is missing (the caller creates it)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    _check_input(path, info)


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of `path`, which must be a regular file (a FIFO there would hang a plain
    read, a folder would fail with a misleading reason): NotRegularInput otherwise.
    FileNotFoundError when it is missing; at most `limit` bytes (OSError EFBIG beyond)."""
    _check_input(path, os.stat(path))
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY)
    try:
        _check_input(path, os.fstat(fd))
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if limit is not None and size > limit:
                raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def open_private(path: Path, flags: int, mode: int = PRIVATE_FILE) -> int:
    """os.open with O_CREAT and exactly `mode` (fchmod undoes the umask). A file descriptor.
    NotRegularInput when something that is not a regular file is there (a FIFO would hang
    the open, a folder would fail as if the disk were full)."""
    with contextlib.suppress(FileNotFoundError):
        _check_input(path, os.stat(path))
    fd = os.open(path, flags | os.O_CREAT | _BINARY | _NONBLOCK, mode)
    try:
        _check_input(path, os.fstat(fd))
    except BaseException:
        os.close(fd)
        raise
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
    check_output_target(path)
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


@contextlib.contextmanager
def private_output(target: Path) -> Iterator[BinaryIO]:
    """The one way to write an output the user named (a report, a photo, a capture): a
    file that becomes `target` only when the block ends normally.

    It is written beside the target (same folder, so the rename is atomic), created 0600
    whatever the umask, and removed on any error, cancel, Ctrl+C or SIGTERM turned into an
    exception: a half-written file is never left where the user would open it. The target
    must be missing or a regular file (NotRegularOutput: never os.replace over a device, a
    FIFO, a folder or a link). OSError for a missing folder, a full disk, no permission.
    """
    check_output_target(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with contextlib.suppress(OSError, NotImplementedError):  # mkstemp already made it 0600
            os.chmod(tmp, PRIVATE_FILE)
        with os.fdopen(fd, "w+b") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        check_output_target(target)  # again: it may have changed while we wrote
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_private(path: Path, data: bytes) -> None:
    """An output the user named (a photo, a capture): 0600 whatever the umask, all or
    nothing, in a folder we leave as it is (it is the user's)."""
    with private_output(path) as handle:
        handle.write(data)
