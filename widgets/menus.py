"""The window's menus and their shortcuts, in one place: what each key does at the desk.

`Menus` builds the menu bar and keeps every action by its text (`actions_by_name`); the
window forwards each action to a slot of its own or of `DialogLaunchers`. Every action is
also added to the window, so its key works while the menu bar is hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from widgets.style import escape_rich, ui_font

if TYPE_CHECKING:
    from widgets.main_window import MainWindow

MENU_TITLES = {
    "file": "แฟ้ม (&File)",
    "desk": "จุดบริการ (&Desk)",
    "settings": "ตั้งค่า (&Settings)",
    "help": "ช่วยเหลือ (&Help)",
}
REPORTS_TITLE = "รายงาน (&Reports)"
DIGITS_LINE = f"{'1–9':<14} เลือกประเภทการเข้ารับบริการ (เมื่ออยู่ที่รายการ)"
ENTER_LINE = f"{'Enter':<14} ที่รายการประเภท: ยืนยัน (ถ้ายังไม่มีเบอร์มือถือ ไปที่ช่องเบอร์)"
ESC_LINE = f"{'Esc':<14} ปิดข้อความแจ้งเตือนด้านบน"


def shortcut_table(lines: list[str]) -> str:
    """The F1 list as a two-column table in the window's own (Thai) font."""
    rows = []
    for line in lines:
        keys, _, text = line.partition(" ")
        rows.append(f"<tr><td><b>{escape_rich(keys)}</b>&nbsp;&nbsp;&nbsp;</td>"
                    f"<td>{escape_rich(text.strip())}</td></tr>")  # fmt: skip
    return "<table>" + "".join(rows) + "</table>"


class Menus:
    def __init__(self, window: QMainWindow) -> None:
        self._window = window
        bar = window.menuBar()
        bar.setFont(ui_font(12))
        self.menus: dict[str, QMenu] = {key: bar.addMenu(t) for key, t in MENU_TITLES.items()}
        self.actions_by_name: dict[str, QAction] = {}
        self.close_banner: QAction | None = None  # Esc, enabled while a banner shows

    def action(self, menu_title: str, text: str, slot: Callable[[], object], keys: str = "",
               shown_keys: str = "") -> QAction:  # fmt: skip
        """An action in a menu; `keys` is a real shortcut, `shown_keys` only written next
        to it (Enter and the digits belong to the fields and the claim-type list)."""
        menu = self.menus[menu_title]
        action = QAction(f"{text}\t{shown_keys}" if shown_keys else text, self._window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        menu.addAction(action)
        self._window.addAction(action)  # its shortcut works while the menu bar is hidden too
        self.actions_by_name[text] = action
        return action

    def hidden_action(self, keys: str, slot: Callable[[], object]) -> QAction:
        """A key without a menu entry (Esc closes the banner)."""
        action = QAction(self._window)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self._window.addAction(action)
        return action

    def add_reports_menu(self) -> QMenu:
        bar = self._window.menuBar()
        menu = QMenu(REPORTS_TITLE, bar)
        bar.insertMenu(self.menus["settings"].menuAction(), menu)
        self.menus["reports"] = menu
        return menu

    def shortcut_lines(self) -> list[str]:
        lines = []
        for menu in self.menus.values():
            for action in menu.actions():
                if action.isSeparator():
                    continue
                text, _, shown = action.text().partition("\t")
                keys = action.shortcut().toString() or shown
                if keys:
                    lines.append(f"{keys:<14} {text.replace('&', '')}")
        lines += [DIGITS_LINE, ENTER_LINE, ESC_LINE]
        return lines


def build_desk_menus(win: MainWindow) -> Menus:
    """File, Desk, Settings and Help; the Reports menu comes with `attach_reports`."""
    menus = Menus(win)
    a = menus.action
    dialogs = win.dialogs
    a("file", "พิมพ์ใบ Claim Code", win._on_panel_print_requested, "Ctrl+P")
    a("file", "บันทึกใบ Claim Code เป็น PDF", win._on_panel_pdf_requested, "Ctrl+S")
    menus.menus["file"].addSeparator()
    a("file", "ออกจากโปรแกรม", win.close, "Ctrl+Q")
    a("desk", "ยืนยันและขอ Claim Code", win.authen_panel.confirm_button.click,
      shown_keys="Enter")  # fmt: skip
    a("desk", "เลือกประเภทการเข้ารับบริการ", win.authen_panel.focus_claim_list, "Alt+1")
    a("desk", "คัดลอก Claim Code", win._on_copy_requested, "Ctrl+C")
    a("desk", "ตรวจสอบสิทธิอีกครั้ง", win.retry_rights, "F9")
    a("desk", "ไม่มีบัตร / อ่านบัตรไม่ได้: พิมพ์เลขประจำตัว…", dialogs.cardless, "F8")
    menus.menus["desk"].addSeparator()
    a("desk", "ลงชื่อเข้าใช้ด้วยบัตรเจ้าหน้าที่", win._on_sign_in_requested, "F2")
    a("desk", "ออกจากระบบ", win.sign_out, "Ctrl+Shift+Q")
    if win.demo_panel is not None:
        menus.menus["desk"].addSeparator()
        panel = win.demo_panel
        a("desk", "สาธิต: เสียบบัตร", panel.insert_card, "F5")
        a("desk", "สาธิต: ถอดบัตร", panel.remove_card, "F6")
        a("desk", "สาธิต: รีเซ็ตบัตรเจ้าหน้าที่สาธิต", panel.reset_staff_button.click)
        a("desk", "สาธิต: จำลอง Agent ไม่ทำงาน (เปิด/ปิด)", panel.agent_down_button.click)
    a("settings", "ตั้งค่าคลินิก…", dialogs.clinic_settings, "Ctrl+,")
    a("settings", "ตั้งค่า Token สปสช.…", dialogs.token_settings, "Ctrl+T")
    a("help", "ปุ่มลัด", dialogs.shortcuts, "F1")
    a("help", "เกี่ยวกับ Authen Desk", dialogs.about)
    menus.close_banner = menus.hidden_action("Esc", win.close_banner)
    return menus


def add_reports_actions(win: MainWindow, menus: Menus) -> None:
    menus.add_reports_menu()
    a = menus.action
    dialogs = win.dialogs
    a("reports", "รายการผู้รับบริการ", win.toggle_day_list, "F3")
    a("reports", "ตรวจสอบรหัสของวันกับ สปสช.…", dialogs.verify_day, "Ctrl+Shift+V")
    a("reports", "ส่งออก Excel…", dialogs.export, "Ctrl+E")
    a("reports", "เทียบกับรายงานของ สปสช.…", dialogs.reconcile, "Ctrl+Shift+R")
