"""The desk as staff use it: insert the card, Enter, read the claim code."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.authen.slip import slip_for
from app.staff.session import StaffMember
from tests.conftest import skip_unless_ci
from tests.gui.conftest import HCODE
from tests.gui.conftest import DeskDriver as Desk
from widgets.claim_slip import save_pdf

pytestmark = pytest.mark.gui
SHOTS = Path(__file__).parents[2] / "screenshots"


def shot(desk: Desk, name: str) -> None:
    desk.shot(name)


def test_card_in_then_enter_gives_a_claim_code(desk: Desk) -> None:
    desk.insert("somchai")
    panel = desk.win.authen_panel
    assert panel.selected_claim_type == "PG0060001"
    assert panel.mobile.text() == "0812345678"
    # Item 3: the mobile field has focus with the number selected: typing replaces it.
    assert panel.mobile.hasFocus() and panel.mobile.selectedText() == "0812345678"
    shot(desk, "authen-rights.png")
    desk.enter()
    code = panel.code.text()
    assert code.startswith("PP") and len(code) == 12 and panel.code.isVisible()
    shot(desk, "authen-code.png")
    [row] = desk.rows()
    assert (row["status"], row["claim_code"], row["hcode"]) == ("ok", code, HCODE)
    QGuiApplication.clipboard().clear()
    desk.qtbot.keyClick(desk.win, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == code


def test_same_patient_again_today_reuses_the_code(desk: Desk) -> None:
    desk.insert("somchai")
    desk.enter()
    first = desk.win.authen_panel.code.text()
    with desk.qtbot.waitSignal(desk.bridge.card_removed, timeout=5000):
        desk.demo.remove()
    desk.insert("somchai")
    desk.enter()
    panel = desk.win.authen_panel
    assert panel.code.text() == first
    assert "ใช้รหัสเดิม" in panel.reused_note.text() and panel.reused_note.isVisible()
    assert [r["status"] for r in desk.rows()] == ["ok", "reused"]


def test_code_held_by_another_hospital(desk: Desk) -> None:
    desk.insert("malee")
    desk.enter()
    panel = desk.win.authen_panel
    assert panel.error.isVisible() and "10669" in panel.error.text()
    assert not panel.code.isVisible()
    shot(desk, "authen-other-hospital.png")
    [row] = desk.rows()
    assert (row["status"], row["error_kind"]) == ("failed", "other_hospital")


def test_new_patient_types_the_mobile(desk: Desk) -> None:
    desk.insert("wichai")  # no last visit
    panel = desk.win.authen_panel
    assert panel.mobile.text() == "" and panel.mobile.hasFocus()
    desk.qtbot.keyClicks(panel.mobile, "12345")
    desk.activate()
    desk.qtbot.keyClick(panel.mobile, Qt.Key.Key_Return)
    assert "10 หลัก" in panel.error.text()
    assert desk.rows() == []  # refused before anything was sent or logged
    # Item 1: focus goes back to the mobile field, its text selected, so typing replaces it
    # (never to a place where digits could change the claim type).
    assert panel.mobile.hasFocus() and panel.mobile.selectedText() == "12345"
    desk.qtbot.keyClicks(panel.mobile, "0611111111")
    assert panel.selected_claim_type == "PG0060001"
    desk.enter()
    assert panel.code.text().startswith("PP")


def test_agent_down_says_so_and_logs_the_attempt(desk: Desk) -> None:
    desk.insert("krit")
    assert desk.demo.agent is not None
    desk.demo.agent.stop()
    desk.enter()
    panel = desk.win.authen_panel
    assert "Agent" in panel.error.text() and panel.confirm_button.isEnabled()
    shot(desk, "authen-agent-down.png")
    [row] = desk.rows()
    assert (row["status"], row["error_kind"]) == ("failed", "AgentUnavailable")
    assert "ไม่ได้" in desk.win.agent_status.text()  # the light follows at once
    with desk.qtbot.waitSignal(desk.authen.agent_status_changed, timeout=10000):
        desk.authen.ping_agent()
    assert "ไม่ได้" in desk.win.agent_status.text()


def test_a_late_answer_for_a_patient_who_left_is_dropped(desk: Desk) -> None:
    desk.insert("somchai")
    with desk.qtbot.waitSignal(desk.authen.claim_code_received, timeout=10000):
        desk.win.authen_panel.confirm_button.click()
        desk.demo.remove()  # the patient walks away before the answer is shown
    desk.qtbot.waitUntil(lambda: not desk.win.patient.showing_card, timeout=5000)
    assert not desk.win.authen_panel.code.isVisible()
    assert [r["status"] for r in desk.rows()] == ["ok"]  # logged all the same


def test_signed_in_staff_stamps_the_record(desk: Desk) -> None:
    desk.staff.session.sign_in(StaffMember("1709900011220", "นางสาวสุดา ใจงาม"))
    desk.staff.session_changed.emit()
    desk.insert("ploy")
    assert "นางสาวสุดา ใจงาม" in desk.win.authen_panel.staff.text()
    desk.enter()
    [row] = desk.rows()
    assert (row["staff_cid"], row["staff_name"]) == ("1709900011220", "นางสาวสุดา ใจงาม")


def test_slip_pdf_carries_a_qr_code_that_scans(desk: Desk, tmp_path: Path) -> None:
    tools = [shutil.which("pdftoppm"), shutil.which("zbarimg")]
    if None in tools:
        skip_unless_ci(
            "CI needs poppler-utils and zbar-tools (./run-tests installs them)",
            "pdftoppm/zbarimg not installed",
        )
    desk.insert("somchai")
    desk.enter()
    outcome = desk.win.desk_state
    assert outcome is not None and outcome.outcome is not None
    pdf = tmp_path / "slip.pdf"
    save_pdf(str(pdf), slip_for(outcome.outcome.record, "คลินิกทดสอบ"))
    subprocess.run(["pdftoppm", "-png", "-r", "300", str(pdf), str(tmp_path / "slip")], check=True)
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(tmp_path / "slip-1.png")], capture_output=True, text=True
    )
    assert decoded.stdout.strip() == outcome.outcome.claim_code
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert outcome.outcome.claim_code in text and "คลินิกทดสอบ" in text
    subprocess.run(["pdftoppm", "-png", "-r", "110", str(pdf), str(SHOTS / "slip")], check=True)


def test_signing_in_with_the_card_in_the_reader_is_not_a_visit(desk: Desk) -> None:
    """Regression: after sign-in the panel kept the staff card's rights and a live confirm
    button — one Enter from a claim code for the staff member's own card."""
    desk.insert("suda")  # before sign-in the program cannot tell it is a staff card
    assert desk.win.authen_panel.confirm_button.isVisible()
    desk.staff.session.sign_in(StaffMember("1709900011220", "นางสาวสุดา ใจงาม"))
    desk.staff.session_changed.emit()
    panel = desk.win.authen_panel
    assert not panel.confirm_button.isVisible() and not desk.win.patient.showing_card
    assert desk.win.banner.isHidden()  # signed in: a calm note, no red banner (20.11)
    assert "ถอดบัตรเจ้าหน้าที่ออก" in panel.hint.text() and panel.hint.isVisible()
    desk.qtbot.keyClick(desk.win, Qt.Key.Key_Return)
    desk.qtbot.wait(200)
    assert desk.rows() == []


def test_work_after_shutdown_is_dropped(desk: Desk) -> None:
    """Regression: the agent-ping timer could fire after shutdown and raise in a slot."""
    desk.desk.shutdown()
    with desk.qtbot.assertNotEmitted(desk.authen.agent_status_changed, wait=300):
        desk.authen.ping_agent()
