"""The Windows installer (installer/authen-desk.iss) and what it shares with the program.

test_wine_smoke runs installer/wine-smoke.sh: the .iss compiled (smoke mode) and
installed, upgraded and uninstalled under wine - part of ./run-tests and so of CI's .ci/run.
The rest checks, on every platform, the numbers and names the installer and the program
must agree on. The Windows workflow (.github/workflows/windows.yml) does the real thing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app import single_instance
from tests.conftest import skip_unless_ci
from tests.support.platform import EVERYONE_SID, handle_aces

sys.path.insert(0, str(Path(__file__).parents[2] / "scripts"))
import qt_trim
import version_info

ROOT = Path(__file__).parents[2]
ISS = (ROOT / "installer" / "authen-desk.iss").read_text(encoding="utf-8")
SKIP_ENV = "AUTHEN_DESK_SKIP_WINE"


def iss_section(name: str) -> str:
    found = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", ISS, re.MULTILINE | re.DOTALL)
    assert found, name
    return found.group(1)


# --- the smoke: compile, install, upgrade, uninstall under wine ------------------------------
@pytest.mark.posix_only("wine and Debian packages; the Windows workflow installs for real")
def test_wine_smoke() -> None:
    if os.environ.get(SKIP_ENV, "").strip() not in ("", "0"):
        skip_unless_ci(
            f"{SKIP_ENV} is set, but CI must run the installer smoke test", f"{SKIP_ENV} is set"
        )
    result = subprocess.run(
        ["bash", str(ROOT / "installer" / "wine-smoke.sh")],
        cwd=ROOT, capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    print(result.stderr[-3000:])
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-6000:]
    assert "wine-smoke: all checks passed" in result.stdout
    version = version_info.project_version()
    assert (ROOT / "dist" / "installer" / f"authen-desk-setup-{version}.exe").stat().st_size


# --- versions ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("version", "numeric"),
    [
        ("0.1.0", (0, 1, 0, 1000)),
        ("0.2.0rc1", (0, 2, 0, 301)),
        ("0.2.0b2", (0, 2, 0, 202)),
        ("0.2.0a1", (0, 2, 0, 101)),
        ("1.0.0.dev3", (1, 0, 0, 3)),
        ("1.0.0.post2", (1, 0, 0, 1003)),
        ("2.1", (2, 1, 0, 1000)),
    ],
)
def test_a_version_maps_to_four_numbers(version: str, numeric: tuple[int, ...]) -> None:
    assert version_info.numeric_version(version) == numeric


def test_a_pre_release_comes_before_its_release() -> None:
    order = ["0.2.0.dev1", "0.2.0a1", "0.2.0b1", "0.2.0rc1", "0.2.0rc2", "0.2.0", "0.2.0.post1"]
    assert sorted(order, key=version_info.numeric_version) == order
    assert version_info.numeric_version("0.1.9") < version_info.numeric_version("0.2.0rc1")


@pytest.mark.parametrize("bad", ["0.2.0-beta", "1.2.3.4.5", "v1.0", "1.0rc100", "70000.0.0"])
def test_a_version_windows_cannot_hold_is_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        version_info.numeric_version(bad)


def test_the_project_version_maps() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "version_info.py"), "--numeric"],
        capture_output=True, text=True, timeout=30, check=True,
    ).stdout.strip()  # fmt: skip
    version = version_info.project_version()
    assert out == ".".join(map(str, version_info.numeric_version(version)))


# --- what the .iss promises ---------------------------------------------------------------------
def test_setup_section() -> None:
    setup = iss_section("Setup")
    assert "VersionInfoVersion={#VersionNumeric}\n" in setup
    assert "MinVersion=10.0.17763\n" in setup
    # Signing covers the uninstaller whenever a certificate is given (installer\build.ps1).
    assert re.search(r"#ifdef Sign\nSignTool=authendesk\nSignedUninstaller=yes\n#endif", setup)
    assert '#pragma message "UNSIGNED build' in ISS


def test_an_upgrade_clears_the_old_bundle_folder() -> None:
    assert 'Type: filesandordirs; Name: "{app}\\_internal"' in iss_section("InstallDelete")


def test_the_app_mutex_names_are_the_programs() -> None:
    names = re.search(r'#define AppMutexNames "([^"]+)"', ISS)
    assert names and tuple(names.group(1).split(",")) == single_instance.MUTEX_NAMES
    assert "AppMutex={#AppMutexNames}" in iss_section("Setup")
    assert "Global\\AuthenDeskRunning" in single_instance.MUTEX_NAMES


def test_the_mutex_lets_everyone_synchronize_and_no_more() -> None:
    aces = re.findall(r"\(A;;([^;]+);;;(\w+)\)", single_instance.MUTEX_SDDL)
    assert ("0x00100000", "WD") in aces  # Everyone: SYNCHRONIZE, what OpenMutex needs
    assert [mask for mask, who in aces if who == "WD"] == ["0x00100000"]
    assert single_instance.SYNCHRONIZE == 0x00100000
    assert single_instance.hold_instance_mutex() is (sys.platform == "win32")


@pytest.mark.windows_only("a named mutex's security descriptor, read back from Windows")
def test_the_held_mutex_has_that_security_descriptor() -> None:
    assert single_instance.hold_instance_mutex()
    for handle in single_instance.held_handles():
        everyone = [mask for sid, mask in handle_aces(handle) if sid == EVERYONE_SID]
        assert everyone == [single_instance.SYNCHRONIZE]


def test_delete_data_removes_the_machine_folder_only() -> None:
    code = ISS[ISS.index("[Code]") :]
    deleted = re.findall(r"DelTree\(ExpandConstant\('([^']+)'\)", code)
    assert deleted == ["{commonappdata}\\AuthenDesk"]
    assert "token clear" not in code  # the elevated account's tokens are not the users'
    for lang in ("th", "en"):
        kept = re.search(rf"^{lang}\.UserDataKept=(.+)$", ISS, re.MULTILINE)
        assert kept and "%LOCALAPPDATA%\\authen-desk" in kept.group(1)
        assert "Credential Manager" in kept.group(1)


def test_the_machine_folder_is_writable_by_every_user() -> None:
    assert re.search(
        r'^Name: "\{commonappdata\}\\AuthenDesk"; Permissions: users-modify;',
        iss_section("Dirs"), re.MULTILINE,
    )  # fmt: skip


# --- build.spec's Qt trimming, both wheel layouts ------------------------------------------------
@pytest.mark.parametrize(
    ("dest", "windows", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False, True),
        ("PySide6/Qt/plugins/platforms/libqwayland-egl.so", False, False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False, False),
        ("PySide6/Qt/translations/qtbase_th.qm", False, True),
        ("PySide6/Qt/translations/qtbase_de.qm", False, False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True, True),
        ("PySide6\\plugins\\platforms\\qdirect2d.dll", True, False),
        ("PySide6\\plugins\\imageformats\\qjpeg.dll", True, True),
        ("PySide6\\plugins\\imageformats\\qtiff.dll", True, False),
        ("PySide6\\plugins\\sqldrivers\\qsqlite.dll", True, False),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True, True),
        ("PySide6\\translations\\qtbase_en.qm", True, True),
        ("PySide6\\translations\\qtbase_ja.qm", True, False),
        ("PySide6\\translations\\qt_help_fr.qm", True, False),
        ("PySide6\\opengl32sw.dll", True, False),
        ("PySide6\\Qt6Core.dll", True, True),
        ("PySide6\\QtCore.pyd", True, True),
    ],
)
def test_qt_trimming_finds_both_layouts(dest: str, windows: bool, kept: bool) -> None:
    assert qt_trim.keep_qt_file(dest, windows=windows) is kept
