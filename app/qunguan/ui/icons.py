"""The action icons: monochrome SVGs in ``resources/icons/actions`` drawn in ``currentColor``,
rendered by :class:`SvgIconEngine` at the exact size and device pixel ratio asked for (crisp on
high-DPI screens) in the colour of the application's palette at paint time, so that the same
icon follows a change of theme on the next repaint. A few carry a fixed accent colour (red for
the drastic actions, green for approve) that reads on light and dark backgrounds; disabled and
selected icons are drawn in one colour of the palette, accent or not."""

from __future__ import annotations

from collections import OrderedDict
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QMenu, QWidget

from qunguan.contract.enums import Action
from qunguan.ui.resources import resources_dir

#: The icon of each action (the decision menus and the action bar's buttons).
ACTION_ICONS: dict[Action, str] = {
    Action.APPROVE: "approve", Action.DELETE_MESSAGE: "delete", Action.WARN: "warn", Action.MUTE: "mute",
    Action.SUSPEND: "suspend", Action.BAN: "ban", Action.BLACKLIST: "blacklist",
    Action.RESTRICT_GROUP: "restrict-group", Action.MUTE_GROUP: "mute-group", Action.DISSOLVE_GROUP: "dissolve-group",
    Action.SUSPEND_ADMIN_RIGHTS: "suspend-admin", Action.REVOKE_GROUP_CREATION: "revoke-group-creation",
    Action.LOWER_CREDIT: "lower-credit", Action.ESCALATE: "escalate", Action.NOTE: "note",
}

#: The main window's menu items, by objectName.
MENU_ICONS: dict[str, str] = {
    "refresh": "refresh", "takeOffline": "take-offline", "conflicts": "attention", "logout": "log-out",
    "quit": "quit", "settings": "settings", "supervisorDesk": "supervisor-desk", "incidents": "incidents",
    "piExports": "pi-export", "shortcuts": "shortcuts", "provisions": "provisions", "showLog": "log",
    "about": "about",
}

#: The main window's buttons, by objectName (the action bar's are ``act_<name>``).
BUTTON_ICONS: dict[str, str] = {
    **{f"act_{action.value}": name for action, name in ACTION_ICONS.items()},
    "act_user": "ban", "act_group": "group", "act_undo": "undo",
    "takeover": "take-over", "reveal": "reveal", "creditHistory": "credit-history",
}

#: The supervisor's desk's and the incident window's main buttons, by objectName.
DIALOG_ICONS: dict[str, str] = {
    "historySearch": "search", "openDecision": "log", "markReportable": "attention", "verifyAudit": "verify",
    "loadReveals": "reveal", "incidentPreview": "reveal", "openIncident": "incidents",
}

_CACHE_SIZE = 512
_pixmaps: OrderedDict[tuple[Any, ...], QPixmap] = OrderedDict()


def icons_dir() -> Path:
    return resources_dir() / "icons" / "actions"


def icon_names() -> list[str]:
    """Every icon there is (the SVG files' names)."""
    return sorted(path.stem for path in icons_dir().glob("*.svg"))


@cache
def _svg(name: str) -> str:
    path = icons_dir() / f"{name}.svg"
    if not path.is_file():
        raise KeyError(f"no icon {name!r} in {icons_dir()}")
    return path.read_text(encoding="utf-8")


def glyph_colour(mode: QIcon.Mode, palette: QPalette | None = None) -> QColor:
    """The colour ``currentColor`` stands for in ``mode``, from the application's palette now."""
    palette = palette if palette is not None else QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)


def render(name: str, size: QSize, scale: float, mode: QIcon.Mode, colour: QColor) -> QPixmap:
    """The icon drawn at ``size`` (logical pixels) times ``scale`` physical pixels, in ``colour``."""
    scale = max(float(scale), 1.0)  # never below one physical pixel per logical one
    physical = QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))
    key = (name, physical.width(), physical.height(), scale, int(mode.value), colour.rgba())
    found = _pixmaps.get(key)
    if found is not None:
        _pixmaps.move_to_end(key)
        return found
    text = _svg(name).replace("currentColor", colour.name(QColor.NameFormat.HexRgb))
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    if not renderer.isValid():
        raise ValueError(f"icon {name!r} is not a valid SVG")
    pixmap = QPixmap(physical)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(physical.width(), physical.height())  # square, centred
    target = QRectF((physical.width() - side) / 2, (physical.height() - side) / 2, side, side)
    renderer.render(painter, target)
    if mode in (QIcon.Mode.Disabled, QIcon.Mode.Selected):  # accents too: one colour of the palette
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(pixmap.rect(), colour)
    painter.end()
    pixmap.setDevicePixelRatio(scale)
    _pixmaps[key] = pixmap
    if len(_pixmaps) > _CACHE_SIZE:
        _pixmaps.popitem(last=False)
    return pixmap


class SvgIconEngine(QIconEngine):
    """Draws one of our SVG icons, recoloured from the palette each time it is asked."""

    def __init__(self, name: str) -> None:
        super().__init__()
        _svg(name)  # a name without a file raises here, not as a blank icon later
        self.name = name

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self.name)

    def key(self) -> str:
        return "qunguan-svg"

    def iconName(self) -> str:
        return self.name

    def isNull(self) -> bool:
        return False

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        return render(self.name, size, scale, mode, glyph_colour(mode))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(rect, render(self.name, rect.size(), scale, mode, glyph_colour(mode)))


@cache
def icon(name: str) -> QIcon:
    """The icon ``name`` (a file ``resources/icons/actions/<name>.svg``); KeyError when there is none."""
    return QIcon(SvgIconEngine(name))


def action_icon(action: Action) -> QIcon:
    return icon(ACTION_ICONS[action])


def _set(target: QAction | QAbstractButton, name: str) -> None:
    target.setIcon(icon(name))


def apply_icons(window: Any) -> None:
    """The icons of the main window's menu items, action bar buttons, status bar buttons and the
    search field. Texts and accessible names stay as they are."""
    from qunguan.ui.action_names import short_label
    from qunguan.ui.reasons import label_for_action

    by_text: dict[str, str] = {}
    for action, name in ACTION_ICONS.items():
        by_text[short_label(action)] = name
        by_text[label_for_action(action)] = name
    for menu in window.findChildren(QMenu):
        for item in menu.actions():
            if item.objectName() in MENU_ICONS:
                _set(item, MENU_ICONS[item.objectName()])
            elif item.text() in by_text and item.icon().isNull():
                _set(item, by_text[item.text()])
    for item in window.findChildren(QAction):
        if item.objectName() in MENU_ICONS:
            _set(item, MENU_ICONS[item.objectName()])
    for button in window.findChildren(QAbstractButton):
        if button.objectName() in BUTTON_ICONS:
            _set(button, BUTTON_ICONS[button.objectName()])
    search = getattr(window, "search", None)
    if isinstance(search, QLineEdit) and search.findChild(QAction, "searchIcon") is None:
        lead = QAction(icon("search"), QCoreApplication.translate("MainWindow", "Search cases"), search)
        lead.setObjectName("searchIcon")
        lead.triggered.connect(lambda _=False: search.setFocus())
        search.addAction(lead, QLineEdit.ActionPosition.LeadingPosition)


def apply_dialog_icons(root: QWidget) -> None:
    """The icons of a supervisor's window's main buttons (by objectName); cheap, and harmless
    on a window that has none of them."""
    for button in root.findChildren(QAbstractButton):
        if button.objectName() in DIALOG_ICONS:
            _set(button, DIALOG_ICONS[button.objectName()])
