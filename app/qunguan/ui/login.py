"""The login dialog: a server profile (URL, optional CA bundle; several kept), user name,
password, a TOTP code when the platform asks for one, and "remember me" (the refresh token
in the OS keyring, never anywhere else). The login runs off the GUI thread; each failure is
said in plain words."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qunguan.client.api import ApiClient
from qunguan.client.auth import Authenticator
from qunguan.client.errors import KnownError, TotpInvalid, TotpRequired
from qunguan.client.profiles import Profile

from .errors import describe
from .tasks import run_task
from .text import plain_label
from .theme import set_tone

NEW_PROFILE = ""


class LoginDialog(QDialog):
    def __init__(self, auth: Authenticator, prefill_url: str | None = None, message: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.auth = auth
        self.api: ApiClient | None = None
        self.profile: Profile | None = None
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Log in to Qunguan"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        self.notice = plain_label(self, message or "")
        self.notice.setObjectName("notice")
        self.notice.setVisible(bool(message))
        layout.addWidget(self.notice)
        form = QFormLayout()
        layout.addLayout(form)
        self.profiles = QComboBox(self)
        self.profiles.setObjectName("profiles")
        self.profiles.addItem(self.tr("New server profile"), NEW_PROFILE)
        for profile in auth.profiles.all():
            self.profiles.addItem(profile.name, profile.name)
        form.addRow(self.tr("Profile:"), self.profiles)
        self.url = QLineEdit(self)
        self.url.setObjectName("url")
        self.url.setPlaceholderText("https://moderation.example.cn")
        form.addRow(self.tr("Server:"), self.url)
        ca_row = QHBoxLayout()
        self.ca_bundle = QLineEdit(self)
        self.ca_bundle.setObjectName("caBundle")
        self.ca_bundle.setPlaceholderText(self.tr("optional: the platform's own CA certificate (PEM)"))
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._choose_ca)
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(browse)
        form.addRow(self.tr("CA bundle:"), ca_row)
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        form.addRow(self.tr("User name:"), self.username)
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Password:"), self.password)
        self.totp = QLineEdit(self)
        self.totp.setObjectName("totp")
        self.totp.setMaxLength(6)
        self.totp.setInputMask("999999;_")
        self.totp_label = plain_label(self, self.tr("Authenticator code:"), wrap=False, selectable=False)
        form.addRow(self.totp_label, self.totp)
        self._show_totp(False)
        self.remember = QCheckBox(self.tr("Remember me on this computer"), self)
        self.remember.setObjectName("remember")
        if auth.credentials.available():
            self.remember.setToolTip(self.tr("The login is kept in the system keyring; File > Log out forgets it."))
        else:
            self.remember.setEnabled(False)
            self.remember.setToolTip(self.tr(
                "No secure system keyring is available, so Qunguan cannot remember the login."))
        form.addRow("", self.remember)
        self.error = plain_label(self, "")
        self.error.setObjectName("error")
        set_tone(self.error, "danger")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(self)
        self.login_button = self.buttons.addButton(self.tr("Log in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setObjectName("login")
        self.login_button.setDefault(True)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.attempt)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.profiles.currentIndexChanged.connect(lambda _i: self._fill_from_profile())
        last = auth.profiles.last()
        if prefill_url:
            self.url.setText(prefill_url)
        elif last is not None:
            self.profiles.setCurrentIndex(self.profiles.findData(last.name))
            self._fill_from_profile()
        if auth.profiles.recovered:
            self.error.setText(self.tr("The saved server profiles could not be read and were set aside."))
        (self.password if self.username.text() else self.url if not self.url.text() else self.username).setFocus()

    def _fill_from_profile(self) -> None:
        profile = self.auth.profiles.get(self.profiles.currentData() or "")
        if profile is None:
            return
        self.url.setText(profile.url)
        self.ca_bundle.setText(profile.ca_bundle or "")
        self.username.setText(profile.username)
        self.remember.setChecked(profile.remember and self.remember.isEnabled())
        self.password.setFocus()

    def _choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("The platform's CA certificate"), "",
                                              self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if path:
            self.ca_bundle.setText(path)

    def _show_totp(self, shown: bool) -> None:
        self.totp.setVisible(shown)
        self.totp_label.setVisible(shown)

    def _profile(self) -> Profile:
        name = self.profiles.currentData() or ""
        return Profile(name=name, url=self.url.text().strip(), username=self.username.text().strip(),
                       ca_bundle=self.ca_bundle.text().strip() or None, remember=self.remember.isChecked())

    def attempt(self) -> None:
        if not self.url.text().strip() or not self.username.text().strip() or not self.password.text():
            self.error.setText(self.tr("Enter the server, your user name and your password."))
            return
        totp = self.totp.text().strip() if self.totp.isVisible() else None
        if self.totp.isVisible() and (not totp or len(totp) != 6):
            self.error.setText(self.tr("Enter the six-digit code from your authenticator app."))
            return
        try:
            profile = self._profile().checked()
        except KnownError as exc:
            self.error.setText(describe(exc))
            return
        self.error.setText(self.tr("Logging in…"))
        self.login_button.setEnabled(False)
        run_task(self.auth.login, profile, self.password.text(), totp or None, self.remember.isChecked(),
                 on_done=self._logged_in, on_error=self._failed)

    def _logged_in(self, client: ApiClient) -> None:
        self.api = client
        self.profile = self.auth.profiles.last()
        self.password.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.login_button.setEnabled(True)
        if not isinstance(exc, KnownError):
            self.error.setText(describe(exc))
            raise exc
        if isinstance(exc, TotpRequired | TotpInvalid):
            self._show_totp(True)
            self.totp.clear()
            self.totp.setFocus()
        else:
            self.password.selectAll()
            self.password.setFocus()
        self.error.setText(describe(exc))
