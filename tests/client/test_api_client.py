"""The workstation's API client against the real platform."""

from __future__ import annotations

import pytest

from qunguan.client.api import ApiClient
from qunguan.client.errors import AuthenticationFailed, Offline, SessionExpired
from tests.platform_fixture import DEMO_PASSWORD


def test_login_and_read_the_queue(platform):
    client = ApiClient(platform.url)
    tokens = client.login("mod1", DEMO_PASSWORD)
    assert tokens.moderator.username == "mod1"
    counts = client.counts()
    page = client.cases(limit=5)
    assert len(page.items) == 5
    assert counts.open + counts.claimed >= 1


def test_wrong_password_is_a_plain_error(platform):
    with pytest.raises(AuthenticationFailed, match="Wrong username or password"):
        ApiClient(platform.url).login("mod1", "wrong")


def test_unreachable_server_is_offline():
    with pytest.raises(Offline, match="cannot be reached"):
        ApiClient("http://127.0.0.1:9", timeout=(0.5, 0.5)).health()


def test_no_login_is_session_expired(platform):
    with pytest.raises(SessionExpired):
        ApiClient(platform.url).counts()
