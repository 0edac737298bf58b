"""The token dialog's row for the shared store's password: kept as typed, never shown."""

from __future__ import annotations

from pathlib import Path

import keyring.backend
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.tokens.kinds import TokenKind
from app.tokens.store import TokenStore
from tests.gui.test_token_dialog import dialog_for

SHOTS = Path(__file__).parents[2] / "screenshots"


def test_the_password_row_saves_to_the_keyring(
    qtbot: QtBot, secret_service: keyring.backend.KeyringBackend
) -> None:
    store = TokenStore(secret_service)
    store.clear(TokenKind.SHARED_STORE)
    dialog, service = dialog_for(qtbot, store)
    row = dialog.rows[TokenKind.SHARED_STORE]
    assert "password" in row.field.placeholderText()
    row.field.setText("Clinic pass-9")
    with qtbot.waitSignal(service.status_read, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert store.get(TokenKind.SHARED_STORE) == "Clinic pass-9"
    assert "Clinic" not in row.stored.text() and row.stored.text().endswith("••••••")
    SHOTS.mkdir(exist_ok=True)
    dialog._scroll.ensureWidgetVisible(row)
    dialog.grab().save(str(SHOTS / "token-dialog-shared-store.png"))
    store.clear(TokenKind.SHARED_STORE)


def test_the_password_row_keeps_spaces_and_refuses_a_line_break(
    qtbot: QtBot, secret_service: keyring.backend.KeyringBackend
) -> None:
    store = TokenStore(secret_service)
    store.clear(TokenKind.SHARED_STORE)
    dialog, service = dialog_for(qtbot, store)
    row = dialog.rows[TokenKind.SHARED_STORE]
    row.field.setText(" pass with spaces ")
    with qtbot.waitSignal(service.status_read, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert store.get(TokenKind.SHARED_STORE) == " pass with spaces "  # as typed
    row.field.setText("x" * 201)  # a QLineEdit holds no line break: too long stands for it
    assert not dialog.save()
    assert store.get(TokenKind.SHARED_STORE) == " pass with spaces "  # nothing stored
    assert dialog.message.text()  # and the dialog says why, in its own room
    store.clear(TokenKind.SHARED_STORE)
