"""The workstation's settings, each declared once: its key, type, default and allowed values.

Everything is kept with QSettings (the OS user's settings: the registry, a plist or an ini
file). A setting declared ``per_user`` is kept under the moderator's name as well, so that two
moderators sharing an OS account keep their own. Reading never fails: a value that is missing,
of the wrong type or out of range gives the default (numbers are clamped), with a log line.

Declared here:
- :data:`LANGUAGE`: "system", "zh_CN" or "en" (applied at start and at once from the dialog);
- :data:`THEME`: "system", "light" or "dark" (applied at start and at once from the dialog);
- :data:`CACHE_RETENTION_DAYS`: cases opened longer ago are forgotten at login;
- :data:`SYNC_INTERVAL_SECONDS`: how often the queue is pulled from the platform;
- :data:`MAIN_GEOMETRY`, :data:`MAIN_SPLITTER`, :data:`QUEUE_HEADER`: the main window's layout;
- :func:`layout_settings`: the other windows' geometry and splitters (:data:`LAYOUT_WINDOWS`);
- :data:`QUALITY_SAMPLE_PERCENT`: the supervisor's re-review sample;
- the remapped keys (group ``shortcuts``: action id = key sequence): :func:`key_overrides`;
- the wellbeing preferences are :class:`qunguan.ui.wellbeing.WellbeingSettings` (per user).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import quote

from PySide6.QtCore import QByteArray, QSettings

from .shortcuts import DEFAULT_KEYS

log = logging.getLogger(__name__)

T = TypeVar("T")

__all__ = [
    "CACHE_RETENTION_DAYS",
    "LANGUAGE",
    "LANGUAGES",
    "LAYOUT_WINDOWS",
    "MAIN_GEOMETRY",
    "MAIN_SPLITTER",
    "QUALITY_SAMPLE_PERCENT",
    "QUEUE_HEADER",
    "SETTINGS",
    "SHORTCUTS_GROUP",
    "SYNC_INTERVAL_SECONDS",
    "THEME",
    "THEMES",
    "Setting",
    "key_overrides",
    "language_setting",
    "layout_settings",
    "set_key_overrides",
]


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: ``key`` in QSettings, its ``kind`` (int, str, bool or bytes), ``default``,
    and either a range (``minimum``/``maximum``, for int) or ``choices``."""

    key: str
    kind: type
    default: T
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[Any, ...] = ()
    per_user: bool = False

    def path(self, user: str | None = None) -> str:
        if self.per_user:
            if not user:
                raise ValueError(f"the setting {self.key} is kept per user: name the user")
            return f"users/{quote(user, safe='')}/{self.key}"
        return self.key

    def validate(self, value: Any) -> T:
        """``value`` as this setting's type; raises ValueError when it is not allowed."""
        if self.kind is bool:
            if isinstance(value, str):
                if value.lower() not in ("true", "false", "1", "0"):
                    raise ValueError(f"{value!r} is not true or false")
                value = value.lower() in ("true", "1")
            result: Any = bool(value)
        elif self.kind is int:
            if isinstance(value, bool) or not isinstance(value, (int, str, float)):
                raise ValueError(f"{value!r} is not a whole number")
            result = int(str(value).strip()) if isinstance(value, str) else int(value)
            if result != value and not isinstance(value, str):
                raise ValueError(f"{value!r} is not a whole number")
            if self.minimum is not None and result < self.minimum:
                raise ValueError(f"{result} is below {self.minimum}")
            if self.maximum is not None and result > self.maximum:
                raise ValueError(f"{result} is above {self.maximum}")
        elif self.kind is bytes:
            if not isinstance(value, (bytes, bytearray, QByteArray)):
                raise ValueError("not binary data")
            result = bytes(value.data() if isinstance(value, QByteArray) else value)
        else:
            result = str(value)
        if self.choices and result not in self.choices:
            raise ValueError(f"{result!r} is not one of {', '.join(map(str, self.choices))}")
        return result  # type: ignore[no-any-return]

    def get(self, user: str | None = None) -> T:
        raw = QSettings().value(self.path(user))
        if raw is None:
            return self.default
        try:
            return self.validate(raw)
        except (TypeError, ValueError) as exc:
            if self.kind is int and self.minimum is not None and self.maximum is not None:
                try:  # a number out of range is clamped, a number at all is kept
                    return min(self.maximum, max(self.minimum, int(str(raw))))  # type: ignore[return-value]
                except ValueError:
                    pass
            log.warning("the setting %s=%r is not valid (%s); the default is used", self.key, raw, exc)
            return self.default

    def set(self, value: Any, user: str | None = None) -> T:
        """Keep ``value`` (validated first: a bad value raises ValueError and nothing is kept)."""
        checked = self.validate(value)
        QSettings().setValue(self.path(user), QByteArray(checked) if isinstance(checked, bytes) else checked)
        return checked

    def reset(self, user: str | None = None) -> None:
        QSettings().remove(self.path(user))


