"""Where the program writes, and every file name it writes, in one place.

AUTHEN_DESK_HOME, when set, holds everything (one folder to back up, one to wipe in tests);
otherwise the platform's per-user folders. The PIN failure counts are the exception: they
live in one machine-wide folder (`machine_dir()`), because a card's count must be the same
whichever OS user signs in at this PC.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "authen-desk"
HOME_ENV = "AUTHEN_DESK_HOME"
MACHINE_ENV = "AUTHEN_DESK_MACHINE_DIR"
LINUX_MACHINE_DIR = Path("/var/lib/authen-desk")
MACOS_MACHINE_DIR = Path("/Library/Application Support/AuthenDesk")
WINDOWS_MACHINE_FOLDER = "AuthenDesk"  # under %ProgramData%, made by the installer

VISIT_LOG_FILE = "authen.sqlite"  # the visit log; its name predates the word "visit"
DEMO_VISIT_LOG_FILE = "demo-authen.sqlite"  # the demo never writes into the clinic's log
SETTINGS_FILE = "settings.json"
LOG_FILE = "authen-desk.log"
AUDIT_FILE = "audit.log"
# Next to the visit log: visits (a claim code NHSO issued, or a failure) it could not take.
VISIT_JOURNAL_SUFFIX = ".unsaved-visits"
# Its name before: still read (folded in, counted by doctor) so nothing an install kept is lost.
OLD_VISIT_JOURNAL_SUFFIXES = (".unsaved-codes",)


@dataclass(frozen=True)
class AppPaths:
    """Where this OS user's files go; one value, so tests and the demo can point it elsewhere."""

    config_dir: Path
    data_dir: Path
    log_dir: Path
    user_state_dir: Path  # this OS user's own; the PIN counts are machine-wide (below)

    @property
    def log_file(self) -> Path:
        return self.log_dir / LOG_FILE

    @property
    def audit_file(self) -> Path:
        return self.log_dir / AUDIT_FILE

    @property
    def settings_file(self) -> Path:
        return self.config_dir / SETTINGS_FILE

    def visit_log(self, demo: bool = False) -> Path:
        return self.data_dir / (DEMO_VISIT_LOG_FILE if demo else VISIT_LOG_FILE)

    @property
    def machine_pin_dir(self) -> Path:
        """Where the PIN failure counts are kept: the folder every OS user of the PC
        shares (`machine_dir`), not this user's `user_state_dir`."""
        return machine_dir().path


def app_paths() -> AppPaths:
    home = os.environ.get(HOME_ENV, "").strip()
    if home:
        root = Path(home).expanduser()
        return AppPaths(root / "config", root / "data", root / "logs", root / "state")
    import platformdirs

    return AppPaths(
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)),
    )


@dataclass(frozen=True)
class MachineDir:
    """The folder every OS user of this PC shares for the PIN failure counts."""

    path: Path
    shared: bool  # False: the per-user fallback, so other OS users keep counts of their own
    why_not_shared: str = ""


def _usable(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.R_OK | os.W_OK | os.X_OK)


def machine_dir() -> MachineDir:
    """AUTHEN_DESK_MACHINE_DIR; else AUTHEN_DESK_HOME/machine; else the platform's
    machine-wide folder when it exists and is writable; else the per-user state folder
    (doctor warns: counts are then per OS user)."""
    explicit = os.environ.get(MACHINE_ENV, "").strip()
    if explicit:
        return MachineDir(Path(explicit).expanduser(), True)
    home = os.environ.get(HOME_ENV, "").strip()
    if home:
        return MachineDir(Path(home).expanduser() / "machine", True)
    if sys.platform == "win32":
        program_data = os.environ.get("PROGRAMDATA") or os.environ.get("ALLUSERSPROFILE")
        candidate = Path(program_data or r"C:\ProgramData") / WINDOWS_MACHINE_FOLDER
        fix = "reinstall Authen Desk (the installer creates it writable for all users)"
    elif sys.platform == "darwin":
        candidate = MACOS_MACHINE_DIR
        fix = f"sudo install -d -m 0777 '{candidate}'"
    else:
        candidate = LINUX_MACHINE_DIR
        fix = f"sudo install -d -m 0777 {candidate}"
    if _usable(candidate):
        return MachineDir(candidate, True)
    return MachineDir(
        app_paths().user_state_dir, False, f"{candidate} is missing or not writable: {fix}"
    )
