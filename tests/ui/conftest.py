"""UI fixtures: settings in a temp dir, and the real workstation window over a real
platform, a real cache file and the real sync engine."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QSettings

from qunguan.ui.tasks import wait_for_tasks
from tests.platform_fixture import DEMO_PASSWORD, RunningPlatform


@pytest.fixture(autouse=True)
def _isolated_settings(qapp, tmp_path):
    qapp.setOrganizationName("QunguanTests")
    qapp.setApplicationName("qunguan-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield
    wait_for_tasks(30_000)


@dataclass
class Session:
    window: object
    api: object
    cache: object
    platform: RunningPlatform


@pytest.fixture
def open_workstation(qtbot, tmp_path) -> Iterator[Callable[..., Session]]:
    """Log in to a platform as a user and show the main window with its queue loaded."""
    from qunguan.client.api import ApiClient
    from qunguan.client.cache import Cache
    from qunguan.client.sync import Syncer
    from qunguan.ui.main_window import MainWindow
    from qunguan.ui.workstation import Workstation

    opened: list[Session] = []

    def open_(platform: RunningPlatform, username: str, password: str = DEMO_PASSWORD, *,
              hold_seconds: float = 0.0) -> Session:
        client = ApiClient(platform.url)
        tokens = client.login(username, password)
        cache = Cache(Cache.path_for(tmp_path / f"cache-{len(opened)}", platform.url, username), me=username,
                      key=os.urandom(32))
        syncer = Syncer(client, cache, hold_seconds=hold_seconds)
        window = MainWindow(Workstation(client, cache, syncer, tokens.moderator))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        with qtbot.waitSignal(window.model.reloaded, timeout=30_000):
            window.start()
        # the first start pulls the queue from the platform; wait for it to fill the table
        qtbot.waitUntil(lambda: window.ws.last_sync is not None, timeout=30_000)
        window.refresh()
        qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=30_000)
        session = Session(window, client, cache, platform)
        opened.append(session)
        return session

    yield open_
    for session in opened:
        session.window.close()
    wait_for_tasks(30_000)
    for session in opened:
        session.cache.close()


@pytest.fixture
def themed(qapp) -> Iterator[Callable[..., object]]:
    """Apply a theme for one test (``themed("dark")``); the application's style, palette, style
    sheet and the theme module's state are put back afterwards."""
    from PySide6.QtGui import QPalette

    from qunguan.ui import theme

    style, palette, sheet = qapp.style().name(), QPalette(qapp.palette()), qapp.styleSheet()
    state = (theme._current, theme._choice)

    def apply(choice: str, scheme=None) -> object:
        return theme.apply_theme(qapp, choice, scheme)

    yield apply
    theme._current, theme._choice = state
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    if qapp.style().name() != style:
        qapp.setStyle(style)
