"""Server profiles: which platforms the user logs in to (URL, optional CA bundle, user
name, whether to remember the login). No secrets: those live in the keyring."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from platformdirs import user_config_path

from .errors import KnownError

log = logging.getLogger(__name__)


class BadProfile(KnownError):
    """A profile that cannot be used (an invalid URL or a missing CA bundle)."""


@dataclass(frozen=True)
class Profile:
    name: str
    url: str
    username: str = ""
    ca_bundle: str | None = None
    remember: bool = False

    def checked(self) -> Profile:
        url = self.url.strip().rstrip("/")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BadProfile(f"{url!r} is not an http or https address.")
        if self.ca_bundle and not Path(self.ca_bundle).is_file():
            raise BadProfile(f"The CA bundle {self.ca_bundle} does not exist.")
        return replace(self, url=url, name=self.name.strip() or parts.hostname)


def default_path() -> Path:
    return user_config_path("qunguan", appauthor=False) / "profiles.json"


class ProfileStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.recovered = False  # True when a corrupt file was set aside
        self._profiles: dict[str, Profile] = {}
        self._last: str | None = None
        self._load()

    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self._profiles = {p["name"]: Profile(**p) for p in data.get("profiles", [])}
            self._last = data.get("last")
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            log.warning("the server profiles in %s could not be read; they were set aside", self.path)
            self.path.replace(self.path.with_suffix(".json.bak"))
            self._profiles, self._last, self.recovered = {}, None, True

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"last": self._last, "profiles": [asdict(p) for p in self._profiles.values()]}
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".profiles-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
        os.replace(tmp, self.path)

    def all(self) -> list[Profile]:
        return list(self._profiles.values())

    def get(self, name: str) -> Profile | None:
        return self._profiles.get(name)

    def last(self) -> Profile | None:
        return self._profiles.get(self._last) if self._last else None

    def save(self, profile: Profile, *, last: bool = True) -> Profile:
        profile = profile.checked()
        self._profiles[profile.name] = profile
        if last:
            self._last = profile.name
        self._save()
        return profile

    def remove(self, name: str) -> None:
        self._profiles.pop(name, None)
        if self._last == name:
            self._last = None
        self._save()
