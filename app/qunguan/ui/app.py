"""The workstation application: start (demo platform or login), open the user's cache,
show the main window, and log in again when the session expires (the work is kept)."""

from __future__ import annotations

import logging
import signal
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from platformdirs import user_data_path
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from qunguan.client.api import ApiClient
from qunguan.client.cache import Cache, sqlcipher
from qunguan.client.sync import Syncer

from .crash import CrashReporter, setup_logging
from .errors import describe
from .i18n import choose_language, install_translators
from .main_window import MainWindow
from .resources import apply_look
from .settings import CACHE_RETENTION_DAYS, THEME, language_setting
from .tasks import Progress, run_task, tune_gc
from .theme import apply_theme
from .workstation import Workstation

log = logging.getLogger(__name__)

#: Cases opened longer ago are forgotten (File > Settings… > Local data).
RETENTION_DAYS = CACHE_RETENTION_DAYS.default


@dataclass
class Options:
    demo: bool = False
    demo_user: str = "mod1"
    server: str | None = None
    language: str | None = None
    data_dir: Path | None = None
    demo_dir: Path | None = None  # default: the user's data directory (the self-test uses a throwaway one)
    demo_scale: str = "medium"


class Application(QObject):
    """Owns the start-up flow and the objects of one login.

    Signals:
        ready(object): the MainWindow is shown.
        failed(str): start-up failed; the text says why.
    """

    ready = Signal(object)
    failed = Signal(str)

    def __init__(self, options: Options, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.options = options
        self.data_dir = options.data_dir or user_data_path("qunguan", appauthor=False, ensure_exists=True)
        self.demo: Any = None
        self.window: MainWindow | None = None
        self.cache: Cache | None = None
        self.authenticator: Any = None
        self.profile: Any = None

    # --- start-up ---------------------------------------------------------------------------------

    def start(self) -> None:
        if self.options.demo:
            self._start_demo()
        else:
            self._start_login()

    def _start_demo(self) -> None:
        from qunguan.client import demo as demo_platform

        dialog = QProgressDialog(self.tr("Starting the demo platform…"), "", 0, 0)
        dialog.setCancelButton(None)
        dialog.setWindowTitle(self.tr("Qunguan demo"))
        dialog.setMinimumDuration(0)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.show()
        self._progress_dialog = dialog
        progress = Progress(self)
        progress.changed.connect(self._seed_progress)

        def start_and_login() -> tuple[Any, ApiClient]:
            demo = demo_platform.start(self.options.demo_dir, scale=self.options.demo_scale,
                                       progress=lambda done, total: progress.changed.emit(done, total))
            try:
                client = ApiClient(demo.url)
                client.login(self.options.demo_user, demo_platform.DEMO_PASSWORD)
            except BaseException:
                demo.stop()
                raise
            return demo, client

        def done(result: tuple[Any, ApiClient]) -> None:
            dialog.close()
            self.demo, client = result
            self._open(client)

        def failed(exc: BaseException) -> None:
            dialog.close()
            self._fail(exc)

        run_task(start_and_login, on_done=done, on_error=failed)

    def _seed_progress(self, done: int, total: int) -> None:
        dialog = self._progress_dialog
        dialog.setLabelText(self.tr("Creating the demo data (first start only): {done} of {total}").format(
            done=done, total=total))
        dialog.setMaximum(total)
        dialog.setValue(done)

    def _auth(self) -> Any:
        if self.authenticator is None:
            from qunguan.client.auth import Authenticator
            from qunguan.client.credentials import CredentialStore
            from qunguan.client.profiles import ProfileStore

            self.authenticator = Authenticator(ProfileStore(), CredentialStore())
        return self.authenticator

    def _start_login(self) -> None:
        auth = self._auth()
        profile = None if self.options.server else auth.profiles.last()
        if profile is not None and profile.remember:
            run_task(auth.resume, profile, on_done=lambda client: self._resumed(profile, client),
                     on_error=lambda exc: self._ask_login(describe(exc)))
        else:
            self._ask_login()

    def _resumed(self, profile: Any, client: ApiClient | None) -> None:
        if client is None:
            self._ask_login()
        else:
            self.profile = profile
            self._open(client)

    def _ask_login(self, message: str = "") -> None:
        from .login import LoginDialog

        dialog = LoginDialog(self._auth(), prefill_url=self.options.server, message=message or None)
        self._login_dialog = dialog

        def finished(result: int) -> None:
            if result:
                self.profile = dialog.profile
                if self.window is None:
                    self._open(dialog.api)
                else:
                    self.window.resume_session(dialog.api)
            elif self.window is None:
                QApplication.quit()

        dialog.finished.connect(finished)
        dialog.open()

    # --- a login ----------------------------------------------------------------------------------------

    def _open(self, client: ApiClient) -> None:
        assert client.tokens is not None
        moderator = client.tokens.moderator
        path = Cache.path_for(self.data_dir / "cache", client.base_url, moderator.username)
        credentials = self._auth().credentials

        def open_cache() -> Cache:  # off the GUI thread: the keyring and a migration may take a while
            key = credentials.cache_key(path.name) if sqlcipher() is not None else None
            return Cache(path, me=moderator.username, key=key)

        run_task(open_cache, on_done=lambda cache: self._opened(client, cache), on_error=self._fail)

    def _opened(self, client: ApiClient, cache: Cache) -> None:
        assert client.tokens is not None
        moderator = client.tokens.moderator
        self.cache = cache
        retention = timedelta(days=CACHE_RETENTION_DAYS.get())
        run_task(self.cache.expire_details, retention, on_error=lambda exc: log.warning("retention: %s", exc))
        syncer = Syncer(client, self.cache)
        workstation = Workstation(client, self.cache, syncer, moderator)
        window = MainWindow(workstation)
        window.sessionExpired.connect(self._session_expired)
        window.logoutRequested.connect(self._logout)
        self.window = window
        window.show()
        # From here on, closing the main window ends the application (see run()).
        QApplication.setQuitOnLastWindowClosed(True)
        window.start()
        if not cache.encrypted:
            window.show_notice(self.tr("⚠ local data not encrypted"), self.tr(
                "The local cache is not encrypted (no secure keyring, or SQLCipher is missing): personal data is "
                "not kept on this computer."))
        tune_gc()
        self.ready.emit(window)

    def _session_expired(self) -> None:
        if getattr(self, "_login_dialog", None) is not None and self._login_dialog.isVisible():
            return
        if self.demo is not None and self.window is not None:
            from qunguan.client import demo as demo_platform

            client = ApiClient(self.demo.url)
            run_task(client.login, self.options.demo_user, demo_platform.DEMO_PASSWORD,
                     on_done=lambda _t: self.window and self.window.resume_session(client), on_error=self._fail)
            return
        self._ask_login(self.tr("Your session has expired. Log in again; your work is kept."))

    def _logout(self) -> None:
        window = self.window
        if window is None or self.cache is None:
            return
        pending = self.cache.outbox.pending_count()
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Log out"), "", parent=window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr("Log out of {server}?").format(server=window.ws.api.base_url))
        log_out = box.addButton(self.tr("Log out"), QMessageBox.ButtonRole.AcceptRole)
        purge = None
        if pending:
            box.setInformativeText(self.tr(
                "{n} decisions are not sent yet: they stay on this computer and are sent at the next login.").format(
                n=pending))
        else:
            box.setInformativeText(self.tr(
                "The cases kept on this computer hold conversations and personal data; you can delete them now."))
            purge = box.addButton(self.tr("Log out and delete local data"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() not in (log_out, purge):
            return
        client = window.ws.api
        QApplication.setQuitOnLastWindowClosed(False)  # the login dialog comes next
        window.close()
        self.window = None
        path = self.cache.path
        self.cache.close()
        self.cache = None
        if purge is not None and box.clickedButton() is purge:
            Cache.purge(path)
            run_task(self._auth().credentials.forget_cache_key, path.name)
        if self.demo is None and self.profile is not None:
            run_task(self._auth().logout, client, self.profile, on_done=lambda _r: self._ask_login(),
                     on_error=lambda exc: self._ask_login(describe(exc)))
        else:
            QApplication.quit()

    def _fail(self, exc: BaseException) -> None:
        log.error("start-up failed", exc_info=exc)
        text = describe(exc)
        self.failed.emit(text)
        QMessageBox.critical(None, self.tr("Qunguan"), text)
        QApplication.quit()

    def shutdown(self) -> None:
        if self.window is not None:
            self.window.ws.stop()
        from .tasks import wait_for_tasks

        wait_for_tasks(10_000)
        if self.cache is not None:
            self.cache.close()
        if self.demo is not None:
            self.demo.stop()


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or ["qunguan"])
    assert isinstance(app, QApplication)
    app.setOrganizationName("Qunguan")
    app.setApplicationName("qunguan")
    app.setApplicationDisplayName("Qunguan")
    apply_look(app)
    apply_theme(app, THEME.get())
    return app


def run(options: Options, argv: list[str] | None = None) -> int:
    app = create_application(argv)
    reporter = CrashReporter(setup_logging())
    reporter.install()
    # --lang wins; else the language chosen in File > Settings…; else the system's
    translators = install_translators(app, choose_language(options.language or language_setting()))
    application = Application(options)
    # Until the main window is shown, no window may be open at all (a progress dialog closed
    # while the keyring answers, the cache opens or the demo seeds): Qt must not take that for
    # the end. Failures and a cancelled login quit explicitly.
    app.setQuitOnLastWindowClosed(False)
    # SIGTERM and Ctrl+C end the application the orderly way (the demo platform is stopped in
    # shutdown()); a timer gives Python a moment in the event loop to run the handler.
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: QApplication.quit())
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(250)
    application.start()
    try:
        return app.exec()
    finally:
        application.shutdown()
        del translators
