"""Logging in, silently logging in again with a remembered refresh token, and logging out."""

from __future__ import annotations

import logging
from dataclasses import replace

from .api import ApiClient
from .credentials import CredentialStore
from .errors import KnownError, SessionExpired
from .profiles import Profile, ProfileStore

log = logging.getLogger(__name__)


class Authenticator:
    def __init__(self, profiles: ProfileStore, credentials: CredentialStore) -> None:
        self.profiles = profiles
        self.credentials = credentials

    def _client(self, profile: Profile) -> ApiClient:
        return ApiClient(profile.url, ca_bundle=profile.ca_bundle)

    def login(self, profile: Profile, password: str, totp: str | None = None, remember: bool = False) -> ApiClient:
        profile = replace(profile.checked(), remember=remember and self.credentials.available())
        client = self._client(profile)
        tokens = client.login(profile.username, password, totp)
        profile = self.profiles.save(replace(profile, username=tokens.moderator.username))
        if profile.remember:
            self._remember(client, profile)
        else:
            self.credentials.forget(profile.url, profile.username)
        return client

    def _remember(self, client: ApiClient, profile: Profile) -> None:
        def keep(tokens) -> None:  # type: ignore[no-untyped-def]
            try:
                self.credentials.save_refresh_token(profile.url, profile.username, tokens.refresh_token)
            except KnownError as exc:
                log.warning("the login could not be remembered: %s", exc)

        assert client.tokens is not None
        keep(client.tokens)
        client.on_tokens = keep

    def resume(self, profile: Profile) -> ApiClient | None:
        """Log in with the remembered refresh token; None when there is none or it is dead."""
        token = self.credentials.load_refresh_token(profile.url, profile.username)
        if not token:
            return None
        client = self._client(profile)
        try:
            client.resume(token)
        except SessionExpired:
            self.credentials.forget(profile.url, profile.username)
            return None
        self._remember(client, profile)
        return client

    def logout(self, client: ApiClient, profile: Profile) -> None:
        client.on_tokens = None
        self.credentials.forget(profile.url, profile.username)
        client.logout()
