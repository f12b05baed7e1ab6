"""Light and dark themes: the same style sheet rules with each theme's colours, text colours
readable on the backgrounds they are shown on, the system's colour scheme followed (also when
it changes while the application runs) unless the moderator chose a theme, and the real main
window over the real platform painted dark in the dark theme."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from qunguan.ui import settings as prefs
from qunguan.ui import theme
from qunguan.ui.resources import resources_dir
from qunguan.ui.settings_dialog import SettingsDialog
from qunguan.ui.theme import DARK, LIGHT, THEMES

TEXT = ("text", "muted", "danger", "warning", "success", "link", "priority_urgent", "priority_high",
        "priority_normal", "priority_low")
BACKGROUNDS = ("base", "window", "alt_base", "bar")


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours."""
    def luminance(colour: str) -> float:
        c = QColor(colour)
        channels = [v / 255 for v in (c.red(), c.green(), c.blue())]
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_both_themes_name_the_same_colours_and_the_style_sheet_uses_only_those():
    assert set(LIGHT.colours) == set(DARK.colours)
    template = (resources_dir() / "qunguan.qss").read_text(encoding="utf-8")
    used = set(re.findall(r"@([a-z_]+)\b", template))
    assert used and used <= {*LIGHT.colours, "arrow_down"}, used - set(LIGHT.colours)
    for t in THEMES.values():
        sheet = theme.render_style(template, t)
        assert "@" not in sheet and t.colours["focus"] in sheet
        arrow = resources_dir() / "icons" / f"arrow-down-{t.name}.svg"
        assert arrow.is_file() and arrow.as_posix() in sheet
    with pytest.raises(KeyError):
        theme.render_style("QLabel { color: @no_such_colour; }", LIGHT)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_texts_keep_wcag_aa_contrast(name):
    c = THEMES[name].colours
    low = [(fg, bg, round(contrast(c[fg], c[bg]), 2)) for fg in TEXT for bg in BACKGROUNDS
           if contrast(c[fg], c[bg]) < 4.5]
    low += [(fg, bg, round(contrast(c[fg], c[bg]), 2)) for fg, bg in (
        ("selection_text", "selection"), ("danger_button_text", "danger_button"), ("text", "flagged"),
        ("text", "deleted"), ("muted", "deleted"), ("text", "info"), ("text", "tooltip"), ("text", "button"),
        ("text", "button_pressed")) if contrast(c[fg], c[bg]) < 4.5]
    # the focus frame is not text: 3:1 against what is around it (WCAG 1.4.11)
    low += [("focus", bg, round(contrast(c["focus"], c[bg]), 2)) for bg in BACKGROUNDS
            if contrast(c["focus"], c[bg]) < 3]
    assert not low, low
    assert THEMES[name].dark == (QColor(c["window"]).lightness() < 128)


def test_the_palette_style_sheet_and_tones_follow_the_theme(qtbot, themed):
    label = QLabel("overdue")
    qtbot.addWidget(label)
    theme.set_tone(label, "danger")
    label.show()
    app = QApplication.instance()
    for name in ("dark", "light", "dark"):
        themed(name)
        t = THEMES[name]
        assert theme.current() is t
        assert app.palette().color(QPalette.ColorRole.Window) == QColor(t.colours["window"])
        assert app.palette().color(QPalette.ColorRole.Text) == QColor(t.colours["text"])
        assert t.colours["base"] in app.styleSheet()
        # the label's colour is the theme's "danger", given by the style sheet's [tone] rule
        qtbot.waitUntil(lambda t=t: label.palette().color(QPalette.ColorRole.WindowText)
                        == QColor(t.colours["danger"]), timeout=5_000)
        assert theme.colour("flagged") == QColor(t.colours["flagged"])
    theme.set_tone(label, None)
    assert label.palette().color(QPalette.ColorRole.WindowText) == QColor(DARK.colours["text"])


def test_the_system_colour_scheme_is_followed_unless_a_theme_was_chosen(qtbot, themed):
    hints = QApplication.instance().styleHints()
    changes: list[str] = []
    theme.theme_changes().changed.connect(changes.append)
    try:
        themed("system", Qt.ColorScheme.Light)
        assert theme.current() is LIGHT
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # what the platform says when the user switches
        assert theme.current() is DARK and changes[-1] == "dark"
        assert QApplication.instance().palette().color(QPalette.ColorRole.Window) == QColor(DARK.colours["window"])
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert theme.current() is LIGHT and changes[-1] == "light"
        themed("dark")  # chosen: the system's changes no longer count
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert theme.current() is DARK
        # where the platform tells no colour scheme, the lightness of its own palette decides
        assert theme.system_theme(Qt.ColorScheme.Unknown) in (LIGHT, DARK)
    finally:
        theme.theme_changes().changed.disconnect(changes.append)


def _mean_lightness(widget) -> float:
    image = widget.grab().toImage().scaled(64, 40)
    values = [image.pixelColor(x, y).lightness() for x in range(image.width()) for y in range(image.height())]
    return sum(values) / len(values)


def test_the_main_window_is_dark_in_the_dark_theme_chosen_in_settings(qtbot, platform, open_workstation, themed):
    themed("light")
    window = open_workstation(platform, "mod2").window
    window.resize(1280, 800)
    light = _mean_lightness(window)
    window.settings_action.trigger()  # File > Settings…, General, Theme: Dark
    dialog = window.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitExposed(dialog)
    dialog.general.theme.setCurrentIndex(dialog.general.theme.findData("dark"))
    dialog.apply()
    dialog.close()
    assert prefs.THEME.get() == "dark" and theme.current() is DARK
    dark = _mean_lightness(window)
    # every part is painted from the theme: no white panel left behind
    assert light > 180 and dark < 90, (light, dark)
    model = window.model
    index = model.index(0, 0)
    colour = model.data(index, Qt.ItemDataRole.ForegroundRole)
    assert colour is None or colour.name() in DARK.colours.values()
    # the conversation's flagged message is drawn on the dark theme's colour
    flagged = [window.conversation.model.index(r, 0) for r in range(window.conversation.model.rowCount())]
    brushes = {window.conversation.model.data(i, Qt.ItemDataRole.BackgroundRole) for i in flagged} - {None}
    assert all(b.color().name() in (DARK.colours["flagged"], DARK.colours["deleted"]) for b in brushes)
