"""The frozen program's entry: PyInstaller needs a script file, the program is app.main:main."""

from __future__ import annotations

import sys

from app.main import main

if __name__ == "__main__":
    sys.exit(main())
