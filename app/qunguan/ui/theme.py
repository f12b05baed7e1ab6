"""Light and dark themes: one palette per theme for the Fusion style, the style sheet
(``resources/qunguan.qss``, written with ``@name`` colour tokens) filled in with that theme's
colours, and the colours that item models and delegates paint with.

The theme follows the system unless the moderator chose one (File > Settings… > General): the
system's colour scheme (``QStyleHints.colorScheme``, which Windows, macOS and the GTK and KDE
platform themes report, and which changes while the application runs) and, where the platform
reports none, the lightness of the palette the platform gave at start.

Code that colours a text says what the colour means, not which colour it is:
:func:`set_tone` gives a label a ``tone`` property ("danger", "warning", "success", "muted") that
the style sheet colours, and :func:`colour` gives models the theme's colour for a meaning.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyleFactory, QWidget

from .resources import resources_dir

log = logging.getLogger(__name__)

__all__ = ["DARK", "LIGHT", "THEMES", "Theme", "apply_theme", "colour", "current", "current_choice", "follow_system",
           "render_style", "set_tone", "system_theme", "theme_changes"]

Tone = Literal["danger", "warning", "success", "muted"]


@dataclass(frozen=True)
class Theme:
    name: str
    colours: MappingProxyType[str, str]

    @property
    def dark(self) -> bool:
        return self.name == "dark"


def _theme(name: str, **colours: str) -> Theme:
    return Theme(name, MappingProxyType(colours))


# One token per meaning; both themes name the same tokens (a test checks it, and that the text
# colours keep a WCAG AA contrast on the backgrounds they are shown on).
LIGHT = _theme(
    "light",
    window="#f5f6f8", base="#ffffff", alt_base="#f6f8fa", text="#1f2328", muted="#5f6b76",
    border="#d0d7de", control_border="#aab4be", button="#f6f8fa", button_hover="#e8eef4",
    button_pressed="#d6e0ea", bar="#eef2f6", focus="#1f78d1", focus_tint="#dbe9f7",
    selection="#1f4e79", selection_text="#ffffff", disabled_text="#8c959f", link="#0b57d0",
    danger="#c62828", warning="#9a5b00", success="#2e7d32",
    danger_button="#c62828", danger_button_text="#ffffff", danger_button_border="#8e0000",
    danger_button_disabled="#e0a0a0", danger_button_focus="#0b3d6b",
    flagged="#fff3cd", deleted="#f0f0f0", info="#e8f0fe", info_border="#90a4d4", tooltip="#ffffe8",
    priority_urgent="#c62828", priority_high="#a84d00", priority_normal="#546e7a", priority_low="#5a6e79",
)
DARK = _theme(
    "dark",
    window="#1e1f22", base="#26282c", alt_base="#2b2d31", text="#e3e5e8", muted="#a3acb6",
    border="#3d4148", control_border="#5b636d", button="#2f3237", button_hover="#383c42",
    button_pressed="#44494f", bar="#25272b", focus="#5aa7f0", focus_tint="#24405e",
    selection="#2f6aa3", selection_text="#ffffff", disabled_text="#6f7782", link="#8ab4f8",
    danger="#ff6b6b", warning="#ffb74d", success="#6cc070",
    danger_button="#b3261e", danger_button_text="#ffffff", danger_button_border="#ff8a80",
    danger_button_disabled="#5a3434", danger_button_focus="#8ab4f8",
    flagged="#4a3f1c", deleted="#303236", info="#233044", info_border="#4a6a9a", tooltip="#303236",
    priority_urgent="#ff6b6b", priority_high="#ffa040", priority_normal="#a9bcc6", priority_low="#8c9ca6",
)
THEMES = {"light": LIGHT, "dark": DARK}

_current: Theme = LIGHT
_platform_palette: QPalette | None = None
_choice = "system"


class _Changes(QObject):
    """``changed(str)``: the theme now in force ("light" or "dark")."""

    changed = Signal(str)


_changes: _Changes | None = None


def theme_changes() -> _Changes:
    """The object whose ``changed`` signal tells that the theme changed."""
    global _changes
    if _changes is None:
        _changes = _Changes()
    return _changes


def current() -> Theme:
    return _current


def current_choice() -> str:
    """What was last chosen: "system", "light" or "dark"."""
    return _choice


def colour(token: str) -> QColor:
    """The current theme's colour for ``token`` (KeyError for a token no theme has)."""
    return QColor(_current.colours[token])


