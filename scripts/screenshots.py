"""Screenshots of the desk's main states at the clinic screen sizes, for a person to look at.

Each screen size and scale runs in its own process (QT_SCALE_FACTOR must be set before Qt
starts), offscreen, on the demo's simulated reader and agent, in a throw-away home folder:

    python3 -m uv run python scripts/screenshots.py [--out screenshots/desk]

Writes <out>/<width>x<height>@<scale>-<state>.png: the window as a screen of that many
physical pixels shows it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCREENS = [(1366, 768), (1024, 600)]
SCALES = ["1", "1.25"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots" / "desk")
    parser.add_argument("--child", nargs=3, metavar=("WIDTH", "HEIGHT", "SCALE"))
    args = parser.parse_args()
    if args.child:
        width, height, scale = args.child
        return _shoot(args.out, int(width), int(height), float(scale))
    args.out.mkdir(parents=True, exist_ok=True)
    for width, height in SCREENS:
        for scale in SCALES:
            with tempfile.TemporaryDirectory() as home:
                env = {
                    **os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale,
                    "AUTHEN_DESK_HOME": home,
                }  # fmt: skip
                child = [sys.executable, __file__, "--out", str(args.out), "--child",
                         str(width), str(height), scale]  # fmt: skip
                subprocess.run(child, env=env, cwd=ROOT, check=True)
    print(f"screenshots in {args.out}")
    return 0


def _shoot(out: Path, width: int, height: int, scale: float) -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from app.demo.reader import DemoReader
    from app.qt.composition import build_desk
    from app.settings.model import Settings
    from widgets.style import ui_font

    app = QApplication(sys.argv)
    app.setFont(ui_font())
    demo = DemoReader(apdu_delay=0)
    settings = Settings(hcode="12345", hospital_name="คลินิกเวชกรรมบ้านสุขใจ (สาขาตลาดใหม่)")
    desk = build_desk(demo=demo, settings=settings, demo_staff=True)
    win = desk.window
    # The window as the screen shows it: `width` x `height` physical pixels at `scale`.
    win.resize(round(width / scale), round(height / scale))
    win.show()
    desk.start()
    prefix = f"{width}x{height}@{scale:g}"

    def wait(done: Callable[[], bool], timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            app.processEvents()
            if time.monotonic() > deadline:
                raise SystemExit(f"{prefix}: timed out")
            time.sleep(0.01)
        for _ in range(20):
            app.processEvents()

    def shot(name: str, widget: QWidget | None = None) -> None:
        for _ in range(10):
            app.processEvents()
        (widget or win).grab().save(str(out / f"{prefix}-{name}.png"))

    panel = win.authen_panel
    wait(lambda: bool(win._readers))
    shot("01-waiting")
    demo.insert("somchai")
    wait(lambda: panel.confirm_button.isVisible())
    shot("02-rights")
    panel.confirm_button.click()
    wait(lambda: panel.code.isVisible())
    shot("03-code")
    demo.remove()
    wait(lambda: not panel.code.isVisible())
    demo.insert("krit")  # the longest address on a card
    wait(lambda: panel.confirm_button.isVisible())
    shot("04-long-address")
    panel.mobile.setText("08123")
    panel.confirm_button.click()
    wait(lambda: panel.error.isVisible())
    shot("05-bad-mobile")
    # Issue 20.9: today's code at another hospital is said with the rights, before Enter.
    demo.remove()
    wait(lambda: not panel.error.isVisible())
    demo.insert("malee")
    wait(lambda: panel.held_warning.isVisible())
    shot("06a-other-hospital-before-enter")
    panel.confirm_button.click()
    wait(lambda: panel.error.isVisible())
    shot("06-other-hospital")
    demo.remove()
    demo.insert("bank-card")
    wait(lambda: win.banner.isVisible())
    shot("07-not-an-id-card")
    demo.remove()
    wait(lambda: not win.banner.isVisible())
    # Issue 20.2: another claim type by keyboard (Alt+1, a digit): the row is in view.
    demo.insert("krit")
    wait(lambda: panel.confirm_button.isVisible())
    win.activateWindow()
    panel.focus_claim_list()
    QTest.keyClick(QApplication.focusWidget() or win, Qt.Key.Key_2)
    wait(lambda: win.desk_state.claim_type == "PG0180001")
    shot("10-claim-type-by-keyboard")
    QTest.keyClick(QApplication.focusWidget() or win, Qt.Key.Key_Return)
    wait(lambda: panel.code.isVisible())
    demo.remove()
    wait(lambda: not panel.code.isVisible())
    # Issue 20.6: five last codes; the patient's rows stay, the strip gives way.
    for persona in ("somchai", "boonmee", "somchai", "krit"):
        demo.insert(persona)
        wait(lambda: panel.confirm_button.isVisible())
        if not panel.mobile.text():
            panel.mobile.setText("0812345678")
        panel.confirm_button.click()
        wait(lambda: panel.code.isVisible())
        demo.remove()
        wait(lambda: not panel.code.isVisible())
    demo.insert("krit")
    wait(lambda: panel.confirm_button.isVisible())
    shot("11-five-codes-and-the-patient")
    demo.remove()
    wait(lambda: not panel.confirm_button.isVisible())
    # Issue 20.8: the agent is down (the demo bar's toggle).
    assert win.demo_panel is not None
    win.demo_panel.agent_down_button.click()
    wait(lambda: win.desk_state.agent_down)
    shot("12-agent-down")
    demo.insert("somchai")
    wait(lambda: panel.error.isVisible() and win.desk_state.stage.name == "FAILED")
    shot("13-agent-down-with-a-card")
    demo.remove()
    win.demo_panel.agent_down_button.click()
    wait(lambda: not win.desk_state.agent_down)
    # Issue 20.1: the no-card path (F8), in the demo to its end.
    win.dialogs.cardless()
    cardless = win.cardless_dialog
    assert cardless is not None
    wait(cardless.isVisible)
    cardless.field.setText("3-5001-00456-78-2")
    shot("14-no-card-dialog", cardless)
    cardless.ok_button.click()
    wait(lambda: win.banner.isVisible() and "1330" in win.error_banner.text())
    shot("15-no-card-result")
    # Issue 20.3: the message is on the page in front (day list: retry without the card).
    win.toggle_day_list()
    reports = win.reports()
    assert reports is not None
    wait(lambda: reports.day_model.rowCount() > 0)
    failed = next(
        row for row in range(reports.day_model.rowCount())
        if (visit := reports.day_model.visit_at(row)) is not None and visit.status == "failed"
    )  # fmt: skip
    reports.day_list.table.selectRow(failed)
    reports.day_list.retry()
    wait(lambda: win.banner.isVisible() and "เสียบบัตรของ" in win.error_banner.text())
    shot("16-day-list-message-in-front")
    win.close_banner()
    win.toggle_day_list()
    desk.staff.session.idle_seconds = 0
    desk.staff.lock_if_idle()
    wait(lambda: win.lock_view.isVisible())
    shot("08-locked")
    win._on_sign_in_requested()  # F2 without the staff card: said on the lock screen
    wait(lambda: win.banner.isVisible())
    shot("17-locked-f2-without-a-card")
    win.close_banner()  # said; the shots after it are of other things
    desk.staff.sign_out()
    wait(lambda: not win.lock_view.isVisible())
    win._on_clinic_settings_requested()
    dialog = win.settings_dialog
    assert dialog is not None
    wait(dialog.isVisible)
    shot("09-settings", dialog)
    dialog.reject()
    _shoot_reports_tokens_printing(app, desk, shot, wait)
    desk.shutdown()
    return 0


def _shoot_reports_tokens_printing(
    app: Any, desk: Any, shot: Callable[..., None], wait: Callable[..., None]
) -> None:
    """Issue 20 (4, 5, 7, 10, 11): the day list by keyboard, the report dialogs in พ.ศ.,
    reconcile with names and counts, the token dialog's error, Ctrl+P with no printer."""

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from app import clock
    from app.demo.reader import DEMO_STAFF
    from tests.support.nhso_export import NhsoCode, write_nhso_export
    from widgets.export_dialog import ExportDialog
    from widgets.reconcile_dialog import ReconcileDialog
    from widgets.token_dialog import TokenDialog
    from widgets.verify_day_dialog import VerifyDayDialog

    win = desk.window
    desk.staff.session.sign_in(DEMO_STAFF)
    desk.staff.session_changed.emit()
    wait(lambda: not win.desk_state.locked)
    reports = win.reports()
    win.toggle_day_list()
    wait(lambda: reports.day_model.rowCount() > 0)
    view = reports.day_list
    for char in "สม":
        view.search.insert(char)
    wait(lambda: view.model.rowCount() > 0 and view.selected_visit() is not None, 5)
    QTest.keyClick(view.search, Qt.Key.Key_Down)
    visit = view.selected_visit()
    if visit is not None and visit.claim_code:
        view.retry()  # a row with a code: the note says why not
    else:
        view.copy_code()  # a row without: the note says why not
    shot("20-day-list-keyboard")
    export = ExportDialog(reports.export, parent=win)
    export.show()
    shot("21-export", export)
    export.close()
    verify = VerifyDayDialog(reports.verify, None, win)
    verify.show()
    shot("22-verify-day", verify)
    verify.close()
    now = clock.now().replace(microsecond=0, tzinfo=None)
    codes = [
        NhsoCode("3101700999991", "PP9990000001", now, hcode="12345", name="นางใหม่ มาเอง"),
        NhsoCode("3101700999992", "PP9990000002", now, hcode="12345",
                 name="นายชื่อยาวมาก นามสกุลยาวมากกว่าคอลัมน์"),
    ]  # fmt: skip
    nhso = write_nhso_export(Path(os.environ["AUTHEN_DESK_HOME"]) / "nhso.xlsx", codes)
    reconcile = ReconcileDialog(reports.reconcile, parent=win)
    reconcile.show()
    done: list[object] = []
    reports.reconcile.reconciled.connect(done.append)
    reconcile.open_file(nhso)
    wait(lambda: bool(done), 20)
    shot("23-reconcile", reconcile)
    reconcile.close()
    tokens = TokenDialog(desk.tokens, DEMO_STAFF, win)
    tokens.show()
    wait(lambda: tokens.save_button.isEnabled())
    tokens.rows[next(iter(tokens.rows))].field.setText("not-a-token")
    tokens.save()
    shot("24-token-error", tokens)
    tokens.close()
    win.toggle_day_list()
    desk.demo.insert("somchai")
    wait(lambda: win.authen_panel.confirm_button.isVisible())
    win.authen_panel.confirm_button.click()
    wait(lambda: win.code_on_screen() is not None)
    win._print(win.code_on_screen())  # no printer in a screenshot run: said on screen
    shot("25-print-no-printer")
    desk.demo.remove()


if __name__ == "__main__":
    raise SystemExit(main())
