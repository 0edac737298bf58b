"""Personas: the people our virtual Thai ID cards belong to, one JSON file each.

They ship with the product (demo, training, tests), so each one is checked as strictly as
a real card would constrain it: every field must fit its slot on the card.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cardreader import layout
from cardreader.layout import Field

# The shipped personas sit in the cardreader/personas folder, in a checkout and in the
# PyInstaller bundle alike (build.spec lays them out so). Found by path: importlib.resources
# would cost the demo's window ~4 ms before its first frame.
PERSONA_DIR = Path(__file__).resolve().parent.parent / "personas"
READER_STYLES = ("t0", "direct", "6c")


class PersonaError(ValueError):
    """A persona file that could not be a real card."""


@dataclass(frozen=True)
class Persona:
    """One virtual card: its ATR, its data file and how its PIN behaves."""

    id: str
    label: str
    atr: bytes
    image: bytes  # the applet's whole flat file
    thai_id: bool = True
    reader_style: str = "t0"
    pin: str = "1234"
    pin_tries_left: int = 5
    pin_sw: str = "iso"  # "iso": 63 Cx on a wrong PIN; "plain": 63 0x (tries left as is)
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def cid(self) -> str:
        return self.image[layout.CID.offset : layout.CID.end].decode("ascii").strip()


def _put(image: bytearray, slot: Field, value: bytes, name: str) -> None:
    if len(value) > slot.length:
        raise PersonaError(f"{name}: {len(value)} bytes do not fit its {slot.length}")
    image[slot.offset : slot.offset + len(value)] = value


def pad_jpeg(jpeg: bytes, size: int) -> bytes:
    """Grow a JPEG to exactly `size` bytes with a comment segment after SOI, so that its
    end marker lands in the field's last bytes (the case most readers truncate)."""
    missing = size - len(jpeg)
    if missing == 0:
        return jpeg
    if missing < 4:
        raise PersonaError("photo too close to the target size to pad")
    if missing - 2 > 0xFFFF:
        raise PersonaError("photo padding over one comment segment")
    comment = b"\xff\xfe" + struct.pack(">H", missing - 2) + b"\x00" * (missing - 4)
    return jpeg[:2] + comment + jpeg[2:]


def build_image(data: dict[str, Any], base_dir: Path | None) -> bytes:
    image = bytearray(b"\x20" * layout.FILE_SIZE)
    text = {
        "applet_version": (layout.APPLET_VERSION, "ascii"),
        "cid": (layout.CID, "ascii"),
        "name_th": (layout.NAME_TH, "cp874"),
        "name_en": (layout.NAME_EN, "ascii"),
        "birth_date": (layout.BIRTH_DATE, "ascii"),
        "sex": (layout.SEX, "ascii"),
        "request_no": (layout.REQUEST_NO, "ascii"),
        "issuer": (layout.ISSUER, "cp874"),
        "issuer_code": (layout.ISSUER_CODE, "ascii"),
        "issue_date": (layout.ISSUE_DATE, "ascii"),
        "expiry_date": (layout.EXPIRY_DATE, "ascii"),
        "card_type": (layout.CARD_TYPE, "ascii"),
        "address": (layout.ADDRESS, "cp874"),
        "under_photo": (layout.UNDER_PHOTO, "ascii"),
    }
    for key, (slot, encoding) in text.items():
        value = data.get(key, "")
        try:
            encoded = value.encode(encoding)
        except UnicodeEncodeError as exc:
            raise PersonaError(f"{key}: not {encoding}: {exc}") from exc
        _put(image, slot, encoded, key)
    photo_name = data.get("photo")
    if photo_name:
        photo = ((base_dir if base_dir is not None else PERSONA_DIR) / photo_name).read_bytes()
        if data.get("photo_fill") == "exact":
            photo = pad_jpeg(photo, layout.PHOTO.length)
        _put(image, layout.PHOTO, photo, "photo")
    return bytes(image)


def persona_from_dict(data: dict[str, Any], base_dir: Path | None = None) -> Persona:
    try:
        style = data.get("reader_style", "t0")
        if style not in READER_STYLES:
            raise PersonaError(f"reader_style must be one of {READER_STYLES}")
        return Persona(
            id=str(data["id"]),
            label=str(data.get("label", data["id"])),
            atr=bytes.fromhex(data["atr"]),
            image=build_image(data, base_dir),
            thai_id=bool(data.get("thai_id", True)),
            reader_style=style,
            pin=str(data.get("pin", "1234")),
            pin_tries_left=int(data.get("pin_tries_left", 5)),
            pin_sw=str(data.get("pin_sw", "iso")),
            notes=str(data.get("notes", "")),
            extra={k: v for k, v in data.items() if k.startswith("x_")},
        )
    except (KeyError, ValueError, TypeError) as exc:
        if isinstance(exc, PersonaError):
            raise
        raise PersonaError(f"persona {data.get('id', '?')}: {exc}") from exc


def load_persona_file(path: Path) -> Persona:
    return persona_from_dict(json.loads(path.read_text(encoding="utf-8")), path.parent)


def shipped_personas() -> list[Persona]:
    """Every persona that ships with the program, in file-name order."""
    return [
        persona_from_dict(json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(PERSONA_DIR.glob("*.json"))
    ]


def shipped_persona(persona_id: str) -> Persona:
    for persona in shipped_personas():
        if persona.id == persona_id:
            return persona
    raise PersonaError(f"no shipped persona {persona_id!r}")
