"""The size and place of a window, and the state of its splitters, kept when it closes and
given back when it opens again (settings.layout_settings declares the keys)."""

from __future__ import annotations

import json
import logging

from PySide6.QtCore import QByteArray, QEvent, QObject
from PySide6.QtWidgets import QSplitter, QWidget

from .settings import layout_settings

log = logging.getLogger(__name__)

__all__ = ["keep_layout"]


def _splitters(window: QWidget) -> dict[str, QSplitter]:
    """The window's splitters by object name (those without one are numbered in creation order)."""
    found: dict[str, QSplitter] = {}
    for n, splitter in enumerate(window.findChildren(QSplitter)):
        found[splitter.objectName() or f"splitter{n}"] = splitter
    return found


class _Keeper(QObject):
    def __init__(self, window: QWidget, name: str) -> None:
        super().__init__(window)
        self.window = window
        self.geometry, self.splitters = layout_settings(name)

    def restore(self) -> None:
        geometry = self.geometry.get()
        if geometry:
            self.window.restoreGeometry(QByteArray(geometry))
        raw = self.splitters.get()
        if not raw:
            return
        try:
            states = json.loads(raw.decode("ascii"))
        except (UnicodeDecodeError, ValueError):
            log.warning("the kept splitters of %s could not be read", self.geometry.key)
            return
        for name, splitter in _splitters(self.window).items():
            if isinstance(states, dict) and isinstance(states.get(name), str):
                splitter.restoreState(QByteArray.fromBase64(states[name].encode("ascii")))

    def save(self) -> None:
        self.geometry.set(bytes(self.window.saveGeometry().data()))
        states = {name: bytes(s.saveState().toBase64().data()).decode("ascii")
                  for name, s in _splitters(self.window).items()}
        self.splitters.set(json.dumps(states).encode("ascii"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.Show and not getattr(self, "_restored", False):
                self._restored = True
                self.restore()
            elif event.type() == QEvent.Type.Hide:  # closing hides it too: kept once
                try:
                    self.save()
                except RuntimeError:  # the window is being destroyed: what was kept before stands
                    log.debug("layout of %s not kept: the window is gone", self.geometry.key)
        return False


def keep_layout(window: QWidget, name: str) -> None:
    """Give ``window`` back its kept size, place and splitters when first shown; keep them when
    it is hidden (or closed). ``name`` is one of settings.LAYOUT_WINDOWS."""
    keeper = _Keeper(window, name)
    window.installEventFilter(keeper)
    window._layout_keeper = keeper  # type: ignore[attr-defined]
