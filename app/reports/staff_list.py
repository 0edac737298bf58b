"""The staff list NHSO asks for with a token request (docs/nhso-agent.md §4).

The header row is exactly NHSO's. What the program knows (hospital code and name, each
staff member's name and full CID — the form asks for the full number) is filled in from the
visit log; position, phones and e-mail it cannot know: those cells are left empty, filled
light yellow, and their headers carry a comment saying "fill in", so the header text itself
stays as NHSO wrote it. A second sheet explains the same in words.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from app.reports.common import TEXT_FORMAT, keep_temp_files_private, private_output, row_values

if TYPE_CHECKING:
    from app.authen.visit_log import Visit

HEADERS = [
    "ลำดับ",
    "รหัสหน่วยบริการ",
    "ชื่อหน่วยบริการ",
    "ชื่อ - สกุล",
    "เลขประจำตัวประชาชน",
    "ตำแหน่ง",
    "เบอร์โทรศัพท์ที่ทำงาน",
    "เบอร์มือถือ",
    "อีเมล",
]
TO_FILL = frozenset({"ตำแหน่ง", "เบอร์โทรศัพท์ที่ทำงาน", "เบอร์มือถือ", "อีเมล"})
WIDTHS = [7, 16, 30, 28, 20, 22, 22, 16, 28]
SHEET = "รายชื่อเจ้าหน้าที่"
NOTE_SHEET = "คำแนะนำ"
FILL_ME = PatternFill("solid", fgColor="FFF2CC")  # light yellow: "the user fills this in"
FILL_NOTE = "กรุณากรอกเอง — โปรแกรมไม่มีข้อมูลนี้ / Please fill in: the program does not know this."


def distinct_staff(visits: Iterable[Visit]) -> list[tuple[str, str]]:
    """(name, CID) of everyone who requested a code, by name; the latest name for a CID wins
    (a name can be corrected after a marriage, the CID stays)."""
    names: dict[str, str] = {}
    for visit in visits:
        if visit.staff_cid:
            names[visit.staff_cid] = visit.staff_name or names.get(visit.staff_cid, "")
    return sorted(((name, cid) for cid, name in names.items()), key=lambda s: (s[0], s[1]))


def export_staff_list(visits: Iterable[Visit], out: Path, *, hcode: str, hospital_name: str) -> int:
    """Write the list to `out` (0600: it holds full CIDs); returns how many staff."""
    staff = distinct_staff(visits)
    keep_temp_files_private()
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    ws.append(HEADERS)
    for index, header in enumerate(HEADERS, start=1):
        cell = ws.cell(row=1, column=index)
        cell.font = Font(bold=True)
        ws.column_dimensions[get_column_letter(index)].width = WIDTHS[index - 1]
        if header in TO_FILL:
            cell.comment = Comment(FILL_NOTE, "Authen Desk")
    for number, (name, cid) in enumerate(staff, start=1):
        ws.append(row_values(ws, [number, hcode, hospital_name, name, cid, None, None, None, None]))
        row = ws.max_row
        ws.cell(row=row, column=2).number_format = TEXT_FORMAT  # keep leading zeros
        ws.cell(row=row, column=5).number_format = TEXT_FORMAT
        for index, header in enumerate(HEADERS, start=1):
            if header in TO_FILL:
                ws.cell(row=row, column=index).fill = FILL_ME
    ws.freeze_panes = "A2"
    ws.page_setup.orientation = "landscape"  # printed one page wide, for signing
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    notes = wb.create_sheet(NOTE_SHEET)
    notes.column_dimensions["A"].width = 100
    for line in (
        "ช่องสีเหลืองในแผ่นงาน “รายชื่อเจ้าหน้าที่” โปรแกรมไม่ทราบข้อมูล — กรุณากรอก "
        "ตำแหน่ง เบอร์โทรศัพท์ที่ทำงาน เบอร์มือถือ และอีเมล ให้ครบก่อนส่ง สปสช.",
        "The yellow cells on the staff sheet are unknown to the program: fill in position, "
        "work phone, mobile and e-mail before sending the file to NHSO.",
        "รายชื่อมาจากเจ้าหน้าที่ที่เคยขอรหัสในโปรแกรม / Names come from the staff who "
        "requested codes in Authen Desk.",
        "ไฟล์นี้มีเลขประจำตัวประชาชนเต็ม — เก็บรักษาให้ปลอดภัย / This file holds full "
        "citizen IDs: keep it safe.",
    ):
        notes.append([line])
    with private_output(out) as handle:
        wb.save(handle)
    return len(staff)
