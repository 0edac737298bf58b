"""The token dialog driven as clinic IT would, on the real Secret Service."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import keyring.backend
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.card_bridge import CardBridge
from app.demo import DemoReader
from app.staff_controller import StaffController
from app.staff_session import StaffMember
from app.token_service import TokenService
from app.token_store import TokenKind, TokenStore
from tests.support.agent import agent_rig
from tests.test_status_client import TOKEN, Server
from widgets.main_window import MainWindow
from widgets.token_dialog import TokenDialog

pytestmark = pytest.mark.gui
SHOTS = Path(__file__).parents[1] / "screenshots"
SUDA = StaffMember("1709900011220", "นางสาวสุดา ใจงาม")


@pytest.fixture
def store(secret_service: keyring.backend.KeyringBackend) -> Iterator[TokenStore]:
    store = TokenStore(secret_service)
    for kind in TokenKind:
        store.clear(kind)
    yield store
    for kind in TokenKind:
        store.clear(kind)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, store: TokenStore) -> Iterator[MainWindow]:
    demo = DemoReader(apdu_delay=0)
    bridge = CardBridge(demo.readers)
    staff = StaffController.for_desk(bridge, tmp_path / "state", 600)
    tokens = TokenService(store, "http://127.0.0.1:9", "production", lambda: staff.session.member)
    win = MainWindow(bridge, staff, demo, tokens=tokens)
    qtbot.addWidget(win)
    win.show()
    yield win
    tokens.shutdown()


def test_needs_a_signed_in_staff_member(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.token_dialog is None
    assert "ลงชื่อเข้าใช้" in window.error_banner.text()
    window._staff.session.sign_in(SUDA)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.token_dialog is not None and window.token_dialog.isVisible()


def dialog_for(qtbot: QtBot, store: TokenStore, agent_url: str = "http://127.0.0.1:9",
               status_url: str | None = None) -> tuple[TokenDialog, TokenService]:  # fmt: skip
    service = TokenService(store, agent_url, "production", lambda: SUDA, status_url)
    dialog = TokenDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, service


def test_save_masks_and_audits(qtbot: QtBot, store: TokenStore, app_home: Path) -> None:
    dialog, _ = dialog_for(qtbot, store)
    row = dialog.rows[TokenKind.AUTHEN]
    assert row.field.echoMode() == QLineEdit.EchoMode.Password
    qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    assert row.field.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    QGuiApplication.clipboard().setText(f"  {TOKEN}  ")
    qtbot.mouseClick(row.paste_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert store.get(TokenKind.AUTHEN) == TOKEN
    assert row.stored.text().endswith("5e1c…6666") and row.field.text() == ""
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "token-dialog.png"))
    [entry] = [
        json.loads(line) for line in (app_home / "logs" / "audit.log").read_text().splitlines()
    ]
    assert (entry["action"], entry["kind"], entry["staff_name"]) == (
        "set",
        "authen",
        "นางสาวสุดา ใจงาม",
    )
    assert entry["staff"] == "1-7099-xxxxx-xx-0" and TOKEN not in json.dumps(entry)
    qtbot.mouseClick(row.clear_button, Qt.MouseButton.LeftButton)
    assert store.get(TokenKind.AUTHEN) is None and "not set" in row.stored.text()


def test_invalid_token_stores_nothing(qtbot: QtBot, store: TokenStore) -> None:
    dialog, _ = dialog_for(qtbot, store)
    dialog.rows[TokenKind.CLAIM_13].field.setText("11111111-2222-4333-8444-555555555555")
    dialog.rows[TokenKind.AUTHEN].field.setText("hello")
    assert not dialog.save()
    assert "xxxxxxxx-xxxx" in dialog.message.text()
    assert store.get(TokenKind.CLAIM_13) is None  # all or nothing


def test_import_from_userconfig(qtbot: QtBot, store: TokenStore, tmp_path: Path) -> None:
    dialog, _ = dialog_for(qtbot, store)
    config = tmp_path / "userconfig.properties"
    config.write_text(f"server.port=8189\nnhso.service.token={TOKEN}\n")
    assert dialog.import_from(config)
    assert dialog.rows[TokenKind.AUTHEN].field.text() == TOKEN
    assert not dialog.import_from(tmp_path / "missing.properties")


def test_test_connection_outcomes(qtbot: QtBot, store: TokenStore) -> None:
    with agent_rig() as rig, Server("ok") as good, Server("401") as bad:
        dialog, service = dialog_for(qtbot, store, rig.url, good.url)
        with qtbot.waitSignal(service.tested, timeout=10000):
            qtbot.mouseClick(dialog.agent_test_button, Qt.MouseButton.LeftButton)
        assert "เชื่อมต่อสำเร็จ" in dialog.agent_result.text()
        row = dialog.rows[TokenKind.AUTHEN]
        with qtbot.waitSignal(service.tested, timeout=10000):
            qtbot.mouseClick(row.test_button, Qt.MouseButton.LeftButton)
        assert "ยังไม่มี Token" in row.result.text()
        store.set(TokenKind.AUTHEN, TOKEN)
        with qtbot.waitSignal(service.tested, timeout=10000):
            qtbot.mouseClick(row.test_button, Qt.MouseButton.LeftButton)
        assert "เชื่อมต่อสำเร็จ" in row.result.text()
        assert good.seen[-1]["auth"] == f"Bearer {TOKEN}"
        assert "personalId=1709900011220" in good.seen[-1]["path"]
        service._status_base_url = bad.url
        with qtbot.waitSignal(service.tested, timeout=10000):
            qtbot.mouseClick(row.test_button, Qt.MouseButton.LeftButton)
        assert "ถูกปฏิเสธ" in row.result.text()
        rig.agent.stop()
        with qtbot.waitSignal(service.tested, timeout=10000):
            qtbot.mouseClick(dialog.agent_test_button, Qt.MouseButton.LeftButton)
        assert "ติดต่อไม่ได้" in dialog.agent_result.text()
