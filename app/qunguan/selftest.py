"""`qunguan --self-test`: start the workstation the way a moderator does, on a throwaway demo
platform, and exit 0 only when everything worked and nothing unexpected was said.

It is the smoke test of an installed build (CI runs the .deb's ``/usr/bin/qunguan --self-test``)
and works the same from a source tree. Steps: the translations (Qt's and ours) load, the icon
and style sheet are there, the keyring's backends are discoverable; the real start-up flow
(``qunguan.ui.app.Application``) starts the embedded platform over the small demo data, logs
in, opens the local cache (SQLCipher) and shows the main window; once the queue and a case are
shown the window is closed, the platform stopped, and the process exits.

Everything is kept apart from the user's own: data, settings, logs and the demo platform live
in a temporary directory removed at the end, and secrets go to an in-memory keyring that exists
only for the self-test (the product itself never uses anything like it). Anything written to
standard error meanwhile (a Qt warning, a Python warning or traceback, a logged warning)
fails the self-test; it is passed on to the real standard error as it comes.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import Any

#: Qt says these on every run of the offscreen platform (it has no window system); the test
#: suite ignores the same three (pyproject.toml, qt_log_ignore).
IGNORED_QT_MESSAGES = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
    "This plugin does not support grabbing the keyboard",
)
TIMEOUT_SECONDS = 180
#: The keyring backend each system's build must be able to find (through entry points).
KEYRING_BACKENDS = {"linux": "SecretService", "darwin": "macOS", "win32": "Windows"}


class StderrCapture:
    """Send file descriptor 2 through a pipe: every byte is passed on to the real stderr at
    once and kept, so that C++ (Qt, fontconfig) and Python output are both seen."""

    def __init__(self) -> None:
        self.data = bytearray()
        self._saved = -1
        self._write = -1
        self._thread: threading.Thread | None = None

    def __enter__(self) -> StderrCapture:
        sys.stderr.flush()
        read, self._write = os.pipe()
        self._saved = os.dup(2)
        os.dup2(self._write, 2)
        self._thread = threading.Thread(target=self._pump, args=(read,), name="stderr-capture", daemon=True)
        self._thread.start()
        return self

    def _pump(self, read: int) -> None:
        with os.fdopen(read, "rb", buffering=0) as pipe:
            while chunk := pipe.read(65536):
                self.data += chunk
                os.write(self._saved, chunk)

    def __exit__(self, *exc: object) -> None:
        sys.stderr.flush()
        os.dup2(self._saved, 2)
        os.close(self._write)
        if self._thread is not None:
            self._thread.join(5)
        os.close(self._saved)

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "replace")


def _isolate(tmp: Path) -> None:
    """Environment for the self-test, before Qt is imported: no display means offscreen;
    user directories (Linux) point into ``tmp`` (the platform started from here inherits them)."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        path = tmp / name.lower()
        path.mkdir()
        os.environ[name] = str(path)


def _memory_keyring() -> Any:
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordDeleteError

    class SelfTestKeyring(KeyringBackend):
        """Secrets in this process's memory only, for the throwaway cache of the self-test."""

        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.store: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if self.store.pop((service, username), None) is None:
                raise PasswordDeleteError("not found")

    return SelfTestKeyring()


