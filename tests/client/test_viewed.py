"""Documents viewed on the supervisor's desk are kept for offline reading: the newest of each
kind up to a limit, none past the retention period, and no personal data in a plain cache."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from qunguan.client.cache import VIEWED_KEEP, Cache
from qunguan.client.viewed import history_key


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_the_newest_are_kept_and_retention_forgets_the_old(tmp_path):
    clock = Clock()
    cache = Cache(tmp_path / "c.sqlite3", me="sup1", clock=clock)
    try:
        for i in range(VIEWED_KEEP + 5):
            clock.now += timedelta(seconds=1)
            cache.keep_viewed("history", history_key({"cursor": str(i), "moderator": "mod1"}), f'{{"n": {i}}}')
        assert cache.recall_viewed("history", history_key({"moderator": "mod1", "cursor": "0"})) is None
        kept = cache.recall_viewed("history", history_key({"moderator": "mod1", "cursor": str(VIEWED_KEEP + 4)}))
        assert kept is not None and kept[0] == f'{{"n": {VIEWED_KEEP + 4}}}' and kept[1] == clock.now
        assert cache.recall_viewed("context", "1") is None  # kinds are apart
        clock.now += timedelta(days=20)
        cache.keep_viewed("context", "7", "{}")
        cache.expire_details(timedelta(days=14))
        assert cache.recall_viewed("history", history_key({"moderator": "mod1", "cursor": str(VIEWED_KEEP + 4)})) \
            is None
        assert cache.recall_viewed("context", "7") is not None
    finally:
        cache.close()


def test_the_key_ignores_filter_order_and_empty_filters():
    assert history_key({"a": 1, "b": None, "c": [], "d": "x"}) == history_key({"d": "x", "a": 1})
    assert history_key({"a": 1}) != history_key({"a": 2})
