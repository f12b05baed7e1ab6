"""The outbox and the syncer against the real platform: exactly once, undo, conflicts,
refusals, offline, and a process killed right after recording a decision."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from qunguan.client.api import ApiClient
from qunguan.client.cache import Cache
from qunguan.client.errors import SessionExpired
from qunguan.client.sync import Syncer
from qunguan.contract import models as api
from qunguan.contract.enums import Action, CaseStatus
from tests.helpers import PASSWORD, decide, new_account, take_open_case


@pytest.fixture
def moderator(platform, tmp_path):
    """A moderator of its own: (username, requests session, ApiClient, cache)."""
    username, session = new_account(platform)
    client = ApiClient(platform.url)
    client.login(username, PASSWORD)
    cache = Cache(Cache.path_for(tmp_path, platform.url, username), me=username)
    yield username, session, client, cache
    cache.close()


def approve(case: dict, **extra) -> api.DecisionRequest:
    return api.DecisionRequest(case_id=case["id"], action=Action.APPROVE, expected_version=case["version"], **extra)


def decisions_with(client: ApiClient, case_id: int, key: str) -> list[api.Decision]:
    return [d for d in client.case(case_id).decisions if d.idempotency_key == key]


def test_add_push_is_applied_exactly_once(moderator):
    _, session, client, cache = moderator
    case = take_open_case(session)
    cache.store_cases([api.CaseSummary.model_validate(case)])
    entry = cache.outbox.add(approve(case))
    assert entry.state == "pending" and entry.attempts == 0
    assert cache.row(case["id"]).pending_action == "approve"
    assert cache.outbox.pending_count() == 1

    report = Syncer(client, cache, hold_seconds=0).push()
    assert (report.sent, report.conflicts, report.failed, report.offline) == (1, 0, 0, False)
    assert len(decisions_with(client, case["id"], entry.idempotency_key)) == 1
    row = cache.row(case["id"])
    assert row.status == CaseStatus.RESOLVED and row.pending_action is None and row.version > case["version"]
    assert cache.outbox.get(entry.id).state == "sent"
    assert cache.outbox.pending_count() == 0 and cache.outbox.last_undoable() is None
    assert not cache.outbox.undo(entry.id)  # too late


def test_the_same_entry_sent_twice_is_one_decision(moderator, tmp_path):
    _, session, client, cache = moderator
    case = take_open_case(session)
    entry = cache.outbox.add(approve(case))
    assert Syncer(client, cache, hold_seconds=0).push().sent == 1
    # The app died after the platform applied it but before the outbox said so.
    path = cache.path
    cache.close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE outbox SET state = 'sending' WHERE id = ?", (entry.id,))
    conn.close()
    reopened = Cache(path, me=moderator[0])
    try:
        assert reopened.outbox.get(entry.id).state == "pending"  # recovered at start-up
        report = Syncer(client, reopened, hold_seconds=0).push()
        assert report.sent == 1 and report.conflicts == 0  # the first answer again
        assert reopened.outbox.get(entry.id).attempts == 2
        assert len(decisions_with(client, case["id"], entry.idempotency_key)) == 1
        assert len(client.case(case["id"]).decisions) == 1
    finally:
        reopened.close()


def test_undo_within_the_hold_window_reaches_nothing(moderator):
    _, session, client, cache = moderator
    case = take_open_case(session)
    now = [datetime.now(UTC)]
    syncer = Syncer(client, cache, hold_seconds=5, clock=lambda: now[0])
    entry = cache.outbox.add(approve(case))
    assert syncer.push().sent == 0  # still in its undo window
    assert cache.outbox.last_undoable() == entry
    assert cache.outbox.undo(entry.id)
    assert cache.outbox.get(entry.id) is None and cache.outbox.pending_count() == 0
    now[0] += timedelta(seconds=60)
    assert syncer.push().sent == 0
    assert client.case(case["id"]).decisions == []
    assert cache.outbox.undo(entry.id) is False


def test_the_hold_window_keeps_order(moderator):
    _, session, client, cache = moderator
    first, second = take_open_case(session), take_open_case(session)
    now = [datetime.now(UTC)]
    cache.clock = lambda: now[0]  # when entries are recorded, on the same clock as the syncer
    syncer = Syncer(client, cache, hold_seconds=5, clock=lambda: now[0])
    a = cache.outbox.add(approve(first))
    now[0] += timedelta(seconds=10)
    b = cache.outbox.add(approve(second))
    now[0] = b.created_at + timedelta(seconds=1)  # a is past its window, b is not
    assert syncer.push().sent == 1
    assert cache.outbox.get(a.id).state == "sent" and cache.outbox.get(b.id).state == "pending"
    now[0] += timedelta(seconds=10)
    assert syncer.push().sent == 1
    assert [e.id for e in cache.outbox.pending()] == []


def test_a_conflict_keeps_the_current_case_and_the_next_is_sent(moderator, platform):
    username, session, client, cache = moderator
    contested, other = take_open_case(session), take_open_case(session)
    conflicted = cache.outbox.add(approve(contested))
    sent = cache.outbox.add(approve(other))
    # Another session of the same moderator decides the case first.
    second = platform.login(username, PASSWORD)
    response = decide(second, contested, "warn", reason_code="PLT-02")
    assert response.status_code == 201, response.text

    report = Syncer(client, cache, hold_seconds=0).push()
    assert (report.sent, report.conflicts, report.failed) == (1, 1, 0)
    entry = cache.outbox.get(conflicted.id)
    assert entry.state == "conflict" and entry.error
    current = entry.current()
    assert current is not None and current.id == contested["id"] and current.status == CaseStatus.RESOLVED
    assert cache.row(contested["id"]).version == current.version  # the platform's copy is cached
    assert [e.id for e in cache.outbox.attention()] == [conflicted.id]
    assert cache.outbox.get(sent.id).state == "sent"
    assert decisions_with(client, contested["id"], conflicted.idempotency_key) == []
    assert len(decisions_with(client, other["id"], sent.idempotency_key)) == 1
    assert cache.outbox.dismiss(conflicted.id) and cache.outbox.attention() == []


def test_a_permanent_refusal_needs_attention_and_does_not_block(moderator):
    _, session, client, cache = moderator
    bad_case, good_case = take_open_case(session), take_open_case(session)
    # A mute needs a duration: the platform refuses it with 422, now and forever.
    bad = cache.outbox.add(api.DecisionRequest(case_id=bad_case["id"], action=Action.MUTE, reason_code="PLT-02",
                                               expected_version=bad_case["version"]))
    good = cache.outbox.add(approve(good_case))
    report = Syncer(client, cache, hold_seconds=0).push()
    assert (report.sent, report.failed, report.conflicts) == (1, 1, 0)
    failed = cache.outbox.get(bad.id)
    assert failed.state == "failed" and "duration" in failed.error
    assert cache.outbox.attention() == [failed]
    assert cache.outbox.get(good.id).state == "sent"
    assert client.case(bad_case["id"]).decisions == []
    assert Syncer(client, cache, hold_seconds=0).push().failed == 0  # not retried


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_offline_keeps_everything_pending(moderator):
    _, session, client, cache = moderator
    case = take_open_case(session)
    entry = cache.outbox.add(approve(case))
    later = cache.outbox.add(approve(take_open_case(session)))
    unreachable = ApiClient(f"http://127.0.0.1:{_closed_port()}", timeout=(0.5, 0.5))
    report = Syncer(unreachable, cache, hold_seconds=0).sync()
    assert report.offline and report.sent == 0
    assert [(e.id, e.state) for e in cache.outbox.pending()] == [(entry.id, "pending"), (later.id, "pending")]
    assert cache.outbox.get(entry.id).attempts == 1 and cache.outbox.get(later.id).attempts == 0
    assert "cannot be reached" in cache.outbox.get(entry.id).error
    assert Syncer(unreachable, cache).pull().offline
    # Back online: both go, in order, once.
    assert Syncer(client, cache, hold_seconds=0).push().sent == 2
    assert len(decisions_with(client, case["id"], entry.idempotency_key)) == 1


def test_an_expired_session_puts_the_entry_back_and_says_so(moderator, platform):
    _, session, _, cache = moderator
    entry = cache.outbox.add(approve(take_open_case(session)))
    with pytest.raises(SessionExpired):
        Syncer(ApiClient(platform.url), cache, hold_seconds=0).push()  # never logged in
    assert cache.outbox.get(entry.id).state == "pending"


def test_a_sync_pushes_then_pulls(moderator):
    _, session, client, cache = moderator
    case = take_open_case(session)
    cache.outbox.add(approve(case))
    report = Syncer(client, cache, hold_seconds=0).sync()
    assert report.sent == 1 and report.pulled > 0 and not report.offline
    assert cache.row(case["id"]).status == CaseStatus.RESOLVED


CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from qunguan.client.cache import Cache
    from qunguan.contract import models as api
    cache = Cache(Path(sys.argv[1]), me="child")
    entry = cache.outbox.add(api.DecisionRequest(case_id=int(sys.argv[2]), action="approve", expected_version=1))
    print(entry.id, entry.idempotency_key, flush=True)
    time.sleep(60)
""")


