"""Masking national ID numbers in free text (log lines, messages kept in the visit log).

A 13-digit run counts as a CID only when its check digit is right, so claim codes, phone
numbers and timestamps pass untouched. The mask is the program's one mask (mask_cid).
"""

from __future__ import annotations

import re

from cardreader.cid import is_valid_cid, mask_cid

_RUN = re.compile(r"(?<![0-9])[0-9]{13}(?![0-9])", re.ASCII)


def mask_cids(text: str) -> str:
    """`text` with every checksum-valid 13-digit run replaced by its mask."""
    if len(text) < 13:
        return text
    return _RUN.sub(lambda m: mask_cid(m[0]) if is_valid_cid(m[0]) else m[0], text)
