"""The claim-code slip: painted once, onto a printer, a PDF or an image, always at its own
80 mm width (on an A4 or Letter page it stays slip-sized at the top). Printing it — which
printer, the optional dialog — is widgets/slip_print.py."""

from __future__ import annotations

import segno
from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter

from app.authen.slip import Slip
from widgets.style import ui_font

SLIP_WIDTH_MM = 80  # a receipt printer's paper; A4 printers get it at the top of the page
SLIP_HEIGHT_MM = 120


def paint_qr(painter: QPainter, text: str, box: QRectF) -> None:
    """A full (not micro) QR code, which every phone camera reads, with a quiet zone."""
    rows = [list(row) for row in segno.make(text, error="m", micro=False).matrix]
    modules = len(rows) + 8
    cell = min(box.width(), box.height()) / modules
    left = box.left() + (box.width() - cell * modules) / 2 + 4 * cell
    top = box.top() + 4 * cell
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(QRectF(left + x * cell, top + y * cell, cell + 0.3, cell + 0.3))
    painter.restore()


def paint_slip(painter: QPainter, page: QRectF, slip: Slip) -> None:
    """Layout in fractions of the page width, so printer resolution does not matter."""
    w = page.width()
    unit = w / 80  # one "mm" of an 80 mm slip
    x, y = page.left(), page.top()
    painter.setPen(QPen(QColor("black")))

    def text(line: str, points: float, bold: bool = False, gap: float = 1.5) -> None:
        nonlocal y
        painter.setFont(ui_font(points, bold))  # points are device-independent already
        rect = QRectF(x, y, w, page.height())
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        used = painter.boundingRect(rect, flags, line)
        painter.drawText(QRectF(x, y, w, used.height()), flags, line)
        y += used.height() + gap * unit

    text(slip.clinic, 10, bold=True, gap=0.5)
    text(f"รหัสหน่วยบริการ {slip.hcode}", 8)
    text("ใบยืนยันการเข้ารับบริการ (Authen สปสช.)", 9, bold=True)
    text(slip.patient, 11, bold=True, gap=0.5)
    text(f"เลขประจำตัวประชาชน {slip.cid_masked}", 8)
    if slip.hn:
        text(f"HN {slip.hn}", 8)
    text(slip.claim_type_name, 8, gap=0.3)
    text(slip.claim_type, 8)
    text("Claim Code", 8, gap=0.2)
    text(slip.claim_code, 16, bold=True, gap=1)
    qr_size = 34 * unit
    paint_qr(painter, slip.claim_code, QRectF(x + (w - qr_size) / 2, y, qr_size, qr_size))
    y += qr_size + 1.5 * unit
    text(slip.when, 8, gap=0.5)
    text(f"ผู้ให้บริการ: {slip.staff}", 8)


SLIP_MARGIN_MM = 4


def fit_to_slip(printer: QPrinter) -> None:
    """The slip's own page: 80 × 120 mm with 4 mm margins (a dialog's "print to file" or
    a driver may have put Letter or A4 in its place)."""
    size = QPageSize(QSizeF(SLIP_WIDTH_MM, SLIP_HEIGHT_MM), QPageSize.Unit.Millimeter, "Slip")
    printer.setPageSize(size)
    margin = SLIP_MARGIN_MM
    printer.setPageMargins(QMarginsF(margin, margin, margin, margin), QPageLayout.Unit.Millimeter)


def slip_printer(output_pdf: str | None = None, printer_name: str | None = None) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer_name and output_pdf is None:
        printer.setPrinterName(printer_name)  # the desk's slip printer from settings
    fit_to_slip(printer)
    if output_pdf is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(output_pdf)
    return printer


def slip_area(printer: QPrinter) -> QRectF:
    """Where the slip goes on the printer's page: at most 80 mm less the margins wide, so
    a bigger page gets a slip-sized slip, not one blown up to the page."""
    page = printer.pageRect(QPrinter.Unit.DevicePixel)
    widest = (SLIP_WIDTH_MM - 2 * SLIP_MARGIN_MM) / 25.4 * printer.resolution()
    return QRectF(page.left(), page.top(), min(page.width(), widest), page.height())


def render_to(printer: QPrinter, slip: Slip) -> bool:
    """False when the printer could not be opened (gone, off, no permission)."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        paint_slip(painter, slip_area(printer), slip)
    finally:
        painter.end()
    return True


def save_pdf(path: str, slip: Slip) -> None:
    render_to(slip_printer(path), slip)