def test_an_entry_survives_sigkill_right_after_add(tmp_path: Path):
    path = tmp_path / "cache.sqlite3"
    Cache(path, me="child").close()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), "4242"], stdout=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    entry_id, key = line.split()
    cache = Cache(path, me="child")
    try:
        entries = cache.outbox.pending()
        assert [(e.id, e.idempotency_key, e.case_id, e.state) for e in entries] == [(int(entry_id), key, 4242,
                                                                                     "pending")]
        assert entries[0].request().action == Action.APPROVE and entries[0].request().decided_at is not None
    finally:
        cache.close()


def test_sending_left_by_a_dead_app_goes_back_to_pending(tmp_path):
    path = tmp_path / "cache.sqlite3"
    cache = Cache(path, me="me")
    entry = cache.outbox.add(api.DecisionRequest(case_id=1, action="approve", expected_version=1))
    taken = cache.outbox.claim_next(None)
    assert taken.id == entry.id and taken.state == "sending" and taken.attempts == 1
    assert cache.outbox.claim_next(None) is None
    assert not cache.outbox.undo(entry.id)  # it may be on its way
    assert cache.outbox.pending_count() == 1
    cache.close()
    reopened = Cache(path, me="me")
    try:
        assert reopened.outbox.get(entry.id).state == "pending"
        assert reopened.outbox.claim_next(None).idempotency_key == entry.idempotency_key
    finally:
        reopened.close()
