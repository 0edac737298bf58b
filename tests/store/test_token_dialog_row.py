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
