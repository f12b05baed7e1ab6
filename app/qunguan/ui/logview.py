"""Help > Log…: the newest part of the application's log file, for a moderator to read or
for an administrator on the phone to ask about. The file is read off the GUI thread and
shown as plain, read-only, monospace text; it is redacted again on the way in (in case an
old file predates the redacting filter). The folder opens only when the user asks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .crash import current_log_file, redact
from .layout_memory import keep_layout
from .tasks import run_task
from .text import plain_label

#: How much of the newest log is shown (some 600 lines; the whole file, which rotates at 2 MB,
#: is one click away in its folder). Setting 100 kB in the text view took 6 to 28 ms on the
#: GUI thread on a loaded 2-core machine, 64 kB stays near a frame.
TAIL_BYTES = 64_000


def read_tail(path: Path, limit: int = TAIL_BYTES) -> str:
    """The last ``limit`` bytes of the log at ``path``, topped up from the rotated file before
    it (``path.1``) when the current one is shorter; starts at a whole line; redacted.
    A missing file reads as empty. Runs on a worker thread."""
    chunks: list[bytes] = []
    left = limit
    truncated = False
    for each in (path, path.with_name(path.name + ".1")):
        if left <= 0:
            truncated = True
            break
        try:
            with each.open("rb") as handle:
                size = handle.seek(0, 2)
                start = max(0, size - left)
                handle.seek(start)
                data = handle.read(left)
        except FileNotFoundError:
            break
        chunks.insert(0, data)
        left -= len(data)
        truncated = start > 0
        if truncated:
            break
    data = b"".join(chunks)
    if truncated and b"\n" in data:
        data = data.split(b"\n", 1)[1]  # drop the partial first line
    return redact(data.decode("utf-8", errors="replace"))


class LogView(QDialog):
    """The log viewer. ``loaded`` text lands in ``self.text``; ``self.status`` says what is shown."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_layout(self, "log_view")  # size, place and splitters as the moderator left them
        self.path = path
        self.setObjectName("logView")
        self.setWindowTitle(self.tr("Log"))
        layout = QVBoxLayout(self)
        self.where = plain_label(self, str(path), wrap=False)
        self.where.setObjectName("logPath")
        layout.addWidget(self.where)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("logText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName(self.tr("Log"))
        layout.addWidget(self.text, 1)
        self.status = plain_label(self, "", wrap=True)
        self.status.setObjectName("logStatus")
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("logRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.folder_button = QPushButton(self.tr("Open folder"), self)
        self.folder_button.setObjectName("logOpenFolder")
        self.folder_button.clicked.connect(self.open_folder)
        self.copy_button = QPushButton(self.tr("Copy path"), self)
        self.copy_button.setObjectName("logCopyPath")
        self.copy_button.clicked.connect(self.copy_path)
        for button in (self.refresh_button, self.folder_button, self.copy_button):
            row.addWidget(button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.resize(960, 600)
        self.loads = 0  # finished reads, for tests and for the status line
        self.refresh()

    def refresh(self) -> None:
        self.refresh_button.setEnabled(False)
        self.status.setText(self.tr("Reading the log…"))
        run_task(read_tail, self.path, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, text: str) -> None:
        self.loads += 1
        self.refresh_button.setEnabled(True)
        self.text.setPlainText(text)
        self.text.moveCursor(QTextCursor.MoveOperation.End)
        self.text.ensureCursorVisible()
        if not text:
            self.status.setText(self.tr("The log is empty."))
        else:
            lines = text.count("\n")
            self.status.setText(self.tr("The newest %n line(s) of the log.", "", lines))

    def _failed(self, exc: BaseException) -> None:
        self.loads += 1
        self.refresh_button.setEnabled(True)
        if not isinstance(exc, OSError):
            raise exc
        self.status.setText(self.tr("The log could not be read: {error}").format(error=exc.strerror or str(exc)))

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))

    def copy_path(self) -> None:
        QGuiApplication.clipboard().setText(str(self.path))
        self.status.setText(self.tr("The log's path is on the clipboard."))


def show_log(parent: QWidget | None, path: Path | None = None) -> LogView:
    view = LogView(path or current_log_file(), parent)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view.show()
    return view
