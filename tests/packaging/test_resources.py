"""Icons and resource lookup, from a checkout and as PyInstaller lays them out."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app import resources
from app.selftest import machine_dir

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


def test_no_thai_qt_translation_is_not_an_error(qapp: QApplication) -> None:
    assert resources.install_translations(qapp) in (True, False)


def test_machine_dir_honours_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("AUTHEN_DESK_MACHINE_DIR", str(tmp_path))
    assert machine_dir() == tmp_path
