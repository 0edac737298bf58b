"""PyInstaller runtime hook (Linux bundle): libthai finds its word-break dictionary here.

Qt loads libthai to break Thai text into lines; libthai reads thbrk.tri from
LIBTHAI_DICTDIR, else /usr/share/libthai, which a machine without libthai-data lacks. The
bundle ships the dictionary beside libthai; a LIBTHAI_DICTDIR already set wins.
"""

from __future__ import annotations

import os
import sys

_bundled = os.path.join(getattr(sys, "_MEIPASS", ""), "libthai")
if os.path.isfile(os.path.join(_bundled, "thbrk.tri")):
    os.environ.setdefault("LIBTHAI_DICTDIR", _bundled)
