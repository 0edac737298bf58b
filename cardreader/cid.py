"""Thai citizen ID (CID) checks and display forms."""

from __future__ import annotations


def cid_check_digit(first12: str) -> int:
    """Check digit per the MOI rule: (11 - sum(d[i] * (13 - i)) mod 11) mod 10."""
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return (11 - total % 11) % 10


def is_valid_cid(cid: str) -> bool:
    return (
        len(cid) == 13
        and cid.isascii()
        and cid.isdigit()
        and (cid_check_digit(cid[:12]) == int(cid[12]))
    )


def format_cid(cid: str) -> str:
    """1-2345-67890-12-3, the grouping printed on the card."""
    if len(cid) != 13:
        return cid
    return f"{cid[0]}-{cid[1:5]}-{cid[5:10]}-{cid[10:12]}-{cid[12]}"


def mask_cid(cid: str) -> str:
    """The program's one mask, 1-xxxx-xxxx5-67-8: the first digit and the last four, enough
    to tell two visits apart at the desk, not enough to identify anyone."""
    if len(cid) != 13:
        return "x" * len(cid)
    return f"{cid[0]}-xxxx-xxxx{cid[9]}-{cid[10:12]}-{cid[12]}"