class SelfTest:
    def __init__(self, tmp: Path, language: str) -> None:
        self.tmp = tmp
        self.language = language
        self.failures: list[str] = []
        self.facts: list[str] = []
        self.stage = "starting"
        self.window: Any = None
        self.encrypted = False

    def fail(self, text: str) -> None:
        self.failures.append(text)
        print(f"qunguan self-test: FAILED ({self.stage}): {text}", file=sys.stderr, flush=True)

    def run(self) -> None:
        import keyring
        from PySide6.QtCore import QCoreApplication, QSettings, QTimer, qInstallMessageHandler
        from PySide6.QtGui import QIcon
        from PySide6.QtWidgets import QApplication

        from qunguan import __version__
        from qunguan.ui.app import Application, Options, create_application
        from qunguan.ui.crash import setup_logging
        from qunguan.ui.i18n import choose_language, install_translators
        from qunguan.ui.resources import resources_dir

        def on_qt_message(kind: Any, context: Any, message: str) -> None:
            from PySide6.QtCore import QtMsgType

            if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) or message in IGNORED_QT_MESSAGES:
                return
            category = getattr(context, "category", None) or "qt"
            print(f"{category}: {kind.name}: {message}", file=sys.stderr, flush=True)

        qInstallMessageHandler(on_qt_message)
        sys.excepthook = self._excepthook
        threading.excepthook = lambda a: self._excepthook(a.exc_type, a.exc_value, a.exc_traceback)

        if __version__.startswith("0.0.0"):
            self.fail(f"the version is unknown ({__version__}): the package metadata is missing")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(self.tmp / "settings"))
        app = create_application(["qunguan"])
        self.facts.append(f"Qt platform {QApplication.platformName()}")
        setup_logging(self.tmp / "qunguan.log")
        import logging

        warnings_to_stderr = logging.StreamHandler(sys.stderr)
        warnings_to_stderr.setLevel(logging.WARNING)
        logging.getLogger().addHandler(warnings_to_stderr)

        self.stage = "translations"
        language = choose_language(self.language)
        translators = install_translators(app, language)
        if language != "en":
            if len(translators) != 2:
                self.fail(f"Qt's and Qunguan's {language} translations did not both load ({len(translators)} did)")
            title = QCoreApplication.translate("MainWindow", "Qunguan — group moderation")
            if title == "Qunguan — group moderation":
                self.fail(f"the {language} translation does not translate the window title")
        self.facts.append(f"language {language}")

        self.stage = "resources"
        base = resources_dir()
        if QIcon(str(base / "icons" / "qunguan.svg")).pixmap(64, 64).isNull():
            self.fail(f"the application icon does not load from {base / 'icons'} (is the SVG icon engine there?)")
        if not (base / "qunguan.qss").is_file():
            self.fail(f"the style sheet is missing from {base}")

        self.stage = "keyring"
        from importlib.metadata import entry_points

        wanted = KEYRING_BACKENDS.get(sys.platform)
        found = {ep.name for ep in entry_points(group="keyring.backends")}
        if wanted and wanted not in found:
            self.fail(f"the keyring backend {wanted} is not discoverable (entry points: {sorted(found)})")
        from qunguan.client.credentials import CredentialStore

        self.facts.append(f"system keyring {CredentialStore.backend_name()}")
        keyring.set_keyring(_memory_keyring())

        self.stage = "demo platform and login"
        options = Options(demo=True, demo_user="mod1", language=language, data_dir=self.tmp / "data",
                          demo_dir=self.tmp / "demo", demo_scale="small")
        application = Application(options)
        application.ready.connect(self._ready)
        application.failed.connect(lambda text: (self.fail(f"start-up failed: {text}"),
                                                 QTimer.singleShot(0, self._dismiss_dialogs)))

        def timed_out() -> None:
            self.fail(f"no result after {TIMEOUT_SECONDS} s")
            self._dismiss_dialogs()
            QApplication.exit(1)

        watchdog = QTimer()
        watchdog.setSingleShot(True)
        watchdog.timeout.connect(timed_out)
        watchdog.start(TIMEOUT_SECONDS * 1000)
        application.start()
        try:
            if not self.failures:  # a start-up that failed at once has already asked to quit
                app.exec()
        finally:
            watchdog.stop()
            self.stage = "shutting down"
            application.shutdown()
        if self.window is None:
            if not self.failures:
                self.fail("the main window was never shown")
        elif not self.encrypted:
            self.fail("the local cache was not encrypted (is SQLCipher there?)")
        demo = application.demo
        if demo is not None and demo.process.poll() is None:
            self.fail("the demo platform is still running")
        if demo is not None:
            self._check_platform_log(Path(demo.log_path))
        del translators

    def _ready(self, window: Any) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        self.window = window
        self.stage = "main window"
        self.encrypted = bool(window.ws.cache.encrypted)
        started = time.monotonic()

        def check() -> None:
            if window.model.rowCount() > 0 and window.detail is not None:
                self.facts.append(f"{window.model.rowCount()} cases in the queue, case {window.detail.case.id} shown")
                if not window.isVisible():
                    self.fail("the main window is not visible")
                self._check_about(window)
                self.stage = "closing"
                window.close()
                QApplication.quit()
                return
            if time.monotonic() - started > 60:
                self.fail("the queue and a case were not shown within 60 s")
                window.close()
                QApplication.quit()
                return
            QTimer.singleShot(50, check)

        check()

    def _check_about(self, window: Any) -> None:
        """Help > About says the version the package (and the installer) carries."""
        from PySide6.QtGui import QAction

        from qunguan import __version__
        from qunguan.ui.about import show_about

        action = window.findChild(QAction, "about")
        if action is None or __version__ not in action.text():
            self.fail(f"Help has no About entry with the version {__version__}")
            return
        box = show_about(window)
        if not box.text().startswith(f"{action.text().rstrip('…')}\n"):
            self.fail(f"the About box says {box.text()!r}")
        box.close()
        self.facts.append(f"About: {action.text().rstrip('…')}")

    def _dismiss_dialogs(self) -> None:
        from PySide6.QtWidgets import QApplication, QDialog

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()

    def _excepthook(self, kind: type[BaseException], value: BaseException | None, tb: Any) -> None:
        traceback.print_exception(kind, value, tb, file=sys.stderr)
        self.fail(f"unexpected {kind.__name__}")
        from PySide6.QtWidgets import QApplication

        self._dismiss_dialogs()
        QApplication.exit(1)

    def _check_platform_log(self, path: Path) -> None:
        text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        if "Traceback" in text or "ERROR" in text:
            self.fail(f"the demo platform logged an error:\n{text[-2000:]}")


def run_self_test(language: str = "zh_CN") -> int:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="qunguan-self-test-") as name:
        tmp = Path(name)
        _isolate(tmp)
        test = SelfTest(tmp, language)
        with StderrCapture() as captured:
            try:
                test.run()
            except Exception:
                traceback.print_exc()
                test.fail("the self-test itself failed")
        from qunguan import __version__

    if captured.data and not test.failures:
        print("qunguan self-test: FAILED: unexpected output on standard error (above)", file=sys.stderr)
        return 1
    if test.failures:
        return 1
    print(f"qunguan {__version__} self-test passed in {time.monotonic() - started:.1f} s: "
          f"{'; '.join(test.facts)}; local cache encrypted")
    return 0
