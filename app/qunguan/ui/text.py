"""Showing untrusted text: always as plain text, bidi-isolated, with invisible characters
made visible, so that a message cannot reorder the text around it or hide what it says."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

FSI, PDI = "\u2068", "\u2069"  # first-strong isolate ... pop directional isolate

#: Characters that change the direction of text or are invisible; shown as a visible mark.
_FORMAT_MARK = "\u2426"  # ␦ (symbol for substitute form two)


def isolate(text: str) -> str:
    """Wrap untrusted text in a directional isolate and make bidi controls and zero-width
    characters visible, so it cannot spill into the text around it."""
    return FSI + reveal_invisible(text) + PDI


def reveal_invisible(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\n\t":
            out.append(ch)
        elif unicodedata.category(ch) in ("Cf", "Cc", "Zl", "Zp"):
            out.append(f"{_FORMAT_MARK}U+{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def one_line(text: str, limit: int = 200) -> str:
    """A single display line of untrusted text (for tables and titles)."""
    flat = " ".join(reveal_invisible(text).split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return FSI + flat + PDI


def plain_label(parent: QWidget | None = None, text: str = "", *, wrap: bool = True,
                selectable: bool = True) -> QLabel:
    """A label that can only ever show plain text and never opens a link."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setOpenExternalLinks(False)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setText(text)
    return label
