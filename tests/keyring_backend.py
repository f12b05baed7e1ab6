"""An in-memory keyring for tests, selected with
``PYTHON_KEYRING_BACKEND=tests.keyring_backend.MemoryKeyring``. It keeps secrets in this
process only (never on disk), so it is as safe as a system keyring for what tests need;
the product never falls back to anything like it."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]
    store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.store.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")