#: The interface's language: "system" follows the operating system's.
LANGUAGES = ("system", "zh_CN", "en")
LANGUAGE: Setting[str] = Setting("general/language", str, "system", choices=LANGUAGES)
#: Cases opened longer ago than this are forgotten at login (decisions not yet sent are kept).
CACHE_RETENTION_DAYS: Setting[int] = Setting("cache/retention_days", int, 14, minimum=1, maximum=365)
#: How often the queue is pulled from the platform (decisions are pushed within a second anyway).
SYNC_INTERVAL_SECONDS: Setting[int] = Setting("sync/pull_interval_seconds", int, 30, minimum=10, maximum=3600)
#: Light or dark; "system" follows the operating system's colour scheme (and its changes).
THEMES = ("system", "light", "dark")
THEME: Setting[str] = Setting("appearance/theme", str, "system", choices=THEMES)
MAIN_GEOMETRY: Setting[bytes] = Setting("main/geometry", bytes, b"")
MAIN_SPLITTER: Setting[bytes] = Setting("main/splitter", bytes, b"")
QUEUE_HEADER: Setting[bytes] = Setting("main/queue_header", bytes, b"")

#: The supervisor's share of closed, unreviewed decisions drawn for re-review (Quality tab).
QUALITY_SAMPLE_PERCENT: Setting[int] = Setting("quality/sample_rate_percent", int, 5, minimum=1, maximum=100)
#: The other windows whose size, place and splitters are kept (layout/<name>/geometry and /splitters).
LAYOUT_WINDOWS = ("supervisor_desk", "decision_view", "incidents", "log_view", "credit_history", "attention",
                  "provisions", "settings", "pi_exports")


def layout_settings(window: str) -> tuple[Setting[bytes], Setting[bytes]]:
    """The geometry and the splitters' state of one of :data:`LAYOUT_WINDOWS`."""
    if window not in LAYOUT_WINDOWS:
        raise ValueError(f"{window!r} is not a window whose layout is kept")
    return (Setting(f"layout/{window}/geometry", bytes, b""), Setting(f"layout/{window}/splitters", bytes, b""))


SETTINGS: tuple[Setting[Any], ...] = (LANGUAGE, THEME, CACHE_RETENTION_DAYS, SYNC_INTERVAL_SECONDS, MAIN_GEOMETRY,
                                      MAIN_SPLITTER, QUEUE_HEADER, QUALITY_SAMPLE_PERCENT,
                                      *(s for w in LAYOUT_WINDOWS for s in layout_settings(w)))

SHORTCUTS_GROUP = "shortcuts"


def language_setting() -> str | None:
    """The chosen language for :func:`qunguan.ui.i18n.choose_language` (None: the system's)."""
    chosen = LANGUAGE.get()
    return None if chosen == "system" else chosen


def key_overrides() -> dict[str, str]:
    """Remapped keys (group ``shortcuts``: action id = key sequence); unknown ids are ignored."""
    settings = QSettings()
    settings.beginGroup(SHORTCUTS_GROUP)
    try:
        return {key: str(settings.value(key)) for key in settings.childKeys() if key in DEFAULT_KEYS}
    finally:
        settings.endGroup()


def set_key_overrides(overrides: Mapping[str, str]) -> None:
    """Keep the remapped keys: only those that differ from the default are written."""
    settings = QSettings()
    settings.remove(SHORTCUTS_GROUP)
    settings.beginGroup(SHORTCUTS_GROUP)
    try:
        for action_id, key in overrides.items():
            if action_id in DEFAULT_KEYS and key and key != DEFAULT_KEYS[action_id]:
                settings.setValue(action_id, key)
    finally:
        settings.endGroup()
