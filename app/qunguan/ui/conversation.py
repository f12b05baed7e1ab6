"""The conversation around a flagged message: a list model of messages shown as plain
text, the flagged one marked, attachments shown as thumbnails, and "load earlier / load later"
paging through the platform.

Media: the platform sends no picture bytes (nothing remote is ever loaded), so each attachment's
thumbnail is a placeholder drawn from its SHA-256: the same file always looks the same, which
helps to spot one picture posted across groups. When the case's category asks for it (see
ui/wellbeing.py: the moderator's preferences), the conversation's media are blurred and/or shown
in greyscale, their names withheld, and optionally the flagged message's text is collapsed, until
the moderator reveals that message (a click on it) or all of them (R).

Signals (ConversationModel):
    revealed(object): a list of messages whose protected content the moderator just revealed.
Signals (ConversationView):
    loadMore(str): "before" or "after": the moderator asked for more context.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QImage,
    QMouseEvent,
    QPainter,
    QPen,
)
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

from .formats import day_time
from .links import confirm_link
from .text import isolate, one_line
from .theme import colour

URL = re.compile(r"\b(?:https?|ftp|file|javascript|data):[^\s<>\"']+", re.IGNORECASE)

Index = QModelIndex | QPersistentModelIndex
TEXT_CACHE = 5000  # composed texts and wrapped sizes kept (cleared when full)
MESSAGE_ROLE = Qt.ItemDataRole.UserRole + 1
FLAGGED_ROLE = Qt.ItemDataRole.UserRole + 2
#: A message's attachments as painted: a list of (thumbnail QImage, caption).
THUMBS_ROLE = Qt.ItemDataRole.UserRole + 3
#: True while the message has protected content the moderator has not revealed.
HIDDEN_ROLE = Qt.ItemDataRole.UserRole + 4
THUMB = QSize(120, 90)
THUMB_GAP = 8
BLUR_FACTOR = 12  # the thumbnail is shrunk this many times and enlarged again: a cheap, strong blur
THUMB_CACHE = 2000
INDENT = "      "  # message text is indented by this under its header line


@dataclass(frozen=True, slots=True)
class Protection:
    """How a conversation's content is shown until revealed (from the moderator's preferences
    for the case's category)."""

    blur: bool = False
    greyscale: bool = False
    hide_text: bool = False

    @property
    def media(self) -> bool:
        return self.blur or self.greyscale

    @property
    def any(self) -> bool:
        return self.media or self.hide_text


def _digest(attachment: api.Attachment) -> bytes:
    try:
        digest = bytes.fromhex(attachment.sha256)
    except ValueError:
        digest = b""
    if len(digest) < 24:
        digest = hashlib.sha256(f"{attachment.id}:{attachment.sha256}:{attachment.name}".encode()).digest()
    return digest


