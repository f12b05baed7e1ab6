"""Asking why personal data must be revealed (the reveal itself is an audited platform call)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from .text import one_line, plain_label

__all__ = ["MAX_REASON", "MIN_REASON", "RevealDialog"]

MIN_REASON = 2
MAX_REASON = 2000


class RevealDialog(QDialog):
    """A typed reason (at least two characters, trimmed) to reveal a user's real name and phone.

    ``subject`` is the user's display name, when known (shown as plain text).
    """

    def __init__(self, parent: QWidget | None = None, subject: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revealDialog")
        self.setWindowTitle(self.tr("Reveal personal data"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        if subject:
            intro = self.tr("Reveal the real name and phone number of {user}?").format(user=one_line(subject, 100))
        else:
            intro = self.tr("Reveal this user's real name and phone number?")
        self.intro = plain_label(self, intro)
        self.audit = plain_label(self, self.tr(
            "The reveal is recorded in the audit trail with your name, the time and the reason you give here."))
        self.audit.setObjectName("audit")
        self.edit = QLineEdit(self)
        self.edit.setObjectName("reason")
        self.edit.setAccessibleName(self.tr("Reason for the reveal"))
        self.edit.setAccessibleDescription(self.tr("Recorded in the audit trail; at least {n} characters").format(
            n=MIN_REASON))
        self.edit.setMaxLength(MAX_REASON)
        self.edit.setPlaceholderText(self.tr("Why do you need it? (for example: report to the police, case 123)"))
        self.hint = plain_label(self, self.tr("Write at least {n} characters.").format(n=MIN_REASON),
                                selectable=False)
        self.hint.setObjectName("hint")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("ok")
        self.ok.setText(self.tr("Reveal and record"))
        self.ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._accept_if_ready)
        self.buttons.rejected.connect(self.reject)
        for widget in (self.intro, self.audit, self.edit, self.hint, self.buttons):
            layout.addWidget(widget)
        self.edit.textChanged.connect(lambda _t: self._update())
        self.edit.setFocus()
        self._update()

    def reason(self) -> str:
        """The reason, trimmed, without NUL characters."""
        return self.edit.text().replace("\x00", "").strip()

    def is_ready(self) -> bool:
        return len(self.reason()) >= MIN_REASON

    def _update(self) -> None:
        ready = self.is_ready()
        self.ok.setEnabled(ready)
        self.hint.setVisible(not ready)

    def _accept_if_ready(self) -> None:
        if self.is_ready():
            self.accept()
