"""Bugs (anything that is not a KnownError) go to the log file and a crash dialog that
says where the log is; the application keeps running when it can. Exceptions raised on a
worker thread are marshalled to the GUI thread; the same bug is shown once per session."""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from platformdirs import user_log_path
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("qunguan")


_current: Path | None = None


def log_file() -> Path:
    return user_log_path("qunguan", appauthor=False, ensure_exists=True) / "qunguan.log"


def current_log_file() -> Path:
    """The file :func:`setup_logging` last set up (the platform's log directory by default)."""
    return _current or log_file()


_REDACTED = "[redacted]"
#: A key that names a secret: "password", "refresh_token", "client_secret", "api-key", "totp"
#: (what comes before the word, "refresh_", stays as it is and need not be matched).
_SECRET_KEY = r"(?:password|passwd|passphrase|secret|token|api[_-]?key|(?<![a-z])t?otp)[\w-]*"
_ONE_TIME = r"(?:totp|otp|2fa|mfa|one[- ]time|verification|authenticator)"


def _keep_quotes(m: re.Match[str]) -> str:
    quote = m.group(2) or ""
    return m.group(1) + quote + _REDACTED + quote


#: (words one of which the text must hold, lower case; pattern; replacement), applied in order.
#: Keys that name a secret keep their name and lose their value; personal numbers are masked the
#: way the platform masks them (138****1234). The words spare most lines the regular expressions.
_RULES: list[tuple[tuple[str, ...], re.Pattern[str], Any]] = [
    # Authorization: <scheme> <credentials>, as a header line, a dict entry or a keyword.
    (("authorization",), re.compile(r"""(?i)(\bauthorization["']?\s*[:=]\s*["']?)[^"'\r\n,}]+"""),
     r"\g<1>" + _REDACTED),
    (("bearer",), re.compile(r"(?i)\bbearer\s+[A-Za-z0-9\-._~+/]+=*"), "Bearer " + _REDACTED),
    (("eyj",), re.compile(r"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"), _REDACTED),
    # password=..., "token": "...", client_secret: ..., totp=... (quoted values may hold spaces).
    (("pass", "secret", "token", "key", "otp"),
     re.compile(r"""(?i)(""" + _SECRET_KEY + r"""["']?\s*[:=]\s*)(?:(["'])[^"']*\2|[^\s"',;&}\])]+)"""),
     _keep_quotes),
    # A one-time code named in words: "TOTP code 123456", "verification code: 123456".
    (("otp", "2fa", "mfa", "one", "verification", "authenticator"),
     re.compile(r"(?i)(\b" + _ONE_TIME + r"\b\D{0,24}?)(?<!\d)\d{6,8}(?!\d)"), r"\g<1>" + _REDACTED),
    # Resident ID numbers (18 characters, the last may be X) and mainland mobile numbers.
    ((), re.compile(r"(?<![\dA-Za-z])([1-9]\d{5})(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}"
                    r"[\dXx](?![\dA-Za-z])"),
     lambda m: m.group(1) + "********" + m.group(0)[-4:]),
    ((), re.compile(r"(?<![\d+])(\+?86[- ]?)?(1[3-9]\d)([- ]?)\d{4}([- ]?)(\d{4})(?!\d)"),
     lambda m: (m.group(1) or "") + m.group(2) + m.group(3) + "****" + m.group(4) + m.group(5)),
]


def redact(text: str) -> str:
    """``text`` with tokens, passwords, secrets, one-time codes and unmasked personal numbers
    taken out. Masked numbers (138****1234) and ordinary text pass unchanged."""
    lowered = text.lower()
    for hints, pattern, replacement in _RULES:
        if not hints or any(hint in lowered for hint in hints):  # most lines name no secret
            text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Redacts every record that passes a handler: the message merged with its args, the
    traceback and the stack. The record is changed in place (args merged into msg), so every
    later handler sees the redacted text too."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what there is, redacted
            message = f"{record.msg!s} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def setup_logging(path: Path | None = None, root: logging.Logger | None = None) -> Path:
    """Log to a rotating file. Every record goes through :class:`RedactingFilter` on its way
    to each of the root logger's handlers, so secrets do not reach the file even when code
    logs them by mistake. ``root`` is the logger to set up (the root logger by default)."""
    global _current
    path = path or log_file()
    if root is None:
        _current = path  # the application's log, which Help > Log shows
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = root or logging.getLogger()
    root.addHandler(handler)
    for each in root.handlers:
        if not any(isinstance(f, RedactingFilter) for f in each.filters):
            each.addFilter(RedactingFilter())
    root.setLevel(logging.INFO)
    return path


class CrashReporter(QObject):
    """Signals:
        crashed(str): a bug's one-line summary, delivered on the GUI thread.
    """

    crashed = Signal(str)

    def __init__(self, log_path: Path) -> None:
        super().__init__()
        self.log_path = log_path
        self.seen: set[str] = set()
        self.boxes: list[QMessageBox] = []  # the crash dialogs open now
        self.log_views: list[QWidget] = []
        self.crashed.connect(self._show)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(self, kind: type[BaseException], value: BaseException | None, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        log.error("unexpected error", exc_info=(kind, value, tb))  # type: ignore[arg-type]
        where = traceback.extract_tb(tb)[-1] if tb else None
        summary = f"{kind.__name__} at {Path(where.filename).name}:{where.lineno}" if where else kind.__name__
        self.crashed.emit(summary)  # queued to the GUI thread when raised elsewhere

    @Slot(str)
    def _show(self, summary: str) -> None:
        if summary in self.seen:
            return
        self.seen.add(summary)
        box = QMessageBox(
            QMessageBox.Icon.Critical, self.tr("Qunguan hit a bug"),
            self.tr("Something went wrong that Qunguan did not expect ({summary}). Your decisions in the outbox "
                    "are safe. The details are in {path}; please send that file to your administrator.").format(
                summary=summary, path=str(self.log_path)),
            QMessageBox.StandardButton.Close)
        box.setObjectName("crashBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        show = box.addButton(self.tr("Show the log…"), QMessageBox.ButtonRole.ActionRole)
        show.setObjectName("crashShowLog")
        show.clicked.disconnect()  # the box stays open beside the log
        show.clicked.connect(self._show_log)
        self.boxes.append(box)
        box.finished.connect(lambda _result, b=box: self.boxes.remove(b))
        box.show()

    def _show_log(self) -> None:
        from .logview import show_log  # the log view imports this module

        view = show_log(None, self.log_path)
        self.log_views.append(view)
        view.destroyed.connect(lambda _obj=None, v=view: self.log_views.remove(v))
