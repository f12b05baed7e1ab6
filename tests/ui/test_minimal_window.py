"""The workstation's first window (the full workstation is its own issue)."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from qunguan.client.api import ApiClient
from qunguan.ui.app import MainWindow
from tests.platform_fixture import DEMO_PASSWORD


def test_window_shows_the_login_and_counts_as_plain_text(qtbot, platform):
    client = ApiClient(platform.url)
    tokens = client.login("sup1", DEMO_PASSWORD)
    counts = client.counts()
    window = MainWindow(platform.url, tokens.moderator, counts)
    qtbot.addWidget(window)
    window.show()
    text = window.status.text()
    assert tokens.moderator.display_name in text
    assert str(counts.open) in text
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in window.findChildren(QLabel)[1:])


def test_help_lists_the_options():
    result = subprocess.run([sys.executable, "-m", "qunguan", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for option in ("--demo", "--as", "--server"):
        assert option in result.stdout
