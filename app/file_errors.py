"""A path that is not a regular file where the program reads or writes one. Light: the
error registry (app/errors.py) imports it."""

from __future__ import annotations


class NotRegularFile(OSError):
    """`path` is a folder, a FIFO, a device, a socket or a symbolic link (`kind` names it in
    English: "folder", "FIFO", "device", "socket", "symbolic link", "special file").

    An OSError, so code that already handles a file it cannot use still does; where the
    program words the failure itself, it names the file and what is there."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(f"{path} is a {kind}, not a regular file")
        self.strerror = str(self)  # what handlers of any OSError quote
        self.path = path
        self.kind = kind


class NotRegularOutput(NotRegularFile):
    """An output (report, photo, capture) would land on something that is not a file."""


class NotRegularInput(NotRegularFile):
    """A file the program reads (settings, the visit journal) is not a regular file."""
