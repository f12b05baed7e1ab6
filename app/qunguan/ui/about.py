"""Help > Qunguan VERSION: the About box. The version is ``qunguan.__version__``, read from the
package metadata, which carries pyproject.toml's version (in an installed build too: the
bundle copies the metadata), the same number the installers are built with.

Its words are ones the translation already has (the application's name and the window's
title, in the "Application" and "MainWindow" contexts); the rest are names and numbers."""

from __future__ import annotations

import platform
import sys

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from qunguan import __version__


def app_name() -> str:
    return QCoreApplication.translate("Application", "Qunguan")


def about_text() -> str:
    build = "installed build" if getattr(sys, "frozen", False) else "source"
    return (f"{app_name()} {__version__}\n"
            f"{QCoreApplication.translate('MainWindow', 'Qunguan — group moderation')}\n\n"
            f"Qt {qVersion()} · PySide6 {PySide6.__version__} · Python {platform.python_version()} ({build})\n"
            "Apache-2.0")


def show_about(parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, app_name(), about_text(), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("aboutBox")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box


def add_about_action(menu: QMenu, parent: QWidget) -> QAction:
    """Adds "Qunguan VERSION…" to ``menu`` (on macOS Qt moves it to the application menu)."""
    action = menu.addAction(f"{app_name()} {__version__}…")
    action.setObjectName("about")
    action.setMenuRole(QAction.MenuRole.AboutRole)
    action.triggered.connect(lambda: show_about(parent))
    return action
