"""The embedded demo platform: seeded on first start with progress, served on loopback."""

from __future__ import annotations

from qunguan.client import demo
from qunguan.client.api import ApiClient


def test_demo_platform_seeds_once_and_serves(tmp_path):
    seen: list[tuple[int, int]] = []
    platform = demo.start(tmp_path, scale="small", progress=lambda done, total: seen.append((done, total)))
    try:
        assert platform.url.startswith("http://127.0.0.1:")
        assert seen and seen[-1][0] == seen[-1][1] > 0
        client = ApiClient(platform.url)
        assert client.login("sup1", demo.DEMO_PASSWORD).moderator.role.value == "supervisor"
        assert client.counts().open > 0
    finally:
        platform.stop()
    assert platform.process.poll() is not None
    # The second start reuses the seeded data: no progress, same accounts.
    again: list[tuple[int, int]] = []
    platform = demo.start(tmp_path, scale="small", progress=lambda done, total: again.append((done, total)))
    try:
        assert again == []
        assert ApiClient(platform.url).login("mod1", demo.DEMO_PASSWORD).moderator.username == "mod1"
    finally:
        platform.stop()
