"""Opening a link from a message: only after a confirmation that shows the whole address, and
only web links (http, https). Nothing here opens a link on its own."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from .text import one_line, plain_label, reveal_invisible
from .theme import set_tone

__all__ = ["ALLOWED_SCHEMES", "LinkDialog", "confirm_link", "web_url"]

ALLOWED_SCHEMES = ("http", "https")
Opener = Callable[[QUrl], object]


def web_url(url: str) -> QUrl | None:
    """The URL to open when ``url`` is a well-formed http(s) address with a host, else None."""
    qurl = QUrl(url.strip(), QUrl.ParsingMode.TolerantMode)
    if not qurl.isValid() or qurl.scheme().lower() not in ALLOWED_SCHEMES or not qurl.host():
        return None
    return qurl


def _site(qurl: QUrl) -> str:
    shown = qurl.host(QUrl.ComponentFormattingOption.PrettyDecoded)
    encoded = qurl.host(QUrl.ComponentFormattingOption.FullyEncoded)
    return shown if shown == encoded else f"{shown} ({encoded})"


class LinkDialog(QDialog):
    """Shows the whole address of a link from an untrusted message and asks before it opens.
    Cancel is the default button."""

    def __init__(self, parent: QWidget | None, url: str, qurl: QUrl) -> None:
        super().__init__(parent)
        self.setObjectName("linkDialog")
        self.setWindowTitle(self.tr("Open a link from a message?"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        top.addWidget(icon)
        self.warning = plain_label(self, self.tr(
            "This link comes from a message on the platform and may lead to a scam or to malware. "
            "Check the whole address before you open it in your browser."))
        self.warning.setObjectName("warning")
        top.addWidget(self.warning, 1)
        layout.addLayout(top)
        self.url = QPlainTextEdit(self)
        self.url.setObjectName("url")
        self.url.setReadOnly(True)
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                         | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.url.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        self.url.setPlainText(reveal_invisible(url))
        lines = min(8, max(2, len(url) // 60 + 1))
        self.url.setFixedHeight(self.url.fontMetrics().lineSpacing() * lines + 14)
        layout.addWidget(self.url)
        self.site = plain_label(self, self.tr("Site: {host}").format(host=_site(qurl)))
        self.site.setObjectName("site")
        font = self.site.font()
        font.setBold(True)
        self.site.setFont(font)
        layout.addWidget(self.site)
        if qurl.userInfo():
            self.userinfo = plain_label(self, self.tr(
                "The address has a user name before \"@\" ({userinfo}): the site is only what follows it.").format(
                userinfo=one_line(qurl.userInfo(), 80)))
            set_tone(self.userinfo, "danger")
            layout.addWidget(self.userinfo)
        buttons = QDialogButtonBox(self)
        self.open_button = buttons.addButton(self.tr("Open in browser"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setObjectName("open")
        self.open_button.setAutoDefault(False)
        self.cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.cancel.setFocus()


def _refuse(parent: QWidget | None, url: str) -> None:
    box = QMessageBox(parent)
    box.setObjectName("linkRefused")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Links", "Link not opened"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(QCoreApplication.translate(
        "Links", "Qunguan opens only web addresses (http or https). This link was not opened:\n{url}").format(
        url=one_line(url, 500)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def confirm_link(parent: QWidget | None, url: str, opener: Opener = QDesktopServices.openUrl) -> bool:
    """Ask, showing the whole ``url``; open it with ``opener`` only when confirmed and it is an
    http(s) address (anything else is refused with a message). True when it was opened."""
    qurl = web_url(url)
    if qurl is None:
        _refuse(parent, url)
        return False
    dialog = LinkDialog(parent, url, qurl)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    finally:
        dialog.deleteLater()
    return opener(qurl) is not False
