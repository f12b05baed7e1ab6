"""The conversation around a flagged message: a list model of messages shown as plain
text, the flagged one marked, attachments hidden behind a placeholder until revealed, and
"load earlier / load later" paging through the platform.

Signals (ConversationView):
    loadMore(str): "before" or "after": the moderator asked for more context.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QGuiApplication, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from qunguan.contract import models as api
from qunguan.contract.enums import MessageKind

from .links import confirm_link
from .text import isolate, one_line

URL = re.compile(r"\b(?:https?|ftp|file|javascript|data):[^\s<>\"']+", re.IGNORECASE)

Index = QModelIndex | QPersistentModelIndex
TEXT_CACHE = 5000  # composed texts and wrapped sizes kept (cleared when full)
MESSAGE_ROLE = Qt.ItemDataRole.UserRole + 1
FLAGGED_ROLE = Qt.ItemDataRole.UserRole + 2


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


class ConversationModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._messages: list[api.Message] = []
        self._flagged_id: int | None = None
        self._revealed = False
        self._text_cache: dict[tuple[int, bool, bool, bool], str] = {}
        self.exposures = 0  # how many times attachments were revealed in this session

    def set_conversation(self, before: list[api.Message], flagged: api.Message, after: list[api.Message]) -> None:
        self.beginResetModel()
        self._messages = [*before, flagged, *after]
        self._flagged_id = flagged.id
        self._revealed = False
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._messages, self._flagged_id = [], None
        self.endResetModel()

    def prepend(self, messages: list[api.Message]) -> int:
        """Insert older messages at the top; returns how many were new."""
        known = {m.id for m in self._messages}
        new = [m for m in messages if m.id not in known]
        if new:
            self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
            self._messages[:0] = new
            self.endInsertRows()
        return len(new)

    def append(self, messages: list[api.Message]) -> None:
        known = {m.id for m in self._messages}
        new = [m for m in messages if m.id not in known]
        if new:
            first = len(self._messages)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._messages.extend(new)
            self.endInsertRows()

    @property
    def first_id(self) -> int | None:
        return self._messages[0].id if self._messages else None

    @property
    def last_id(self) -> int | None:
        return self._messages[-1].id if self._messages else None

    def flagged_row(self) -> int:
        for i, m in enumerate(self._messages):
            if m.id == self._flagged_id:
                return i
        return -1

    def has_attachments(self) -> bool:
        return any(m.attachments for m in self._messages)

    def attachments_revealed(self) -> bool:
        return self._revealed

    def set_attachments_revealed(self, revealed: bool) -> None:
        if revealed and not self._revealed:
            self.exposures += 1
        self._revealed = revealed
        if self._messages:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._messages) - 1, 0))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._messages)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._messages)) or index.column() != 0:
            return None
        message = self._messages[index.row()]
        flagged = message.id == self._flagged_id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(message, flagged)
        if role == Qt.ItemDataRole.BackgroundRole:
            if flagged:
                return QBrush(QColor("#fff3cd"))
            if message.deleted:
                return QBrush(QColor("#f2f2f2"))
            return None
        if role == Qt.ItemDataRole.FontRole and flagged:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and message.deleted:
            return QBrush(QColor("#757575"))
        if role == MESSAGE_ROLE:
            return message
        if role == FLAGGED_ROLE:
            return flagged
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._text(message, flagged)
        return None

    def _text(self, message: api.Message, flagged: bool) -> str:
        key = (message.id, message.deleted, flagged, self._revealed)
        text = self._text_cache.get(key)
        if text is None:
            if len(self._text_cache) > TEXT_CACHE:
                self._text_cache.clear()
            text = self._text_cache[key] = self._compose(message, flagged)
        return text

    def warm(self, detail: api.CaseDetail) -> list[str]:
        """Compose the texts of a case's conversation ahead of showing it."""
        messages = [*detail.context_before, detail.message, *detail.context_after]
        return [self._text(m, m.id == detail.message.id) for m in messages]

    def _compose(self, message: api.Message, flagged: bool) -> str:
        head = "{mark}{time}  {sender}".format(
            mark="▶ " if flagged else "   ", time=message.sent_at.astimezone().strftime("%m-%d %H:%M"),
            sender=isolate(message.sender_name),
        )
        lines = [head]
        if flagged:
            lines[0] += "  " + self.tr("[flagged]")
        if message.deleted:
            lines[0] += "  " + self.tr("[deleted]")
        lines.append("      " + isolate(message.body))
        for attachment in message.attachments:
            if self._revealed:
                lines.append("      " + self.tr("Attachment: {name} ({kind}, {size}, sha256 {sha})").format(
                    name=isolate(attachment.name), kind=attachment.mime_type, size=_size(attachment.size),
                    sha=attachment.sha256[:12]))
            else:
                label = self.tr("image") if attachment.kind == MessageKind.IMAGE else self.tr("file")
                lines.append("      ░░░░░░ " + self.tr("[{kind} hidden: press R to reveal]").format(kind=label))
        return "\n".join(lines)


