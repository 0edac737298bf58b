"""TLS to the shared store, on a real MariaDB server with a certificate from the clinic's
own CA (made here with `cryptography`): the CA setting is honoured, a stranger's
certificate is refused."""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.store.config import StoreConfig
from app.store.errors import SharedStoreUnavailable
from app.store.server import SharedStore
from tests.support.mariadb import DATABASE, PASSWORD, USER, MariaDBServer

HOST = "::ffff:127.0.0.1"  # this PC, but not by a loopback name: TLS is required


def _name(text: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])


def make_ca(folder: Path, name: str) -> tuple[Path, ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)  # OpenSSL checks validity against the machine's own clock
    cert = (
        x509.CertificateBuilder().subject_name(_name(name)).issuer_name(_name(name))
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    path = folder / f"{name}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path, key, cert


@pytest.fixture
def tls_server(server: MariaDBServer, tmp_path: Path) -> Iterator[tuple[MariaDBServer, Path]]:
    ca_path, ca_key, ca_cert = make_ca(tmp_path, "clinic-ca")
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(_name("clinic-db")).issuer_name(ca_cert.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([
            x509.IPAddress(ipaddress.ip_address(HOST)),
            x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
        ]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    (tmp_path / "server.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    (tmp_path / "server.key").write_bytes(pem)
    server.stop()
    server.start(
        f"--ssl-ca={ca_path}", f"--ssl-cert={tmp_path / 'server.pem'}",
        f"--ssl-key={tmp_path / 'server.key'}",
    )  # fmt: skip
    yield server, ca_path
    server.stop()  # the next test's server starts without TLS


def test_tls_with_the_clinics_ca_and_never_a_strangers(
    tls_server: tuple[MariaDBServer, Path], tmp_path: Path
) -> None:
    server, ca = tls_server
    good = StoreConfig(USER, HOST, server.port, DATABASE, ca_file=str(ca))
    store = SharedStore(good, PASSWORD, "desk-a", connect_timeout=3)
    conn = store.connect()
    try:
        with conn.cursor() as cur:
            cur.execute("SHOW SESSION STATUS LIKE 'Ssl_version'")
            assert str(cur.fetchone()[1]).startswith("TLS")
    finally:
        conn.close()
    stranger, _key, _cert = make_ca(tmp_path, "someone-else")
    bad = StoreConfig(USER, HOST, server.port, DATABASE, ca_file=str(stranger))
    with pytest.raises(SharedStoreUnavailable) as refused:
        SharedStore(bad, PASSWORD, "desk-a", connect_timeout=3).connect()
    assert (
        "CERTIFICATE_VERIFY_FAILED" in str(refused.value)
        or "certificate" in str(refused.value).lower()
    )
