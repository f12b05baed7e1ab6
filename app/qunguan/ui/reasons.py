"""Choosing a reason from the content taxonomy, and the UI language.

The taxonomy and the action specs carry their labels in both languages (they are data of the
contract, shared with the platform and the reports); :func:`ui_language` picks one for display.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qunguan.contract.enums import ACTIONS, Action
from qunguan.contract.taxonomy import REASONS, ReasonCode, ReasonInfo

__all__ = ["ReasonPicker", "label_for_action", "matches", "reason_label", "ui_language"]

_CODE_ROLE = Qt.ItemDataRole.UserRole


def ui_language() -> str:
    """"zh" when the interface runs in Chinese (the default QLocale, which the translators set), else "en"."""
    return "zh" if QLocale().name().lower().startswith("zh") else "en"


def label_for_action(action: Action | str) -> str:
    """What an action does, in the current UI language (the contract carries both)."""
    spec = ACTIONS[Action(action)]
    return spec.zh if ui_language() == "zh" else spec.en


def reason_label(code: ReasonCode | str) -> str:
    """'PLT-03 诈骗' in the current language."""
    info = REASONS[ReasonCode(code)]
    return f"{info.code.value} {info.label(ui_language())}"


def _fold(text: str) -> str:
    return text.casefold().replace("-", "").replace(" ", "")


def matches(info: ReasonInfo, query: str) -> bool:
    """True when every word of ``query`` is found in the code, the English or the Chinese label
    (case and hyphens do not matter: "plt03", "PLT-03", "scam", "诈骗" all find PLT-03)."""
    haystack = _fold(f"{info.code.value} {info.en} {info.zh}")
    return all(_fold(word) in haystack for word in query.split())


class ReasonPicker(QWidget):
    """A search field over the list of reason codes.

    Typing filters by code, English or Chinese text; Up/Down (and Page Up/Down) move in the list
    while the focus stays in the search field. The current item of the list is the chosen reason;
    when the filter hides it, the first match is chosen, and nothing when nothing matches.

    Signals:
        reasonChanged(str): the chosen code ("PLT-03"), or "" when none is chosen.
    """

    reasonChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._emitted = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self)
        self.search.setObjectName("reasonSearch")
        self.search.setAccessibleName(self.tr("Find a reason"))
        self.search.setAccessibleDescription(self.tr("Type a code, English or Chinese words; the arrow keys choose"))
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Find a reason: code, English or 中文 (↑↓ to choose)"))
        for clear in self.search.findChildren(QToolButton):  # the line edit's own clear button
            clear.setAccessibleName(self.tr("Clear the search"))
        self.list = QListWidget(self)
        self.list.setObjectName("reasonList")
        self.list.setAccessibleName(self.tr("Reasons"))
        self.list.setUniformItemSizes(True)
        self.list.setMinimumHeight(160)
        # long labels are elided (the tooltip has both in full), so the list never scrolls sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.empty = QLabel(self.tr("No reason matches this search."), self)
        self.empty.setObjectName("reasonEmpty")
        self.empty.hide()
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self._fill()
        self.setFocusProxy(self.search)
        self.search.installEventFilter(self)
        self.search.textChanged.connect(self._filter)
        self.list.currentItemChanged.connect(lambda _cur, _prev: self._changed())

    def _fill(self) -> None:
        language = ui_language()
        for info in REASONS.values():
            own = info.label(language)
            other = info.en if language == "zh" else info.zh
            item = QListWidgetItem(f"{info.code.value}   {own}  ·  {other}", self.list)
            item.setData(_CODE_ROLE, info.code.value)
            tip = self.tr("{code}: {en} / {zh}").format(code=info.code.value, en=info.en, zh=info.zh)
            if info.suggests_authority_report:
                tip += "\n" + self.tr("Illegal information: consider a report to the authorities.")
            item.setToolTip(tip)

    # --- public interface ---------------------------------------------------------------------------

    def reason_code(self) -> ReasonCode | None:
        item = self.list.currentItem()
        if item is None or item.isHidden() or not item.isSelected():
            return None
        return ReasonCode(item.data(_CODE_ROLE))

    def set_reason_code(self, code: ReasonCode | str | None) -> None:
        """Choose ``code`` (None clears the choice); the search is cleared so that it shows."""
        if code is None:
            self.list.setCurrentItem(None)
            self.list.clearSelection()
            self._changed()
            return
        value = ReasonCode(code).value
        if self.search.text():
            self.search.clear()
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(_CODE_ROLE) == value:
                self.list.setCurrentItem(item)
                self.list.scrollToItem(item)
                break
        self._changed()

    # --- behaviour ----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        item = self.list.currentItem()
        if item is not None and not item.isHidden():  # the viewport has its size only now
            self.list.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _visible_rows(self) -> list[int]:
        return [row for row in range(self.list.count()) if not self.list.item(row).isHidden()]

    def _filter(self, query: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(not matches(REASONS[ReasonCode(item.data(_CODE_ROLE))], query))
        visible = self._visible_rows()
        self.empty.setVisible(not visible)
        current = self.list.currentItem()
        if current is not None and not current.isHidden() and current.isSelected():
            self.list.scrollToItem(current)
        elif visible:
            self.list.setCurrentRow(visible[0])
        else:
            self.list.setCurrentItem(None)
            self.list.clearSelection()
        self._changed()

    def _move(self, step: int) -> None:
        visible = self._visible_rows()
        if not visible:
            return
        row = self.list.currentRow()
        if row not in visible or not self.list.currentItem().isSelected():
            target = visible[0] if step > 0 else visible[-1]
        else:
            index = visible.index(row) + step
            target = visible[max(0, min(len(visible) - 1, index))]
        self.list.setCurrentRow(target)
        self.list.scrollToItem(self.list.item(target))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            page = max(1, self.list.viewport().height() // max(1, self.list.sizeHintForRow(0)) - 1)
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: page, Qt.Key.Key_PageUp: -page}
            step = steps.get(Qt.Key(event.key()))
            if step is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self._move(step)
                return True
        return super().eventFilter(watched, event)

    def _changed(self) -> None:
        code = self.reason_code()
        value = code.value if code is not None else ""
        if value != self._emitted:
            self._emitted = value
            self.reasonChanged.emit(value)
