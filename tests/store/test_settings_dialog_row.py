"""The clinic settings dialog's shared store row and its "test connection", against the
real server (password from the real keyring)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from app.authen.visit_log import VisitLog
from app.paths import app_paths
from app.qt.settings_service import SettingsService
from app.qt.tasks import TaskRunner
from app.settings.model import Settings
from tests.support.mariadb import MariaDBServer
from widgets.settings_dialog import SettingsDialog

SHOTS = Path(__file__).parents[2] / "screenshots"


def test_the_row_validates_and_tests_the_connection(
    qtbot: QtBot, server: MariaDBServer, password: str
) -> None:
    tasks = TaskRunner(lambda: VisitLog(app_paths().visit_log()))
    service = SettingsService(tasks)
    dialog = SettingsDialog(Settings(hcode="12345"), [], [], "settings.json")
    dialog.test_store_requested.connect(service.test_shared_store)
    service.store_tested.connect(dialog.show_store_test)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.shared_store.setText("mysql://desk:pw@db/x")
    assert not dialog.save_button.isEnabled() and dialog.problems["shared_store"].isVisible()
    dialog.shared_store.setText(server.url())
    dialog.desk_name.setText("จุดคัดกรอง 1")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(service.store_tested, timeout=15000) as answered:
        qtbot.mouseClick(dialog.test_store_button, Qt.MouseButton.LeftButton)
    assert answered.args[1] is True and "schema 3" in dialog.store_result.text()
    SHOTS.mkdir(exist_ok=True)
    qtbot.wait(100)  # the form's layout takes the two-line result
    scroll = dialog.findChild(QScrollArea)
    assert scroll is not None
    scroll.ensureWidgetVisible(dialog.store_result)
    dialog.grab().save(str(SHOTS / "settings-shared-store.png"))
    assert dialog.values()["shared_store"] == server.url()
    server.stop()
    with qtbot.waitSignal(service.store_tested, timeout=15000) as answered:
        qtbot.mouseClick(dialog.test_store_button, Qt.MouseButton.LeftButton)
    assert answered.args[1] is False and "shared store" in dialog.store_result.text()
    tasks.shutdown()
