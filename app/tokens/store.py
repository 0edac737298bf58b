"""NHSO tokens in the operating system's keyring, and nowhere else.

Windows Credential Manager, macOS Keychain or the Secret Service on Linux, through
`keyring`. A backend that would keep the token in a file, or drop it, is refused: then we
say so and store nothing. A token is never printed, logged or shown whole.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from app.tokens.errors import KeyringUnavailable, StoredTokenDamaged, TokenNotSet
from app.tokens.kinds import TokenKind, is_valid_token, mask_token, normalise_for
from app.words import tokens as token_words

if TYPE_CHECKING:
    import keyring.backend

log = logging.getLogger(__name__)

SERVICE = "authen-desk"
DAMAGED = f"({token_words.STORED_TOKEN_DAMAGED_STATUS.one_line()})"  # a damaged token's status
# Backends that are no keyring at all (fail, null) or that write to plain files.
_REFUSED_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class TokenStore:
    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        if self._backend is not None:
            return self._backend
        import keyring

        return keyring.get_keyring()

    def backend_name(self) -> str:
        backend = self.backend
        return f"{type(backend).__module__}.{type(backend).__name__}"

    def check_backend(self) -> None:
        backend = self.backend
        module = type(backend).__module__
        chained = getattr(backend, "backends", None)
        if module.startswith(_REFUSED_MODULES) or (chained is not None and not chained):
            raise KeyringUnavailable(
                f"no usable keyring ({self.backend_name()}); tokens are not stored in files"
            )

    def _guard(self, action: str, call: object) -> object:
        self.check_backend()
        try:
            return call()  # type: ignore[operator]
        except _errors().KeyringLocked as exc:
            raise KeyringUnavailable(f"the keyring is locked ({action})") from exc
        except (_errors().KeyringError, OSError) as exc:
            # A message may quote what it tried to store: keep only the class name.
            raise KeyringUnavailable(f"keyring {action} failed: {type(exc).__name__}") from None

    def set(self, kind: TokenKind, value: str) -> str:
        """Stores the token; returns it masked."""
        token = normalise_for(kind, value)
        self._guard("write", lambda: self.backend.set_password(SERVICE, kind.value, token))
        log.info("token %s stored (%s)", kind.value, _masked(kind, token))
        return _masked(kind, token)

    def get(self, kind: TokenKind) -> str | None:
        """The stored token, None when there is none; StoredTokenDamaged for a value that
        is no token (stored by another program or an older version): never sent on."""
        value = self._guard("read", lambda: self.backend.get_password(SERVICE, kind.value))
        if not isinstance(value, str) or not value:
            return None
        if not is_valid_token(value, kind):
            raise StoredTokenDamaged(kind.value)
        return value

    def require(self, kind: TokenKind) -> str:
        """The token an action cannot do without: TokenNotSet (one message, exit 31) when
        it is not stored, for the window and every command alike."""
        token = self.get(kind)
        if token is None:
            raise TokenNotSet(kind.value)
        return token

    def clear(self, kind: TokenKind) -> bool:
        """True when a token was there and is gone."""

        def delete() -> bool:
            try:
                self.backend.delete_password(SERVICE, kind.value)
                return True
            except _errors().PasswordDeleteError:
                return False

        cleared = bool(self._guard("delete", delete))
        log.info("token %s cleared: %s", kind.value, cleared)
        return cleared

    def status(self) -> dict[TokenKind, str | None]:
        """Each kind's masked value, or None when absent."""
        return {kind: self._masked(kind) for kind in TokenKind}

    def _masked(self, kind: TokenKind) -> str | None:
        try:
            token = self.get(kind)
        except StoredTokenDamaged:
            return DAMAGED
        return _masked(kind, token) if token else None


def _masked(kind: TokenKind, value: str) -> str:
    """A password is never shown even in part: only that one is stored."""
    return mask_token(value) if kind.is_nhso else "••••••"


def _errors() -> Any:
    """keyring's exception classes, loaded with keyring itself (on a worker)."""
    import keyring.errors

    return keyring.errors
