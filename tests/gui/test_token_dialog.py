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

from app.authen.visit_log import VisitLog
from app.message import Message
from app.paths import app_paths
from app.qt.tasks import TaskRunner
from app.qt.token_service import TokenService
from app.tokens.kinds import TokenKind
from app.tokens.store import TokenStore
from tests.gui.conftest import DeskDriver
from tests.support.agent import agent_rig
from tests.support.staff import SUDA
from tests.support.status_server import TOKEN, Server
from tests.support.tokens import empty_token_store
from widgets.main_window import MainWindow
from widgets.token_dialog import TokenDialog

pytestmark = pytest.mark.gui
SHOTS = Path(__file__).parents[2] / "screenshots"


@pytest.fixture
def store(secret_service: keyring.backend.KeyringBackend) -> Iterator[TokenStore]:
    store = empty_token_store(secret_service)
    yield store
    for kind in TokenKind:
        store.clear(kind)


@pytest.fixture
def keyring_backend(store: TokenStore) -> keyring.backend.KeyringBackend:
    return store.backend


@pytest.fixture
def window(desk: DeskDriver) -> MainWindow:
    return desk.win


def test_needs_a_signed_in_staff_member(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.token_dialog is None
    assert "ลงชื่อเข้าใช้" in window.error_banner.text()
    window._staff.session.sign_in(SUDA)
    window._staff.session_changed.emit()
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.token_dialog is not None and window.token_dialog.isVisible()


def dialog_for(qtbot: QtBot, store: TokenStore, agent_url: str = "http://127.0.0.1:9",
               status_url: str | None = None) -> tuple[TokenDialog, TokenService]:  # fmt: skip
    tasks = TaskRunner(lambda: VisitLog(app_paths().visit_log()))
    service = TokenService(tasks, store, agent_url, "production", status_url)
    dialog = TokenDialog(service, SUDA)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(
        lambda: (
            dialog.save_button.isEnabled() and bool(dialog.rows[TokenKind.AUTHEN].stored.text())
        ),
        timeout=5000,
    )
    return dialog, service


def test_save_masks_and_audits(qtbot: QtBot, store: TokenStore, app_home: Path) -> None:
    dialog, service = dialog_for(qtbot, store)
    row = dialog.rows[TokenKind.AUTHEN]
    assert row.field.echoMode() == QLineEdit.EchoMode.Password
    qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    assert row.field.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.mouseClick(row.show_button, Qt.MouseButton.LeftButton)
    QGuiApplication.clipboard().setText(f"  {TOKEN}  ")
    qtbot.mouseClick(row.paste_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(service.status_read, timeout=5000):
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
    assert entry["staff"] == "1-xxxx-xxxx1-22-0" and TOKEN not in json.dumps(entry)
    asked: list[str] = []

    def say_no(question: Message) -> bool:
        asked.append(question.en)
        return False

    dialog.ask = say_no  # type: ignore[method-assign]
    qtbot.mouseClick(row.clear_button, Qt.MouseButton.LeftButton)
    qtbot.wait(200)
    assert store.get(TokenKind.AUTHEN) == TOKEN  # "No": nothing cleared
    assert len(asked) == 1 and "authen" in asked[0]
    dialog.ask = lambda question: True  # type: ignore[method-assign]
    with qtbot.waitSignal(service.status_read, timeout=5000):
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
        service.status_base_url = bad.url
        with qtbot.waitSignal(service.tested, timeout=10000):
            qtbot.mouseClick(row.test_button, Qt.MouseButton.LeftButton)
        assert "ถูกปฏิเสธ" in row.result.text()
        rig.agent.stop()
        with qtbot.waitSignal(service.tested, timeout=10000):
            qtbot.mouseClick(dialog.agent_test_button, Qt.MouseButton.LeftButton)
        assert "ติดต่อโปรแกรม NHSO Secure SmartCard Agent ไม่ได้" in dialog.agent_result.text()


def test_the_dialog_fits_a_small_screen(qtbot: QtBot, store: TokenStore) -> None:
    """Its rows scroll and its buttons stay: it used to need 607 px of height, more than a
    1024×600 laptop has under its taskbar."""
    dialog, _ = dialog_for(qtbot, store)
    screen = dialog.screen().availableGeometry()
    assert dialog.minimumSizeHint().height() < 300
    assert dialog.height() <= screen.height()
    assert dialog.save_button.isVisible() and dialog.close_button.isVisible()


def test_test_uses_the_typed_token_before_it_is_saved(qtbot: QtBot, store: TokenStore) -> None:
    """Issue 20.10: IT pastes a token and presses Test before Save."""
    with Server("ok") as good:
        dialog, service = dialog_for(qtbot, store, status_url=good.url)
        row = dialog.rows[TokenKind.AUTHEN]
        row.field.setText(f" {TOKEN} ")
        with qtbot.waitSignal(service.tested, timeout=10000):
            qtbot.mouseClick(row.test_button, Qt.MouseButton.LeftButton)
        assert "เชื่อมต่อสำเร็จ" in row.result.text()
        assert good.seen[-1]["auth"] == f"Bearer {TOKEN}"
    assert store.get(TokenKind.AUTHEN) is None  # tested, not stored
    row.field.setText("hello")
    with qtbot.waitSignal(service.tested, timeout=2000):
        qtbot.mouseClick(row.test_button, Qt.MouseButton.LeftButton)
    assert "xxxxxxxx-xxxx" in row.result.text()  # a malformed token is said, not sent


def test_errors_clear_after_save_and_nothing_jumps(qtbot: QtBot, store: TokenStore) -> None:
    dialog, service = dialog_for(qtbot, store)
    row = dialog.rows[TokenKind.AUTHEN]
    qtbot.wait(50)  # the keyring's name has just arrived: its line's layout settles first
    below = row.mapTo(dialog, row.rect().topLeft()).y()
    row.field.setText("hello")
    assert not dialog.save()
    assert "xxxxxxxx-xxxx" in dialog.message.text()
    with qtbot.waitSignal(service.tested, timeout=2000):
        qtbot.mouseClick(row.test_button, Qt.MouseButton.LeftButton)
    assert row.result.text()
    qtbot.wait(50)
    assert row.mapTo(dialog, row.rect().topLeft()).y() == below  # the red line had its room
    row.field.setText(TOKEN)
    with qtbot.waitSignal(service.status_read, timeout=5000):
        dialog.save()
    assert "บันทึก Token แล้ว" in dialog.message.text() and row.result.text() == ""
    dialog.ask = lambda question: True  # type: ignore[method-assign]
    with qtbot.waitSignal(service.status_read, timeout=5000):
        qtbot.mouseClick(row.clear_button, Qt.MouseButton.LeftButton)
    assert "ลบ Token แล้ว" in dialog.message.text()


def test_the_clear_question_and_the_keyring_speak_its_words(
    qtbot: QtBot, store: TokenStore
) -> None:
    from widgets.token_dialog import confirm_box

    dialog, _ = dialog_for(qtbot, store)
    box = confirm_box(dialog, Message("ลบ?", "Clear?"))
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == ["ลบ Token", "ไม่ลบ"]
    assert box.defaultButton().text() == "ไม่ลบ"
    assert "Secret Service" in dialog.intro.text()  # the test keyring is the real one
    assert "keyring.backends" not in dialog.intro.text() and "." not in dialog.intro.text()


def test_building_the_dialog_asks_the_keyring_nothing_on_the_gui_thread(
    qtbot: QtBot, store: TokenStore
) -> None:
    """keyring.get_keyring() (entry points, D-Bus) runs on a worker: the dialog shows "…"
    for the keyring's name until the worker answers (was: asked while building it)."""
    import threading

    threads: list[threading.Thread] = []

    class Watched(TokenStore):
        @property
        def backend(self) -> keyring.backend.KeyringBackend:
            threads.append(threading.current_thread())
            return super().backend

    watched = Watched(store._backend)  # the same real Secret Service
    tasks = TaskRunner(lambda: VisitLog(app_paths().visit_log()))
    service = TokenService(tasks, watched, "http://127.0.0.1:9", "production")
    dialog = TokenDialog(service, SUDA)
    qtbot.addWidget(dialog)
    assert threading.main_thread() not in threads and "…" in dialog.intro.text()
    dialog.show()
    qtbot.waitUntil(lambda: "Secret Service" in dialog.intro.text(), timeout=5000)
    assert threads and threading.main_thread() not in threads
