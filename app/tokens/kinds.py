"""The NHSO token kinds a clinic keeps, and how a token is checked and shown masked.
Light on purpose: the CLI lists the kinds without loading a keyring."""

from __future__ import annotations

import re
from enum import StrEnum

from app.tokens.errors import InvalidPassword, InvalidToken

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
MAX_TOKEN_CHARS = 4096  # far above a UUID; more is pasted text, never looked at further
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


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
    """The one check of a token, for `token set`, the token dialog and a token read back
    from the keyring: the UUID, trimmed and lower case; InvalidToken for anything else,
    such as a CR, LF or NUL inside (it would break the HTTP header that carries it) or
    more than 4 KB."""
    if len(value) > MAX_TOKEN_CHARS:
        raise InvalidToken(f"longer than {MAX_TOKEN_CHARS} characters")
    token = value.strip()
    if _CONTROL.search(token):
        raise InvalidToken("holds a line break or another control character")
    if not _UUID.fullmatch(token):
        raise InvalidToken("an NHSO token looks like 8-4-4-4-12 hexadecimal characters")
    return token.lower()


def normalise_for(kind: TokenKind, value: str) -> str:
    """An NHSO token is checked as one; a password is kept as typed (only the line's end is
    dropped), but never empty, never over 200 characters (nor a 4 KB paste), and never
    with a CR, LF, NUL or another control character."""
    if kind.is_nhso:
        return normalise_token(value)
    if len(value) > MAX_TOKEN_CHARS:  # like a token: more is pasted text, never looked at
        raise InvalidPassword(f"the password is longer than {MAX_TOKEN_CHARS} characters")
    password = value.rstrip("\r\n")
    if not password or len(password) > 200 or not password.isprintable():
        raise InvalidPassword(
            "the shared store's password is empty, over 200 characters or holds control characters"
        )
    return password


def is_valid_token(value: str, kind: TokenKind = TokenKind.AUTHEN) -> bool:
    """Whether a value read back from the keyring is usable as `kind`'s: an NHSO token that
    passes the check, or a password exactly as `normalise_for` keeps one."""
    try:
        checked = normalise_for(kind, value)
    except InvalidToken:
        return False
    return kind.is_nhso or checked == value


def token_from_userconfig(text: str) -> str:
    """`nhso.service.token=<uuid>` from the agent's userconfig.properties."""
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() == "nhso.service.token":
            return normalise_token(value.replace("\\", ""))
    raise InvalidToken("userconfig.properties has no nhso.service.token line")
