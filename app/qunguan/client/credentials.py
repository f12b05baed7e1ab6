"""The refresh token of a remembered login, and the key of each local cache, in the OS
keyring (Secret Service, macOS Keychain, Windows Credential Manager) and nowhere else.
Passwords are never stored.

A keyring backend that keeps secrets in plain text, or none at all, is refused: then
"remember me" is unavailable and the user logs in each time."""

from __future__ import annotations

import logging
import secrets

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from .errors import KnownError

log = logging.getLogger(__name__)

SERVICE = "qunguan"
#: The keys of the local caches (one per cache file), apart from logins.
CACHE_KEY_SUFFIX = "-cache-key"

#: Backends that do not protect a secret: plain files, the "fail" and "null" backends.
_INSECURE = ("keyrings.alt.file.PlaintextKeyring", "keyring.backends.fail.Keyring", "keyring.backends.null.Keyring",
             "keyrings.alt.file.EncryptedKeyring")


class NoSecureKeyring(KnownError):
    """There is no keyring that keeps secrets safely; nothing can be remembered."""


def _name(backend: KeyringBackend) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


def _backends(backend: KeyringBackend) -> list[KeyringBackend]:
    return list(getattr(backend, "backends", None) or [backend])  # a chainer holds several


class CredentialStore:
    def __init__(self, service: str = SERVICE) -> None:
        self.service = service

    @staticmethod
    def backend_name() -> str:
        return _name(keyring.get_keyring())

    def available(self) -> bool:
        backends = _backends(keyring.get_keyring())
        return bool(backends) and all(_name(b) not in _INSECURE for b in backends)

    @staticmethod
    def _account(server_url: str, username: str) -> str:
        return f"{username}@{server_url.rstrip('/')}"

    def save_refresh_token(self, server_url: str, username: str, token: str) -> None:
        if not self.available():
            raise NoSecureKeyring("No secure keyring is available, so the login cannot be remembered.")
        try:
            keyring.set_password(self.service, self._account(server_url, username), token)
        except keyring.errors.KeyringError as exc:
            raise NoSecureKeyring(f"The keyring refused to store the login: {type(exc).__name__}") from exc

    def load_refresh_token(self, server_url: str, username: str) -> str | None:
        if not self.available():
            return None
        try:
            return keyring.get_password(self.service, self._account(server_url, username))
        except keyring.errors.KeyringError as exc:
            log.warning("the keyring could not be read: %s", type(exc).__name__)
            return None

    def forget(self, server_url: str, username: str) -> None:
        try:
            keyring.delete_password(self.service, self._account(server_url, username))
        except keyring.errors.PasswordDeleteError:
            pass  # nothing was remembered
        except keyring.errors.KeyringError as exc:
            log.warning("the keyring could not forget the login: %s", type(exc).__name__)

    # --- cache keys -------------------------------------------------------------------------------

    def cache_key(self, cache_name: str, *, create: bool = True) -> bytes | None:
        """The 32-byte key of the cache file named ``cache_name``, made and stored the first
        time; None when there is no secure keyring (the cache then stays plain, without
        personal data)."""
        if not self.available():
            return None
        service = self.service + CACHE_KEY_SUFFIX
        try:
            stored = keyring.get_password(service, cache_name)
            if stored is not None:
                return bytes.fromhex(stored)
            if not create:
                return None
            key = secrets.token_bytes(32)
            keyring.set_password(service, cache_name, key.hex())
        except (keyring.errors.KeyringError, ValueError) as exc:
            log.warning("the keyring could not keep the cache key: %s", type(exc).__name__)
            return None
        return key

    def forget_cache_key(self, cache_name: str) -> None:
        """After the cache file was deleted."""
        try:
            keyring.delete_password(self.service + CACHE_KEY_SUFFIX, cache_name)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            log.warning("the keyring could not forget the cache key: %s", type(exc).__name__)
