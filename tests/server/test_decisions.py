"""Decisions: idempotency by key, optimistic concurrency by version, claims."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.helpers import decide, new_account, take_open_case

pytestmark = pytest.mark.server


def _credit_events(session, user_id: int, decision_id: int) -> list[dict]:
    history = session.get(f"/users/{user_id}").json()["credit_history"]
    return [event for event in history if event["decision_id"] == decision_id]


def test_same_key_twice_gives_one_effect_and_the_same_response(platform):
    _, session = new_account(platform)
    case = take_open_case(session)
    key = str(uuid.uuid4())
    first = decide(session, case, "warn", key, reason_code="PLT-02", note="first")
    second = decide(session, case, "warn", key, reason_code="PLT-02", note="first")
    assert first.status_code == 201, first.text
    assert second.status_code == 201
    assert second.content == first.content
    history = session.get(f"/cases/{case['id']}").json()["decisions"]
    assert [d["idempotency_key"] for d in history].count(key) == 1
    assert len(_credit_events(session, case["sender_id"], first.json()["decision"]["id"])) == 1


def test_same_key_with_another_body_is_422(platform):
    _, session = new_account(platform)
    case = take_open_case(session)
    key = str(uuid.uuid4())
    assert decide(session, case, "warn", key, reason_code="PLT-02").status_code == 201
    other = decide(session, case, "warn", key, reason_code="PLT-03")
    assert other.status_code == 422
    assert other.json()["type"] == "urn:qunguan:problem:idempotency-key-reused"


def test_keys_belong_to_their_actor(platform):
    """Two moderators who happen to use the same key do not see each other's responses."""
    _, one = new_account(platform)
    _, two = new_account(platform)
    key = str(uuid.uuid4())
    case_one = take_open_case(one)
    case_two = take_open_case(two)
    assert decide(one, case_one, "approve", key).status_code == 201
    response = decide(two, case_two, "approve", key)
    assert response.status_code == 201
    assert response.json()["decision"]["case_id"] == case_two["id"]


def test_the_same_key_from_eight_threads_has_one_effect(platform):
    _, session = new_account(platform)
    case = take_open_case(session)
    key = str(uuid.uuid4())
    barrier = threading.Barrier(8)

    def send(_: int):
        barrier.wait()
        return decide(session, case, "mute", key, reason_code="PLT-03", duration_seconds=86_400)

    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(send, range(8)))
    assert {r.status_code for r in responses} == {201}, [r.text for r in responses]
    assert len({r.content for r in responses}) == 1
    decisions = session.get(f"/cases/{case['id']}").json()["decisions"]
    assert len([d for d in decisions if d["idempotency_key"] == key]) == 1
    assert len(_credit_events(session, case["sender_id"], responses[0].json()["decision"]["id"])) == 1
    sanctions = session.get(f"/users/{case['sender_id']}").json()["active_sanctions"]
    assert len([s for s in sanctions if s["decision_id"] == responses[0].json()["decision"]["id"]]) == 1


def test_two_moderators_same_version_one_wins_one_conflicts(platform):
    _, one = new_account(platform)
    _, two = new_account(platform)
    case = one.get("/cases", params={"status": "open", "limit": 100}).json()["items"][-1]
    barrier = threading.Barrier(2)

    def send(session, action):
        barrier.wait()
        extra = {"reason_code": "PLT-02"} if action == "warn" else {}
        return decide(session, case, action, **extra)

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda args: send(*args), [(one, "approve"), (two, "warn")]))
    codes = sorted(r.status_code for r in results)
    assert codes == [201, 409], [r.text for r in results]
    loser = next(r for r in results if r.status_code == 409).json()
    winner = next(r for r in results if r.status_code == 201).json()
    assert loser["type"] == "urn:qunguan:problem:version-conflict"
    assert loser["current"]["id"] == case["id"]
    assert loser["current"]["version"] == case["version"] + 1
    assert loser["current"]["status"] == "resolved"
    assert winner["case"]["version"] == case["version"] + 1


