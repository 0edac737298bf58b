"""ruff and mypy are part of the suite, so 'clean' is checked on every CI run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_ruff_lint_and_format() -> None:
    lint = _run("ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = _run("ruff", "format", "--check", ".")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_mypy_strict() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


# Widgets still being moved to the catalogue by the widget helpers (issue 19): each file
# leaves this list once its texts are in app/words/. The list only shrinks.
_WIDGETS_PENDING: set[str] = set()  # empty: every widget takes its words from app/words/
_CATALOGUE = ("app/words/", "app/message.py")


def _messages_built_outside_the_catalogue() -> dict[str, int]:
    """Files that build `Message(...)` themselves, with how many times. Parsed, not
    grepped: a call to a name `Message` (or `x.Message`), whatever the spacing."""
    import ast

    found: dict[str, int] = {}
    for folder in ("app", "cardreader", "widgets"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name.startswith(_CATALOGUE):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), name)
            calls = sum(
                1
                for node in ast.walk(tree)
                if isinstance(node, ast.Call)
                and (
                    (isinstance(node.func, ast.Name) and node.func.id == "Message")
                    or (isinstance(node.func, ast.Attribute) and node.func.attr == "Message")
                )
            )
            if calls:
                found[name] = calls
    return found


def test_sentences_are_built_only_in_the_catalogue() -> None:
    """Every user-facing sentence is a `Message` in app/words/ (one wording per failure,
    looked up by name): none is built anywhere else."""
    found = _messages_built_outside_the_catalogue()
    outside = {name: n for name, n in found.items() if name not in _WIDGETS_PENDING}
    assert not outside, f"Message(...) built outside app/words/: {outside}"
    done = _WIDGETS_PENDING - set(found)
    assert not done, f"no Message(...) left in {sorted(done)}: take them off _WIDGETS_PENDING"


def test_the_code_cites_only_files_the_repo_holds() -> None:
    """A markdown file named in the code is a file of this repo (docs/…, README.md):
    a newcomer can open every reference the code gives."""
    import re

    cited = re.compile(r"(?<![\w/.-])((?:[\w-]+/)*[\w-]+\.md)\b")
    held = {p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.md") if ".venv" not in p.parts}
    missing = []
    for folder in ("app", "cardreader", "widgets", "tests", "scripts", "benchmarks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for name in cited.findall(path.read_text(encoding="utf-8")):
                if name not in held:
                    missing.append(f"{path.relative_to(ROOT).as_posix()}: {name}")
    assert not missing, missing
