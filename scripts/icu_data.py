"""A smaller libicudata for the Linux bundle: ICU's own data, filtered to Thai and English.

Qt's libQt6Core (PySide6 wheels, Linux) links ICU 73, so libicudata.so.73 must ship. It is
one 31 MB symbol, `icudt73_dat`, holding ICU's "common data" package: a table of contents
and ~3,900 items (locale data for ~800 locales, ~200 legacy-codepage converters,
dictionaries for Chinese/Japanese/Khmer/Lao/Burmese word breaking, transliteration, ...).
Filtering that data to what an application needs is ICU's documented way to ship less
(ICU Data Build Tool, `icupkg -r`); this does the same on the built package: it keeps
every non-locale item, the root, Thai and English locale data, the Thai/Western code pages,
and drops the rest. Then it links a library with the same soname and symbol.

What Qt uses ICU for here: QCollator and QString::localeAwareCompare (collation), legacy
encodings in QStringConverter, time-zone names. Its line breaking is its own (plus libthai
for Thai). The bundle's self-test exercises Thai collation on the result.

    python3 scripts/icu_data.py LIBICUDATA OUT.so   # used by build.spec on Linux
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ALIGN = 16  # ICU items are 16-byte aligned in the package
KEPT_LANGUAGES = ("root", "th", "en")
# Code pages: Thai (TIS-620 / ISO-8859-11 / Windows-874) and Western (Windows-1252).
KEPT_CONVERTERS = (
    "ibm-874_P100-1995.cnv", "windows-874-2000.cnv", "iso-8859_11-2001.cnv",
    "ibm-5348_P100-1997.cnv", "ibm-1252_P100-2000.cnv",
)  # fmt: skip
DROPPED_ITEMS = (
    "unames.icu",  # Unicode character names (u_charName): not used by Qt
    "confusables.cfu",  # spoof checking: not used by Qt
)
DROPPED_TREES = ("translit",)  # transliteration rules: not used by Qt
DROPPED_DICTIONARIES = ("cjdict.dict", "khmerdict.dict", "laodict.dict", "burmesedict.dict")
_LOCALE = re.compile(r"^(?P<lang>[a-z]{2,3}|root)(_[A-Za-z0-9]*)*$")
_NOT_LOCALES = ("res_index", "pool")  # per-tree indexes that look like locale ids


@dataclass(frozen=True)
class Package:
    header: bytes  # MappedData + UDataInfo ("CmnD"), copied as is
    items: list[tuple[str, bytes]]  # full names ("icudt73l/coll/th.res"), sorted

    @property
    def size(self) -> int:
        return len(self.header) + sum(len(data) for _n, data in self.items)


def parse_package(blob: bytes) -> Package:
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    toc = header_size
    (count,) = struct.unpack_from("<I", blob, toc)
    entries = [struct.unpack_from("<II", blob, toc + 4 + 8 * i) for i in range(count)]
    starts = [toc + data_offset for _name_offset, data_offset in entries] + [len(blob)]
    items = []
    for i, (name_offset, _data_offset) in enumerate(entries):
        end = blob.index(b"\0", toc + name_offset)
        name = blob[toc + name_offset : end].decode("ascii")
        items.append((name, blob[starts[i] : starts[i + 1]]))
    return Package(blob[:header_size], items)


def build_package(package: Package) -> bytes:
    """The same layout ICU's tools write: header, count, (name, data) offsets relative to
    the table, the names, then each item aligned. ICU looks names up by binary search,
    so they stay sorted."""
    items = sorted(package.items)
    toc = len(package.header)
    names = b"".join(name.encode("ascii") + b"\0" for name, _data in items)
    table_size = 4 + 8 * len(items)
    offset = toc + table_size + len(names)
    offset += -offset % ALIGN
    entries, body, name_at = b"", b"", table_size
    data_start = offset
    for name, data in items:
        entries += struct.pack("<II", name_at, offset - toc)
        name_at += len(name) + 1
        padded = data + b"\0" * (-len(data) % ALIGN)
        body += padded
        offset += len(padded)
    head = package.header + struct.pack("<I", len(items)) + entries + names
    return head + b"\0" * (data_start - len(head)) + body


def keep_item(name: str) -> bool:
    parts = name.split("/")  # "icudt73l/coll/th.res" or "icudt73l/cnvalias.icu"
    leaf = parts[-1]
    tree = parts[1] if len(parts) > 2 else ""
    if leaf in DROPPED_ITEMS or tree in DROPPED_TREES or leaf in DROPPED_DICTIONARIES:
        return False
    if leaf.endswith(".cnv"):
        return leaf in KEPT_CONVERTERS
    stem, _dot, ext = leaf.rpartition(".")
    locale = _LOCALE.match(stem)
    if ext == "res" and locale and stem not in _NOT_LOCALES:
        return locale.group("lang") in KEPT_LANGUAGES
    return True


def filter_package(blob: bytes) -> bytes:
    package = parse_package(blob)
    return build_package(Package(package.header, [i for i in package.items if keep_item(i[0])]))


def data_symbol(library: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the icudtNN_dat symbol, from objdump."""
    symbols = subprocess.run(
        ["objdump", "-T", str(library)], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"^([0-9a-f]+)\s.*\.rodata\s+([0-9a-f]+)\s+(icudt\d+_dat)$", symbols, re.M)
    if match is None:
        raise ValueError(f"{library}: no icudtNN_dat symbol")
    address, size, name = int(match.group(1), 16), int(match.group(2), 16), match.group(3)
    sections = subprocess.run(
        ["objdump", "-h", str(library)], capture_output=True, text=True, check=True
    ).stdout
    for line in sections.splitlines():
        fields = line.split()
        if len(fields) >= 6 and fields[1] == ".rodata":
            vma, file_offset = int(fields[3], 16), int(fields[5], 16)
            return name, address - vma + file_offset, size
    raise ValueError(f"{library}: no .rodata section")


def soname(library: Path) -> str:
    dynamic = subprocess.run(
        ["objdump", "-p", str(library)], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"^\s*SONAME\s+(\S+)$", dynamic, re.M)
    return match.group(1) if match else library.name


def link_library(symbol: str, blob: bytes, name: str, output: Path) -> Path:
    """A shared library exporting `symbol` (16-byte aligned, read-only) holding `blob`."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "icudata.bin"
        data.write_bytes(blob)
        source = Path(tmp) / "icudata.S"
        source.write_text(
            "\t.section .rodata\n"
            f"\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
            f'{symbol}:\n\t.incbin "{data}"\n\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n'
        )
        output.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{name}", "-o", str(output), str(source)],
            check=True,
        )
    return output


def shrink_library(library: Path, output: Path) -> tuple[int, int]:
    """Writes the filtered library; returns (old data size, new data size) in bytes."""
    symbol, offset, size = data_symbol(library)
    blob = library.read_bytes()[offset : offset + size]
    smaller = filter_package(blob)
    parse_package(smaller)  # it must read back
    link_library(symbol, smaller, soname(library), output)
    return size, len(smaller)


if __name__ == "__main__":
    old, new = shrink_library(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"ICU data {old / 2**20:.1f} MiB -> {new / 2**20:.1f} MiB")
