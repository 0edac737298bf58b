"""Issue 13, "the front desk, right every time", as a new front-desk user meets it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.authen.slip import slip_for
from app.demo.reader import DemoReader
from app.message import Message
from app.paths import app_paths
from app.qt.composition import WINDOW_STATE_FILE, Desk, build_desk
from app.settings.model import Settings
from cardreader.virtual.persona import shipped_personas
from tests.gui.conftest import DeskDriver
from tests.support.secret_service import MemoryKeyring

pytestmark = pytest.mark.gui


def own_desk(qtbot: QtBot, settings: Settings, **kwargs: object) -> tuple[Desk, DemoReader]:
    """A desk with settings of its own (the shared fixture's allow no sign-in)."""
    demo = DemoReader(apdu_delay=0)
    built = build_desk(
        demo=demo, settings=settings, keyring_backend=MemoryKeyring(),
        **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip
    qtbot.addWidget(built.window)
    built.window.show()
    with qtbot.waitSignal(built.bridge.reader_added, timeout=5000):
        built.start()
    return built, demo


# --- 1. the claim type changes only on purpose ---------------------------------------------
def test_digits_outside_the_claim_list_never_change_the_claim_type(desk: DeskDriver) -> None:
    desk.insert("krit")  # two claim types: general care, and the age-group check-up
    panel = desk.win.authen_panel
    assert desk.win.desk_state.claim_type == "PG0060001"
    desk.activate()
    panel.confirm_button.setFocus()
    desk.qtbot.keyClick(panel.confirm_button, Qt.Key.Key_2)  # where focus lands after an error
    assert desk.win.desk_state.claim_type == "PG0060001"
    panel.hn.setFocus()
    desk.qtbot.keyClicks(panel.hn, "2")
    assert desk.win.desk_state.claim_type == "PG0060001"
    first = panel.claim_list.buttons()[0]
    first.setFocus()
    desk.qtbot.keyClick(first, Qt.Key.Key_2)  # in the list: on purpose
    assert desk.win.desk_state.claim_type == "PG0180001"
    assert panel.selected_claim_type == "PG0180001"
    assert "PG0180001" in panel.selected_claim.text()
    panel.mobile.setFocus()
    desk.enter()
    assert "PG0180001" in panel.code_claim_type.text()
    [row] = desk.rows()
    assert row["claim_type"] == "PG0180001"
    assert (
        "PG0180001" in desk.win.last_codes.row_texts()[0]
        or row["claim_type_name"] in (desk.win.last_codes.row_texts()[0])
    )


# --- 2. an issued code is never lost from view -------------------------------------------------
def test_pulling_the_card_keeps_the_code_in_the_last_codes(desk: DeskDriver) -> None:
    desk.insert("somchai")
    desk.enter()
    code = desk.win.authen_panel.code.text()
    desk.remove()
    assert not desk.win.authen_panel.code.isVisible()
    strip = desk.win.last_codes
    assert strip.isVisible() and code in strip.row_texts()[0]
    QGuiApplication.clipboard().setText("untouched")
    desk.activate()
    desk.qtbot.keyClick(desk.win, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "untouched"  # nobody's code on screen
    assert "ไม่มี Claim Code" in desk.win.statusBar().currentMessage()
    strip.copy_requested.emit(strip.visits[0])
    assert QGuiApplication.clipboard().text() == code
    assert "คัดลอก" in desk.win.statusBar().currentMessage()


# --- 3. the mobile field, and Enter for the claim type picked by mouse ------------------------
def test_a_mouse_pick_then_enter_in_the_mobile_field(desk: DeskDriver) -> None:
    desk.insert("krit")
    panel = desk.win.authen_panel
    assert panel.mobile.hasFocus() and panel.mobile.selectedText() == panel.mobile.text()
    desk.qtbot.keyClicks(panel.mobile, "0899999999")  # replaces the selected number
    assert panel.mobile.text() == "0899999999"
    desk.qtbot.mouseClick(panel.claim_list.buttons()[1], Qt.MouseButton.LeftButton)
    assert "PG0180001" in panel.selected_claim.text()
    panel.mobile.setFocus()
    desk.enter()
    assert desk.rows()[0]["claim_type"] == "PG0180001"


# --- 4. nobody responsible, no code ------------------------------------------------------------
def test_sign_in_required_by_default_and_the_demo_starts_served(qtbot: QtBot) -> None:
    built, demo = own_desk(qtbot, Settings(hcode="12345"))
    try:
        with qtbot.waitSignal(built.authen.rights_checked, timeout=10000):
            demo.insert("somchai")
        panel = built.window.authen_panel
        panel.confirm_button.click()
        assert "F2" in panel.error.text() and not panel.code.isVisible()
        assert "ยังไม่มีผู้ให้บริการ" in panel.staff.text()
    finally:
        built.shutdown()
    served, demo = own_desk(qtbot, Settings(hcode="12345"), demo_staff=True)
    try:
        assert served.staff.session.active  # `authen-desk --demo`: F5 then Enter
        with qtbot.waitSignal(served.authen.rights_checked, timeout=10000):
            demo.insert("somchai")
        with qtbot.waitSignal(served.authen.claim_code_received, timeout=10000):
            served.window.authen_panel.confirm_button.click()
        assert served.window.authen_panel.code.text().startswith("PP")
    finally:
        served.shutdown()


def test_a_desk_without_sign_in_logs_the_os_user(desk: DeskDriver) -> None:
    desk.insert("somchai")
    assert "OS user" in desk.win.staff_bar.label.text()
    desk.enter()
    [row] = desk.rows()
    assert row["staff_cid"] == "" and "OS user" in row["staff_name"]


# --- 5. another hospital holds today's code ---------------------------------------------------
def test_another_hospital_is_named_and_no_retry_is_offered(desk: DeskDriver) -> None:
    desk.insert("malee")
    desk.enter()
    panel = desk.win.authen_panel
    assert "โรงพยาบาลลำปาง" in panel.error.text() and "10669" in panel.error.text()
    assert "ยกเลิก" in panel.error.text()  # what must happen
    assert not panel.confirm_button.isVisible()
    desk.win.authen_panel.confirm_requested.emit("0812345678", "")
    assert len(desk.rows()) == 1  # Enter again logs nothing more
    assert desk.rows()[0]["patient_name"] == "นางมาลี ศรี สุขใจ"  # item 12: middle name kept


# --- 6. banners ---------------------------------------------------------------------------------
def test_banners_can_be_dismissed_and_go_with_the_next_card(desk: DeskDriver) -> None:
    desk.win._show_message(Message("ทดสอบ", "test"))
    assert desk.win.banner.isVisible()
    desk.win.banner_close.click()
    assert not desk.win.banner.isVisible()
    desk.win._show_message(Message("ทดสอบ", "test"))
    desk.insert("somchai")
    assert not desk.win.banner.isVisible()
    assert desk.win.authen_panel.mobile.placeholderText() != "0812345678"  # a hint, no value


# --- 7. the lock screen can always be left -------------------------------------------------------
def test_lock_screen_continue_without_staff_and_the_demo_bar_stays(desk: DeskDriver) -> None:
    from app.staff.session import StaffMember

    session = desk.staff.session
    session.sign_in(StaffMember("1709900011220", "นางสาวสุดา ใจงาม"))
    session.idle_seconds = 0
    desk.staff.lock_if_idle()
    win = desk.win
    assert win.lock_view.isVisible()
    assert win.demo_panel is not None and win.demo_panel.isVisible()
    assert win.lock_view.continue_button.isVisible()  # this desk allows it
    win.lock_view.continue_button.click()
    assert not win.lock_view.isVisible() and not session.locked


# --- 8. the demo staff card can start again -------------------------------------------------------
def test_demo_bar_resets_the_demo_staff_card(desk: DeskDriver) -> None:
    from app.demo.reader import DEMO_STAFF
    from app.staff.pin_store import PinRecord

    demo_store = desk.staff._demo_store  # made at first use, as the PIN rules are
    assert demo_store is not None
    store = demo_store()
    assert app_paths().user_state_dir in store.folder.parents
    store.put(DEMO_STAFF.cid, PinRecord(failures=3))
    assert desk.staff.refusal(DEMO_STAFF.cid) is not None
    assert desk.win.demo_panel is not None
    desk.win.demo_panel.reset_staff_button.click()
    assert desk.staff.refusal(DEMO_STAFF.cid) is None


# --- 9. sizes -------------------------------------------------------------------------------------
def test_window_fits_small_screens_and_remembers_its_place(qtbot: QtBot) -> None:
    built, _demo = own_desk(qtbot, Settings(hcode="12345"))
    win = built.window
    try:
        assert win.minimumWidth() <= 1024 / 1.25 and win.minimumHeight() <= 600 / 1.25
        free = win.screen().availableGeometry()
        assert free.contains(win.frameGeometry().topLeft())
        assert win.width() <= free.width() and win.height() <= free.height()
        win.setGeometry(QRect(5, 10, 790, 500))  # the offscreen screen is 800x600
        win.close()
    finally:
        built.shutdown()
    assert (app_paths().config_dir / WINDOW_STATE_FILE).exists()
    again, _demo = own_desk(qtbot, Settings(hcode="12345"))
    try:
        assert (again.window.width(), again.window.height()) == (790, 500)
    finally:
        again.shutdown()


# --- 11. menus -----------------------------------------------------------------------------------
def test_menus_shortcuts_and_about(desk: DeskDriver) -> None:
    win = desk.win
    assert win.windowTitle().startswith("Authen Desk")
    titles = [a.text() for a in win.menuBar().actions()]
    assert [t.split("(")[1].rstrip(")").replace("&", "") for t in titles] == [
        "File", "Desk", "Reports", "Settings", "Help",
    ]  # fmt: skip
    shortcuts = "\n".join(win.shortcut_lines())
    for keys in ("F2", "F3", "F5", "F6", "Ctrl+C", "Ctrl+P", "Ctrl+T", "Enter", "F1"):
        assert keys in shortcuts
    about = win.about_text()
    from app.version import version

    assert version() in about and "12345" in about and "http://" in about


# --- 12. feedback, the slip --------------------------------------------------------------------
def test_feedback_for_pdf_and_the_hn_on_the_slip(desk: DeskDriver, tmp_path: Path) -> None:
    desk.insert("somchai")
    panel = desk.win.authen_panel
    panel.hn.setText("HN-42")
    panel.mobile.setFocus()
    desk.enter()
    record = desk.win.code_on_screen()
    assert record is not None and slip_for(record, "x").hn == "HN-42"
    pdf = tmp_path / "slip.pdf"
    desk.win.save_slip_pdf(record, str(pdf))
    assert pdf.exists() and str(pdf) in desk.win.statusBar().currentMessage()


# --- 13, 14. settings without a terminal, first run ---------------------------------------------
def test_first_run_opens_settings_which_validate_and_apply(qtbot: QtBot) -> None:
    built = build_desk(
        backend=DemoReader(apdu_delay=0).readers, settings=Settings(),
        keyring_backend=MemoryKeyring(),
    )  # fmt: skip
    win = built.window
    qtbot.addWidget(win)
    win.show()
    try:
        with qtbot.waitSignal(built.bridge.reader_added, timeout=5000):
            built.start()
        qtbot.waitUntil(lambda: win.settings_dialog is not None, timeout=2000)
        assert "รหัสหน่วยบริการ" in win.error_banner.text()
        dialog = win.settings_dialog
        assert dialog is not None
        assert not dialog.save_button.isEnabled()  # no hospital code yet
        dialog.hcode.setText("12a45")
        assert dialog.problems["hcode"].isVisible() and not dialog.save_button.isEnabled()
        dialog.hcode.setText("54321")
        dialog.hospital_name.setText("คลินิกใหม่")
        assert dialog.save_button.isEnabled()
        with qtbot.waitSignal(built.settings_service.saved, timeout=5000):  # type: ignore[union-attr]
            dialog.save_button.click()
        saved = json.loads(app_paths().settings_file.read_text(encoding="utf-8"))
        assert saved["hcode"] == "54321" and built.settings.hcode == "54321"
        assert built.authen._hcode == "54321"  # applied without restarting
        assert "รหัสหน่วยบริการ" not in win.error_banner.text() or not win.banner.isVisible()
    finally:
        built.shutdown()


# --- 16. persona labels --------------------------------------------------------------------------
def test_persona_labels_speak_the_users_words() -> None:
    for persona in shipped_personas():
        for developer_word in ("ATR", "APDU", "GET RESPONSE", "6C", "P2=", "ไบต์", "byte"):
            assert developer_word not in persona.label, persona.label
        assert " — " in persona.label  # who, then what case


# --- task 2: wiring ------------------------------------------------------------------------------
def test_mobile_source_and_escaped_agent_text(desk: DeskDriver) -> None:
    desk.insert("somchai")
    panel = desk.win.authen_panel
    assert "สาธิต" in panel.mobile_source.text() or "demo" in panel.mobile_source.text()
    assert "<b>" not in panel.rights.text().replace("<b>สิทธิ", "").replace(
        "<b>หน่วยบริการ", ""
    )  # only our own markup


def test_a_damaged_visit_log_at_start_is_said_not_crashed(qtbot: QtBot) -> None:
    log = app_paths().visit_log(demo=True)
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_bytes(b"this is not a database" * 100)
    built, _demo = own_desk(qtbot, Settings(hcode="12345"))
    try:
        qtbot.waitUntil(lambda: built.window.banner.isVisible(), timeout=5000)
        assert "เสียหาย" in built.window.error_banner.text()
    finally:
        built.shutdown()


# --- 15. the cardless path ------------------------------------------------------------------------
def persona_cid(persona_id: str) -> str:
    return next(p.cid for p in shipped_personas() if p.id == persona_id)


def test_a_typed_id_is_checked_then_looked_up(desk: DeskDriver) -> None:
    """Issue 20.1: the demo simulates NHSO's status service too, so the path finishes: the
    visit is logged as cardless with the name NHSO gave, shown in Thai in the day list."""
    desk.win._on_cardless_requested()
    dialog = desk.win.cardless_dialog
    assert dialog is not None
    dialog.field.setText("1-1017-00123-45-7")  # a wrong check digit
    assert not dialog.ok_button.isEnabled() and dialog.problem.text()
    cid = persona_cid("somchai")
    dialog.field.setText(cid)
    assert dialog.ok_button.isEnabled()
    assert desk.desk.controller.cardless is not None
    with desk.qtbot.waitSignal(desk.desk.controller.cardless.looked_up, timeout=5000):
        dialog.ok_button.click()
    banner = desk.win.error_banner.text()
    assert "ติดต่อ สปสช. ไม่ได้" not in banner and "1330" in banner
    [row] = desk.rows()
    assert row["status"] == "cardless" and row["pid"] == cid
    assert row["patient_name"].startswith("สมชาย")
    desk.win.toggle_day_list()
    reports = desk.win.reports()
    assert reports is not None
    desk.qtbot.waitUntil(lambda: reports.day_model.rowCount() == 1, timeout=5000)
    texts = [
        str(reports.day_model.index(0, c).data()) for c in range(reports.day_model.columnCount())
    ]
    assert "ไม่มีบัตร ยังไม่มีรหัส" in texts and "cardless" not in texts
    assert any(t.startswith("สมชาย") for t in texts)


def test_a_typed_id_with_todays_code_records_it(desk: DeskDriver) -> None:
    desk.insert("somchai")
    desk.enter()
    code = desk.win.authen_panel.code.text()
    desk.remove()
    desk.win._on_cardless_requested()
    dialog = desk.win.cardless_dialog
    assert dialog is not None and desk.desk.controller.cardless is not None
    dialog.field.setText(persona_cid("somchai"))
    with desk.qtbot.waitSignal(desk.desk.controller.cardless.looked_up, timeout=5000):
        dialog.ok_button.click()
    assert code in desk.win.error_banner.text()
    assert code in desk.win.last_codes.row_texts()[0]


@pytest.mark.parametrize("size", [(1366, 768), (1024, 600), (1093, 614), (819, 480)])
def test_the_typed_id_explanation_is_whole_at_every_size(
    desk: DeskDriver, size: tuple[int, int]
) -> None:
    desk.win.resize(*size)
    desk.win._on_cardless_requested()
    dialog = desk.win.cardless_dialog
    assert dialog is not None
    desk.qtbot.waitUntil(dialog.isVisible, timeout=2000)
    explain = dialog.explain
    assert explain.height() >= explain.heightForWidth(explain.width())
    assert dialog.height() >= dialog.layout().totalHeightForWidth(dialog.width())  # type: ignore[union-attr]
    dialog.reject()


# --- issue 20: the desk, second pass ------------------------------------------------------------
def focus(desk: DeskDriver) -> object:
    return QGuiApplication.focusObject()


def test_choosing_another_claim_type_by_keyboard(desk: DeskDriver) -> None:  # 20.2
    desk.insert("somchai")
    desk.enter()  # a code in the last-codes strip: Tab must never go there
    desk.remove()
    desk.win.resize(819, 480)  # a 1024x600 screen at 125 %
    desk.insert("krit")  # two claim types
    panel, win = desk.win.authen_panel, desk.win
    panel.mobile.clear()
    desk.activate()
    desk.qtbot.keyClick(win, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert panel.claim_list.isAncestorOf(QGuiApplication.focusObject())  # type: ignore[arg-type]
    desk.qtbot.keyClick(QGuiApplication.focusObject(), Qt.Key.Key_2)
    assert win.desk_state.claim_type == "PG0180001"
    row = panel.claim_list.row_of("PG0180001")
    assert row is not None and not row.visibleRegion().isEmpty()  # scrolled into view
    # Enter with no mobile number: to the mobile field, nothing sent.
    desk.qtbot.keyClick(QGuiApplication.focusObject(), Qt.Key.Key_Return)
    assert QGuiApplication.focusObject() is panel.mobile
    assert win.desk_state.stage.name == "RIGHTS_CHECKED"
    desk.qtbot.keyClicks(panel.mobile, "0812345678")
    # Tab goes round the form: mobile → HN → confirm → the claim list → mobile.
    seen = []
    for _ in range(4):
        desk.qtbot.keyClick(QGuiApplication.focusObject(), Qt.Key.Key_Tab)
        seen.append(QGuiApplication.focusObject())
    assert seen[:2] == [panel.hn, panel.confirm_button]
    assert panel.claim_list.isAncestorOf(seen[2]) and seen[3] is panel.mobile  # type: ignore[arg-type]
    desk.qtbot.keyClick(panel.mobile, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert panel.claim_list.isAncestorOf(QGuiApplication.focusObject())  # type: ignore[arg-type]
    assert not win.last_codes.isAncestorOf(QGuiApplication.focusObject())  # type: ignore[arg-type]
    # Enter on the list confirms the claim type chosen there.
    with desk.qtbot.waitSignal(desk.authen.claim_code_received, timeout=10000):
        desk.qtbot.keyClick(QGuiApplication.focusObject(), Qt.Key.Key_Return)
    assert "PG0180001" in panel.code_claim_type.text()


def test_messages_show_on_the_page_in_front_and_esc_closes_them(desk: DeskDriver) -> None:  # 20.3
    from app.staff.session import StaffMember

    win, demo_panel = desk.win, desk.win.demo_panel
    assert demo_panel is not None
    demo_panel.agent_down_button.click()  # a failed visit to retry later
    desk.qtbot.waitUntil(lambda: win.desk_state.agent_down, timeout=5000)
    desk.insert("somchai")
    desk.qtbot.waitUntil(lambda: win.authen_panel.error.isVisible(), timeout=10000)
    desk.remove()
    demo_panel.agent_down_button.click()
    desk.qtbot.waitUntil(lambda: not win.desk_state.agent_down, timeout=5000)
    # Ctrl+R in the day list without the patient's card: said above the day list.
    win.toggle_day_list()
    reports = win.reports()
    assert reports is not None
    desk.qtbot.waitUntil(lambda: reports.day_model.rowCount() == 1, timeout=5000)
    reports.day_list.table.selectRow(0)
    desk.activate()
    reports.day_list.table.setFocus()
    desk.qtbot.keyClick(reports.day_list.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert win.day_list_shown and win.banner.isVisible()
    assert "เสียบบัตรของ นายสมชาย" in win.error_banner.text()  # the card's name was logged
    desk.qtbot.keyClick(reports.day_list.table, Qt.Key.Key_Escape)
    assert not win.banner.isVisible()
    win.toggle_day_list()
    # F2 on the lock screen without the staff card: said on the lock screen.
    session = desk.staff.session
    session.sign_in(StaffMember("1709900011220", "นางสาวสุดา ใจงาม"))
    session.idle_seconds = 0
    desk.staff.lock_if_idle()
    assert win.lock_view.isVisible()
    desk.activate()
    desk.qtbot.keyClick(win, Qt.Key.Key_F2)
    assert win.banner.isVisible() and "F2" in win.error_banner.text()
    assert win.banner.isVisibleTo(win) and win.lock_view.isVisible()
    desk.qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert not win.banner.isVisible()
    assert any(line.startswith("Esc") for line in win.shortcut_lines())


@pytest.mark.parametrize("size", [(1366, 768), (1024, 600), (1093, 614), (819, 480)])
def test_the_last_codes_never_hide_the_patient(
    desk: DeskDriver, size: tuple[int, int]
) -> None:  # 20.6
    win = desk.win
    win.resize(*size)

    def patient_scroll(persona: str) -> int:
        desk.insert(persona)
        desk.qtbot.waitUntil(lambda: win.patient.showing_card, timeout=5000)
        desk.qtbot.wait(50)
        return win.patient.details_scroll_max

    alone = {}
    for persona in ("somchai", "krit"):
        alone[persona] = patient_scroll(persona)
        desk.remove()
    for persona in ("somchai", "boonmee", "somchai", "krit", "somchai"):
        desk.insert(persona)
        if win.authen_panel.mobile.text() == "":
            win.authen_panel.mobile.setText("0812345678")
        desk.enter()
        desk.remove()
    assert len(win.desk_state.last_codes) == 5
    for persona, scroll in alone.items():  # the strip takes no row from the patient
        assert patient_scroll(persona) == scroll, persona
        strip = win.last_codes
        assert strip.isVisible() != strip.header_button.isVisible()  # in view, one way
        if strip.isVisible() and strip.rows_shown < 5:
            assert strip.more_button.isVisible()  # the others one click away
        desk.remove()
    if size[1] >= 600:  # a usual card's rows all show at 1366x768 and 1024x600
        assert alone["somchai"] == 0
    if size == (819, 480):  # no room: the strip waits in the status bar, one click away
        desk.insert("krit")
        desk.qtbot.waitUntil(lambda: win.last_codes.header_button.isVisible(), timeout=5000)
        win.last_codes.header_button.click()
        assert win.last_codes.isVisible() and win.last_codes.rows_shown == 5
        win.last_codes.more_button.click()  # "ย่อ": back out of the patient's way
        assert not win.last_codes.isVisible() and win.last_codes.header_button.isVisible()


def test_agent_down_is_said_in_the_patient_area_and_the_demo_simulates_it(
    desk: DeskDriver,
) -> None:  # 20.8
    win = desk.win
    assert win.demo_panel is not None
    with desk.qtbot.waitSignal(desk.authen.agent_status_changed, timeout=5000):
        win.demo_panel.agent_down_button.click()
    panel = win.authen_panel
    desk.qtbot.waitUntil(panel.error.isVisible, timeout=5000)
    assert "Agent" in panel.error.text() and "F9" in panel.error.text()
    assert not panel.hint.isVisible()  # not "insert the card, rights checked at once"
    assert "ไม่ได้" in win.agent_status.text()
    desk.insert("somchai")
    desk.qtbot.waitUntil(lambda: win.desk_state.stage.name == "FAILED", timeout=10000)
    assert "F9" in panel.error.text()
    with desk.qtbot.waitSignal(desk.authen.agent_status_changed, timeout=5000):
        win.demo_panel.agent_down_button.click()
    with desk.qtbot.waitSignal(desk.authen.rights_checked, timeout=10000):
        desk.activate()
        desk.qtbot.keyClick(win, Qt.Key.Key_F9)
    assert win.authen_panel.confirm_button.isVisible() and not win.desk_state.agent_down


def test_todays_code_at_another_hospital_is_shown_before_enter(desk: DeskDriver) -> None:  # 20.9
    desk.insert("malee")
    panel = desk.win.authen_panel
    assert panel.held_warning.isVisible()
    text = panel.held_warning.text()
    assert "วันนี้" in text and "แล้ว" in text
    desk.remove()
    desk.insert("somchai")
    assert not panel.held_warning.isVisible()


def test_the_demo_never_sends_a_typed_id_to_nhso_itself(qtbot: QtBot) -> None:  # 20.1
    """Before its simulated agent is up, the demo's no-card look-up fails here; it never
    falls back to NHSO's real host with the demo's stand-in token."""
    from app.nhso.errors import StatusUnreachable

    built = build_desk(demo=DemoReader(apdu_delay=0), settings=Settings(hcode="12345"),
                       keyring_backend=MemoryKeyring())  # fmt: skip
    qtbot.addWidget(built.window)
    try:
        cardless = built.controller.cardless
        assert cardless is not None and cardless.base_url is None  # not started
        with qtbot.waitSignal(cardless.looked_up, timeout=5000) as blocker:
            cardless.look_up(persona_cid("somchai"), None)
        error = blocker.args[0].error
        assert isinstance(error, StatusUnreachable) and "demo" in str(error)  # not a request
    finally:
        built.shutdown()
