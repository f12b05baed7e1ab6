"""The API client's login and session handling against the real platform: each failure is
its own error, the certificate is never bypassed, an expired access token is refreshed
once however many calls notice it, and a reused refresh token ends the session."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pyotp
import pytest
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from qunguan.client.api import ApiClient
from qunguan.client.errors import (
    AccountLocked,
    AuthenticationFailed,
    CertificateRefused,
    Offline,
    SessionExpired,
    TotpInvalid,
    TotpRequired,
)
from qunguan.server.app import create_app
from qunguan.server.config import Settings
from tests.helpers import PASSWORD, new_account
from tests.platform_fixture import DEMO_PASSWORD


def test_wrong_password_and_unknown_user(platform):
    client = ApiClient(platform.url)
    with pytest.raises(AuthenticationFailed) as wrong:
        client.login("mod1", "not the password")
    assert type(wrong.value) is AuthenticationFailed
    with pytest.raises(AuthenticationFailed):
        client.login("nobody-here", "whatever")
    assert client.tokens is None


def test_lockout_is_its_own_error_with_the_wait(fresh_platform):
    platform = fresh_platform()
    username, _ = new_account(platform)
    client = ApiClient(platform.url)
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            client.login(username, "wrong")
    with pytest.raises(AccountLocked) as locked:
        client.login(username, PASSWORD)
    assert locked.value.retry_after and locked.value.retry_after > 0


def test_totp_is_asked_for_then_accepted(fresh_platform):
    platform = fresh_platform()
    username, session = new_account(platform)
    secret = session.post("/auth/totp").json()["secret"]
    totp = pyotp.TOTP(secret)
    assert session.post("/auth/totp/confirm", json={"code": totp.at(platform.clock())}).status_code == 200
    client = ApiClient(platform.url)
    with pytest.raises(TotpRequired):
        client.login(username, PASSWORD)
    wrong = "123456" if totp.at(platform.clock()) != "123456" else "654321"
    with pytest.raises(TotpInvalid):
        client.login(username, PASSWORD, wrong)
    assert client.login(username, PASSWORD, totp.at(platform.clock())).moderator.username == username


def test_an_unreachable_platform_is_offline():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(Offline):
        ApiClient(f"http://127.0.0.1:{port}", timeout=(2, 2)).login("mod1", DEMO_PASSWORD)


def _self_signed(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "qunguan test platform")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture
def tls_platform(database_factory, tmp_path):
    cert, key = _self_signed(tmp_path)
    app = create_app(Settings(db_url=database_factory.clone(), audit_key_path=database_factory.audit_key))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                           ssl_certfile=str(cert), ssl_keyfile=str(key)))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the TLS platform did not start"
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"https://127.0.0.1:{port}", cert
    server.should_exit = True
    thread.join(timeout=15)


def test_a_self_signed_certificate_is_refused_unless_its_ca_is_configured(tls_platform):
    url, cert = tls_platform
    with pytest.raises(CertificateRefused):
        ApiClient(url).login("mod1", DEMO_PASSWORD)
    client = ApiClient(url, ca_bundle=str(cert))
    assert client.login("mod1", DEMO_PASSWORD).moderator.username == "mod1"


def test_an_expired_access_token_is_refreshed_once_for_many_calls(fresh_platform):
    platform = fresh_platform()
    client = ApiClient(platform.url)
    client.login("mod1", DEMO_PASSWORD)
    first = client.tokens
    refreshes = []
    resume = client.resume
    client.resume = lambda token: refreshes.append(token) or resume(token)  # type: ignore[method-assign]
    platform.clock.advance(16 * 60)  # past the 15-minute access token
    with ThreadPoolExecutor(10) as pool:
        results = list(pool.map(lambda _: client.counts(), range(10)))
    assert len(results) == 10
    assert refreshes == [first.refresh_token]
    assert client.tokens.access_token != first.access_token


def test_a_reused_refresh_token_ends_the_session(fresh_platform):
    platform = fresh_platform()
    client = ApiClient(platform.url)
    client.login("mod2", DEMO_PASSWORD)
    old = client.tokens.refresh_token
    client.refresh()
    with pytest.raises(SessionExpired):
        ApiClient(platform.url).resume(old)  # a stolen, already used token
    platform.clock.advance(16 * 60)
    with pytest.raises(SessionExpired):
        client.counts()  # the family was revoked: the legitimate holder must log in again
