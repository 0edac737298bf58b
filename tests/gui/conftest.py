"""One desk for every GUI test, built by the same composition root `run_gui` uses, on the
simulated reader and agent."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring.backend
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.authen.visit_log import VisitLog
from app.demo.reader import DemoReader
from app.paths import app_paths
from app.qt.authen_service import AuthenService
from app.qt.card_bridge import CardBridge
from app.qt.composition import Desk, build_desk
from app.qt.staff_controller import StaffController
from app.settings.model import Settings
from cardreader.virtual.card import VirtualThaiIdCard
from cardreader.virtual.persona import shipped_persona
from tests.support.secret_service import MemoryKeyring
from widgets.main_window import MainWindow

HCODE = "12345"
SHOTS = Path(__file__).parents[2] / "screenshots"


@dataclass
class DeskDriver:
    """The desk as a test drives it: insert cards, press keys, read the visit log."""

    desk: Desk
    demo: DemoReader
    qtbot: QtBot

    @property
    def win(self) -> MainWindow:
        return self.desk.window

    @property
    def bridge(self) -> CardBridge:
        return self.desk.bridge

    @property
    def authen(self) -> AuthenService:
        return self.desk.authen

    @property
    def staff(self) -> StaffController:
        return self.desk.staff

    @property
    def log_path(self) -> Path:
        return app_paths().visit_log(demo=True)

    def insert(self, persona_id: str) -> None:
        """A patient's card: waits until NHSO's rights are on screen."""
        with self.qtbot.waitSignal(self.authen.rights_checked, timeout=10000):
            self.demo.insert(persona_id)

    def insert_card(self, persona_id: str, tries: int | None = None) -> VirtualThaiIdCard:
        """Any card: waits until it is read."""
        card = VirtualThaiIdCard(shipped_persona(persona_id))
        if tries is not None:
            card.pin_tries_left = tries
        with self.qtbot.waitSignal(self.bridge.card_read, timeout=5000):
            self.demo.readers.insert(card)
        return card

    def remove(self) -> None:
        with self.qtbot.waitSignal(self.bridge.card_removed, timeout=5000):
            self.demo.remove()

    def activate(self) -> None:
        # Offscreen there is no window manager to hand activation back after a dialog.
        self.win.activateWindow()
        self.qtbot.waitUntil(self.win.isActiveWindow, timeout=2000)

    def enter(self) -> None:
        self.activate()
        with self.qtbot.waitSignal(self.authen.claim_code_received, timeout=10000):
            self.qtbot.keyClick(self.win.focusWidget() or self.win, Qt.Key.Key_Return)

    def rows(self) -> list[dict[str, str]]:
        log = VisitLog(self.log_path)
        try:
            return [{k: str(v or "") for k, v in r.items()} for r in log.db.table("visits").rows]
        finally:
            log.close()

    def shot(self, name: str) -> None:
        SHOTS.mkdir(exist_ok=True)
        self.win.grab().save(str(SHOTS / name))


@pytest.fixture
def keyring_backend() -> keyring.backend.KeyringBackend:
    """The desk's keyring; token tests override this with the real Secret Service."""
    return MemoryKeyring()


@pytest.fixture
def desk_settings() -> Settings:
    # Sign-in rules have their own tests; here the OS user serves when nobody signed in.
    return Settings(hcode=HCODE, hospital_name="คลินิกทดสอบ", staff_sign_in_required=False)


@pytest.fixture
def desk(
    qtbot: QtBot, keyring_backend: keyring.backend.KeyringBackend, desk_settings: Settings
) -> Iterator[DeskDriver]:
    demo = DemoReader(apdu_delay=0)
    built = build_desk(demo=demo, settings=desk_settings, keyring_backend=keyring_backend)
    qtbot.addWidget(built.window)
    built.window.show()
    with qtbot.waitSignal(built.bridge.reader_added, timeout=5000):
        built.start()
    yield DeskDriver(built, demo, qtbot)
    built.shutdown()
