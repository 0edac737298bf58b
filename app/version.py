"""The program's version: pyproject.toml is the one source (installed metadata, or the
file itself in a checkout that was never installed)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DIST_NAME = "authen-desk"


@cache
def version() -> str:
    from importlib import metadata

    try:
        return metadata.version(DIST_NAME)
    except metadata.PackageNotFoundError:
        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            found = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text(), re.M)
        except OSError:
            found = None
        return found.group(1) if found else "0+unknown"
