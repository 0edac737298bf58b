"""What `read-card --json` must print for each shipped persona, written out by hand from
the persona files (not produced by the code under test)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from cardreader import layout
from cardreader.virtual.persona import pad_jpeg

PERSONA_DIR = Path(__file__).parents[1] / "cardreader" / "personas"
PHOTO_FILES = {
    "somchai": ("somchai.jpg", False),
    "malee": ("malee.jpg", False),
    "boonmee": ("boonmee.jpg", False),
    "krit": ("krit.jpg", False),
    "ploy": ("ploy.jpg", True),
    "wichai": ("wichai.jpg", False),
    "suda": ("malee.jpg", False),
}


def expected_photo_sha256(persona_id: str) -> str:
    name, exact = PHOTO_FILES[persona_id]
    data = (PERSONA_DIR / name).read_bytes()
    if exact:
        data = pad_jpeg(data, layout.PHOTO.length)
    return hashlib.sha256(data).hexdigest()


def _name(title: str, first: str, middle: str, last: str) -> dict[str, str]:
    return {"title": title, "first": first, "middle": middle, "last": last}


def _address(house: str, moo: str, sub: str, dist: str, prov: str, raw: str) -> dict[str, str]:
    return {
        "house_no": house, "moo": moo, "subdistrict": sub,
        "district": dist, "province": prov, "raw": raw,
    }  # fmt: skip


EXPECTED: dict[str, dict[str, Any]] = {
    "somchai": {
        "cid": "1101700123456",
        "name_th": _name("นาย", "สมชาย", "", "ใจดี"),
        "name_en": _name("Mr.", "Somchai", "", "Jaidee"),
        "birth_date": "1987-04-15",
        "sex": "male",
        "issuer": "อำเภอเมืองเชียงใหม่/เชียงใหม่",
        "issue_date": "2022-03-01",
        "expiry_date": "2030-04-14",
        "address": _address(
            "99/1",
            "หมู่ที่ 5",
            "ตำบลสุเทพ",
            "อำเภอเมืองเชียงใหม่",
            "จังหวัดเชียงใหม่",
            "99/1#หมู่ที่ 5####ตำบลสุเทพ#อำเภอเมืองเชียงใหม่#จังหวัดเชียงใหม่",
        ),
        "atr": "3B6800000073C84012009000",
    },
    "malee": {
        "cid": "3500100456782",
        "name_th": _name("นาง", "มาลี", "ศรี", "สุขใจ"),
        "name_en": _name("Mrs.", "Malee", "Sri", "Sukjai"),
        "birth_date": "1949-01-01",
        "sex": "female",
        "issuer": "อำเภอเมืองลำปาง/ลำปาง",
        "issue_date": "2018-08-20",
        "expiry_date": "lifelong",
        "address": _address(
            "12",
            "หมู่ที่ 3",
            "ตำบลพระบาท",
            "อำเภอเมืองลำปาง",
            "จังหวัดลำปาง",
            "12#หมู่ที่ 3####ตำบลพระบาท#อำเภอเมืองลำปาง#จังหวัดลำปาง",
        ),
        "atr": "3B781800000073C84013009000",
    },
    "boonmee": {
        "cid": "3100500112235",
        "name_th": _name("นาย", "บุญมี", "", "มั่นคง"),
        "name_en": _name("Mr.", "Boonmee", "", "Mankong"),
        "birth_date": "1942",
        "sex": "male",
        "issuer": "อำเภอบางกรวย/นนทบุรี",
        "issue_date": "2017-01-10",
        "expiry_date": "lifelong",
        "address": _address(
            "7",
            "หมู่ที่ 1",
            "ตำบลบางกรวย",
            "อำเภอบางกรวย",
            "จังหวัดนนทบุรี",
            "7#หมู่ที่ 1####ตำบลบางกรวย#อำเภอบางกรวย#จังหวัดนนทบุรี",
        ),
        "atr": "3B6700007320006C689000",
    },
    "krit": {
        "cid": "1010300987658",
        "name_th": _name("นาย", "กฤษณ์", "", "เกียรติก้องสกุลวงศ์"),
        "name_en": _name("Mr.", "Krit", "", "Kiatkongsakulwong"),
        "birth_date": "2000-02-29",
        "sex": "male",
        "issuer": "สำนักงานเขตบางเขน/กรุงเทพมหานคร",
        "issue_date": "2023-06-10",
        "expiry_date": "2031-06-09",
        "address": _address(
            "1234/567-89",
            "หมู่ที่ 12",
            "แขวงอนุสาวรีย์",
            "เขตบางเขน",
            "กรุงเทพมหานคร",
            "1234/567-89#หมู่ที่ 12#ซอยพหลโยธิน 48 แยก 7-9 (ซอยหมู่บ้านเสนานิเวศน์โครงการ 2 "
            "ชุมชนร่วมใจพัฒนาฝั่งตะวันออก)##ถนนพหลโยธิน#แขวงอนุสาวรีย์#เขตบางเขน#กรุงเทพมหานคร",
        ),
        "atr": "3B799600005448204E4944203131",
    },
    "ploy": {
        "cid": "5701200345678",
        "name_th": _name("นางสาว", "พลอย", "", "แสงทอง"),
        "name_en": _name("Miss", "Ploy", "", "Saengthong"),
        "birth_date": "1999-09",
        "sex": "female",
        "issuer": "อำเภอเมืองเชียงราย/เชียงราย",
        "issue_date": "2024-01-05",
        "expiry_date": "2032-09-04",
        "address": _address(
            "45/2",
            "หมู่ที่ 8",
            "ตำบลรอบเวียง",
            "อำเภอเมืองเชียงราย",
            "จังหวัดเชียงราย",
            "45/2#หมู่ที่ 8####ตำบลรอบเวียง#อำเภอเมืองเชียงราย#จังหวัดเชียงราย",
        ),
        "atr": "3B6800000073C84012009000",
    },
    "wichai": {
        "cid": "8400100765434",
        "name_th": _name("ด.ช.", "วิชัย", "", "ขยันดี"),
        "name_en": _name("Master", "Wichai", "", "Khayandee"),
        "birth_date": "2015-06-12",
        "sex": "unknown",
        "issuer": "อำเภอเมืองสุราษฎร์ธานี/สุราษฎร์ธานี",
        "issue_date": "2025-01-01",
        "expiry_date": "2033-06-11",
        "address": _address(
            "88",
            "หมู่ที่ 2",
            "ตำบลมะขามเตี้ย",
            "อำเภอเมืองสุราษฎร์ธานี",
            "จังหวัดสุราษฎร์ธานี",
            "88#หมู่ที่ 2####ตำบลมะขามเตี้ย#อำเภอเมืองสุราษฎร์ธานี#จังหวัดสุราษฎร์ธานี",
        ),
        "atr": "3B6800000073C84012009000",
    },
    "suda": {
        "cid": "1709900011220",
        "name_th": _name("นางสาว", "สุดา", "", "ใจงาม"),
        "name_en": _name("Miss", "Suda", "", "Jai-ngam"),
        "birth_date": "1992-08-20",
        "sex": "female",
        "issuer": "อำเภอเมืองราชบุรี/ราชบุรี",
        "issue_date": "2023-01-02",
        "expiry_date": "2031-08-19",
        "address": _address(
            "5",
            "หมู่ที่ 4",
            "ตำบลหน้าเมือง",
            "อำเภอเมืองราชบุรี",
            "จังหวัดราชบุรี",
            "5#หมู่ที่ 4####ตำบลหน้าเมือง#อำเภอเมืองราชบุรี#จังหวัดราชบุรี",
        ),
        "atr": "3B799600005448204E4944203132",
    },
}
