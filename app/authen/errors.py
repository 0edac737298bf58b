"""What can stop an authen before or after NHSO is asked. Plain classes: the error registry
(app/errors.py) gives each its message and exit code."""

from __future__ import annotations

from app.message import Message


class InvalidInput(Exception):
    """Caught before anything is sent: the message says what to fix."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


class HeldByOtherHospital(Exception):
    """NHSO refused, and today's code for this person was issued by another hospital, which
    must cancel it. `hname` is that hospital's name when an answer gave one, else ""."""

    def __init__(self, hcode: str, claim_code: str, hname: str = "") -> None:
        named = f"{hcode} {hname}".strip()
        super().__init__(f"today's claim code is held by hospital {named}")
        self.hcode = hcode
        self.claim_code = claim_code
        self.hname = hname


class AgentReadAnotherCard(Exception):
    """The agent read a different card than the one on our screen (two readers, a swap)."""


class AnswerFlagged(Exception):
    """NHSO's confirm answer is not this patient's code (another or no pid, another claim
    type, a code not PP + 10 digits): refused, and kept in the log as a flagged row.
    `kind`: "other_pid", "no_pid", "other_claim_type", "no_claim_type" or
    "bad_code"; `named`: the masked
    pid NHSO named ("" when none); `record`: the flagged visit."""

    def __init__(self, kind: str, named: str = "", record: object = None) -> None:
        super().__init__(f"confirm answer flagged: {kind} {named}".strip())
        self.kind = kind
        self.named = named
        self.record = record


class VisitLogUnavailable(Exception):
    """The visit log cannot be written (full disk, read-only folder, damaged file)."""


class VisitLogPathNotAFile(VisitLogUnavailable):
    """The visit log or its journal of unsaved codes is a folder, a FIFO or a device: the
    program refuses it (a FIFO would hang every command holding the log's lock)."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(f"{path} is a {kind}, not a regular file")
        self.path = path
        self.kind = kind


class VisitLogDamaged(VisitLogUnavailable):
    """The database file is not a database any more (or is corrupt): name it and say what
    to do; doctor still runs."""

    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