def test_a_claim_keeps_others_out_and_a_supervisor_can_take_over(platform):
    _, holder = new_account(platform)
    _, other = new_account(platform)
    _, supervisor = new_account(platform, "supervisor")
    case = take_open_case(holder)
    assert case["status"] == "claimed"
    assert case["claim"]["holder_username"] == holder.me["username"]
    refused = other.post(f"/cases/{case['id']}/claim", json={})
    assert refused.status_code == 409
    assert refused.json()["type"] == "urn:qunguan:problem:claimed-by-other"
    assert other.post(f"/cases/{case['id']}/claim", json={"takeover": True}).status_code == 403
    blocked = decide(other, case, "approve")
    assert blocked.status_code == 409
    assert blocked.json()["type"] == "urn:qunguan:problem:claimed-by-other"
    taken = supervisor.post(f"/cases/{case['id']}/claim", json={"takeover": True})
    assert taken.status_code == 200
    assert taken.json()["claim"]["holder_username"] == supervisor.me["username"]
    assert decide(holder, case, "approve").status_code == 409


def test_a_lease_expires_by_itself(fresh_platform):
    platform = fresh_platform(access_ttl_seconds=86_400)
    holder = platform.login("mod1")
    other = platform.login("mod2")
    case = take_open_case(holder)
    assert other.post(f"/cases/{case['id']}/claim", json={}).status_code == 409
    platform.clock.advance(15 * 60 + 1)
    fresh = other.get(f"/cases/{case['id']}").json()["case"]
    assert fresh["status"] == "open" and fresh["claim"] is None
    assert other.post(f"/cases/{case['id']}/claim", json={}).status_code == 200


def test_changes_feed_reports_every_change_in_order(platform):
    _, session = new_account(platform)
    start = session.get("/changes", params={"since": 0, "limit": 1000}).json()
    since = start["next_since"]
    while start["has_more"]:
        start = session.get("/changes", params={"since": since, "limit": 1000}).json()
        since = start["next_since"]
    case = take_open_case(session)
    decide(session, case, "approve")
    changes = session.get("/changes", params={"since": since}).json()
    seqs = [item["change_seq"] for item in changes["items"]]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    mine = [item for item in changes["items"] if item["id"] == case["id"]]
    assert mine and mine[-1]["status"] == "resolved"


@pytest.mark.parametrize(
    ("action", "extra", "problem"),
    [
        ("warn", {}, "needs a reason code"),
        ("mute", {"reason_code": "PLT-03"}, "needs a duration"),
        ("warn", {"reason_code": "PLT-03", "duration_seconds": 3600}, "takes no duration"),
    ],
)
def test_incomplete_decisions_are_refused_clearly(platform, action, extra, problem):
    _, session = new_account(platform)
    case = take_open_case(session)
    response = decide(session, case, action, **extra)
    assert response.status_code == 422
    assert problem in response.json()["detail"]


def test_queue_paging_is_stable_and_complete(platform):
    _, session = new_account(platform, "auditor")
    seen, cursor = [], None
    while True:
        params = {"limit": 17, **({"cursor": cursor} if cursor else {})}
        page = session.get("/cases", params=params).json()
        seen.extend(page["items"])
        cursor = page["next_cursor"]
        if not cursor:
            break
    ids = [c["id"] for c in seen]
    assert len(ids) == len(set(ids))
    total = sum(session.get("/cases/counts").json()[k] for k in
                ("open", "claimed", "escalated", "appealed", "awaiting_second_approval", "resolved"))
    assert len(ids) == total
    keys = [(-c["priority"], c["sla_deadline"], c["id"]) for c in seen]
    assert keys == sorted(keys)


def test_queue_filters(platform):
    _, session = new_account(platform, "auditor")
    page = session.get("/cases", params={"category": "PLT", "priority": [3, 4], "limit": 200}).json()
    assert page["items"]
    assert all(c["reason_category"] == "PLT" and c["priority"] in (3, 4) for c in page["items"])
    group_id = page["items"][0]["group_id"]
    in_group = session.get("/cases", params={"group_id": group_id, "limit": 200}).json()["items"]
    assert in_group and all(c["group_id"] == group_id for c in in_group)
    name = in_group[0]["group_name"]
    by_text = session.get("/cases", params={"q": name, "limit": 200}).json()["items"]
    assert {c["id"] for c in in_group} <= {c["id"] for c in by_text}
    assert session.get("/cases", params={"q": "%_\\ no such text 无此内容"}).json()["items"] == []
    assert session.get("/cases", params={"cursor": "garbage"}).status_code == 400
