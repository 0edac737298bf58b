"""The `shared_store` setting: mysql://USER@HOST[:PORT]/DATABASE, and nothing else.

The password is never part of it (the keyring holds it, token kind `shared-store`). TLS
is used whenever the host is not this machine; `shared_store_ca` may name the server's CA
certificate (PEM). Light: no PyMySQL here, the settings validate with it.
"""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

DEFAULT_PORT = 3306
LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
_NAME = re.compile(r"[A-Za-z0-9_]{1,64}")  # database names we accept: no quoting games
_USER = re.compile(r"[A-Za-z0-9_.\-]{1,80}")
_DESK = re.compile(r"[^\x00-\x1f\x7f]{1,64}")


@dataclass(frozen=True)
class StoreConfig:
    user: str
    host: str
    port: int
    database: str
    ca_file: str = ""  # the server's CA (PEM); "" = the system's trusted CAs

    @property
    def loopback(self) -> bool:
        return self.host.lower() in LOOPBACK or self.host.startswith("127.")

    @property
    def uses_tls(self) -> bool:
        return not self.loopback

    def display(self) -> str:
        """The setting as shown to people (there is no password in it to hide)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"mysql://{self.user}@{host}:{self.port}/{self.database}"


def url_problem(value: str) -> str | None:
    """Why `value` cannot be the shared_store setting, or None ("" = not used)."""
    try:
        parse_url(value)
    except ValueError as exc:
        return str(exc)
    return None


def parse_url(value: str, ca_file: str = "") -> StoreConfig:
    form = "use mysql://USER@HOST:PORT/DATABASE (the password goes in the keyring)"
    if not isinstance(value, str) or not value.isascii() or any(c.isspace() for c in value):
        raise ValueError(f"shared_store: {form}")
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise ValueError(f"shared_store: bad port; {form}") from None
    if parts.scheme != "mysql" or not parts.hostname:
        raise ValueError(f"shared_store: {form}")
    if parts.password is not None:
        raise ValueError("shared_store: no password in the setting; it goes in the keyring")
    user = unquote(parts.username or "")
    if not _USER.fullmatch(user):
        raise ValueError(f"shared_store: a user name is needed; {form}")
    database = parts.path.lstrip("/")
    if not _NAME.fullmatch(database):
        raise ValueError(f"shared_store: the database name is letters, digits, _; {form}")
    if parts.query or parts.fragment:
        raise ValueError(f"shared_store: {form}")
    if port is not None and not 0 < port < 65536:
        raise ValueError(f"shared_store: bad port; {form}")
    return StoreConfig(user, parts.hostname, port or DEFAULT_PORT, database, ca_file)


def desk_problem(value: str) -> str | None:
    from cardreader.decode import is_control  # C1 controls and bidi marks too

    if value and (not _DESK.fullmatch(value) or any(is_control(c) for c in value)):
        return "desk_name must be up to 64 characters, no control characters"
    return None


def desk_name(setting: str) -> str:
    """This desk's name in the shared store: the setting, else the PC's name."""
    return setting.strip() or socket.gethostname()[:64] or "desk"
