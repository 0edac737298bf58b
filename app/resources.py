"""Files that ship with the program (icons, translations), found the same way from a
checkout and from the PyInstaller bundle, where they sit under sys._MEIPASS."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Qt's own translations for its standard dialogs (buttons, print and file dialogs).
# PySide6-Essentials 6.12 ships qtbase_*.qm for 33 languages but not Thai: a Thai file put
# in resources/translations/ (ours) is found first, then Qt's folder is tried.
QT_CATALOGUES = ("qtbase", "qt")


def bundle_root() -> Path:
    """The folder that holds resources/: _MEIPASS when frozen, the repository otherwise."""
    meipass = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and meipass:
        return Path(meipass)
    return Path(__file__).resolve().parents[1]


def resource_path(*parts: str) -> Path:
    """resource_path("icons", "authen-desk.svg") -> <root>/resources/icons/authen-desk.svg."""
    return bundle_root().joinpath("resources", *parts)


def app_icon() -> QIcon:
    """The window and taskbar icon, every rendered size (Qt picks the nearest)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", "png", f"authen-desk-{size}.png")))
    return icon


def translation_dirs() -> list[Path]:
    return [
        resource_path("translations"),
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ]


def install_translations(app: QCoreApplication, locale: QLocale | None = None) -> bool:
    """Loads Qt's Thai translation of its standard dialogs; True when one was installed.
    The program's own text is Thai already: this is only for Qt's buttons and dialogs."""
    locale = locale or QLocale("th_TH")
    for catalogue in QT_CATALOGUES:
        for folder in translation_dirs():
            translator = QTranslator(app)  # parented: lives as long as the application
            if translator.load(locale, catalogue, "_", str(folder)):
                app.installTranslator(translator)
                return True
            translator.deleteLater()
    return False
