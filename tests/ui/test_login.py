"""The login dialog against the real platform: success, each failure in words, the TOTP
field when the platform asks for it, and remember-me through the keyring."""

from __future__ import annotations

import socket

import keyring
import pyotp
import pytest
from PySide6.QtCore import Qt

from qunguan.client.auth import Authenticator
from qunguan.client.credentials import CredentialStore
from qunguan.client.profiles import ProfileStore
from qunguan.ui.login import LoginDialog
from tests.helpers import PASSWORD, new_account
from tests.keyring_backend import MemoryKeyring
from tests.platform_fixture import DEMO_PASSWORD


@pytest.fixture
def auth(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.keyring_backend.MemoryKeyring")
    previous = keyring.get_keyring()
    MemoryKeyring.store = {}
    keyring.set_keyring(MemoryKeyring())
    yield Authenticator(ProfileStore(tmp_path / "profiles.json"), CredentialStore())
    keyring.set_keyring(previous)


def fill(qtbot, dialog, url, username, password):
    for name, text in (("url", url), ("username", username), ("password", password)):
        field = getattr(dialog, name)
        field.clear()
        qtbot.keyClicks(field, text)


def open_dialog(qtbot, auth, **kwargs):
    dialog = LoginDialog(auth, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_logging_in_remembers_the_profile_and_the_token(qtbot, auth, platform):
    dialog = open_dialog(qtbot, auth, prefill_url=platform.url)
    assert dialog.url.text() == platform.url
    fill(qtbot, dialog, platform.url, "mod1", DEMO_PASSWORD)
    dialog.remember.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.api is not None and dialog.api.tokens.moderator.username == "mod1"
    assert dialog.password.text() == ""
    assert auth.profiles.last().url == platform.url
    assert list(MemoryKeyring.store.values()) == [dialog.api.tokens.refresh_token]
    # the next dialog starts from the saved profile
    again = open_dialog(qtbot, auth)
    assert again.username.text() == "mod1" and again.url.text() == platform.url


def test_a_wrong_password_is_said_plainly(qtbot, auth, platform):
    dialog = open_dialog(qtbot, auth)
    fill(qtbot, dialog, platform.url, "mod1", "wrong password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.login_button.isEnabled() and "password" in dialog.error.text(), timeout=20_000)
    assert dialog.error.text() == "Wrong username or password."
    assert dialog.result() == 0


def test_an_unreachable_server_is_said_plainly(qtbot, auth):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    dialog = open_dialog(qtbot, auth)
    fill(qtbot, dialog, f"http://127.0.0.1:{port}", "mod1", "x")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cannot be reached" in dialog.error.text(), timeout=30_000)


def test_a_bad_address_is_refused_before_any_request(qtbot, auth):
    dialog = open_dialog(qtbot, auth)
    fill(qtbot, dialog, "ftp://example.org", "mod1", "x")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert "http://" in dialog.error.text()
    assert dialog.login_button.isEnabled()


def test_the_totp_field_appears_when_the_platform_asks(qtbot, auth, fresh_platform):
    platform = fresh_platform()
    username, session = new_account(platform)
    secret = session.post("/auth/totp").json()["secret"]
    totp = pyotp.TOTP(secret)
    assert session.post("/auth/totp/confirm", json={"code": totp.at(platform.clock())}).status_code == 200
    dialog = open_dialog(qtbot, auth)
    assert not dialog.totp.isVisible()
    fill(qtbot, dialog, platform.url, username, PASSWORD)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.totp.isVisible, timeout=20_000)
    assert "six-digit" in dialog.error.text()
    qtbot.keyClicks(dialog.totp, totp.at(platform.clock()))
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.api.tokens.moderator.username == username


def test_every_label_is_plain_text(qtbot, auth):
    from PySide6.QtWidgets import QLabel

    dialog = open_dialog(qtbot, auth, message="<b>session</b> expired")
    assert dialog.notice.text() == "<b>session</b> expired"
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in dialog.findChildren(QLabel)
               if label.objectName() in {"notice", "error"})
