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


def test_saving_a_changed_shared_store_says_it_takes_effect_at_the_next_start(
    qtbot: QtBot,
) -> None:
    """The button says "save and apply now": for the shared store that is not so, and the
    dialog says it when the settings are saved, staying open until it is read."""
    from app.settings.model import load_settings
    from app.words import store as store_words

    tasks = TaskRunner(lambda: VisitLog(app_paths().visit_log()))
    service = SettingsService(tasks)
    dialog = SettingsDialog(Settings(hcode="12345"), [], [], "settings.json")
    dialog.save_requested.connect(service.save)
    service.saved.connect(dialog.show_saved)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.shared_store.setText("mysql://desk@db.clinic.lan:3306/clinic_shared")
    dialog.desk_name.setText("จุดคัดกรอง 1")
    with qtbot.waitSignal(service.saved, timeout=15000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert load_settings()[0].shared_store == "mysql://desk@db.clinic.lan:3306/clinic_shared"
    assert dialog.isVisible()  # not closed before the notice is seen
    assert dialog.status.text() == store_words.SAVED_STORE_NEXT_START.two_lines()
    assert not dialog.save_button.isVisible() and not dialog.shared_store.isEnabled()
    qtbot.wait(100)
    dialog.grab().save(str(SHOTS / "settings-shared-store-saved.png"))
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    # without a change to the shared store, saving closes the dialog as before
    again = SettingsDialog(load_settings()[0], [], [], "settings.json")
    again.save_requested.connect(service.save)
    service.saved.connect(again.show_saved)
    qtbot.addWidget(again)
    again.show()
    again.hospital_name.setText("คลินิกหมอใจดี")
    with qtbot.waitSignal(again.accepted, timeout=15000):
        qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert again.status.text() != store_words.SAVED_STORE_NEXT_START.two_lines()
    tasks.shutdown()
