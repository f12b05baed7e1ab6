"""Loading the translations: Qt's own (qtbase) and Qunguan's. Installed builds carry the
compiled ``.qm`` files in ``qunguan/ui/i18n``; a source checkout compiles them from
``translations/*.ts`` with ``pyside6-lrelease`` into the user's cache on first use."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from platformdirs import user_cache_path
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

PACKAGED = Path(__file__).with_name("i18n")
SOURCES = Path(__file__).resolve().parents[3] / "translations"
LANGUAGES = ("en", "zh_CN")


def choose_language(requested: str | None) -> str:
    if requested:
        return "zh_CN" if requested.lower().replace("-", "_").startswith("zh") else "en"
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def qm_file(language: str) -> Path | None:
    name = f"qunguan_{language}"
    packaged = PACKAGED / f"{name}.qm"
    if packaged.exists():
        return packaged
    source = SOURCES / f"{name}.ts"
    if not source.exists():
        return None
    target = user_cache_path("qunguan", appauthor=False, ensure_exists=True) / f"{name}.qm"
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    try:
        subprocess.run([lrelease, str(source), "-qm", str(target)], check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not compile the %s translation: %s", language, exc)
        return None
    return target


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install Qt's and Qunguan's translators for ``language``; returns them (keep them alive)."""
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return []
    installed = []
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    path = qm_file(language)
    ours = QTranslator(app)
    if path is not None and ours.load(str(path)):
        app.installTranslator(ours)
        installed.append(ours)
    return installed
