"""Help > Qunguan VERSION: the About box. The version is ``qunguan.__version__``, read from the
package metadata, which carries pyproject.toml's version (in an installed build too: the
bundle copies the metadata), the same number the installers are built with.

Its words are ones the translation already has (the application's name and the window's
title, in the "Application" and "MainWindow" contexts); the rest are names and numbers.
"Show Details…" lists the components it ships with, their versions and licences, read from
their package metadata (``importlib.metadata``)."""

from __future__ import annotations

import platform
import re
import sys
from importlib import metadata

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


#: The components when the package's own metadata cannot be read (pyproject.toml's list).
_FALLBACK = ("PySide6-Essentials", "PySide6-Addons", "SQLAlchemy", "alembic", "sqlcipher3", "requests", "keyring",
             "platformdirs", "pydantic", "fastapi", "uvicorn", "argon2-cffi", "cryptography", "pyjwt", "pyotp",
             "psycopg", "tqdm", "regex")


def licence_of(meta: metadata.PackageMetadata) -> str:
    """A distribution's licence: its SPDX expression, else a short License field, else the
    names in its "License ::" classifiers."""
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip()
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= 60 and field.upper() != "UNKNOWN":
        return field
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return " / ".join(classifiers)
    return QCoreApplication.translate("About", "not stated")


def dependency_licences() -> list[tuple[str, str, str]]:
    """(name, version, licence) of every component the package requires (not test or build
    extras), in name order; components that are not installed are left out."""
    try:
        requires = metadata.requires("qunguan") or []
    except metadata.PackageNotFoundError:
        requires = list(_FALLBACK)
    names = {m.group(0) for r in requires if "extra ==" not in r and (m := re.match(r"[A-Za-z0-9._-]+", r))}
    rows = []
    for name in names | set(_FALLBACK):
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        rows.append((dist.metadata["Name"] or name, dist.version, licence_of(dist.metadata)))
    return sorted(set(rows), key=lambda row: row[0].lower())


def licences_text() -> str:
    lines = [QCoreApplication.translate("About", "Components and their licences:"),
             f"Qt {qVersion()} — LGPL-3.0-only",
             f"Python {platform.python_version()} — PSF-2.0"]
    lines += [f"{name} {version} — {licence}" for name, version, licence in dependency_licences()]
    return "\n".join(lines)


def show_about(parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, app_name(), about_text(), QMessageBox.StandardButton.Ok, parent)
    box.setDetailedText(licences_text())
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
