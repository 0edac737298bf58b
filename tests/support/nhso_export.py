"""Files in the layout of NHSO's "รายงานการขอ Authen code" export, for tests.

Layout from docs/nhso-agent.md §4: columns A-X, Buddhist-era `dd/MM/yyyy HH:mm:ss`
dates, channel AUTHENCODE (PP codes) or ENDPOINT (EP codes). Every person here is made up:
CIDs start with 1-9999 and carry a valid check digit, names are invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from cardreader.cid import cid_check_digit

NHSO_HEADERS = [
    "รหัสหน่วย", "ชื่อหน่วย", "เลขบัตร", "ชื่อ-สกุล", "วันเกิด (ปีเดือนวัน)", "เบอร์โทร",
    "สิทธิหลัก", "สิทธิย่อย", "รหัสการเข้ารับบริการ", "CLAIM CODE", "ประเภทการเข้ารับบริการ",
    "รหัสบริการ", "บริการ", "HN CODE", "AN CODE", "วันที่เข้ารับบริการ",
    "วันที่บันทึก Authen Code", "สถานะใช้งาน", "ช่องทางการขอ Authen Code",
    "วิธีการพิสูจน์ตัวตน", "ผู้จับของการเข้ารับบริการ", "วันที่แก้ไข Authen Code",
    "ชื่อผู้ที่แก้ใข Authen Code", "หมายเหตุการยกเลิก",
]  # fmt: skip
OUR_HCODE = "12345"
OTHER_HCODE = "10669"
CLAIM_TYPE_NAMES = {
    "PG0060001": "เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)",
    "PG0130001": "บริการฟอกเลือดด้วยเครื่องไตเทียม (HD)",
}
FIRST_NAMES = ["สมมติ", "ทดลอง", "ตัวอย่าง", "สาธิต", "จำลอง"]


def made_up_cid(number: int) -> str:
    """A CID that passes the check digit but belongs to nobody (prefix 1-9999)."""
    first12 = f"19999{number:07d}"
    return first12 + str(cid_check_digit(first12))


def pp_code(number: int) -> str:
    return f"PP{number:010d}"


def ep_code(number: int) -> str:
    return f"EP{number:010d}"


def be_text(value: dt.datetime) -> str:
    """NHSO's own spelling: 30/11/2569 09:05:00."""
    return f"{value.day:02d}/{value.month:02d}/{value.year + 543} {value:%H:%M:%S}"


@dataclass(frozen=True)
class NhsoCode:
    pid: str
    claim_code: str
    service_at: dt.datetime
    hcode: str = OUR_HCODE
    claim_type: str = "PG0060001"
    channel: str = ""  # "" -> from the code: EP... is ENDPOINT, else AUTHENCODE
    name: str = "นายสมมติ ทดลองดี"
    hn: str = ""

    @property
    def row_channel(self) -> str:
        if self.channel:
            return self.channel
        return "ENDPOINT" if self.claim_code.startswith("EP") else "AUTHENCODE"


def _values(code: NhsoCode, date_cells: bool) -> dict[str, object]:
    when: object = code.service_at if date_cells else be_text(code.service_at)
    recorded = code.service_at + dt.timedelta(seconds=20)
    return {
        "รหัสหน่วย": code.hcode,
        "ชื่อหน่วย": "รพ.สต.สมมติ" if code.hcode == OUR_HCODE else "โรงพยาบาลอื่น",
        "เลขบัตร": code.pid,
        "ชื่อ-สกุล": code.name,
        "วันเกิด (ปีเดือนวัน)": "25300415",
        "เบอร์โทร": "0800000000",
        "สิทธิหลัก": "UCS",
        "สิทธิย่อย": "89",
        "รหัสการเข้ารับบริการ": code.claim_type,
        "CLAIM CODE": code.claim_code,
        "ประเภทการเข้ารับบริการ": CLAIM_TYPE_NAMES.get(code.claim_type, ""),
        "HN CODE": code.hn,
        "วันที่เข้ารับบริการ": when,
        "วันที่บันทึก Authen Code": recorded if date_cells else be_text(recorded),
        "สถานะใช้งาน": "ใช้งาน",
        "ช่องทางการขอ Authen Code": code.row_channel,
        "วิธีการพิสูจน์ตัวตน": "ตรวจสอบสิทธิด้วย Smart Card",
    }


def write_nhso_export(
    path: Path,
    codes: Iterable[NhsoCode],
    *,
    title_rows: Sequence[str] = (),
    date_cells: bool = False,
    headers: Sequence[str] = NHSO_HEADERS,
    header_spacing: bool = False,
) -> Path:
    """An NHSO-layout file: optional title lines above the header (the header then sits
    lower), dates as NHSO's BE text or as real date cells, any header list (to drop or
    reorder columns), and optional stray spaces around header names."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    for line in title_rows:
        ws.append([line])
    ws.append([f"  {h} " if header_spacing else h for h in headers])
    for code in codes:
        values = _values(code, date_cells)
        ws.append([values.get(h) for h in headers])
    wb.save(path)
    return path
