"""The ICU data filter the Linux bundle uses (scripts/icu_data.py), on the real package."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import PySide6
import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "scripts"))
import icu_data

LIBS = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))


@pytest.mark.skipif(not LIBS or shutil.which("objdump") is None, reason="no bundled ICU here")
def test_filter_keeps_thai_english_and_every_non_locale_item() -> None:
    _symbol, offset, size = icu_data.data_symbol(LIBS[0])
    blob = LIBS[0].read_bytes()[offset : offset + size]
    original = dict(icu_data.parse_package(blob).items)
    smaller = icu_data.parse_package(icu_data.filter_package(blob))
    names = [name for name, _data in smaller.items]
    assert names == sorted(names)  # ICU looks items up by binary search
    kept = dict(smaller.items)
    prefix = names[0].split("/")[0]
    for name in ("coll/th.res", "coll/root.res", "th.res", "en.res", "zoneinfo64.res",
                 "cnvalias.icu", "windows-874-2000.cnv", "brkitr/thaidict.dict"):  # fmt: skip
        assert f"{prefix}/{name}" in kept, name
    for name in ("coll/zh.res", "de.res", "brkitr/cjdict.dict", "gb18030.cnv", "unames.icu"):
        assert f"{prefix}/{name}" not in kept, name
    for name, data in kept.items():  # each item unchanged but for alignment padding
        assert data.rstrip(b"\0") == original[name].rstrip(b"\0"), name
    assert smaller.size < 8 * 2**20 < 25 * 2**20 < len(blob)
