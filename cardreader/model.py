"""What a Thai ID card says, as immutable values safe to pass between threads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonName:
    """A name as the card stores it, in parts (the slip and the agent need them apart)."""

    title: str
    first: str
    middle: str
    last: str

    @property
    def full(self) -> str:
        """Thai titles are written glued to the first name (นายสมชาย); English ones are
        spaced (Mr. Somchai)."""
        glue = "" if self.title and not self.title.isascii() else " "
        given = f"{self.title}{glue}{self.first}" if self.title else self.first
        return " ".join(part for part in (given, self.middle, self.last) if part)

    def to_json(self) -> dict[str, str]:
        return {"title": self.title, "first": self.first, "middle": self.middle, "last": self.last}


@dataclass(frozen=True)
class Address:
    """The card's address in parts, with the card's own text kept as `raw`."""

    house_no: str
    moo: str
    subdistrict: str
    district: str
    province: str
    raw: str

    @property
    def one_line(self) -> str:
        return " ".join(part for part in self.raw.split("#") if part.strip())

    def to_json(self) -> dict[str, str]:
        return {
            "house_no": self.house_no,
            "moo": self.moo,
            "subdistrict": self.subdistrict,
            "district": self.district,
            "province": self.province,
            "raw": self.raw,
        }


@dataclass(frozen=True)
class IdCard:
    """The card's data. Dates are ISO strings, possibly partial ("YYYY", "YYYY-MM");
    expiry may be "lifelong"; a date the card left blank or garbled is None."""

    cid: str
    name_th: PersonName
    name_en: PersonName
    birth_date: str | None
    sex: str  # "male" | "female" | "unknown"
    issuer: str
    issue_date: str | None
    expiry_date: str | None
    address: Address
    atr: bytes
    applet_version: str = ""
    request_no: str = ""
    photo: bytes | None = None

    def with_photo(self, photo: bytes | None) -> IdCard:
        from dataclasses import replace

        return replace(self, photo=photo)

    @property
    def photo_sha256(self) -> str | None:
        import hashlib  # here, not at import: the window's start does not need it

        return hashlib.sha256(self.photo).hexdigest() if self.photo else None

    def to_json(self) -> dict[str, Any]:
        return {
            "cid": self.cid,
            "name_th": self.name_th.to_json(),
            "name_en": self.name_en.to_json(),
            "birth_date": self.birth_date,
            "sex": self.sex,
            "issuer": self.issuer,
            "issue_date": self.issue_date,
            "expiry_date": self.expiry_date,
            "address": self.address.to_json(),
            "photo_sha256": self.photo_sha256,
            "atr": self.atr.hex().upper(),
        }
