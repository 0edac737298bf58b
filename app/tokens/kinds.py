"""The NHSO token kinds a clinic keeps, and how a token is checked and shown masked.
Light on purpose: the CLI lists the kinds without loading a keyring."""

from __future__ import annotations

import re
from enum import StrEnum

from app.tokens.errors import InvalidToken

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


class TokenKind(StrEnum):
    AUTHEN = "authen"  # authen and claim-code checks (the agent's token)
    CLOSE_CLAIM = "close-claim"  # closing claims, "ปิดสิทธิ"
    CLAIM_13 = "claim-13"  # the 13-file claim API
    SHARED_STORE = "shared-store"  # the password of the clinic's shared store (app/store)

    @property
    def label_th(self) -> str:
        return {
            TokenKind.AUTHEN: "Token ยืนยันตัวตน (Authen / ตรวจ Claim Code)",
            TokenKind.CLOSE_CLAIM: "Token ปิดสิทธิ (Close claim)",
            TokenKind.CLAIM_13: "Token ส่งข้อมูล 13 แฟ้ม (Claim 13 files)",
            TokenKind.SHARED_STORE: "รหัสผ่านฐานข้อมูลกลาง (Shared store password)",
        }[self]

    @property
    def is_nhso(self) -> bool:
        """An NHSO token (a UUID); the shared store's is a password of the clinic's."""
        return self is not TokenKind.SHARED_STORE


def mask_token(token: str | None) -> str:
    """The first 4 and last 4 characters: enough to tell tokens apart, not to use one."""
    if not token:
        return ""
    if len(token) <= 12:
        return "…"
    return f"{token[:4]}…{token[-4:]}"


def normalise_token(value: str) -> str:
    token = value.strip()
    if not _UUID.match(token):
        raise InvalidToken("an NHSO token looks like 8-4-4-4-12 hexadecimal characters")
    return token.lower()


def normalise_for(kind: TokenKind, value: str) -> str:
    """An NHSO token is checked as one; a password is kept as typed (only the line's end is
    dropped), but never empty and never with control characters."""
    if kind.is_nhso:
        return normalise_token(value)
    password = value.rstrip("\r\n")
    if not password or len(password) > 200 or not password.isprintable():
        raise InvalidToken("the shared store's password is empty or holds control characters")
    return password


def token_from_userconfig(text: str) -> str:
    """`nhso.service.token=<uuid>` from the agent's userconfig.properties."""
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() == "nhso.service.token":
            return normalise_token(value.replace("\\", ""))
    raise InvalidToken("userconfig.properties has no nhso.service.token line")
