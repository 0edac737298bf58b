from __future__ import annotations

import pytest

from cardreader import decode
from cardreader.cid import cid_check_digit, format_cid, is_valid_cid, mask_cid


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"25300415", "1987-04-15"),
        (b"24850000", "1942"),
        (b"25420900", "1999-09"),
        (b"25430229", "2000-02-29"),
        (b"25440229", "2001-02"),  # no 29 February in 2001: keep what is sure
        (b"25301300", "1987"),
        (b"        ", None),
        (b"\x00" * 8, None),
        (b"2530041", None),
        (b"abcdefgh", None),
        (b"99999999", None),  # only an expiry may be lifelong
    ],
)
def test_be_dates(raw: bytes, expected: str | None) -> None:
    assert decode.be_date(raw) == expected


def test_lifelong_expiry() -> None:
    assert decode.be_date(b"99999999", allow_lifelong=True) == "lifelong"


def test_names_split_before_trimming() -> None:
    raw = "นาย#สมชาย##ใจดี".encode("cp874").ljust(100, b" ")
    name = decode.person_name(raw)
    assert (name.title, name.first, name.middle, name.last) == ("นาย", "สมชาย", "", "ใจดี")
    assert name.full == "นายสมชาย ใจดี"


def test_middle_name_and_english_spacing() -> None:
    name = decode.person_name(b"Mrs.#Malee#Sri#Sukjai" + b" " * 79)
    assert name.middle == "Sri"
    assert name.full == "Mrs. Malee Sri Sukjai"


def test_short_name_field_does_not_crash() -> None:
    name = decode.person_name(b"Mr.#Solo\x00\x00")
    assert (name.title, name.first, name.middle, name.last) == ("Mr.", "Solo", "", "")


def test_cp874_accepts_0xa0_which_tis620_rejects() -> None:
    assert decode.thai_text(b"\xa0\xca\xc1\xaa\xd2\xc2") == "สมชาย"


def test_address_parsed_from_the_right_keeping_prefixes() -> None:
    raw = "99/1#หมู่ที่ 5####ตำบลสุเทพ#อำเภอเมืองเชียงใหม่#จังหวัดเชียงใหม่".encode("cp874")
    address = decode.address(raw.ljust(160, b" "))
    assert address.house_no == "99/1"
    assert address.moo == "หมู่ที่ 5"
    assert address.subdistrict == "ตำบลสุเทพ"
    assert address.district == "อำเภอเมืองเชียงใหม่"
    assert address.province == "จังหวัดเชียงใหม่"
    assert address.raw == "99/1#หมู่ที่ 5####ตำบลสุเทพ#อำเภอเมืองเชียงใหม่#จังหวัดเชียงใหม่"


def test_address_with_trailing_empty_fields_still_finds_the_province() -> None:
    raw = "7#หมู่ที่ 1####ตำบลบางกรวย#อำเภอบางกรวย#จังหวัดนนทบุรี##".encode("cp874")
    assert decode.address(raw).province == "จังหวัดนนทบุรี"


def test_blank_address() -> None:
    address = decode.address(b" " * 160)
    assert address.raw == "" and address.province == "" and address.house_no == ""


def test_sex_codes() -> None:
    assert [decode.sex(b) for b in (b"1", b"2", b"0", b" ", b"")] == [
        "male", "female", "unknown", "unknown", "unknown",
    ]  # fmt: skip


def test_jpeg_trims_only_after_the_end_marker() -> None:
    body = b"\xff\xd8" + b"\x20\x20data\x20" + b"\xff\xd9"
    assert decode.jpeg(body + b"\x20" * 30) == body
    assert decode.jpeg(b" " * 50) is None
    assert decode.jpeg(b"\xff\xd8no end") is None


def test_cid_check_digit() -> None:
    assert cid_check_digit("110170012345") == 6
    assert is_valid_cid("1101700123456")
    assert not is_valid_cid("1101700123457")
    assert not is_valid_cid("110170012345")
    assert not is_valid_cid("11017001234５6")
    assert format_cid("1101700123456") == "1-1017-00123-45-6"
    assert mask_cid("1101700123456") == "1-xxxx-xxxx3-45-6"
