"""Help > Log…: the newest part of the real log file, read off the GUI thread, plain and
read-only, redacted; Refresh, Copy path, and Open folder only on a click."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QPlainTextEdit

from qunguan.ui import logview
from qunguan.ui.logview import LogView, read_tail


def write_log(path, first: int, count: int) -> None:
    with path.open("a", encoding="utf-8") as handle:
        for number in range(first, first + count):
            handle.write(f"2026-11-29 10:00:00,000 INFO qunguan: line {number:06d} {'x' * 40}\n")


def test_the_tail_starts_at_a_whole_line_and_reaches_into_the_rotated_file(tmp_path):
    log = tmp_path / "qunguan.log"
    write_log(tmp_path / "qunguan.log.1", 0, 1000)  # older, rotated away
    write_log(log, 1000, 10)
    text = read_tail(log, limit=20_000)
    lines = text.splitlines()
    assert lines[-1].split()[5] == "001009"  # the newest line is last
    assert all(line.startswith("2026-11-29") for line in lines)  # no cut-off line at the top
    numbers = [int(line.split()[5]) for line in lines]
    assert numbers == list(range(numbers[0], 1010)) and numbers[0] > 0  # the oldest part is left out
    assert len(text.encode()) <= 20_000
    assert read_tail(tmp_path / "missing.log") == ""


class FolderOpener(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


def test_the_log_view_shows_refreshes_copies_and_opens_the_folder_on_request(qtbot, tmp_path, monkeypatch):
    log = tmp_path / "logs" / "qunguan.log"
    log.parent.mkdir()
    write_log(log, 0, 5)
    with log.open("a", encoding="utf-8") as handle:  # written before redaction existed
        handle.write("2026-11-29 10:00:01,000 INFO qunguan: old line with password=hunter2\n")
    readers = []
    real = logview.read_tail
    monkeypatch.setattr(logview, "read_tail", lambda path: readers.append(threading.current_thread()) or real(path))
    opener = FolderOpener()
    QDesktopServices.setUrlHandler("file", opener, "open")
    try:
        view = LogView(log)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda: view.loads == 1, timeout=10_000)
        assert readers and readers[0] is not threading.main_thread()  # read on a worker
        text = view.text
        assert isinstance(text, QPlainTextEdit) and text.isReadOnly()
        assert text.font().fixedPitch() or text.fontInfo().fixedPitch()
        assert "line 000004" in text.toPlainText()
        assert "hunter2" not in text.toPlainText() and "password=[redacted]" in text.toPlainText()
        assert view.where.text() == str(log)
        assert opener.opened == []  # nothing opens on its own

        write_log(log, 5, 1)
        qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: view.loads == 2, timeout=10_000)
        assert text.toPlainText().rstrip().endswith(f"line 000005 {'x' * 40}")
        assert text.textCursor().atEnd()  # scrolled to the newest line

        qtbot.mouseClick(view.copy_button, Qt.MouseButton.LeftButton)
        assert QGuiApplication.clipboard().text() == str(log)

        qtbot.mouseClick(view.folder_button, Qt.MouseButton.LeftButton)
        assert [url.toLocalFile() for url in opener.opened] == [str(log.parent)]
        view.close()
    finally:
        QDesktopServices.unsetUrlHandler("file")

