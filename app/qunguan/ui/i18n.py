"""Loading the translations: Qt's own (qtbase) and Qunguan's. Installed builds carry the
compiled ``.qm`` files in ``qunguan/ui/i18n``; a source checkout compiles them from
``translations/*.ts`` with ``pyside6-lrelease`` into the user's cache on first use."""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from xml.etree import ElementTree

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


#: The translators installed now (switch_language takes them out again).
_installed: list[QTranslator] = []
_current = "en"


def current_language() -> str:
    return _current


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install Qt's and Qunguan's translators for ``language``; returns them (keep them alive)."""
    global _current
    QLocale.setDefault(QLocale(language))
    _current = language
    installed = []
    if language != "en":  # English is Qt's source language; qunguan_en carries only plural forms
        qt = QTranslator(app)
        if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            installed.append(qt)
    path = qm_file(language)
    ours = QTranslator(app)
    if path is not None and ours.load(str(path)):
        app.installTranslator(ours)
        installed.append(ours)
    _installed.extend(installed)
    return installed


def switch_language(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Take out the installed translators and install ``language``'s, while the application
    runs: every widget gets a QEvent.LanguageChange (see :func:`catalog` to retranslate texts
    already shown)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    return install_translators(app, language)


@functools.cache
def catalog(language: str) -> dict[str, list[tuple[str, str]]]:
    """The shown text -> the (context, source) pairs it translates, for ``language``, from the
    translation sources: those an installed build carries beside its ``.qm`` files, else
    ``translations/*.ts`` of a source checkout; empty when neither is at hand. For "en" the shown
    text is the source."""
    source = next((p for p in (PACKAGED / "qunguan_zh_CN.ts", SOURCES / "qunguan_zh_CN.ts") if p.exists()), None)
    if source is None:
        return {}
    found: dict[str, list[tuple[str, str]]] = {}
    root = ElementTree.parse(source).getroot()  # our own file, not untrusted input
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            text = message.findtext("source")
            translation = message.find("translation")
            if not text:
                continue
            shown = text if language == "en" else (translation.text if translation is not None else None)
            if shown and (translation is None or translation.get("type") not in ("obsolete", "vanished")):
                found.setdefault(shown, []).append((name, text))
    return found


def retranslate_text(text: str, old_language: str, contexts: Iterable[str] = ()) -> str | None:
    """``text`` shown in ``old_language``, in the language installed now (None: not ours).
    Where the text is in several contexts, the first of ``contexts`` (class names) that has it wins."""
    pairs = catalog(old_language).get(text)
    if not pairs:
        return None
    by_context = dict(pairs)
    context = next((c for c in contexts if c in by_context), pairs[0][0])
    return QCoreApplication.translate(context, by_context[context])
