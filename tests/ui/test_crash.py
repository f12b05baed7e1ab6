"""A bug on any thread is logged and shown once, with the log's path, on the GUI thread."""

from __future__ import annotations

import logging
import threading

from PySide6.QtWidgets import QMessageBox

from qunguan.ui.crash import CrashReporter


def test_a_bug_on_a_worker_thread_is_logged_and_shown_once(qtbot, tmp_path, monkeypatch, caplog):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    reporter = CrashReporter(tmp_path / "qunguan.log")

    def buggy() -> None:
        try:
            raise ZeroDivisionError("boom")
        except ZeroDivisionError as exc:
            reporter.handle(type(exc), exc, exc.__traceback__)

    with caplog.at_level(logging.ERROR):
        for _ in range(2):
            thread = threading.Thread(target=buggy)
            thread.start()
            thread.join()
        qtbot.waitUntil(lambda: len(shown) == 1, timeout=5_000)
        qtbot.wait(100)
    assert len(shown) == 1  # the same bug is not shown twice
    assert "ZeroDivisionError" in shown[0] and str(tmp_path / "qunguan.log") in shown[0]
    assert caplog.text.count("unexpected error") == 2
