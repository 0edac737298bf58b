"""Which Qt files the bundle keeps (build.spec): the plugins and translations the program
uses, under both PySide6 wheel layouts:

    Linux:   PySide6/Qt/plugins/<folder>/libqxcb.so    PySide6/Qt/translations/qtbase_th.qm
    Windows: PySide6/plugins/<folder>/qwindows.dll     PySide6/translations/qtbase_th.qm

tests/packaging/test_qt_trim.py checks both; the bundle tests and the Windows workflow
print the size the trimming reaches (<= 130 MB).
"""

from __future__ import annotations

import re


def _plugin_name(filename: str) -> str:
    """'libqxcb.so' / 'qxcb.dll' -> 'qxcb'."""
    stem = filename.rsplit(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


# Plugin folder -> the plugins kept (None: the whole folder). Folders not listed are dropped:
#   egldeviceintegrations, generic: embedded (eglfs, evdev) platforms, not a desktop's;
#   networkinformation, tls: QtNetwork is not used;
#   wayland-*: Wayland desktops run the program through XWayland (the xcb plugin);
#   platformthemes: qgtk3 alone is 19 MB with the GTK, cairo and pango stack it drags in,
#     and only changes the look of file dialogs; qxdgdesktopportal is for Flatpak/Snap;
#   qmltooling, sqldrivers, designer and the like: QML, QtSql and Designer are not used.
QT_PLUGINS: dict[str, set[str] | None] = {
    # offscreen: the self-test and CI; xcb: Linux desktops; windows: Windows.
    "platforms": {"qoffscreen", "qxcb", "qwindows"},
    # jpeg: the card photo; svg: the icon's source; ico: the window icon on Windows.
    "imageformats": {"qjpeg", "qsvg", "qico"},
    "iconengines": None,  # QIcon from SVG (QtSvg)
    "printsupport": None,  # CUPS on Linux: printing the slip and the print dialog
    "xcbglintegrations": None,  # the xcb plugin looks for them; a few hundred kB
    "platforminputcontexts": None,  # compose keys and IBus (Thai input methods on Linux)
    "styles": None,  # Windows 11 / modern Windows style (not shipped on Linux)
}

# Qt's translations: only Thai and English (PySide6-Essentials ships no Thai one today; the
# English one is kept so that a future Thai file needs no spec change).
_TRANSLATION = re.compile(r"^qt(base)?_(th|en)(_[A-Z]{2})?\.qm$")

# Windows: Qt's software OpenGL (opengl32sw.dll, ~20 MB) and ANGLE are for OpenGL and
# Qt Quick; QtWidgets paint with the raster engine and never load them.
_WINDOWS_GL = re.compile(r"^(opengl32sw|libEGL|libGLESv2|d3dcompiler_\d+)\.dll$", re.IGNORECASE)

# Where the wheels put Qt's folders, below the PySide6 package.
_QT_ROOTS = (["PySide6", "Qt"], ["PySide6"])


def keep_qt_file(dest: str, windows: bool) -> bool:
    """False for a Qt plugin, translation or (Windows) GL library the program never loads.
    `dest` is the file's place in the bundle, with / or \\."""
    parts = dest.replace("\\", "/").split("/")
    for root in _QT_ROOTS:
        n = len(root)
        if parts[:n] != root or len(parts) <= n:
            continue
        if parts[n] == "plugins" and len(parts) >= n + 3:
            wanted = QT_PLUGINS.get(parts[n + 1], set())
            return wanted is None or _plugin_name(parts[-1]) in wanted
        if parts[n] == "translations" and len(parts) >= n + 2:
            return bool(_TRANSLATION.match(parts[-1]))
    return not (windows and _WINDOWS_GL.match(parts[-1]))
