"""Accessibility of the real workstation over the real platform: every interactive element a
screen reader reaches in the main window, its menus and the dialogs a moderator and a
supervisor open has a name (walked through Qt's own accessibility tree, as assistive
technology sees it), and the keyboard alone reaches the window's parts in a sensible order."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QApplication, QDialog, QScrollArea, QWidget
from pytestqt.exceptions import TimeoutError

from qunguan.contract.enums import Action
from qunguan.ui.pi_export import show_pi_exports
from tests.helpers import PASSWORD, new_account
from tests.ui.test_supervisor import open_desk
from tests.ui.test_workstation import wait_case_open

Role = QAccessible.Role

#: Roles a user operates (the ones a screen reader must be able to name).
INTERACTIVE = {
    Role.PushButton, Role.CheckBox, Role.RadioButton, Role.ComboBox, Role.EditableText, Role.SpinBox,
    Role.Table, Role.List, Role.Tree, Role.PageTab, Role.PageTabList, Role.MenuItem, Role.ButtonMenu,
    Role.ButtonDropDown, Role.Slider, Role.Dial, Role.Link,
}
#: Item views' children are their rows and cells, named by the data they show: the view itself
#: must have a name, walking every cell would only cost time. A combo box's children are its
#: own drop-down list, announced under the combo box's name.
NOT_DESCENDED = {Role.Table, Role.List, Role.Tree, Role.ComboBox}


@dataclass
class Element:
    role: Role
    name: str
    where: str


def walk(iface: QAccessibleInterface | None, where: str = "", depth: int = 0) -> list[Element]:
    """Every element under ``iface`` (depth first) with its role, name and a path for the report."""
    if iface is None or not iface.isValid() or depth > 60:
        return []
    obj = iface.object()
    label = obj.objectName() if obj is not None and obj.objectName() else type(obj).__name__ if obj else "?"
    here = f"{where}/{label}"
    found = [Element(iface.role(), iface.text(QAccessible.Text.Name).strip(), here)]
    if iface.role() in NOT_DESCENDED:
        return found
    for i in range(iface.childCount()):
        found += walk(iface.child(i), here, depth + 1)
    return found


def unnamed(widget: QWidget) -> list[str]:
    """The interactive elements under a window (and the menus it owns) without an accessible name."""
    elements = walk(QAccessible.queryAccessibleInterface(widget))
    for action in widget.menuBar().actions() if hasattr(widget, "menuBar") else []:
        if action.menu() is not None:
            elements += walk(QAccessible.queryAccessibleInterface(action.menu()), f"menu {action.text()}")
    for menu in getattr(widget, "user_menu", None), getattr(widget, "group_menu", None):
        if menu is not None:
            elements += walk(QAccessible.queryAccessibleInterface(menu), "action bar menu")
    assert any(e.role in INTERACTIVE for e in elements), "the walk found no control at all: it is blind"
    return [f"{e.where} ({e.role.name})" for e in elements if e.role in INTERACTIVE and not e.name]


def check(widget: QWidget) -> None:
    missing = unnamed(widget)
    assert not missing, "interactive elements without an accessible name:\n" + "\n".join(missing)


def open_case(qtbot, window) -> None:
    """Show the unclaimed cases (other tests share the platform and hold some) and claim the first."""
    with qtbot.waitSignal(window.model.reloaded, timeout=20_000):
        window.status_filter.setCurrentIndex(window.status_filter.findData("open"))
    wait_case_open(qtbot, window, claimed_by=window.moderator.username)


def act(qtbot, window, action: Action) -> QWidget:
    """Open the dialog of an action on the case shown, as its key would."""
    wait_case_open(qtbot, window, claimed_by=window.moderator.username)
    window.act(action)
    try:
        qtbot.waitUntil(lambda: window.active_dialog is not None and window.active_dialog.isVisible(),
                        timeout=10_000)
    except TimeoutError as exc:
        raise AssertionError(f"no dialog for {action}: {window.message.text()!r}") from exc
    return window.active_dialog


def test_the_moderators_window_and_dialogs_name_every_control(qtbot, platform, open_workstation):
    user, _session = new_account(platform)
    window = open_workstation(platform, user, PASSWORD).window
    open_case(qtbot, window)
    check(window)

    dialog = act(qtbot, window, Action.MUTE)  # the decision dialog, with reasons, durations and the note
    check(dialog)
    dialog.reject()

    window.reveal_personal(window.detail.sender.id)
    qtbot.waitUntil(lambda: window.active_dialog is not None and window.active_dialog.isVisible(), timeout=10_000)
    dialog = window.active_dialog
    check(dialog)
    dialog.reject()

    window.wellbeing.show_dialog()
    dialog = window.wellbeing.dialog
    qtbot.waitExposed(dialog)
    check(dialog)
    dialog.reject()

    window.sender_panel.show_credit_history()
    check(window.sender_panel.credit_dialog)
    window.sender_panel.credit_dialog.close()

    window.show_shortcuts()  # the sheet of keys (?)
    sheet = window.findChild(QDialog, "shortcutSheet")
    check(sheet)
    sheet.reject()

    window.take_offline()  # how many cases to take offline
    check(window.active_dialog)
    window.active_dialog.reject()

    window.show_attention()  # conflicts and refused decisions
    check(window.attention_dialog)
    window.attention_dialog.close()


def test_the_supervisors_window_and_desk_name_every_control(qtbot, platform, open_workstation):
    user, _session = new_account(platform, "supervisor")
    window = open_workstation(platform, user, PASSWORD).window
    open_case(qtbot, window)
    check(window)
    desk = open_desk(qtbot, window)
    for index in range(desk.tabs.count()):  # every tab, as the supervisor pages through them
        desk.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        check(desk)
    dialog = act(qtbot, window, Action.DISSOLVE_GROUP)  # drastic: the confirmation with the name typed back
    check(dialog)
    dialog.reject()
    window.show_incidents()  # emergency response
    qtbot.addWidget(window.incident_window)
    check(window.incident_window)
    window.incident_window.close()
    dialog = show_pi_exports(window, window.ws)  # personal data exports, with a second approval
    check(dialog)
    dialog.close()


def test_a_name_removed_is_found(qtbot, platform, open_workstation):
    """The walk is not blind: a control that loses its name is reported by where it is."""
    user, _session = new_account(platform)
    window = open_workstation(platform, user, PASSWORD).window
    window.table.setAccessibleName("")
    window.table.setAccessibleDescription("")
    missing = unnamed(window)
    assert any("queueTable" in m for m in missing), missing


def part_of(widget: QWidget | None, window) -> str:
    """Which part of the main window a focused widget belongs to."""
    parts = {
        "filter": (window.queues, window.search, window.category, window.priority, window.status_filter,
                   window.group_filter, window.mine_only),
        "queue": (window.table,),
        "conversation": (window.conversation,),
        "panels": (window.sender_panel.parentWidget(), window.flags),
        "actions": (window.findChild(QWidget, "actionBar"),),
    }
    if isinstance(widget, QScrollArea) and widget.widget() is not None:
        widget = widget.widget()  # a scroll area is the part it scrolls
    while widget is not None:
        for name, widgets in parts.items():
            if widget in widgets:
                return name
        widget = widget.parentWidget()
    return "elsewhere"


def test_tab_walks_the_window_in_order_with_a_visible_focus(qtbot, platform, open_workstation, themed):
    user, _session = new_account(platform)
    window = open_workstation(platform, user, PASSWORD).window
    open_case(qtbot, window)
    window.activateWindow()
    window.queues.setFocus()
    qtbot.waitUntil(window.queues.hasFocus, timeout=5_000)
    visited: list[str] = []
    widgets: list[QWidget] = []
    for _ in range(60):
        widget = QApplication.focusWidget()
        assert widget is not None and widget.window() is window, "focus left the window"
        part = part_of(widget, window)
        if not visited or visited[-1] != part:
            visited.append(part)
        widgets.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is window.queues:
            break
    else:
        raise AssertionError(f"Tab never came back round to the queues: {visited}")
    assert len(set(widgets)) == len(widgets), "Tab got stuck or went round in a smaller circle"
    order = " -> ".join(f"{type(w).__name__} {w.objectName()} ({part_of(w, window)})" for w in widgets)
    assert visited == ["filter", "queue", "conversation", "panels", "actions"], order
    # the focus is drawn: with the application's style sheet, in the light and the dark theme, a
    # control with the focus looks different from the same control without it
    for name in ("light", "dark"):
        themed(name)
        for widget in (window.queues, window.search, window.category, window.mine_only, window.table,
                       window.conversation.list, window.sender_panel.credit_button, window.action_buttons["approve"]):
            widget.setFocus()
            qtbot.waitUntil(widget.hasFocus, timeout=5_000)
            focused = widget.grab().toImage()
            window.group_filter.setFocus()
            qtbot.waitUntil(lambda w=widget: not w.hasFocus(), timeout=5_000)
            assert widget.grab().toImage() != focused, f"{widget.objectName()} looks the same with the focus"
