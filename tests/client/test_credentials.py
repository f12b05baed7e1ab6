"""Remembered logins: only the refresh token, only in a secure keyring; a silent login
the next time; logout forgets. No secret reaches a file or a log."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring

from qunguan.client.auth import Authenticator
from qunguan.client.credentials import CredentialStore, NoSecureKeyring
from qunguan.client.profiles import Profile, ProfileStore
from tests.helpers import PASSWORD, new_account
from tests.keyring_backend import MemoryKeyring

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def memory_keyring(monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.keyring_backend.MemoryKeyring")
    previous = keyring.get_keyring()
    MemoryKeyring.store = {}
    keyring.set_keyring(MemoryKeyring())
    yield MemoryKeyring.store
    keyring.set_keyring(previous)


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


def test_a_plaintext_keyring_is_refused(tmp_path):
    previous = keyring.get_keyring()
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")  # type: ignore[misc]
    keyring.set_keyring(backend)
    try:
        store = CredentialStore()
        assert not store.available()
        with pytest.raises(NoSecureKeyring):
            store.save_refresh_token("http://x", "u", "secret")
        assert not (tmp_path / "keyring.cfg").exists()
    finally:
        keyring.set_keyring(previous)


def test_remember_me_resumes_silently_and_logout_forgets(platform, memory_keyring, dirs, caplog):
    caplog.set_level(logging.DEBUG)
    username, _ = new_account(platform)
    auth = Authenticator(ProfileStore(dirs / "config" / "profiles.json"), CredentialStore())
    profile = Profile(name="test", url=platform.url, username=username)
    client = auth.login(profile, PASSWORD, remember=True)
    first_refresh = client.tokens.refresh_token
    assert list(memory_keyring.values()) == [first_refresh]  # the refresh token, and only it
    # a new start: the last profile logs in silently with the remembered token, which rotates
    store = ProfileStore(dirs / "config" / "profiles.json")
    again = Authenticator(store, CredentialStore()).resume(store.last())
    assert again is not None and again.me().username == username
    assert list(memory_keyring.values()) == [again.tokens.refresh_token] != [first_refresh]
    Authenticator(store, CredentialStore()).logout(again, store.last())
    assert memory_keyring == {}
    assert Authenticator(store, CredentialStore()).resume(store.last()) is None
    # no secret in any file we wrote, nor in the log
    secrets = [PASSWORD, first_refresh, again.tokens.refresh_token if again.tokens else first_refresh,
               client.tokens.access_token]
    for path in dirs.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(s.encode() in data for s in secrets), path
    assert not any(s in caplog.text for s in secrets)


def test_a_cache_key_is_made_once_kept_in_the_keyring_and_opens_the_cache(memory_keyring, tmp_path):
    from qunguan.client.cache import Cache

    store = CredentialStore()
    key = store.cache_key("c.sqlite3")
    assert len(key) == 32 and store.cache_key("c.sqlite3") == key
    assert memory_keyring[("qunguan-cache-key", "c.sqlite3")] == key.hex()
    Cache(tmp_path / "c.sqlite3", me="mod1", key=key).close()
    Cache(tmp_path / "c.sqlite3", me="mod1", key=store.cache_key("c.sqlite3")).close()  # the next start
    store.forget_cache_key("c.sqlite3")
    assert store.cache_key("c.sqlite3", create=False) is None
    assert not any(key.hex().encode() in f.read_bytes() for f in tmp_path.iterdir())


def test_without_a_secure_keyring_there_is_no_cache_key(tmp_path):
    previous = keyring.get_keyring()
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")  # type: ignore[misc]
    keyring.set_keyring(backend)
    try:
        assert CredentialStore().cache_key("c.sqlite3") is None
        assert not (tmp_path / "keyring.cfg").exists()
    finally:
        keyring.set_keyring(previous)


def test_without_remember_nothing_is_kept(platform, memory_keyring, dirs):
    username, _ = new_account(platform)
    auth = Authenticator(ProfileStore(dirs / "profiles.json"), CredentialStore())
    auth.login(Profile(name="p", url=platform.url, username=username), PASSWORD, remember=False)
    assert memory_keyring == {}
    assert auth.resume(auth.profiles.last()) is None


def test_a_corrupt_profile_file_is_set_aside(tmp_path):
    path = tmp_path / "profiles.json"
    path.write_text("{not json")
    store = ProfileStore(path)
    assert store.recovered and store.all() == []
    assert (tmp_path / "profiles.json.bak").exists()


@pytest.mark.skipif(not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")),
                    reason="dbus-run-session and gnome-keyring-daemon are not installed")
def test_the_real_secret_service_keeps_and_forgets_a_token(tmp_path):
    """The product's own code against GNOME Keyring's Secret Service on a private D-Bus."""
    script = tmp_path / "child.py"
    script.write_text(textwrap.dedent("""
        import keyring
        from keyring.backends.SecretService import Keyring
        keyring.set_keyring(Keyring())
        from qunguan.client.credentials import CredentialStore
        store = CredentialStore(service="qunguan-test")
        assert store.available(), store.backend_name()
        store.save_refresh_token("https://p.example", "mod1", "token-123")
        print("loaded", store.load_refresh_token("https://p.example", "mod1"))
        store.forget("https://p.example", "mod1")
        print("after", store.load_refresh_token("https://p.example", "mod1"))
        key = store.cache_key("mod1@p-0123.sqlite3")
        assert len(key) == 32 and store.cache_key("mod1@p-0123.sqlite3") == key
        store.forget_cache_key("mod1@p-0123.sqlite3")
        print("cache key forgotten", store.cache_key("mod1@p-0123.sqlite3", create=False))
    """))
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_RUNTIME_DIR": str(tmp_path / "run"), "PYTHONPATH": str(ROOT / "app")}
    (tmp_path / "run").mkdir(mode=0o700)
    env.pop("PYTHON_KEYRING_BACKEND", None)
    command = (f"echo -n unlock | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
               f"{sys.executable} {script}")
    result = subprocess.run(["dbus-run-session", "--", "sh", "-c", command], capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert "loaded token-123" in result.stdout
    assert "after None" in result.stdout
    assert "cache key forgotten None" in result.stdout
