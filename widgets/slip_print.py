"""Printing and saving the claim-code slip: one key prints it at its own 80 mm size on the
desk's slip printer (Clinic settings), with no preview to click through; the printer
dialog only when the settings ask for it ("show the print dialog"). Ctrl+S saves a PDF,
offered in the user's Documents folder.

Painting is widgets/claim_slip.py. Each call answers with a `Message` for the window to
show, or None when the clerk cancelled the dialog.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from app.authen.slip import Slip
from app.message import Message
from app.words import slip as words
from widgets.claim_slip import fit_to_slip, render_to, save_pdf, slip_printer


@dataclass(frozen=True)
class Printed:
    ok: bool
    message: Message


def choose_printer(name: str | None) -> QPrinterInfo | Message:
    """The configured printer, else the system's default; a Message when there is none."""
    if name:
        info = QPrinterInfo.printerInfo(name)
        return words.printer_missing(name) if info.isNull() else info
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        names = QPrinterInfo.availablePrinterNames()
        if not names:
            return words.NO_PRINTER
        info = QPrinterInfo.printerInfo(names[0])
    return info


def ask_with_dialog(printer: QPrinter, parent: QWidget | None) -> bool:
    """The system's print dialog (Windows' own, in the system's language); tests replace
    this. False: the clerk cancelled."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(words.PRINT_DIALOG_TITLE)
    return dialog.exec() == QDialog.DialogCode.Accepted


def print_slip(
    parent: QWidget | None,
    slip: Slip,
    printer_name: str | None,
    show_dialog: bool = False,
    printer: QPrinter | None = None,
) -> Printed | None:
    """Prints at once on the slip printer; with `show_dialog`, the print dialog first.
    `printer`: a printer already set up (a test's PDF file)."""
    if printer is None:
        chosen = choose_printer(printer_name)
        if isinstance(chosen, Message):
            return Printed(False, chosen)
        printer = slip_printer(printer_name=chosen.printerName())
    if show_dialog:
        if not ask_with_dialog(printer, parent):
            return None
        fit_to_slip(printer)  # "print to file" in the dialog resets the page to Letter/A4
    where = printer.printerName() or printer.outputFileName()
    if not render_to(printer, slip):
        return Printed(False, words.print_failed(where))
    return Printed(True, words.printed(slip.claim_code, where))


def default_pdf_path(claim_code: str) -> str:
    """<Documents>/<code>.pdf: the user's Documents, never the program's folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return str(Path(folder or Path.home()) / f"{claim_code}.pdf")


def ask_pdf_path(parent: QWidget | None, claim_code: str) -> str:
    """Where to save, asked with the Documents folder offered; "" when cancelled."""
    path, _ = QFileDialog.getSaveFileName(
        parent, words.PDF_DIALOG_TITLE, default_pdf_path(claim_code), "PDF (*.pdf)"
    )
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


def save_slip_pdf(path: str, slip: Slip) -> Printed:
    """The PDF, readable by this user only (it names a patient)."""
    folder = Path(path).parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        return Printed(False, words.pdf_failed(path, "folder not writable"))
    save_pdf(path, slip)
    if not Path(path).is_file():
        return Printed(False, words.pdf_failed(path, "not written"))
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)  # Windows: keeps it writable; the profile folder is private
    return Printed(True, words.saved_pdf(path))
