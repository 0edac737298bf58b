"""Where the program writes, and every file name it writes, in one place.

AUTHEN_DESK_HOME, when set, holds everything (one folder to back up, one to wipe in tests);
otherwise the platform's per-user folders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "authen-desk"
HOME_ENV = "AUTHEN_DESK_HOME"

VISIT_LOG_FILE = "authen.sqlite"  # the visit log; its name predates the word "visit"
DEMO_VISIT_LOG_FILE = "demo-authen.sqlite"  # the demo never writes into the clinic's log
SETTINGS_FILE = "settings.json"
LOG_FILE = "authen-desk.log"
AUDIT_FILE = "audit.log"


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    log_dir: Path
    state_dir: Path

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
