"""Printing the slip (issue 20.5): one key prints it at its own 80 mm size, no preview;
the print dialog only when the settings ask; "print to file" keeps the slip's page; no
printer is said in Thai with what to do; the PDF is offered in the user's Documents."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.authen.slip import Slip
from tests.gui.conftest import DeskDriver
from widgets import slip_print
from widgets.claim_slip import slip_area, slip_printer

SLIP = Slip("คลินิกทดสอบ", "12345", "นายสมชาย ใจดี", "1-xxxx-xxxx0-01-2", "PG0060001",
            "บริการทั่วไป", "PP1000000001", "22 พฤศจิกายน 2569 09:30", "นางสาวสุดา ใจงาม")  # fmt: skip


def _page_mm(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Page size:"))
    width_pt, height_pt = (float(v) for v in line.split(":")[1].split("pts")[0].split(" x "))
    return round(width_pt / 72 * 25.4), round(height_pt / 72 * 25.4)


def test_prints_at_once_on_the_slips_own_page(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    printed = slip_print.print_slip(None, SLIP, None, printer=slip_printer(str(out)))
    assert printed is not None and printed.ok and "PP1000000001" in printed.message.th
    assert _page_mm(out) == (80, 120)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "PP1000000001" in text and "คลินิกทดสอบ" in text


def test_print_to_file_in_the_dialog_is_not_letter_blown_up(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "to-file.pdf"

    def dialog_chose_print_to_file(printer: QPrinter, parent: object) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # what Qt's dialog does…
        printer.setOutputFileName(str(out))
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))  # …with its own paper
        return True

    monkeypatch.setattr(slip_print, "ask_with_dialog", dialog_chose_print_to_file)
    printed = slip_print.print_slip(None, SLIP, None, show_dialog=True, printer=QPrinter())
    assert printed is not None and printed.ok
    assert _page_mm(out) == (80, 120)
    monkeypatch.setattr(slip_print, "ask_with_dialog", lambda printer, parent: False)
    assert slip_print.print_slip(None, SLIP, None, True, QPrinter()) is None  # cancelled


def test_on_a_bigger_page_the_slip_keeps_its_width(qtbot: QtBot, tmp_path: Path) -> None:
    printer = slip_printer(str(tmp_path / "a4.pdf"))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    area = slip_area(printer)
    assert round(area.width() / printer.resolution() * 25.4) == 72  # 80 mm less margins


def test_a_missing_printer_is_said_with_what_to_do(qtbot: QtBot) -> None:
    printed = slip_print.print_slip(None, SLIP, "เครื่องพิมพ์ที่ไม่มีอยู่")
    assert printed is not None and not printed.ok
    assert "เครื่องพิมพ์ที่ไม่มีอยู่" in printed.message.th and "Ctrl+S" in printed.message.th


def test_the_pdf_is_offered_in_documents_and_kept_private(qtbot: QtBot, tmp_path: Path) -> None:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert slip_print.default_pdf_path("PP1") == str(Path(documents) / "PP1.pdf")
    out = tmp_path / "slip.pdf"
    saved = slip_print.save_slip_pdf(str(out), SLIP)
    assert saved.ok and out.stat().st_mode & 0o777 == 0o600
    refused = slip_print.save_slip_pdf(str(tmp_path / "no-such-folder" / "x.pdf"), SLIP)
    assert not refused.ok and "no-such-folder" in refused.message.th


def test_ctrl_p_opens_no_preview_and_says_what_happened(desk: DeskDriver) -> None:
    """The old Ctrl+P opened Qt's English preview with a mouse-only toolbar."""
    desk.insert("somchai")
    desk.enter()
    desk.activate()
    desk.qtbot.keyClick(desk.win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    desk.qtbot.wait(100)
    assert not any(isinstance(w, QPrintPreviewDialog) for w in QApplication.topLevelWidgets())
    said = desk.win.statusBar().currentMessage() + desk.win.error_banner.text()
    assert "PP" in said or "เครื่องพิมพ์" in said  # printed, or why not (no printer here)
