"""Bugs (anything that is not a KnownError) go to the log file and a crash dialog that
says where the log is; the application keeps running when it can. Exceptions raised on a
worker thread are marshalled to the GUI thread; the same bug is shown once per session."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from platformdirs import user_log_path
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox

log = logging.getLogger("qunguan")


def log_file() -> Path:
    return user_log_path("qunguan", appauthor=False, ensure_exists=True) / "qunguan.log"


def setup_logging(path: Path | None = None) -> Path:
    """Log to a rotating file (never secrets: nothing logs tokens or passwords)."""
    path = path or log_file()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
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
        QMessageBox.critical(
            None, self.tr("Qunguan hit a bug"),
            self.tr("Something went wrong that Qunguan did not expect ({summary}). Your decisions in the outbox "
                    "are safe. The details are in {path}; please send that file to your administrator.").format(
                summary=summary, path=str(self.log_path)))
