"""Where the program writes. AUTHEN_DESK_HOME, when set, holds everything (one folder to
back up, one to wipe in tests); otherwise the platform's per-user folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "authen-desk"
HOME_ENV = "AUTHEN_DESK_HOME"


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    log_dir: Path
    state_dir: Path

    @property
    def log_file(self) -> Path:
        return self.log_dir / "authen-desk.log"


def app_paths() -> AppPaths:
    home = os.environ.get(HOME_ENV, "").strip()
    if home:
        root = Path(home).expanduser()
        return AppPaths(root / "config", root / "data", root / "logs", root / "state")
    return AppPaths(
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)),
    )
