"""The sync engine against a real platform behind a fault-injecting proxy: bursts of
500/503/429 (Retry-After honoured, backoff with jitter), connections dropped before and after
the platform committed, bodies cut mid-way, malformed and huge answers, a wrong content type,
and the platform stopped mid-push and started again. Every time: no crash, nothing lost,
every decision applied exactly once, the cache untouched by a bad answer, a clear message."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from qunguan.client.api import MAX_RESPONSE_BYTES, ApiClient, retry_after_seconds
from qunguan.client.cache import Cache, QueueFilter
from qunguan.client.errors import BadResponse
from qunguan.client.sync import BACKOFF_MAX, UNREADABLE_ATTEMPTS, Syncer
from qunguan.contract import models as api
from qunguan.contract.enums import Action
from tests.faultproxy import FaultProxy
from tests.helpers import PASSWORD, new_account, take_open_case
from tests.platform_fixture import start_platform


@pytest.fixture
def proxy(platform):
    p = FaultProxy(platform.url)
    yield p
    p.close()


@pytest.fixture
def desk(platform, proxy, tmp_path):
    """A moderator of its own whose workstation talks to the platform through the proxy."""
    username, session = new_account(platform)
    client = ApiClient(proxy.url)
    client.login(username, PASSWORD)
    cache = Cache(tmp_path / "cache.sqlite3", me=username, key=bytes(range(32)))
    syncer = Syncer(client, cache, hold_seconds=0)
    yield session, client, cache, syncer
    cache.close()


def _record(session, cache, n: int = 1):
    entries = []
    for _ in range(n):
        case = take_open_case(session)
        cache.store_cases([api.CaseSummary.model_validate(case)])
        entries.append(cache.outbox.add(api.DecisionRequest(
            case_id=case["id"], action=Action.APPROVE, expected_version=case["version"])))
    return entries


def _applied(session, entry) -> int:
    body = session.get(f"/cases/{entry.case_id}").json()
    return sum(1 for d in body["decisions"] if d["idempotency_key"] == entry.idempotency_key)


def _until_sent(syncer, cache, rounds: int = 10):
    for _ in range(rounds):
        syncer.sync(pull=False, force=True)
        if cache.outbox.pending_count() == 0:
            return
    raise AssertionError(f"still pending: {cache.outbox.pending()}")


@pytest.mark.parametrize("status", [500, 503, 429])
def test_a_burst_of_errors_keeps_order_backs_off_and_sends_once(desk, proxy, status):
    session, _client, cache, syncer = desk
    entries = _record(session, cache, 2)
    proxy.add(method="POST", path="/decisions", status=status, headers={"Retry-After": "7"}, times=3)
    before = datetime.now(UTC)
    report = syncer.sync(pull=False)
    assert report.sent == 0 and report.error and report.retry_after == 7
    assert syncer.not_before >= before + timedelta(seconds=7)  # Retry-After honoured
    assert [e.state for e in cache.outbox.pending()] == ["pending", "pending"]  # the second waits its turn
    waiting = syncer.sync(pull=False)
    assert waiting.waiting and waiting.sent == 0  # nothing tried before the time
    _until_sent(syncer, cache)
    assert [_applied(session, e) for e in entries] == [1, 1]
    assert syncer.failures == 0 and syncer.not_before is None


def test_backoff_grows_with_jitter_and_is_capped(desk, proxy):
    _session, _client, _cache, syncer = desk
    proxy.upstream = None  # the platform is gone
    delays = []
    for _ in range(9):
        report = syncer.sync(force=True)
        assert report.offline
        delays.append((syncer.not_before - datetime.now(UTC)).total_seconds())
    assert delays[0] <= 1.0 and delays[3] > 2.0 and max(delays) <= BACKOFF_MAX
    assert delays[-1] >= BACKOFF_MAX / 2 - 1  # capped, and jittered within [max/2, max]


@pytest.mark.parametrize("fault", ["drop_before", "drop_after", "cut"])
def test_a_connection_lost_around_the_commit_still_applies_exactly_once(desk, proxy, fault):
    session, _client, cache, syncer = desk
    entry, = _record(session, cache)
    proxy.add(method="POST", path="/decisions", action=fault)
    report = syncer.sync(pull=False)
    assert report.sent == 0 and report.failed_round
    assert cache.outbox.get(entry.id).state == "pending"
    assert _applied(session, entry) == (0 if fault == "drop_before" else 1)
    _until_sent(syncer, cache)
    assert _applied(session, entry) == 1
    assert cache.outbox.get(entry.id).state == "sent"


def test_an_unreadable_done_is_resent_then_left_to_a_person(desk, proxy):
    session, _client, cache, syncer = desk
    entry, = _record(session, cache)
    proxy.add(method="POST", path="/decisions", action="forward_then_body", body=b'{"decision": NaN', times=None)
    for _ in range(UNREADABLE_ATTEMPTS + 1):
        syncer.sync(pull=False, force=True)
    found = cache.outbox.get(entry.id)
    assert found.state == "failed" and "may have been recorded" in found.error
    assert _applied(session, entry) == 1  # resent several times, applied once


MALFORMED = {
    "nan": (b'{"items": [], "next_since": NaN, "has_more": false}', "application/json"),
    "nested": (b"[" * 100_000 + b"]" * 100_000, "application/json"),
    "lone_surrogate": None,  # built below from a real page
    "html": (b"<html><body>Gateway</body></html>", "text/html"),
    "truncated": (b'{"items": [{"id": 1', "application/json"),
    "huge": (lambda: b'{"items": [' + b'"x",' * (MAX_RESPONSE_BYTES // 4 + 1_000_000) + b'"x"]}', "application/json"),
}


@pytest.mark.parametrize("kind", sorted(MALFORMED))
def test_a_malformed_answer_to_a_pull_changes_nothing_and_says_so(desk, proxy, platform, kind):
    session, _client, cache, syncer = desk
    syncer.sync()  # a first full pull
    count, seq = cache.count(QueueFilter(queue="all")), cache.change_seq()
    take_open_case(session)  # something changes on the platform
    if kind == "lone_surrogate":
        page = session.get("/changes", params={"since": seq}).json()
        assert page["items"]
        text = json.dumps(page).replace(json.dumps(page["items"][0]["excerpt"]), '"bad \\ud800 text"', 1)
        body, content_type = text.encode(), "application/json"
    else:
        body, content_type = MALFORMED[kind]
    proxy.add(method="GET", path="/changes", action="body", status=200, body=body, content_type=content_type)
    report = syncer.sync()
    assert report.error and not report.offline and report.pulled == 0
    assert cache.count(QueueFilter(queue="all")) == count and cache.change_seq() == seq
    assert syncer.not_before is not None
    report = syncer.sync(force=True)
    assert report.error is None and cache.change_seq() > seq


@pytest.mark.parametrize("body", [b'{"a": NaN}', b'{"a": "\\udc00"}', b"[" * 50_000, b"\xff\xfe"])
def test_the_client_refuses_malformed_json_with_a_typed_error(desk, proxy, body):
    _session, client, _cache, _syncer = desk
    proxy.add(method="GET", path="/auth/me", action="body", status=200, body=body)
    with pytest.raises(BadResponse):
        client.me()


def test_retry_after_as_an_http_date():
    now = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("Sat, 28 Nov 2026 12:00:30 GMT", now) == 30
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_the_platform_stopped_mid_push_and_started_again(fresh_platform, database_factory, tmp_path):
    first = fresh_platform()
    proxy = FaultProxy(first.url)
    restarted = None
    try:
        username, session = new_account(first)
        client = ApiClient(proxy.url)
        client.login(username, PASSWORD)
        cache = Cache(tmp_path / "c.sqlite3", me=username, key=bytes(range(32)))
        syncer = Syncer(client, cache, hold_seconds=0)
        entries = _record(session, cache, 4)
        # the platform handles the second decision, and dies before it can answer
        proxy.add(method="POST", path="/decisions", action="forward", times=1)
        proxy.add(method="POST", path="/decisions", action="drop_after", times=1)
        report = syncer.sync(pull=False)
        assert report.sent == 1 and report.offline
        first.stop()
        proxy.upstream = first.url  # nothing listens there now
        assert syncer.sync(pull=False, force=True).offline
        assert cache.outbox.pending_count() == 3
        restarted = start_platform(first.db_url, database_factory.audit_key)
        proxy.upstream = restarted.url
        _until_sent(syncer, cache)
        session.api = restarted.api
        assert [_applied(session, e) for e in entries] == [1, 1, 1, 1]
        assert syncer.sync(force=True).error is None
        cache.close()
    finally:
        proxy.close()
        if restarted is not None:
            restarted.stop()
