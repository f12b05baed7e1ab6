"""Where the application's icons and style sheet are: ``resources/`` beside ``app/`` in a
source checkout, or inside a frozen build (PyInstaller's bundle directory)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[3] / "resources"


def apply_look(app: QApplication) -> None:
    """The window icon, when it is there (the style sheet comes with the theme: theme.py)."""
    icon = resources_dir() / "icons" / "qunguan.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
