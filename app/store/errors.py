"""What can go wrong with the shared store. Plain classes: app/errors.py words them."""

from __future__ import annotations

from app.staff.errors import PinStateUnavailable
from app.tokens.errors import InvalidPassword


class SharedStoreError(Exception):
    """Base of the shared store's failures."""


class SharedStoreUnavailable(SharedStoreError):
    """The server cannot be reached, refused us, or timed out. The desk goes on with its
    local log; what waits is pushed later. The text never holds the password."""


class SharedStoreNotConfigured(SharedStoreError):
    """No `shared_store` setting: the desk works on its own log."""


class SharedStoreNoPassword(SharedStoreError):
    """`shared_store` is set but the keyring has no `shared-store` password."""


class SharedStoreSchemaNewer(SharedStoreError):
    """The server's tables were made by a newer version of this program."""

    def __init__(self, found: int, known: int) -> None:
        super().__init__(f"shared store schema {found} is newer than this program's {known}")
        self.found = found
        self.known = known


class SharedPinCountOffline(PinStateUnavailable):
    """A shared store is set but cannot be reached at a staff PIN check: no PIN is sent.
    Other desks may have sent wrong PINs to this card meanwhile, and the card tells its tries
    left only in answer to a VERIFY (app/store/pins.py)."""


class PasswordNotText(InvalidPassword):
    """The shared store's password typed or piped in is not UTF-8 text: refused, never
    stored with its letters replaced (app/tokens/cli.py)."""
