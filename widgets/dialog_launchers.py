"""The dialogs the window opens, one launcher each: clinic settings, tokens, the typed ID
(no card), verify-day, export, reconcile, the shortcut list and About.

A launcher builds its dialog on first use (the report dialogs load openpyxl and
sqlite-utils only then), connects it to its service and keeps it while it is open, so a
second press shows the same dialog. What a launcher cannot do is said through `show`, on
the page in front (the window's banner).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

from app.message import Message
from app.words import desk as words
from widgets.menus import shortcut_table
from widgets.style import ui_font

if TYPE_CHECKING:  # each dialog's module loads when it first opens, not at start
    from PySide6.QtWidgets import QMessageBox

    from widgets.cardless_dialog import CardlessDialog
    from widgets.main_window import MainWindow
    from widgets.settings_dialog import SettingsDialog
    from widgets.token_dialog import TokenDialog


class DialogLaunchers(QObject):
    def __init__(self, win: MainWindow, show: Callable[[Message], None]) -> None:
        super().__init__(win)
        self._win = win
        self._show = show
        self.settings_dialog: SettingsDialog | None = None
        self.token_dialog: TokenDialog | None = None
        self.cardless_dialog: CardlessDialog | None = None
        self.help_box: QMessageBox | None = None
        self.about_box: QMessageBox | None = None

    # --- settings and tokens ---------------------------------------------------------------
    @Slot()
    def clinic_settings(self) -> None:
        win, service = self._win, self._win.settings_service
        if service is None:
            return
        if self.settings_dialog is None:
            from PySide6.QtPrintSupport import QPrinterInfo  # printing loads on first use

            from widgets.settings_dialog import SettingsDialog

            dialog = SettingsDialog(
                win.settings, list(win.readers), QPrinterInfo.availablePrinterNames(),
                win.settings_file, win,
            )  # fmt: skip
            dialog.save_requested.connect(service.save)
            service.saved.connect(dialog.show_saved)
            service.save_failed.connect(dialog.show_failure)
            dialog.test_store_requested.connect(service.test_shared_store)
            service.store_tested.connect(dialog.show_store_test)
            dialog.finished.connect(self._on_settings_dialog_finished)
            self.settings_dialog = dialog
        self.settings_dialog.open()

    @Slot(int)
    def _on_settings_dialog_finished(self, _result: int) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.deleteLater()
        self.settings_dialog = None

    def open_clinic_settings_soon(self) -> None:
        QTimer.singleShot(0, self.clinic_settings)

    @Slot()
    def token_settings(self) -> None:
        win, tokens = self._win, self._win.tokens
        if tokens is None:
            return
        session = win.staff.session
        if not session.active:
            self._show(words.TOKENS_NEED_SIGN_IN)
            return
        if self.token_dialog is None:
            from widgets.token_dialog import TokenDialog

            self.token_dialog = TokenDialog(tokens, session.member, win)
            self.token_dialog.finished.connect(self._on_token_dialog_finished)
        self.token_dialog.open()

    @Slot(int)
    def _on_token_dialog_finished(self, _result: int) -> None:
        if self.token_dialog is not None:
            self.token_dialog.deleteLater()
        self.token_dialog = None

    # --- the typed ID -----------------------------------------------------------------------
    @Slot()
    def cardless(self) -> None:
        from widgets.cardless_dialog import CardlessDialog

        dialog = CardlessDialog(self._win)
        dialog.cid_entered.connect(self._win.desk.type_cid)
        dialog.finished.connect(dialog.deleteLater)
        self.cardless_dialog = dialog
        dialog.open()

    # --- reports ------------------------------------------------------------------------------
    @Slot()
    def verify_day(self) -> None:
        reports = self._win.reports()
        if reports is None:
            return
        from widgets.verify_day_dialog import VerifyDayDialog

        dialog = VerifyDayDialog(reports.verify, None, self._win)
        dialog.verified.connect(self._win.reload_day_list)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot()
    def export(self) -> None:
        reports = self._win.reports()
        if reports is None:
            return
        from widgets.export_dialog import ExportDialog

        dialog = ExportDialog(reports.export, parent=self._win)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot()
    def reconcile(self) -> None:
        reports = self._win.reports()
        if reports is None:
            return
        from widgets.reconcile_dialog import ReconcileDialog

        dialog = ReconcileDialog(reports.reconcile, parent=self._win)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # --- help -----------------------------------------------------------------------------------
    @Slot()
    def shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self._win)
        box.setWindowTitle("ปุ่มลัด — Keyboard shortcuts")
        box.setFont(ui_font(12))
        box.setText(shortcut_table(self._win.shortcut_lines()))  # the UI font, not <pre>'s
        box.open()
        self.help_box = box

    @Slot()
    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self._win)
        box.setWindowTitle("เกี่ยวกับ Authen Desk — About")
        box.setFont(ui_font(12))
        box.setText(self._win.about_text())
        box.open()
        self.about_box = box
