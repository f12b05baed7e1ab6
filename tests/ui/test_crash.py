"""A bug on any thread is logged and shown once, with the log's path, on the GUI thread."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from qunguan.ui.crash import CrashReporter, RedactingFilter, redact, setup_logging


def test_a_bug_on_a_worker_thread_is_logged_and_shown_once(qtbot, tmp_path, caplog):
    log_path = tmp_path / "qunguan.log"
    log_path.write_text("2026-11-29 10:00:00,000 ERROR qunguan: unexpected error\n", encoding="utf-8")
    reporter = CrashReporter(log_path)

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
        qtbot.waitUntil(lambda: len(reporter.boxes) == 1, timeout=5_000)
        qtbot.wait(100)
    assert len(reporter.boxes) == 1  # the same bug is not shown twice
    box = reporter.boxes[0]
    assert box.isVisible() and box.textFormat() == Qt.TextFormat.PlainText
    assert "ZeroDivisionError at test_crash.py" in box.text() and str(log_path) in box.text()
    assert "Traceback" not in box.text()  # the traceback is in the log, not in the dialog
    assert caplog.text.count("unexpected error") == 2

    show_log = box.findChild(QPushButton, "crashShowLog")
    qtbot.mouseClick(show_log, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(reporter.log_views) == 1 and reporter.log_views[0].loads == 1, timeout=5_000)
    view = reporter.log_views[0]
    assert view.path == log_path and "unexpected error" in view.text.toPlainText()
    assert box.isVisible()  # the dialog stays beside the log
    view.close()
    qtbot.waitUntil(lambda: reporter.log_views == [], timeout=5_000)
    box.close()
    qtbot.waitUntil(lambda: reporter.boxes == [], timeout=5_000)


def test_secrets_in_log_records_never_reach_the_log_file(tmp_path):
    """Real records, through the handler setup_logging installs, into a real rotating file."""
    logger = logging.getLogger("qunguan.tests.redaction")
    logger.propagate = False
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtb2QxIn0.sIg_Abc-123xyz"
    path = setup_logging(tmp_path / "qunguan.log", root=logger)
    try:
        assert any(isinstance(f, RedactingFilter) for h in logger.handlers for f in h.filters)
        logger.info("login %s", {"username": "mod1", "password": "hunter2 and more"})
        logger.warning("GET /cases -> 401 with headers %r", {"Authorization": f"Bearer {jwt}"})
        logger.info("Authorization: Basic bW9kMTpodW50ZXIy")
        logger.info("sent Bearer %s", "opaque-Token.value_42")
        logger.info("refresh_token=abcdefghij&scope=moderation")
        logger.info("client_secret: s3cr3tValue; api_key='k-123 456'")
        logger.info("TOTP code %s accepted, totp=%s", "492039", "771204")
        logger.info("a token in passing: %s", jwt)
        logger.info("reporter phone %s, +86 %s, ID %s", "13812345678", "15987654321", "11010519880307231X")
        logger.info("already masked 138****5678; case 12345678 at 2026-11-20 09:00, HTTP 200 in 12 ms")
        try:
            raise ValueError("password=in-an-exception")
        except ValueError:
            logger.exception("login failed for %s", "mod1")
    finally:
        for handler in list(logger.handlers):
            handler.close()
            logger.removeHandler(handler)
    text = path.read_text(encoding="utf-8")
    for secret in ("hunter2", "and more", "eyJhbGci", "sIg_Abc", "bW9kMTpodW50ZXIy", "opaque-Token", "abcdefghij",
                   "s3cr3tValue", "k-123", "492039", "771204", "13812345678", "15987654321", "19880307",
                   "in-an-exception"):
        assert secret not in text, secret
    assert text.count("[redacted]") >= 10
    # masked the platform's way; what is not secret stays as it was
    assert "138****5678" in text and "159****4321" in text and "110105********231X" in text
    assert "case 12345678 at 2026-11-20 09:00, HTTP 200 in 12 ms" in text
    assert "scope=moderation" in text and "login failed for mod1" in text and "'username': 'mod1'" in text
    assert "Traceback" in text and "ValueError" in text


def test_redaction_covers_arguments_not_only_the_format():
    record = logging.LogRecord("qunguan", logging.INFO, __file__, 1, "user %s logged in with %r", ("mod1",
                               {"totp": "123456"}), None)
    assert RedactingFilter().filter(record)
    assert record.getMessage() == "user mod1 logged in with {'totp': '[redacted]'}"
    assert redact("nothing to hide: 3 cases, 1 group") == "nothing to hide: 3 cases, 1 group"
    assert redact("call 138 1234 5678 or 139-8765-4321") == "call 138 **** 5678 or 139-****-4321"