def placeholder_thumbnail(attachment: api.Attachment, size: QSize = THUMB, scale: float = 1.0) -> QImage:
    """A picture drawn from the attachment's hash (no bytes of the file are ever fetched): a
    mirrored mosaic in three colours, like an identicon; for files that are not images, a page
    with the file's extension on it. ``size`` is in logical pixels; the image has ``scale`` times
    as many physical pixels (the screen's device pixel ratio), so it stays sharp on high-DPI screens."""
    d = _digest(attachment)
    w, h = size.width(), size.height()
    palette = [QColor.fromHsv(d[0] * 360 // 256, 40 + d[1] % 40, 235),
               QColor.fromHsv(d[2] * 360 // 256, 150 + d[3] % 100, 130 + d[4] % 90),
               QColor.fromHsv((d[2] * 360 // 256 + 150 + d[5] % 60) % 360, 140 + d[6] % 110, 90 + d[7] % 90)]
    columns, rows = 8, 6
    mosaic = QImage(columns, rows, QImage.Format.Format_RGB32)
    bits = int.from_bytes(d[8:24], "big")
    for row in range(rows):
        for col in range(columns // 2):
            colour = palette[(bits >> (2 * (row * columns // 2 + col))) % 3].rgb()
            mosaic.setPixel(col, row, colour)
            mosaic.setPixel(columns - 1 - col, row, colour)
    image = mosaic.scaled(round(w * scale), round(h * scale), Qt.AspectRatioMode.IgnoreAspectRatio,
                          Qt.TransformationMode.FastTransformation)
    image.setDevicePixelRatio(scale)  # the painter below draws in logical pixels
    painter = QPainter(image)
    if attachment.kind != MessageKind.IMAGE:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        page = QRectF(w / 2 - 24, h / 2 - 32, 48, 64)
        painter.setBrush(QColor("#fafafa"))
        painter.setPen(QPen(QColor("#616161"), 1.5))
        painter.drawRect(page)
        ext = attachment.name.rsplit(".", 1)[-1][:5].upper() if "." in attachment.name else "?"
        font = QFont()
        font.setPixelSize(12)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(page, int(Qt.AlignmentFlag.AlignCenter), ext)
    painter.end()
    return image


def protect(image: QImage, protection: Protection) -> QImage:
    """The thumbnail as shown before it is revealed: blurred (shrunk and enlarged again, smoothly)
    and/or greyscale (every pixel r == g == b), with a crossed-out eye that says "hidden"."""
    grey = QImage.Format.Format_Grayscale8
    if protection.blur:
        small = image.scaled(max(1, image.width() // BLUR_FACTOR), max(1, image.height() // BLUR_FACTOR),
                             Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
        if protection.greyscale:
            small = small.convertToFormat(grey)  # cheaper on the small picture than on the large one
        out = small.scaled(image.width(), image.height(), Qt.AspectRatioMode.IgnoreAspectRatio,
                           Qt.TransformationMode.SmoothTransformation)
    else:
        out = image.convertToFormat(grey) if protection.greyscale else image
    out = out.convertToFormat(QImage.Format.Format_RGB32)
    scale = image.devicePixelRatio()
    out.setDevicePixelRatio(scale)
    painter = QPainter(out)
    eye = _hidden_mark(scale)
    size, mark = out.deviceIndependentSize(), eye.deviceIndependentSize()
    painter.drawImage(QPointF((size.width() - mark.width()) / 2, (size.height() - mark.height()) / 2), eye)
    painter.end()
    return out


_MARK: dict[float, QImage] = {}


def _hidden_mark(scale: float = 1.0) -> QImage:
    """A crossed-out eye on a dark disc, in shades of grey only (drawn once per pixel ratio)."""
    if scale not in _MARK:
        mark = QImage(round(40 * scale), round(40 * scale), QImage.Format.Format_ARGB32_Premultiplied)
        mark.setDevicePixelRatio(scale)
        mark.fill(Qt.GlobalColor.transparent)
        painter = QPainter(mark)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = QPointF(20, 20)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(40, 40, 40, 170))
        painter.drawEllipse(c, 19, 19)
        painter.setPen(QPen(QColor(245, 245, 245), 2.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(c, 10, 6)
        painter.drawEllipse(c, 2.5, 2.5)
        painter.drawLine(QPointF(c.x() - 11, c.y() + 9), QPointF(c.x() + 11, c.y() - 9))
        painter.end()
        _MARK[scale] = mark
    return _MARK[scale]


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


class ConversationModel(QAbstractListModel):
    revealed = Signal(object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._messages: list[api.Message] = []
        self._flagged_id: int | None = None
        self._protection = Protection()
        self._shown: set[int] = set()  # messages whose protected content was revealed
        self._text_cache: dict[tuple[int, bool, bool, bool, bool], str] = {}
        self._thumbs: dict[tuple[int, str, Protection | None, float], QImage] = {}
        #: the device pixel ratio thumbnails are drawn for (the delegate sets the screen's)
        self.scale = 1.0
        self.exposures = 0  # how many times protected content was revealed in this session

    def set_conversation(self, before: list[api.Message], flagged: api.Message, after: list[api.Message],
                         protection: Protection | None = None) -> None:
        self.beginResetModel()
        self._messages = [*before, flagged, *after]
        self._flagged_id = flagged.id
        self._protection = protection or Protection()
        self._shown = set()
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._messages, self._flagged_id = [], None
        self._shown = set()
        self.endResetModel()

    @property
    def protection(self) -> Protection:
        return self._protection

    def set_protection(self, protection: Protection) -> None:
        """New preferences for the case shown: what was revealed stays revealed."""
        self._protection = protection
        self._changed()

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

    def _protectable(self, message: api.Message) -> bool:
        p = self._protection
        return bool(message.attachments and p.media) or (message.id == self._flagged_id and p.hide_text)

    def is_hidden(self, message: api.Message) -> bool:
        return self._protectable(message) and message.id not in self._shown

    def attachments_revealed(self) -> bool:
        """True when nothing in the conversation is held back."""
        return not any(self.is_hidden(m) for m in self._messages)

    def set_attachments_revealed(self, revealed: bool) -> None:
        """Reveal (or hide again) the protected content of every message."""
        if revealed:
            self._reveal([m for m in self._messages if self.is_hidden(m)])
        else:
            self._shown.clear()
        self._changed()

    def toggle_row(self, row: int) -> None:
        """A click on a message: reveal what it holds back, or hide it again."""
        if not (0 <= row < len(self._messages)):
            return
        message = self._messages[row]
        if not self._protectable(message):
            return
        if message.id in self._shown:
            self._shown.discard(message.id)
        else:
            self._reveal([message])
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def _reveal(self, messages: list[api.Message]) -> None:
        if not messages:
            return
        self._shown.update(m.id for m in messages)
        self.exposures += 1
        self.revealed.emit(messages)

    def _changed(self) -> None:
        if self._messages:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._messages) - 1, 0))

    def thumbnail(self, attachment: api.Attachment, protection: Protection | None) -> QImage:
        """The attachment's thumbnail, as it is when revealed (``protection`` None) or protected."""
        key = (attachment.id, attachment.sha256, protection, self.scale)
        image = self._thumbs.get(key)
        if image is None:
            if len(self._thumbs) > THUMB_CACHE:
                self._thumbs.clear()
            image = placeholder_thumbnail(attachment, THUMB, self.scale)
            if protection is not None:
                image = protect(image, protection)
            self._thumbs[key] = image
        return image

    def _thumbnails(self, message: api.Message) -> list[tuple[QImage, str]]:
        hidden = self.is_hidden(message) and self._protection.media
        out = []
        for attachment in message.attachments:
            image = self.thumbnail(attachment, self._protection if hidden else None)
            if hidden:
                caption = self.tr("click to show")
            else:
                kind = self.tr("image") if attachment.kind == MessageKind.IMAGE else self.tr("file")
                caption = f"{kind} · {_size(attachment.size)}"
            out.append((image, caption))
        return out

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
                return QBrush(colour("flagged"))
            if message.deleted:
                return QBrush(colour("deleted"))
            return None
        if role == Qt.ItemDataRole.FontRole and flagged:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and message.deleted:
            return QBrush(colour("muted"))
        if role == MESSAGE_ROLE:
            return message
        if role == FLAGGED_ROLE:
            return flagged
        if role == THUMBS_ROLE:
            return self._thumbnails(message) if message.attachments else []
        if role == HIDDEN_ROLE:
            return self.is_hidden(message)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._text(message, flagged)
        return None

    def _text(self, message: api.Message, flagged: bool) -> str:
        hidden = self.is_hidden(message)
        key = (message.id, message.deleted, flagged, hidden, self._protection.hide_text)
        text = self._text_cache.get(key)
        if text is None:
            if len(self._text_cache) > TEXT_CACHE:
                self._text_cache.clear()
            text = self._text_cache[key] = self._compose(message, flagged, hidden)
        return text

    def warm(self, detail: api.CaseDetail, protection: Protection | None = None) -> list[str]:
        """Compose the texts (and draw the thumbnails) of a case's conversation ahead of showing it."""
        messages = [*detail.context_before, detail.message, *detail.context_after]
        saved = self._protection, self._flagged_id, self._shown
        self._protection, self._flagged_id, self._shown = protection or Protection(), detail.message.id, set()
        try:
            for m in messages:
                if m.attachments:
                    self._thumbnails(m)  # drawn ahead too, as they will first be shown
            return [self._text(m, m.id == detail.message.id) for m in messages]
        finally:
            self._protection, self._flagged_id, self._shown = saved

    def _compose(self, message: api.Message, flagged: bool, hidden: bool) -> str:
        head = "{mark}{time}  {sender}".format(
            mark="▶ " if flagged else "   ", time=day_time(message.sent_at),
            sender=isolate(message.sender_name),
        )
        lines = [head]
        if flagged:
            lines[0] += "  " + self.tr("[flagged]")
        if message.deleted:
            lines[0] += "  " + self.tr("[deleted]")
        if hidden and flagged and self._protection.hide_text:
            lines.append(INDENT + "░░░░░░ " + self.tr("[Text hidden for this category: click it or press R to show]"))
        else:
            lines.append(INDENT + isolate(message.body))
        for attachment in message.attachments:
            if hidden and self._protection.media:
                label = self.tr("image") if attachment.kind == MessageKind.IMAGE else self.tr("file")
                lines.append(INDENT + "░░░░░░ " + self.tr("[{kind} held back: click it or press R to show]").format(
                    kind=label))
            else:
                lines.append(INDENT + self.tr("Attachment: {name} ({kind}, {size}, sha256 {sha})").format(
                    name=isolate(attachment.name), kind=attachment.mime_type, size=_size(attachment.size),
                    sha=attachment.sha256[:12]))
        return "\n".join(lines)


class MessageDelegate(QStyledItemDelegate):
    """Paints a message as wrapped plain text (drawText never interprets markup), its attachments'
    thumbnails with a caption under the text, and sizes each row to its wrapped height at the
    view's current width."""

    PAD = 6

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._sizes: dict[tuple[str, bool, int, int], QSize] = {}

    def _text_rect(self, width: int) -> QRect:
        return QRect(0, 0, max(width - 2 * self.PAD, 50), 1_000_000)

    @staticmethod
    def _indent(font: QFont) -> int:
        return QFontMetrics(font).horizontalAdvance(INDENT)  # thumbnails line up with the message text

    def _per_row(self, width: int, font: QFont) -> int:
        return max(1, (width - 2 * self.PAD - self._indent(font) + THUMB_GAP) // (THUMB.width() + THUMB_GAP))

    def _media_height(self, width: int, count: int, font: QFont) -> int:
        if not count:
            return 0
        rows = -(-count // self._per_row(width, font))
        return rows * (THUMB_GAP + THUMB.height() + QFontMetrics(font).height())

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        bold = bool(index.data(FLAGGED_ROLE))
        message = index.data(MESSAGE_ROLE)
        return self.size_for(text, bold, option.font, len(message.attachments) if message is not None else 0)

    def size_for(self, text: str, bold: bool, font: QFont, attachments: int = 0) -> QSize:
        width = self._view.viewport().width() - 4
        key = (text, bold, width, attachments)
        size = self._sizes.get(key)
        if size is None:
            media = self._media_height(width, attachments, font)
            if bold:
                font = QFont(font)
                font.setBold(True)
            bounds = QFontMetrics(font).boundingRect(self._text_rect(width), WRAP, text)
            if len(self._sizes) > TEXT_CACHE:
                self._sizes.clear()
            height = bounds.height() + 2 * self.PAD + media
            size = self._sizes[key] = QSize(width, height)
        return size

    def thumb_rects(self, rect: QRect, text: str, bold: bool, font: QFont, count: int) -> list[QRect]:
        """Where a row's thumbnails are painted, for a row painted in ``rect``."""
        if not count:
            return []
        size = self.size_for(text, bold, font, count)
        width = self._view.viewport().width() - 4
        per_row, caption = self._per_row(width, font), QFontMetrics(font).height()
        top = rect.top() + size.height() - self.PAD - self._media_height(width, count, font)
        left = rect.left() + self.PAD + self._indent(font)
        rects = []
        for i in range(count):
            r, c = divmod(i, per_row)
            rects.append(QRect(left + c * (THUMB.width() + THUMB_GAP),
                               top + THUMB_GAP + r * (THUMB_GAP + THUMB.height() + caption), THUMB.width(),
                               THUMB.height()))
        return rects

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
        pen = foreground.color() if foreground is not None else option.palette.text().color()
        painter.setPen(pen)
        font = index.data(Qt.ItemDataRole.FontRole)
        if font is not None:
            painter.setFont(font)
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        painter.drawText(rect, WRAP, text)
        model = index.model()
        scale = painter.device().devicePixelRatioF()
        if isinstance(model, ConversationModel) and model.scale != scale:
            model.scale = scale  # thumbnails are drawn for the screen they are shown on
        thumbs = index.data(THUMBS_ROLE) or []
        if thumbs:
            rects = self.thumb_rects(option.rect, text, bool(index.data(FLAGGED_ROLE)), option.font, len(thumbs))
            caption_font = QFont(option.font)
            caption_font.setBold(False)
            painter.setFont(caption_font)
            painter.setPen(option.palette.placeholderText().color())
            for (image, caption), r in zip(thumbs, rects, strict=True):
                painter.drawImage(r.topLeft(), image)
                below = QRect(r.left(), r.bottom() + 1, r.width(), QFontMetrics(caption_font).height())
                painter.drawText(below, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                                 QFontMetrics(caption_font).elidedText(caption, Qt.TextElideMode.ElideRight,
                                                                       r.width()))
        painter.restore()


WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)


class ConversationView(QWidget):
    loadMore = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: How a case's content is protected (set by ui/wellbeing.py from the moderator's preferences).
        self.policy: Callable[[api.CaseDetail], Protection] | None = None
        self.model = ConversationModel(self)
        self.model.scale = self.devicePixelRatioF()  # the screen's (the delegate follows a move to another)
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
        self.list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.list.setAccessibleName(self.tr("Conversation"))
        self.list.setAccessibleDescription(self.tr("The messages around the flagged one, which is marked"))
        self.list.viewport().installEventFilter(self)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        layout.addWidget(self.earlier)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.later)
        layout.addLayout(row)
        for button in (self.earlier, self.later):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setEnabled(False)
        QWidget.setTabOrder(self.earlier, self.list)  # Tab goes down the view as it is drawn
        QWidget.setTabOrder(self.list, self.later)

    def protection_for(self, detail: api.CaseDetail) -> Protection:
        return self.policy(detail) if self.policy is not None else Protection()

    def show_detail(self, detail: api.CaseDetail) -> None:
        self.model.set_conversation(detail.context_before, detail.message, detail.context_after,
                                    self.protection_for(detail))
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
        for text, message in zip(self.model.warm(detail, self.protection_for(detail)), messages, strict=True):
            self.delegate.size_for(text, message.id == detail.message.id, font, len(message.attachments))

    def set_protection(self, protection: Protection) -> None:
        self.model.set_protection(protection)
        self.list.doItemsLayout()

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
        """R: reveal everything held back, or hide it all again; True when all is shown."""
        self.model.set_attachments_revealed(not self.model.attachments_revealed())
        self.list.doItemsLayout()
        return self.model.attachments_revealed()

    def attachment_rects(self, row: int) -> list[QRect]:
        """Where a row's thumbnails are, in the list's viewport."""
        index = self.model.index(row, 0)
        message = index.data(MESSAGE_ROLE)
        if message is None or not message.attachments:
            return []
        return self.delegate.thumb_rects(self.list.visualRect(index), index.data(Qt.ItemDataRole.DisplayRole) or "",
                                         bool(index.data(FLAGGED_ROLE)), self.list.font(), len(message.attachments))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A click on a message that holds something back reveals it; a click on a revealed
        # thumbnail hides it again.
        if (watched is self.list.viewport() and event.type() == QEvent.Type.MouseButtonRelease
                and isinstance(event, QMouseEvent) and event.button() == Qt.MouseButton.LeftButton):
            point = event.position().toPoint()
            index = self.list.indexAt(point)
            if index.isValid():
                on_thumb = any(r.contains(point) for r in self.attachment_rects(index.row()))
                if index.data(HIDDEN_ROLE) or (on_thumb and self.model.protection.any):
                    self.model.toggle_row(index.row())
                    self.list.doItemsLayout()
        return super().eventFilter(watched, event)

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
