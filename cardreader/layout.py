"""Where each field sits in the MOI applet's flat file (docs/thai-id-card.md, 'The
personal-data applet')."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """Where one field sits in the card's data file (docs/thai-id-card.md)."""

    offset: int
    length: int

    @property
    def end(self) -> int:
        return self.offset + self.length


APPLET_VERSION = Field(0x0000, 4)
CID = Field(0x0004, 13)
NAME_TH = Field(0x0011, 100)
NAME_EN = Field(0x0075, 100)
BIRTH_DATE = Field(0x00D9, 8)
SEX = Field(0x00E1, 1)
REQUEST_NO = Field(0x00E2, 20)
ISSUER = Field(0x00F6, 100)
ISSUER_CODE = Field(0x015A, 13)
ISSUE_DATE = Field(0x0167, 8)
EXPIRY_DATE = Field(0x016F, 8)
CARD_TYPE = Field(0x0177, 2)
PHOTO = Field(0x017B, 5118)
ADDRESS = Field(0x1579, 160)
UNDER_PHOTO = Field(0x1619, 14)

FILE_SIZE = UNDER_PHOTO.end

# Every text field but the address: 0x0000 up to the end of the card type.
TEXT_BLOCK = Field(0x0000, CARD_TYPE.end)
# The address and the number under the photo, read in one go.
TAIL_BLOCK = Field(ADDRESS.offset, UNDER_PHOTO.end - ADDRESS.offset)
# The photo's last bytes that fit into the tail READ (255 - 174 would allow more, but
# 18 makes the remaining 5100 bytes exactly 20 READs of 255).
PHOTO_TAIL = 18
PHOTO_HEAD = Field(PHOTO.offset, PHOTO.length - PHOTO_TAIL)


def chunks(field: Field, size: int = 0xFF) -> list[Field]:
    """Split a span into READs of at most `size` bytes."""
    return [
        Field(offset, min(size, field.end - offset))
        for offset in range(field.offset, field.end, size)
    ]


def slice_of(block: bytes, block_field: Field, field: Field) -> bytes:
    start = field.offset - block_field.offset
    return block[start : start + field.length]
