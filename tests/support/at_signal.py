"""Run `authen-desk ARGS` the moment a file appears, so that many processes really start
together (python -m tests.support.at_signal GO_FILE ARGS...). Each says it is ready by
creating GO_FILE.ready-<pid> once it has imported what the command needs."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import app.authen.cli
import app.authen.visit_log
import app.cli.parser
import app.logging_setup  # noqa: F401  (imported before the signal: start together)
from app.main import main

if __name__ == "__main__":
    go = Path(sys.argv[1])
    go.with_name(f"{go.name}.ready-{os.getpid()}").touch()
    while not go.exists():
        time.sleep(0.002)
    sys.exit(main(sys.argv[2:]))
