"""How a command reports a failure: one line on stderr, Thai / English."""

from __future__ import annotations

import logging
import sys

from app.cli.exit_codes import ExitCode
from app.errors import describe
from app.message import Message

log = logging.getLogger(__name__)


def say(message: Message) -> None:
    print(message.one_line(), file=sys.stderr)


def fail(error: BaseException, context: str = "") -> ExitCode:
    """Print the registry's message for `error`; return its exit code."""
    described = describe(error)
    log.info("%s failed: %s: %s", context or "command", type(error).__name__, error)
    say(described.message)
    return described.exit_code
