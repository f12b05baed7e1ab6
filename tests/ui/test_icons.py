"""The action icons: every SVG is valid and drawn, at the exact size and device pixel ratio
asked for, in the palette's colour (so a dark theme gets light glyphs), in the disabled colour
when disabled; the main window's menus and buttons carry them without losing their names."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QImage, QPainter, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QPushButton

from qunguan.contract.enums import Action
from qunguan.ui import icons
from qunguan.ui.icons import ACTION_ICONS, BUTTON_ICONS, DIALOG_ICONS, MENU_ICONS, icon, icon_names
from qunguan.ui.resources import resources_dir
from tests.helpers import PASSWORD, new_account
from tests.ui.test_supervisor import open_desk

SVG = "{http://www.w3.org/2000/svg}svg"
#: What the brief asks for at least (a name each).
REQUIRED = {
    "approve", "delete", "warn", "mute", "suspend", "restrict-group", "dissolve-group", "escalate", "undo",
    "refresh", "take-offline", "attention", "log-out", "quit", "settings", "supervisor-desk", "incidents",
    "pi-export", "shortcuts", "provisions", "log", "about", "reveal", "take-over", "search",
}


def image(name: str, size: int = 16, scale: float = 1.0, mode: QIcon.Mode = QIcon.Mode.Normal) -> QImage:
    return icon(name).pixmap(QSize(size, size), scale, mode).toImage().convertToFormat(
        QImage.Format.Format_ARGB32)


def opaque(img: QImage, alpha: int = 200) -> list[QColor]:
    """The colours of the pixels the glyph covers (nearly) fully."""
    found = []
    for y in range(img.height()):
        for x in range(img.width()):
            colour = img.pixelColor(x, y)
            if colour.alpha() >= alpha:
                found.append(colour)
    return found


def near(colour: QColor, rgb: tuple[int, int, int], tolerance: int = 4) -> bool:
    """The colour is ``rgb`` (up to the rounding of premultiplied alpha at the glyph's edges)."""
    return all(abs(a - b) <= tolerance for a, b in zip((colour.red(), colour.green(), colour.blue()), rgb, strict=True))


@pytest.fixture
def palette(qapp) -> Iterator[QPalette]:
    """A copy of the application's palette to change; the original is put back afterwards."""
    saved = QPalette(qapp.palette())
    yield QPalette(saved)
    qapp.setPalette(saved)


def dark_palette(base: QPalette) -> QPalette:
    dark = QPalette(base)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        dark.setColor(group, QPalette.ColorRole.Window, QColor("#1e1e1e"))
        dark.setColor(group, QPalette.ColorRole.Button, QColor("#2b2b2b"))
        dark.setColor(group, QPalette.ColorRole.WindowText, QColor("#e8e8e8"))
        dark.setColor(group, QPalette.ColorRole.ButtonText, QColor("#e8e8e8"))
    dark.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6a6a6a"))
    return dark


def test_every_svg_is_valid_24_by_24_and_recolourable(qapp):
    names = icon_names()
    assert set(names) >= REQUIRED, REQUIRED - set(names)
    for name in names:
        path = icons.icons_dir() / f"{name}.svg"
        root = ET.parse(path).getroot()
        assert root.tag == SVG and root.get("viewBox") == "0 0 24 24", name
        text = path.read_text(encoding="utf-8")
        # drawn in the palette's colour, or in one fixed accent colour that reads on light and dark
        assert "currentColor" in text or root.get("stroke") in {"#e04040", "#2f9e44"}, name
        renderer = QSvgRenderer(QByteArray(text.replace("currentColor", "#000000").encode()))
        assert renderer.isValid(), name
    app_icon = QSvgRenderer(str(resources_dir() / "icons" / "qunguan.svg"))
    assert app_icon.isValid()


def test_every_name_used_exists_and_a_missing_one_raises(qapp):
    used = {*ACTION_ICONS.values(), *MENU_ICONS.values(), *BUTTON_ICONS.values(), *DIALOG_ICONS.values(), "search"}
    assert used <= set(icon_names()), used - set(icon_names())
    assert set(ACTION_ICONS) == set(Action), "an action without an icon"
    with pytest.raises(KeyError):
        icon("no-such-icon")


def test_every_icon_is_drawn_at_16_px(qapp):
    for name in icon_names():
        img = image(name, 16)
        assert img.size() == QSize(16, 16), name
        covered = len(opaque(img, alpha=128))  # a 2 px stroke is 1.33 px wide at 16 px
        assert 8 <= covered <= 16 * 16 * 0.7, f"{name}: {covered} opaque pixels of 256"


def test_high_dpi_is_rendered_at_the_physical_size_not_upscaled(qapp):
    for name in ("delete", "search", "settings"):
        pixmap = icon(name).pixmap(QSize(16, 16), 2.0)
        assert pixmap.size() == QSize(32, 32) and pixmap.devicePixelRatio() == 2.0, name
        crisp = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
        # the same SVG drawn straight at 32x32 physical pixels...
        colour = icons.glyph_colour(QIcon.Mode.Normal)
        text = (icons.icons_dir() / f"{name}.svg").read_text(encoding="utf-8")
        reference = QImage(32, 32, QImage.Format.Format_ARGB32)
        reference.fill(Qt.GlobalColor.transparent)
        painter = QPainter(reference)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        QSvgRenderer(QByteArray(text.replace("currentColor", colour.name()).encode())).render(painter)
        painter.end()
        # ...and the 1x pixmap blown up to 32x32
        upscaled = image(name, 16).scaled(32, 32, Qt.AspectRatioMode.IgnoreAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation)

        def difference(a: QImage, b: QImage) -> int:
            return sum(abs(a.pixelColor(x, y).alpha() - b.pixelColor(x, y).alpha())
                       for y in range(32) for x in range(32))

        assert difference(crisp, reference) < 32 * 32, name  # the same drawing, pixel for pixel
        assert difference(crisp, upscaled) > 4 * difference(crisp, reference) + 2000, name


def test_the_glyph_follows_the_palette_and_a_theme_change(qapp, palette):
    light = QPalette(palette)
    light.setColor(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText, QColor("#101010"))
    qapp.setPalette(light)
    same = icon("search")
    before = opaque(same.pixmap(QSize(24, 24)).toImage().convertToFormat(QImage.Format.Format_ARGB32))
    assert before and all(c.lightness() < 60 for c in before)
    qapp.setPalette(dark_palette(palette))
    after = opaque(same.pixmap(QSize(24, 24)).toImage().convertToFormat(QImage.Format.Format_ARGB32))
    assert after and all(c.lightness() > 200 for c in after), "the dark theme must give light glyphs"
    # an accent keeps its colour in both themes
    red = opaque(image("delete", 24))
    assert red and all(c.red() > 180 and c.green() < 110 for c in red)


def test_disabled_and_selected_take_the_palettes_colours(qapp, palette):
    changed = QPalette(palette)
    changed.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(20, 160, 40))
    changed.setColor(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText, QColor(250, 250, 0))
    qapp.setPalette(changed)
    for name in ("search", "delete"):  # an accent too: disabled is disabled
        disabled = opaque(image(name, 24, mode=QIcon.Mode.Disabled))
        assert disabled and all(near(c, (20, 160, 40)) for c in disabled), name
        selected = opaque(image(name, 24, mode=QIcon.Mode.Selected))
        assert selected and all(near(c, (250, 250, 0)) for c in selected), name
    normal = opaque(image("search", 24))
    assert normal and not any(near(c, (20, 160, 40), 40) for c in normal)


