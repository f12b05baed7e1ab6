"""Offline check-out and conflicts against the real platform: cases taken offline with a
long lease are decided with no network and sent once when it returns; two moderators, one
offline, act on one case: the platform keeps the first, the second sees the conflict, and
resolves it by accepting theirs or escalating."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from qunguan.client.api import ApiClient
from qunguan.client.cache import Cache, QueueFilter
from qunguan.client.checkout import OFFLINE_CONTEXT, OFFLINE_LEASE, take_offline
from qunguan.client.outbox import CONFLICT, DISMISSED, ESCALATED
from qunguan.client.sync import Syncer
from qunguan.contract import models as api
from qunguan.contract.enums import Action, CaseStatus
from tests.helpers import PASSWORD, new_account


def _desk(platform, tmp_path, name: str):
    username, session = new_account(platform)
    client = ApiClient(platform.url)
    client.login(username, PASSWORD)
    cache = Cache(tmp_path / f"{name}.sqlite3", me=username, key=bytes(range(32)))
    syncer = Syncer(client, cache, hold_seconds=0)
    syncer.sync(force=True)
    return username, session, client, cache, syncer


def _unreachable() -> ApiClient:
    return ApiClient("http://127.0.0.1:9")  # discard port: nothing answers


def test_cases_taken_offline_are_decided_without_network_and_sent_once(fresh_platform, tmp_path):
    platform = fresh_platform()
    user, session, client, cache, syncer = _desk(platform, tmp_path, "a")
    steps: list[tuple[int, int]] = []
    report = take_offline(client, cache, 5, progress=lambda done, total: steps.append((done, total)))
    assert len(report.taken) == 5 and not report.error
    assert steps[0] == (0, 5) and steps[-1] == (5, 5)
    assert sorted(cache.offline_cases()) == sorted(report.taken)
    assert cache.queue_counts()["offline"] == 5
    assert sorted(cache.ids(QueueFilter(queue="offline"))) == sorted(report.taken)
    for case_id in report.taken:
        on_server = session.get(f"/cases/{case_id}").json()["case"]
        assert on_server["claim"]["holder_username"] == user
        expires = datetime.fromisoformat(on_server["claim"]["expires_at"])
        assert expires > datetime.now(UTC) + OFFLINE_LEASE - timedelta(minutes=5)

    syncer.api = _unreachable()  # the network is gone
    for case_id in report.taken:
        detail = cache.detail(case_id)  # everything needed to decide is here
        assert detail is not None and detail.sender.id and detail.group.id
        assert len(detail.context_before) <= OFFLINE_CONTEXT
        cache.outbox.add(api.DecisionRequest(case_id=case_id, action=Action.APPROVE,
                                             expected_version=detail.case.version))
    assert syncer.sync(force=True).offline
    assert cache.outbox.pending_count() == 5

    syncer.api = client  # back
    report2 = syncer.sync(force=True)
    assert report2.sent == 5 and cache.outbox.pending_count() == 0
    for case_id in report.taken:
        decisions = session.get(f"/cases/{case_id}").json()["decisions"]
        assert [d["action"] for d in decisions if d["actor"]["username"] == user] == ["approve"]
    assert cache.queue_counts()["offline"] == 0  # decided: no longer waiting offline


def test_two_moderators_one_offline_the_first_stands_and_the_second_sees_the_conflict(fresh_platform, tmp_path):
    platform = fresh_platform()
    _, _, client_a, cache_a, syncer_a = _desk(platform, tmp_path, "a")
    user_b, session_b, *_ = _desk(platform, tmp_path, "b")
    case_id = take_offline(client_a, cache_a, 1).taken[0]
    syncer_a.api = _unreachable()
    mine = cache_a.outbox.add(api.DecisionRequest(
        case_id=case_id, action=Action.APPROVE, expected_version=cache_a.detail(case_id).case.version))
    platform.clock.advance(OFFLINE_LEASE.total_seconds() + 60)  # the lease ran out while A was away
    session_b.login(user_b, PASSWORD)
    claimed = session_b.post(f"/cases/{case_id}/claim", json={})
    assert claimed.status_code == 200, claimed.text
    case = claimed.json()
    theirs = session_b.post("/decisions", headers={"Idempotency-Key": "b-warns-first"}, json={
        "case_id": case_id, "action": "warn", "reason_code": "ILL-09", "expected_version": case["version"]}).json()
    assert theirs["decision"]["action"] == "warn"

    syncer_a.api = client_a
    report = syncer_a.sync(force=True)
    assert report.conflicts == 1
    entry = cache_a.outbox.get(mine.id)
    assert entry.state == CONFLICT and entry.current().status == CaseStatus.RESOLVED
    assert entry.request().action == Action.APPROVE  # mine and theirs, side by side
    decisions = session_b.get(f"/cases/{case_id}").json()["decisions"]
    assert [d["action"] for d in decisions] == ["warn"]  # the platform kept the first
    assert cache_a.outbox.dismiss(entry.id)  # accept theirs
    assert cache_a.outbox.get(entry.id).state == DISMISSED and cache_a.outbox.attention() == []
    assert cache_a.row(case_id).status == CaseStatus.RESOLVED


def test_a_conflict_on_a_case_still_open_can_be_escalated(fresh_platform, tmp_path):
    platform = fresh_platform()
    _, _, client_a, cache_a, syncer_a = _desk(platform, tmp_path, "a")
    user_b, session_b, *_ = _desk(platform, tmp_path, "b")
    case_id = take_offline(client_a, cache_a, 1).taken[0]
    mine = cache_a.outbox.add(api.DecisionRequest(
        case_id=case_id, action=Action.MUTE, reason_code="ILL-09", duration_seconds=86400,
        expected_version=cache_a.detail(case_id).case.version))
    platform.clock.advance(OFFLINE_LEASE.total_seconds() + 60)
    session_b.login(user_b, PASSWORD)
    case = session_b.get(f"/cases/{case_id}").json()["case"]
    noted = session_b.post("/decisions", headers={"Idempotency-Key": "b-notes-the-case"}, json={
        "case_id": case_id, "action": "note", "note": "Looks coordinated", "expected_version": case["version"]})
    assert noted.status_code == 201, noted.text
    assert syncer_a.sync(force=True).conflicts == 1
    escalation = cache_a.outbox.escalate(mine.id, "I had muted the sender for a day.")
    assert cache_a.outbox.get(mine.id).resolution == ESCALATED
    with pytest.raises(ValueError):
        cache_a.outbox.escalate(mine.id, "twice")
    assert syncer_a.sync(force=True).sent == 1
    assert cache_a.outbox.get(escalation.id).state == "sent"
    on_server = session_b.get(f"/cases/{case_id}").json()
    assert on_server["case"]["status"] == "escalated"
    assert on_server["decisions"][-1]["note"] == "I had muted the sender for a day."
