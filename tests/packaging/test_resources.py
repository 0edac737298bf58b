"""Icons and resource lookup, from a checkout and as PyInstaller lays them out."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo
from PySide6.QtWidgets import QApplication

from app import resources
from app.paths import machine_dir

sys.path.insert(0, str(Path(__file__).parents[2] / "scripts"))
import make_icons


def test_resource_path_from_a_checkout() -> None:
    assert resources.resource_path("icons", "authen-desk.svg").is_file()


def test_resource_path_in_a_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("icons", "x.png") == tmp_path / "resources" / "icons" / "x.png"


def test_committed_icons_are_complete(qapp: QApplication) -> None:
    assert sorted(make_icons.check_ico(make_icons.ICO)) == list(make_icons.ICO_SIZES)
    assert resources.app_icon().availableSizes()


def test_thai_qt_translation_loads_exactly_when_one_is_there(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """None is shipped (PySide6-Essentials has no Thai qtbase): no error, False. A .qm in
    resources/translations is found and installed."""
    monkeypatch.setattr(resources, "translation_dirs", lambda: [tmp_path])
    assert resources.install_translations(qapp) is False
    catalogue = resources.QT_CATALOGUES[0]
    english = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    shipped = sorted(english.glob(f"{catalogue}_*.qm"))
    if not shipped:
        pytest.skip("this Qt ships no qtbase translation to stand in for a Thai one")
    (tmp_path / f"{catalogue}_th.qm").write_bytes(shipped[0].read_bytes())
    assert resources.install_translations(qapp) is True


def test_machine_dir_honours_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("AUTHEN_DESK_MACHINE_DIR", str(tmp_path))
    assert machine_dir().path == tmp_path
