"""A token store on the test keyring, holding no token to begin with."""

from __future__ import annotations

import keyring.backend

from app.tokens.kinds import TokenKind
from app.tokens.store import TokenStore


def empty_token_store(backend: keyring.backend.KeyringBackend) -> TokenStore:
    store = TokenStore(backend)
    for kind in TokenKind:
        store.clear(kind)
    return store
