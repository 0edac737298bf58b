"""The version from pyproject.toml, and its numeric form for Windows.

Windows version resources (VersionInfoVersion in the installer, the .exe's FILEVERSION)
hold four numbers of 0..65535; pyproject's version is PEP 440 and may be a pre-release
(0.2.0rc1). The fourth number tells the stages apart and keeps their order:

    X.Y.Z.devN -> N            (N < 100)
    X.Y.ZaN    -> 100 + N      X.Y.ZbN -> 200 + N      X.Y.ZrcN -> 300 + N
    X.Y.Z      -> 1000         X.Y.Z.postN -> 1001 + N

so 0.2.0rc1 -> 0.2.0.301 < 0.2.0 -> 0.2.0.1000. Used by build.spec (the .exe resources),
installer/build.ps1 and installer/wine-smoke.sh:

    python3 scripts/version_info.py            -> 0.1.0
    python3 scripts/version_info.py --numeric  -> 0.1.0.1000
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PEP440 = re.compile(
    r"^(?P<release>\d+(?:\.\d+){0,2})"
    r"(?:(?P<pre>a|b|rc)(?P<pre_n>\d+))?"
    r"(?:\.post(?P<post>\d+))?"
    r"(?:\.dev(?P<dev>\d+))?$"
)
_PRE_BASE = {"a": 100, "b": 200, "rc": 300}
FINAL = 1000


def project_version(root: Path = ROOT) -> str:
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    version: str = tomllib.loads(text)["project"]["version"]
    return version


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """'0.2.0rc1' -> (0, 2, 0, 301). ValueError for anything Windows cannot hold."""
    found = _PEP440.match(version.strip())
    if found is None:
        raise ValueError(f"version {version!r}: expected X.Y.Z[aN|bN|rcN][.postN][.devN]")
    release = [int(n) for n in found["release"].split(".")]
    major, minor, patch = [*release, 0, 0][:3]
    pre, post, dev = found["pre"], found["post"], found["dev"]
    if dev is not None and (pre is not None or post is not None):
        raise ValueError(f"version {version!r}: .devN only on a plain X.Y.Z")
    if dev is not None:
        fourth = int(dev)
        limit = 99
    elif pre is not None:
        fourth = _PRE_BASE[pre] + int(found["pre_n"])
        limit = _PRE_BASE[pre] + 99
        if post is not None:
            raise ValueError(f"version {version!r}: a pre-release with .postN")
    elif post is not None:
        fourth = FINAL + 1 + int(post)
        limit = 65535
    else:
        fourth, limit = FINAL, FINAL
    numbers = (major, minor, patch, fourth)
    if fourth > limit or any(n > 65535 for n in numbers):
        raise ValueError(f"version {version!r}: a number is too large for Windows")
    return numbers


def main(argv: list[str]) -> int:
    version = project_version()
    if argv[1:] == ["--numeric"]:
        print(".".join(str(n) for n in numeric_version(version)))
    elif argv[1:] == []:
        numeric_version(version)  # a version Windows cannot hold fails every build
        print(version)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
