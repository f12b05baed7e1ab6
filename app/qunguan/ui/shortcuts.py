"""The keyboard map as data, and the shortcut sheet (?).

Keys are remappable: settings keep a dict of action_id -> key sequence (portable text, e.g.
"Ctrl+J"); :func:`key_for` answers the key in force for an action.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

__all__ = ["DEFAULT_KEYS", "SHORTCUTS", "ShortcutSheet", "describe", "key_for", "key_text"]

#: (key in portable text, action id, description). Descriptions are the English sources;
#: :func:`describe` translates them when shown (this module may be imported before the
#: translator is installed).
SHORTCUTS: list[tuple[str, str, str]] = [
    ("j", "next", QCoreApplication.translate("Shortcuts", "Next case")),
    ("k", "previous", QCoreApplication.translate("Shortcuts", "Previous case")),
    ("a", "approve", QCoreApplication.translate("Shortcuts", "Approve: no violation")),
    ("d", "delete", QCoreApplication.translate("Shortcuts", "Delete the message")),
    ("w", "warn", QCoreApplication.translate("Shortcuts", "Warn the sender")),
    ("m", "mute", QCoreApplication.translate("Shortcuts", "Mute the sender for a time")),
    ("s", "suspend", QCoreApplication.translate("Shortcuts", "Suspend the sender's account for a time")),
    ("b", "user_actions", QCoreApplication.translate("Shortcuts", "Ban or blacklist the sender (menu)")),
    ("g", "group_actions", QCoreApplication.translate("Shortcuts", "Group actions (menu)")),
    ("e", "escalate", QCoreApplication.translate("Shortcuts", "Escalate to a supervisor")),
    ("n", "note", QCoreApplication.translate("Shortcuts", "Add a note to the case")),
    ("z", "undo", QCoreApplication.translate("Shortcuts", "Undo the last decision while it is unsent")),
    ("r", "reveal", QCoreApplication.translate("Shortcuts", "Reveal or hide attachments")),
    ("Ctrl+F", "search", QCoreApplication.translate("Shortcuts", "Search the queue")),
    ("F5", "refresh", QCoreApplication.translate("Shortcuts", "Refresh the queue")),
    ("?", "shortcuts", QCoreApplication.translate("Shortcuts", "Show or close this sheet of shortcuts")),
]

DEFAULT_KEYS: dict[str, str] = {action_id: key for key, action_id, _ in SHORTCUTS}
_DESCRIPTIONS: dict[str, str] = {action_id: text for _, action_id, text in SHORTCUTS}


def key_for(action_id: str, overrides: Mapping[str, str] | None = None) -> str:
    """The key for ``action_id``: the override when it is a valid key sequence, else the default.
    An unknown action id raises KeyError."""
    default = DEFAULT_KEYS[action_id]
    override = (overrides or {}).get(action_id)
    if override and not QKeySequence(override).isEmpty():
        return QKeySequence(override).toString(QKeySequence.SequenceFormat.PortableText)
    return default


def key_text(key: str) -> str:
    """How a key is written for people on this platform ("J", "Ctrl+F", "F5")."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def describe(action_id: str) -> str:
    """The translated description of a shortcut's action."""
    return QCoreApplication.translate("Shortcuts", _DESCRIPTIONS[action_id])


class ShortcutSheet(QDialog):
    """Every shortcut in a table; Esc or the sheet's own key (?) closes it."""

    def __init__(self, parent: QWidget | None = None, overrides: Mapping[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(SHORTCUTS), 2, self)
        self.table.setObjectName("shortcuts")
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Action")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        for row, (_key, action_id, _text) in enumerate(SHORTCUTS):
            key = QTableWidgetItem(key_text(key_for(action_id, overrides)))
            key.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            font = key.font()
            font.setBold(True)
            key.setFont(font)
            self.table.setItem(row, 0, key)
            self.table.setItem(row, 1, QTableWidgetItem(describe(action_id)))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        close_key = key_for("shortcuts", overrides)
        layout.addWidget(QLabel(self.tr("Esc or {key} closes this sheet.").format(key=key_text(close_key)), self))
        self.closer = QShortcut(QKeySequence(close_key), self)
        self.closer.activated.connect(self.accept)
        self.resize(480, self.table.verticalHeader().length() + 100)
