"""File > Settings… (Ctrl+,): General (language), Shortcuts, Wellbeing, Local data, Sync and
Server profiles. What is chosen applies at once to the main window when saved (or applied):
the language swaps the translators and retranslates what is on screen, remapped keys work at
once, the wellbeing preferences protect the case shown, the sync interval resets the timer.

:func:`attach_settings` adds the menu item to a main window, applies the saved sync interval
and keys to it, and retranslates it whenever the application's language changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qunguan.client.errors import KnownError
from qunguan.contract.enums import Action

from . import settings as prefs
from .action_names import short_label
from .errors import describe as describe_error
from .formats import clock
from .i18n import catalog, choose_language, current_language, retranslate_text, switch_language
from .layout_memory import keep_layout
from .shortcuts import DEFAULT_KEYS, SHORTCUTS, describe, key_for, key_text
from .tasks import run_task
from .theme import apply_theme, current_choice, set_tone

log = logging.getLogger(__name__)

__all__ = ["SettingsDialog", "apply_shortcuts", "attach_settings", "conflict", "retranslate_window"]

#: Keys an action may not take: they move in lists, edit text, or close and quit.
RESERVED = frozenset(QKeySequence(k).toString(QKeySequence.SequenceFormat.PortableText) for k in (
    "Esc", "Tab", "Backtab", "Return", "Enter", "Space", "Backspace", "Del", "Up", "Down", "Left", "Right", "PgUp",
    "PgDown", "Home", "End", "Ctrl+Q", "Ctrl+,", "Ctrl+C", "Ctrl+V", "Ctrl+X", "Ctrl+A", "Ctrl+Z", "Alt+F4", "F1"))

#: The action bar's buttons (object name "act_<name>") and the shortcut each shows.
BAR_KEYS = {Action.APPROVE.value: "approve", Action.DELETE_MESSAGE.value: "delete", Action.WARN.value: "warn",
            Action.MUTE.value: "mute", Action.SUSPEND.value: "suspend", "user": "user_actions",
            "group": "group_actions", Action.ESCALATE.value: "escalate", Action.NOTE.value: "note", "undo": "undo"}


def normal(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText)


def conflict(action_id: str, key: str, keys: Mapping[str, str], others: Mapping[str, str] | None = None) -> str | None:
    """Why ``key`` cannot be ``action_id``'s (a translated sentence), or None when it can.
    ``keys``: action id -> key of every action now; ``others``: key -> the name of another
    command of the window that has it (a menu item)."""
    wanted = normal(key)
    shown = key_text(wanted)
    if not wanted:
        return QCoreApplication.translate("Settings", "Press a key for the action.")
    if wanted in RESERVED:
        return QCoreApplication.translate(
            "Settings", "{key} is reserved: it moves in lists, edits text or closes windows.").format(key=shown)
    for other, other_key in keys.items():
        if other != action_id and normal(other_key) == wanted:
            return QCoreApplication.translate("Settings", "{key} is already the key of “{action}”.").format(
                key=shown, action=describe(other))
    name = (others or {}).get(wanted)
    if name:
        return QCoreApplication.translate("Settings", "{key} is already the key of the menu item “{action}”.").format(
            key=shown, action=name.replace("&", ""))
    return None


# --- the pages -------------------------------------------------------------------------------------------


class GeneralPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        # each language by its own name, so that it can be found whatever is shown now
        for text, value in ((self.tr("Follow the system"), "system"), ("简体中文", "zh_CN"), ("English", "en")):
            self.language.addItem(text, value)
        self.chosen = prefs.LANGUAGE.get()  # what was kept: a --lang given at start is not overruled unasked
        self.language.setCurrentIndex(max(0, self.language.findData(self.chosen)))
        self.language.setMaximumWidth(260)
        form.addRow(self.tr("Language"), self.language)
        note = QLabel(self.tr("The menus, the action bar and the queue change at once; a few texts already "
                              "shown change when they are shown again, and everything at the next start."), self)
        note.setWordWrap(True)
        form.addRow(note)
        self.theme = QComboBox(self)
        self.theme.setObjectName("theme")
        for text, value in ((self.tr("Follow the system"), "system"), (self.tr("Light"), "light"),
                            (self.tr("Dark"), "dark")):
            self.theme.addItem(text, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(prefs.THEME.get())))
        self.theme.setMaximumWidth(260)
        form.addRow(self.tr("Theme"), self.theme)


class ShortcutsPage(QWidget):
    """Each action's key in an editor; a key taken by another action, or reserved, is refused."""

    def __init__(self, overrides: Mapping[str, str], others: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.others = dict(others)
        self.keys: dict[str, str] = {a: normal(key_for(a, overrides)) for a in DEFAULT_KEYS}
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Click a key and press the new one. Esc, Tab, the arrows and the editing keys "
                               "are kept for moving and typing."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(SHORTCUTS), 2, self)
        self.table.setObjectName("shortcutTable")
        self.table.setAccessibleName(self.tr("Keys of the actions"))
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Key")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, 150)
        self.editors: dict[str, QKeySequenceEdit] = {}
        for row, (_key, action_id, _text) in enumerate(SHORTCUTS):
            self.table.setItem(row, 0, QTableWidgetItem(describe(action_id)))
            editor = QKeySequenceEdit(self.table)
            editor.setObjectName(f"key_{action_id}")
            editor.setMaximumSequenceLength(1)
            editor.setAccessibleName(self.tr("Key for: {action}").format(action=describe(action_id)))
            editor.setKeySequence(QKeySequence(self.keys[action_id]))
            editor.editingFinished.connect(lambda a=action_id: self._edited(a))
            self.table.setCellWidget(row, 1, editor)
            self.editors[action_id] = editor
        layout.addWidget(self.table, 1)
        self.problem = QLabel(self)
        self.problem.setObjectName("shortcutProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        set_tone(self.problem, "danger")
        layout.addWidget(self.problem)
        row = QHBoxLayout()
        row.addStretch(1)
        defaults = QPushButton(self.tr("Restore default keys"), self)
        defaults.setObjectName("restoreKeys")
        defaults.clicked.connect(lambda _=False: self.restore_defaults())
        row.addWidget(defaults)
        layout.addLayout(row)

    def _edited(self, action_id: str) -> None:
        sequence = self.editors[action_id].keySequence()
        key = sequence.toString(QKeySequence.SequenceFormat.PortableText) if not sequence.isEmpty() else ""
        self.set_key(action_id, key)

    def set_key(self, action_id: str, key: str) -> str | None:
        """Give ``action_id`` the ``key``; returns why it was refused (shown too), or None."""
        refused = conflict(action_id, key, self.keys, self.others)
        editor = self.editors[action_id]
        if refused is not None:
            self.problem.setText(refused)
            editor.blockSignals(True)
            editor.setKeySequence(QKeySequence(self.keys[action_id]))
            editor.blockSignals(False)
            return refused
        self.keys[action_id] = normal(key)
        self.problem.setText("")
        return None

    def restore_defaults(self) -> None:
        self.keys = {a: normal(k) for a, k in DEFAULT_KEYS.items()}
        for action_id, editor in self.editors.items():
            editor.blockSignals(True)
            editor.setKeySequence(QKeySequence(self.keys[action_id]))
            editor.blockSignals(False)
        self.problem.setText("")

    def overrides(self) -> dict[str, str]:
        return {a: k for a, k in self.keys.items() if k != normal(DEFAULT_KEYS[a])}


class LocalDataPage(QWidget):
    """How long opened cases are kept, and forgetting them now."""

    def __init__(self, cache: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cache = cache
        self.confirm: QMessageBox | None = None
        self.purging = False
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.retention = QSpinBox(self)
        self.retention.setObjectName("retentionDays")
        self.retention.setRange(prefs.CACHE_RETENTION_DAYS.minimum or 1, prefs.CACHE_RETENTION_DAYS.maximum or 365)
        self.retention.setSuffix(self.tr(" days"))
        self.retention.setValue(prefs.CACHE_RETENTION_DAYS.get())
        self.retention.setMaximumWidth(140)
        form.addRow(self.tr("Forget cases opened more than"), self.retention)
        layout.addLayout(form)
        explain = QLabel(self.tr(
            "Cases kept on this computer hold conversations and personal data. Older ones are forgotten at each "
            "login; decisions not yet sent and cases taken offline are always kept."), self)
        explain.setWordWrap(True)
        layout.addWidget(explain)
        row = QHBoxLayout()
        self.purge_button = QPushButton(self.tr("Forget the cases kept on this computer now…"), self)
        self.purge_button.setObjectName("purgeCache")
        self.purge_button.clicked.connect(lambda _=False: self.ask_purge())
        self.purge_button.setEnabled(cache is not None)
        row.addWidget(self.purge_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = QLabel(self)
        self.result.setObjectName("purgeResult")
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def ask_purge(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Forget local cases"), "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr("Forget every case kept on this computer now?"))
        box.setInformativeText(self.tr(
            "Their conversations and personal data are deleted here; they are read from the platform again when "
            "opened. Decisions not yet sent and cases taken offline are kept."))
        forget = box.addButton(self.tr("Forget them"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        self.confirm = box

        def answered(_result: int) -> None:
            if box.clickedButton() is forget:
                self.purge()
            self.confirm = None
            box.deleteLater()

        box.finished.connect(answered)
        box.open()

    def purge(self) -> None:
        """Forget the kept cases (off the GUI thread; the cache's own retention with no age)."""
        self.purging = True
        self.purge_button.setEnabled(False)
        self.result.setText(self.tr("Forgetting…"))

        def done(n: int) -> None:
            self.purging = False
            self.purge_button.setEnabled(True)
            self.result.setText(self.tr("{n} cases were forgotten.").format(n=n))

        def failed(exc: BaseException) -> None:
            self.purging = False
            self.purge_button.setEnabled(True)
            if not isinstance(exc, KnownError):
                log.error("purging the local cache failed", exc_info=exc)
            self.result.setText(describe_error(exc))

        run_task(self.cache.expire_details, timedelta(0), on_done=done, on_error=failed)


class SyncPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.interval = QSpinBox(self)
        self.interval.setObjectName("syncInterval")
        self.interval.setRange(prefs.SYNC_INTERVAL_SECONDS.minimum or 10, prefs.SYNC_INTERVAL_SECONDS.maximum or 3600)
        self.interval.setSuffix(self.tr(" s"))
        self.interval.setValue(prefs.SYNC_INTERVAL_SECONDS.get())
        self.interval.setMaximumWidth(140)
        form.addRow(self.tr("Look for new and changed cases every"), self.interval)
        note = QLabel(self.tr("Decisions are sent within a second whatever this is; F5 looks for cases at once."),
                      self)
        note.setWordWrap(True)
        form.addRow(note)


class ProfilesPage(QWidget):
    """The servers the login dialog offers: added and removed here at once (no passwords: a
    remembered login is kept in the system's keyring and forgotten with its profile)."""

    def __init__(self, store: Any, credentials: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.credentials = store, credentials
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("profiles")
        self.table.setAccessibleName(self.tr("Server profiles"))
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Address"), self.tr("User name")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        remove = QPushButton(self.tr("Remove the selected server"), self)
        remove.setObjectName("removeProfile")
        remove.clicked.connect(lambda _=False: self.remove_selected())
        layout.addWidget(remove, 0, Qt.AlignmentFlag.AlignRight)
        box = QGroupBox(self.tr("Add a server"), self)
        form = QFormLayout(box)
        self.name, self.url, self.username, self.ca_bundle = (QLineEdit(box) for _ in range(4))
        for edit, name in ((self.name, "profileName"), (self.url, "profileUrl"), (self.username, "profileUser"),
                           (self.ca_bundle, "profileCa")):
            edit.setObjectName(name)
        self.url.setPlaceholderText("https://")
        self.ca_bundle.setPlaceholderText(self.tr("optional: a CA bundle file for a private certificate authority"))
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Address"), self.url)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("CA bundle"), self.ca_bundle)
        add = QPushButton(self.tr("Add"), box)
        add.setObjectName("addProfile")
        add.clicked.connect(lambda _=False: self.add())
        form.addRow(add)
        layout.addWidget(box)
        self.problem = QLabel(self)
        self.problem.setObjectName("profileProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        set_tone(self.problem, "danger")
        layout.addWidget(self.problem)
        self.show_profiles()

    def show_profiles(self) -> None:
        profiles = self.store.all()
        self.table.setRowCount(len(profiles))
        for row, profile in enumerate(profiles):
            for column, text in enumerate((profile.name, profile.url, profile.username)):
                self.table.setItem(row, column, QTableWidgetItem(text))  # plain text in items

    def add(self) -> None:
        from qunguan.client.profiles import Profile

        profile = Profile(name=self.name.text(), url=self.url.text(), username=self.username.text().strip(),
                          ca_bundle=self.ca_bundle.text().strip() or None)
        try:
            self.store.save(profile, last=False)
        except (KnownError, OSError) as exc:
            self.problem.setText(describe_error(exc) if isinstance(exc, KnownError) else str(exc))
            return
        self.problem.setText("")
        for edit in (self.name, self.url, self.username, self.ca_bundle):
            edit.clear()
        self.show_profiles()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            self.problem.setText(self.tr("Select a server first."))
            return
        profile = self.store.all()[row]
        try:
            self.store.remove(profile.name)
        except OSError as exc:
            self.problem.setText(str(exc))
            return
        if self.credentials is not None and profile.username:
            run_task(self.credentials.forget, profile.url, profile.username,
                     on_error=lambda exc: log.warning("the remembered login could not be forgotten: %s", exc))
        self.problem.setText("")
        self.show_profiles()


# --- the dialog --------------------------------------------------------------------------------------------


class SettingsDialog(QDialog):
    """The settings of the workstation in pages; Save applies them to ``window`` and keeps them."""

    def __init__(self, window: Any, profiles: Any = None, credentials: Any = None) -> None:
        super().__init__(window)
        keep_layout(self, "settings")  # size, place and splitters as the moderator left them
        self.window_ = window
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.resize(860, 640)
        layout = QVBoxLayout(self)
        body = QHBoxLayout()
        self.pages_list = QListWidget(self)
        self.pages_list.setObjectName("settingsPages")
        self.pages_list.setAccessibleName(self.tr("Settings pages"))
        self.pages_list.setMaximumWidth(170)
        self.pages_list.setSpacing(3)
        self.stack = QStackedWidget(self)
        body.addWidget(self.pages_list)
        body.addWidget(self.stack, 1)
        layout.addLayout(body, 1)

        from .wellbeing import WellbeingPage

        self.general = GeneralPage(self)
        self.shortcuts = ShortcutsPage(window.key_overrides, menu_keys(window), self)
        wellbeing = getattr(window, "wellbeing", None)
        self.wellbeing = WellbeingPage(wellbeing.settings, self) if wellbeing is not None else None
        if self.wellbeing is not None:
            self.wellbeing.layout().setContentsMargins(self.general.layout().contentsMargins())
        self.local = LocalDataPage(window.ws.cache, self)
        self.sync = SyncPage(self)
        self.profiles = ProfilesPage(profiles, credentials, self) if profiles is not None else None
        pages: list[tuple[str, QWidget | None]] = [
            (self.tr("General"), self.general), (self.tr("Shortcuts"), self.shortcuts),
            (self.tr("Wellbeing"), self.wellbeing), (self.tr("Local data"), self.local), (self.tr("Sync"), self.sync),
            (self.tr("Server profiles"), self.profiles)]
        for title, page in pages:
            if page is not None:
                self.pages_list.addItem(title)
                self.stack.addWidget(page)
        self.pages_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.pages_list.setCurrentRow(0)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Apply
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Apply).setText(self.tr("Apply"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(lambda _=False: self.apply())
        buttons.accepted.connect(self._save_and_close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def show_page(self, page: QWidget) -> None:
        self.pages_list.setCurrentRow(self.stack.indexOf(page))

    def _save_and_close(self) -> None:
        self.apply()
        self.accept()

    def apply(self) -> None:
        """Keep every page's values and apply them to the main window at once."""
        window = self.window_
        prefs.SYNC_INTERVAL_SECONDS.set(self.sync.interval.value())
        window.ws.pull_timer.setInterval(prefs.SYNC_INTERVAL_SECONDS.get() * 1000)
        prefs.CACHE_RETENTION_DAYS.set(self.local.retention.value())
        prefs.set_key_overrides(self.shortcuts.overrides())
        apply_shortcuts(window, prefs.key_overrides())
        if self.wellbeing is not None:
            window.wellbeing.apply(self.wellbeing.settings())
        theme = prefs.THEME.set(self.general.theme.currentData())
        if theme != current_choice():  # applied only when it changes what is in force
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            apply_theme(app, theme)
        language = self.general.language.currentData()
        if language != self.general.chosen:
            self.general.chosen = prefs.LANGUAGE.set(language)
            set_language(choose_language(prefs.language_setting()))


def set_language(language: str) -> None:
    """Swap the translators for ``language`` and retranslate what is on screen."""
    old = current_language()
    if language == old:
        return
    app = QApplication.instance()
    assert app is not None
    switch_language(app, language)
    for widget in QApplication.topLevelWidgets():
        watcher = getattr(widget, "language_watcher", None)
        if watcher is not None:
            watcher.follow()  # a main window (it would also follow on the LanguageChange event)
        else:
            retranslate(widget, old)


# --- applying to the main window --------------------------------------------------------------------------


def menu_keys(window: QWidget) -> dict[str, str]:
    """key -> menu item text, for the window's menu items that have a key."""
    found = {}
    for action in window.findChildren(QAction):
        if not action.shortcut().isEmpty() and action.text():
            found[normal(action.shortcut().toString(QKeySequence.SequenceFormat.PortableText))] = action.text()
    return found


def apply_shortcuts(window: Any, overrides: Mapping[str, str]) -> None:
    """The window's keys and the action bar's labels by ``overrides``, at once."""
    window.key_overrides = dict(overrides)
    for action_id, shortcut in window.shortcuts.items():
        shortcut.setKey(QKeySequence(key_for(action_id, overrides)))
    label_action_bar(window)


def label_action_bar(window: Any) -> None:
    """Each action button as "[key] label", with the key in force and the label translated now."""
    labels: dict[str, Callable[[], str]] = {
        "user": lambda: QCoreApplication.translate("MainWindow", "Ban ▾"),
        "group": lambda: QCoreApplication.translate("MainWindow", "Group ▾"),
        "undo": lambda: QCoreApplication.translate("MainWindow", "Undo")}
    for name, button in window.action_buttons.items():
        action_id = BAR_KEYS.get(name)
        if action_id is None:
            continue
        label = labels[name]() if name in labels else short_label(Action(name))
        button.setText(f"[{key_text(key_for(action_id, window.key_overrides))}] {label}")


def retranslate(root: QWidget, old_language: str) -> None:
    """Our texts shown in ``root`` and its children (window title, menus, menu items, buttons,
    placeholders, list and tab titles, labels that are not plain text) in the language now
    installed. A text is changed only when it is one of our translations, word for word."""
    if not catalog(old_language):
        return

    widget: QObject | None = None

    def contexts() -> Iterator[str]:  # the classes of the widget and its parents: where its texts come from
        at = widget
        while at is not None:
            yield from (cls.__name__ for cls in type(at).__mro__)
            at = at.parent()

    def again(text: str) -> str | None:
        return retranslate_text(text, old_language, contexts()) if text else None

    for widget in (root, *root.findChildren(QWidget)):
        if widget.isWindow() and (new := again(widget.windowTitle())):
            widget.setWindowTitle(new)
        # what assistive technology reads, and the hints (on every kind of widget)
        for get, put in ((widget.accessibleName, widget.setAccessibleName),
                         (widget.accessibleDescription, widget.setAccessibleDescription),
                         (widget.toolTip, widget.setToolTip), (widget.statusTip, widget.setStatusTip),
                         (widget.whatsThis, widget.setWhatsThis)):
            if new := again(get()):
                put(new)
        if isinstance(widget, QMenu) and (new := again(widget.title())):
            widget.setTitle(new)
        elif isinstance(widget, QAbstractButton):
            if new := again(widget.text()):
                widget.setText(new)
        elif isinstance(widget, QLineEdit) and (new := again(widget.placeholderText())):
            widget.setPlaceholderText(new)
        elif isinstance(widget, QLabel) and (new := again(widget.text())) and (
                widget.textFormat() != Qt.TextFormat.PlainText or _form_label(widget)):
            widget.setText(new)
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                if new := again(widget.itemText(i)):
                    widget.setItemText(i, new)
        elif isinstance(widget, QGroupBox) and (new := again(widget.title())):
            widget.setTitle(new)
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                if new := again(widget.tabText(i)):
                    widget.setTabText(i, new)
        elif isinstance(widget, QListWidget):
            for i in range(widget.count()):
                if new := again(widget.item(i).text()):
                    widget.item(i).setText(new)
    for widget in root.findChildren(QAction):
        action = widget
        if new := again(action.text()):
            action.setText(new)
        if new := again(action.toolTip()):
            action.setToolTip(new)
        if new := again(action.statusTip()):
            action.setStatusTip(new)


def _form_label(label: QLabel) -> bool:
    """A form row's caption (ours, even when plain text; the row's value may be untrusted)."""
    parent = label.parentWidget()
    for layout in parent.findChildren(QFormLayout) if parent is not None else ():
        if layout.indexOf(label) >= 0:
            return layout.getWidgetPosition(label)[1] == QFormLayout.ItemRole.LabelRole
    return False


def retranslate_window(window: Any) -> None:
    """The main window's own texts built from parts: queue titles and counts, the queue's column
    titles, the action bar, the connection state and the wellbeing status."""
    def main_text(text: str) -> str:  # the main window's strings (already in its context)
        return QCoreApplication.translate("MainWindow", text)

    window._queue_titles = {
        "open": main_text("Open"), "mine": main_text("Mine"), "offline": main_text("Taken offline"),
        "escalated": main_text("Escalated"), "appeals": main_text("Appeals"),
        "second_approval": main_text("Needs second approval")}
    window._refresh_counts()
    model = window.model
    model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)
    label_action_bar(window)
    window._set_connection(window.ws.online)
    run_task(window.ws.cache.outbox.pending_count, on_done=window._set_pending)
    if window.ws.last_sync is not None:
        window.last_sync.setText(main_text("last sync {time}").format(
            time=clock(window.ws.last_sync)))
    if window.detail is not None:  # the case's panels, said again (the conversation stays where it is)
        window._show_detail(window.detail)
    wellbeing = getattr(window, "wellbeing", None)
    if wellbeing is not None:
        wellbeing.apply(wellbeing.settings)  # the banners and the exposure count say it again


class _LanguageWatcher(QObject):
    """Retranslates the main window when the application's language changes (whoever changed it)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.shown = current_language()

    def follow(self) -> None:
        now = current_language()
        if now != self.shown:
            old, self.shown = self.shown, now
            retranslate(self.window, old)
            retranslate_window(self.window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.follow()
        return False


def attach_settings(window: Any) -> None:
    """Give a main window File > Settings… (Ctrl+,), its saved sync interval and keys, and
    retranslation when the language changes."""
    window.ws.pull_timer.setInterval(prefs.SYNC_INTERVAL_SECONDS.get() * 1000)
    label_action_bar(window)
    window.language_watcher = _LanguageWatcher(window)
    window.installEventFilter(window.language_watcher)
    window.settings_dialog = None
    file_menu = window.menuBar().actions()[0].menu()
    action = QAction(QCoreApplication.translate("Settings", "Settings…"), window)
    action.setObjectName("settings")
    action.setShortcut(QKeySequence("Ctrl+,"))
    action.setMenuRole(QAction.MenuRole.PreferencesRole)
    action.triggered.connect(lambda _=False: show_settings(window))
    separators = [a for a in file_menu.actions() if a.isSeparator()]
    if separators:
        file_menu.insertAction(separators[0], action)
    else:
        file_menu.addAction(action)
    window.settings_action = action


def show_settings(window: Any) -> SettingsDialog:
    """Open the Settings dialog (one at a time) for ``window``."""
    if window.settings_dialog is not None:
        window.settings_dialog.raise_()
        window.settings_dialog.activateWindow()
        return window.settings_dialog
    profiles = getattr(window, "profile_store", None)
    credentials = getattr(window, "credential_store", None)
    if profiles is None:
        from qunguan.client.credentials import CredentialStore
        from qunguan.client.profiles import ProfileStore

        profiles, credentials = ProfileStore(), CredentialStore()
    dialog = SettingsDialog(window, profiles, credentials)
    window.settings_dialog = dialog

    def finished(_result: int) -> None:
        window.settings_dialog = None
        dialog.deleteLater()

    dialog.finished.connect(finished)
    dialog.open()
    return dialog
