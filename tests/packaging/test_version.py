"""One version: pyproject.toml's, read by the application from its package metadata and shown
in Help > About (the installers get it from packaging/builder.py, test_recipes.py)."""

from __future__ import annotations

import tomllib

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from qunguan import __version__
from qunguan.ui.about import add_about_action
from tests.packaging.conftest import ROOT


def test_the_app_reads_the_version_of_pyproject():
    assert __version__ == tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_help_about_shows_the_version(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = QMenu(parent)
    action = add_about_action(menu, parent)
    assert action.text() == f"Qunguan {__version__}…"
    assert action.menuRole() == QAction.MenuRole.AboutRole
    action.trigger()
    box = parent.findChild(QMessageBox, "aboutBox")
    assert box is not None and box.isVisible()
    assert box.text().startswith(f"Qunguan {__version__}\nQunguan — group moderation\n\nQt ")
    assert box.textFormat() == box.textFormat().PlainText
    box.close()