class MessageDelegate(QStyledItemDelegate):
    """Paints a message as wrapped plain text (drawText never interprets markup) and sizes
    each row to its wrapped height at the view's current width."""

    PAD = 6

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._sizes: dict[tuple[str, bool, int], QSize] = {}

    def _text_rect(self, width: int) -> QRect:
        return QRect(0, 0, max(width - 2 * self.PAD, 50), 1_000_000)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        bold = bool(index.data(FLAGGED_ROLE))
        return self.size_for(text, bold, option.font)

    def size_for(self, text: str, bold: bool, font: QFont) -> QSize:
        width = self._view.viewport().width() - 4
        key = (text, bold, width)
        size = self._sizes.get(key)
        if size is None:
            if bold:
                font = QFont(font)
                font.setBold(True)
            bounds = QFontMetrics(font).boundingRect(self._text_rect(width), WRAP, text)
            if len(self._sizes) > TEXT_CACHE:
                self._sizes.clear()
            size = self._sizes[key] = QSize(width, bounds.height() + 2 * self.PAD)
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if background is not None:
            painter.fillRect(option.rect, background)
        if selected:
            painter.fillRect(option.rect.left(), option.rect.top(), 4, option.rect.height(),
                             option.palette.highlight())
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.setPen(foreground.color() if foreground is not None else option.palette.text().color())
        font = index.data(Qt.ItemDataRole.FontRole)
        if font is not None:
            painter.setFont(font)
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        painter.drawText(rect, WRAP, index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.restore()


WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)


class ConversationView(QWidget):
    loadMore = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ConversationModel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.earlier = QPushButton(self.tr("Load earlier messages"), self)
        self.earlier.setObjectName("loadEarlier")
        self.earlier.clicked.connect(lambda: self.loadMore.emit("before"))
        self.later = QPushButton(self.tr("Load later messages"), self)
        self.later.setObjectName("loadLater")
        self.later.clicked.connect(lambda: self.loadMore.emit("after"))
        self.list = QListView(self)
        self.list.setObjectName("conversation")
        self.list.setModel(self.model)
        self.delegate = MessageDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setSpacing(2)
        self.list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.list.doubleClicked.connect(self._toggle_attachments)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        layout.addWidget(self.earlier)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.later)
        layout.addLayout(row)
        for button in (self.earlier, self.later):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setEnabled(False)

    def show_detail(self, detail: api.CaseDetail) -> None:
        self.model.set_conversation(detail.context_before, detail.message, detail.context_after)
        self.earlier.setEnabled(detail.has_more_before)
        self.later.setEnabled(detail.has_more_after)
        row = self.model.flagged_row()
        if row >= 0:
            index = self.model.index(row, 0)
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index, QListView.ScrollHint.PositionAtCenter)

    def warm(self, detail: api.CaseDetail) -> None:
        """Prepare a case's texts and wrapped sizes while the moderator reads the current one,
        so that moving on to it is immediate."""
        font = self.list.font()
        messages = [*detail.context_before, detail.message, *detail.context_after]
        for text, message in zip(self.model.warm(detail), messages, strict=True):
            self.delegate.size_for(text, message.id == detail.message.id, font)

    def clear(self) -> None:
        self.model.clear()
        self.earlier.setEnabled(False)
        self.later.setEnabled(False)

    def add_page(self, direction: str, page: api.MessagePage) -> None:
        if direction == "before":
            added = self.model.prepend(page.items)
            # keep the message that was at the top where it was: the view must not jump
            self.list.scrollTo(self.model.index(added, 0), QListView.ScrollHint.PositionAtTop)
            self.earlier.setEnabled(page.has_more)
        else:
            self.model.append(page.items)
            self.later.setEnabled(page.has_more)

    def toggle_attachments(self) -> bool:
        self.model.set_attachments_revealed(not self.model.attachments_revealed())
        return self.model.attachments_revealed()

    def _toggle_attachments(self, index: QModelIndex) -> None:
        message = index.data(MESSAGE_ROLE)
        if message is not None and message.attachments:
            self.toggle_attachments()

    def links_in(self, message: api.Message) -> list[str]:
        return URL.findall(message.body)

    def _context_menu(self, position: Any) -> None:
        message = self.list.indexAt(position).data(MESSAGE_ROLE)
        if message is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Copy message text"), lambda: QGuiApplication.clipboard().setText(message.body))
        for url in self.links_in(message):
            # the whole address is shown again, in full, in the confirmation before anything opens
            menu.addAction(self.tr("Open link {url}…").format(url=one_line(url, 80)),
                           lambda u=url: confirm_link(self, u))
        menu.popup(self.list.viewport().mapToGlobal(position))
