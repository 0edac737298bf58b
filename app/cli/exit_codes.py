"""Every exit code of `authen-desk`, in one place. The numbers are a promise: scripts at
clinics rely on them, so an existing code never changes its number."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # anything without a code of its own; doctor: problems found
    NO_READER = 2  # no reader, or the PC/SC service is not running
    NO_CARD = 3
    READ_FAILED = 4  # card removed mid-read, unresponsive, damaged data, busy
    NOT_THAI_ID = 5
    PIN_WRONG = 10
    PIN_REFUSED = 11  # 3 wrong in a row: nothing is sent to the card any more
    PIN_BLOCKED = 12
    AGENT_UNREACHABLE = 20  # the agent on this PC (or NHSO behind it) did not answer
    OTHER_HOSPITAL = 21
    INVALID_INPUT = 22
    NHSO_REFUSED = 23
    BAD_ANSWER = 24
    NHSO_FAILED = 25  # the agent or NHSO failed a call (its own message), not a refusal
    ANSWER_FLAGGED = 26  # NHSO's code is not this patient's / untrusted: refused, kept flagged
    NHSO_UNREACHABLE = 27  # NHSO's authen-status web service (verify-day, cardless lookup)
    TLS_FAILED = 28  # NHSO's certificate did not check out (clock, proxy)
    KEYRING = 30
    NO_TOKEN = 31  # the NHSO token a command needs is not stored
    SHARED_STORE = 40  # the clinic's shared store cannot be reached (visits wait locally)
    USAGE = 64  # a wrong option or argument (sysexits EX_USAGE)
    DATA_ERROR = 65  # a file that is not what it should be (not NHSO's report)
    NO_INPUT = 66  # the file named does not exist
    CANNOT_CREATE = 73  # the output cannot be written
    IO_ERROR = 74  # the visit log cannot be read
    CONFIG = 78  # a setting the command needs is missing (the hospital code)
    INTERRUPTED = 130