def test_the_window_menus_buttons_and_desk_carry_icons(qtbot, platform, open_workstation):
    user, _session = new_account(platform, "supervisor")
    window = open_workstation(platform, user, PASSWORD).window
    actions = {a.objectName(): a for a in window.findChildren(QAction) if a.objectName()}
    for name in MENU_ICONS:
        assert name in actions, f"no menu item {name}"
        assert not actions[name].icon().isNull(), name
        assert actions[name].icon().name() == MENU_ICONS[name]
    for action, name in ACTION_ICONS.items():
        items = [a for a in window.case_menu.actions() if a.icon().name() == name]
        assert items, f"the Case menu's {action.value} has no icon"
    for menu in (window.user_menu, window.group_menu):
        assert all(not a.icon().isNull() for a in menu.actions())
    for name, button in window.action_buttons.items():
        assert not button.icon().isNull(), name
        assert button.icon().name() == BUTTON_ICONS[f"act_{name}"]
        assert button.text().startswith("["), "the button keeps its text"
        assert opaque(button.icon().pixmap(QSize(16, 16)).toImage().convertToFormat(QImage.Format.Format_ARGB32))
    assert window.takeover.icon().name() == "take-over"
    assert window.sender_panel.reveal.icon().name() == "reveal"
    assert window.search.findChild(QAction, "searchIcon").text() == "Search cases"
    desk = open_desk(qtbot, window)
    search = desk.findChild(QPushButton, "historySearch")
    assert search.icon().name() == "search" and search.text() == "Search"


def test_the_bundle_carries_every_icon_and_qtsvg(tmp_path, monkeypatch):
    from tests.packaging.test_recipes import run_spec

    namespace, built = run_spec(tmp_path, monkeypatch)
    bundled = {Path(src).name for src, dest in built["Analysis"]["datas"] if dest == "resources/icons/actions"}
    assert bundled == {f"{name}.svg" for name in icon_names()}
    assert "PySide6.QtSvg" in built["Analysis"]["hiddenimports"]
    assert "PySide6.QtSvg" not in namespace["EXCLUDED_MODULES"]