def palette_for(theme: Theme) -> QPalette:
    c = {k: QColor(v) for k, v in theme.colours.items()}
    p = QPalette()
    roles = QPalette.ColorRole
    for role, token in ((roles.Window, "window"), (roles.WindowText, "text"), (roles.Base, "base"),
                        (roles.AlternateBase, "alt_base"), (roles.Text, "text"), (roles.Button, "button"),
                        (roles.ButtonText, "text"), (roles.Highlight, "selection"),
                        (roles.HighlightedText, "selection_text"), (roles.ToolTipBase, "tooltip"),
                        (roles.ToolTipText, "text"), (roles.PlaceholderText, "muted"), (roles.Link, "link"),
                        (roles.LinkVisited, "link"), (roles.BrightText, "danger"), (roles.Accent, "focus")):
        p.setColor(role, c[token])
    base = c["base"]
    p.setColor(roles.Light, c["button"].lighter(130 if theme.dark else 110))
    p.setColor(roles.Midlight, c["button"].lighter(115 if theme.dark else 105))
    p.setColor(roles.Mid, c["control_border"])
    p.setColor(roles.Dark, c["border"].darker(130))
    p.setColor(roles.Shadow, QColor("#000000"))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(disabled, role, c["disabled_text"])
    p.setColor(disabled, roles.Highlight, c["border"])
    p.setColor(disabled, roles.Base, c["window"] if theme.dark else base.darker(102))
    p.setColor(QPalette.ColorGroup.Inactive, roles.Highlight, c["selection"])
    p.setColor(QPalette.ColorGroup.Inactive, roles.HighlightedText, c["selection_text"])
    return p


_TOKEN = re.compile(r"@([a-z_]+)\b")


def render_style(template: str, theme: Theme) -> str:
    """The style sheet with each ``@token`` replaced by ``theme``'s colour, and ``@arrow_down``
    by the path of the theme's drop-down arrow (KeyError: an unknown token)."""
    files = {"arrow_down": (resources_dir() / "icons" / f"arrow-down-{theme.name}.svg").as_posix()}
    return _TOKEN.sub(lambda m: files.get(m.group(1)) or theme.colours[m.group(1)], template)


def system_theme(scheme: Qt.ColorScheme | None = None) -> Theme:
    """The theme the system asks for: its colour scheme, else the lightness of its palette."""
    app = QGuiApplication.instance()
    if scheme is None:
        scheme = app.styleHints().colorScheme() if isinstance(app, QGuiApplication) else Qt.ColorScheme.Unknown
    if scheme == Qt.ColorScheme.Dark:
        return DARK
    if scheme == Qt.ColorScheme.Light:
        return LIGHT
    palette = _platform_palette
    if palette is None:
        return LIGHT
    return DARK if palette.color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT


def resolve(choice: str, scheme: Qt.ColorScheme | None = None) -> Theme:
    return THEMES[choice] if choice in THEMES else system_theme(scheme)


def apply_theme(app: QApplication, choice: str = "system", scheme: Qt.ColorScheme | None = None) -> Theme:
    """Put the theme for ``choice`` ("system", "light" or "dark") in force: Fusion, its palette,
    the style sheet; item views repaint with the new colours. Returns the theme."""
    global _current, _platform_palette, _choice
    if _platform_palette is None:  # what the platform gave, before any palette of ours
        _platform_palette = QPalette(app.palette())
        follow_system(app)
    _choice = choice
    theme = resolve(choice, scheme)
    if not app.property("qunguan_fusion"):
        # Fusion draws with the palette on every platform (the native styles ignore a dark one)
        style = QStyleFactory.create("Fusion")
        if style is not None:
            app.setStyle(style)
            app.setProperty("qunguan_fusion", True)
    changed = theme is not _current
    _current = theme
    app.setPalette(palette_for(theme))
    sheet = resources_dir() / "qunguan.qss"
    if sheet.exists():
        app.setStyleSheet(render_style(sheet.read_text(encoding="utf-8"), theme))
    for widget in app.allWidgets():  # models paint with colour(): their views paint again
        if isinstance(widget, QAbstractItemView):
            widget.viewport().update()
    if changed:
        theme_changes().changed.emit(theme.name)
    log.info("theme: %s (chosen: %s)", theme.name, choice)
    return theme


_following = False


def follow_system(app: QApplication) -> None:
    """Apply the system's theme again when its colour scheme changes (only while "system" is chosen)."""
    global _following
    if _following:
        return
    _following = True

    def changed(scheme: Qt.ColorScheme) -> None:
        if _choice == "system":
            apply_theme(app, "system", scheme)

    app.styleHints().colorSchemeChanged.connect(changed)


def set_tone(widget: QWidget, tone: Tone | None) -> None:
    """Colour ``widget``'s text for what it means (the style sheet's ``[tone=...]`` rules);
    None takes the colour off."""
    if widget.property("tone") == (tone or ""):
        return
    widget.setProperty("tone", tone or "")
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
