"""The NHSO authen-status client against local servers: ok, 401, garbage, down, bad TLS."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.nhso.status_client import (
    STATUS_PATH,
    AuthenStatusClient,
    StatusBadAnswer,
    StatusUnreachable,
    TlsFailure,
    TokenRejected,
)
from tests.support.status_server import TOKEN, Server


def test_ok_and_parsed() -> None:
    with Server("ok") as server:
        client = AuthenStatusClient(TOKEN, base_url=server.url)
        status = client.check("1101700123456", dt.date(2026, 11, 22), "PG0060001")
    assert status.status_authen and len(status.histories) == 2
    mine = status.for_hospital("12345", dt.date(2026, 11, 22))
    assert [h.claim_code for h in mine] == ["PP1015363237"]
    assert status.for_hospital("12345", dt.date(2026, 11, 21)) == []
    assert server.seen[0]["path"].startswith(STATUS_PATH)
    assert "serviceDate=2026-11-22" in server.seen[0]["path"]
    assert "serviceCode=PG0060001" in server.seen[0]["path"]


def test_token_rejected() -> None:
    with Server("401") as server, pytest.raises(TokenRejected):
        AuthenStatusClient(TOKEN, base_url=server.url).check("1101700123456", dt.date(2026, 11, 22))


def test_garbage() -> None:
    with Server("garbage") as server, pytest.raises(StatusBadAnswer):
        AuthenStatusClient(TOKEN, base_url=server.url).check("1101700123456", dt.date(2026, 11, 22))


def test_down() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StatusUnreachable) as raised:
        AuthenStatusClient(TOKEN, base_url=f"http://127.0.0.1:{port}").check(
            "1101700123456", dt.date(2026, 11, 22)
        )
    assert TOKEN not in str(raised.value)


@pytest.fixture
def https_self_signed(tmp_path: Path) -> Iterator[str]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    with Server("ok") as server:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_file, key_file)
        server.httpd.socket = context.wrap_socket(server.httpd.socket, server_side=True)
        yield f"https://localhost:{server.httpd.server_address[1]}"


def test_tls_failure_is_reported_not_ignored(https_self_signed: str) -> None:
    with pytest.raises(TlsFailure):
        AuthenStatusClient(TOKEN, base_url=https_self_signed).check(
            "1101700123456", dt.date(2026, 11, 22)
        )


def test_zones() -> None:
    with pytest.raises(ValueError):
        AuthenStatusClient(TOKEN, zone="staging")
