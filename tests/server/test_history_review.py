"""Decision history filters, review (confirm, overturn), appeals, and the two-person rule's
expiry: on a platform of its own, checked against the database directly."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text

from qunguan.server.db import normalise_url
from tests.helpers import decide, new_account, take_open_case

pytestmark = pytest.mark.server


def all_pages(session, **params) -> list[dict]:
    items, cursor = [], None
    while True:
        page = session.get("/decisions", params={**params, "limit": 37, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            return items


def sql_ids(platform, where: str, **params) -> list[int]:
    engine = create_engine(normalise_url(platform.db_url))
    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT d.id FROM decisions d JOIN staff s ON s.id = d.actor_id "
                                 f"WHERE {where} ORDER BY d.id DESC"), params).scalars().all()
    engine.dispose()
    return list(rows)


@pytest.fixture(scope="module")
def history_platform(database_factory):
    from tests.platform_fixture import start_platform

    platform = start_platform(database_factory.clone(), database_factory.audit_key)
    yield platform
    platform.stop()


@pytest.mark.parametrize(
    ("params", "where", "sql_params"),
    [
        ({}, "1 = 1", {}),
        ({"moderator": "mod1"}, "s.username = 'mod1'", {}),
        ({"action": ["mute", "warn"]}, "d.action IN ('mute', 'warn')", {}),
        ({"reason_code": "PLT-03"}, "d.reason_code = 'PLT-03'", {}),
        ({"category": "NEG"}, "d.reason_code LIKE 'NEG%'", {}),
        ({"outcome": "no_violation"}, "d.outcome = 'no_violation'", {}),
        ({"moderator": "mod2", "action": "delete_message", "category": "PLT"},
         "s.username = 'mod2' AND d.action = 'delete_message' AND d.reason_code LIKE 'PLT%'", {}),
    ],
)
def test_history_filters_return_exactly_the_matching_decisions(history_platform, params, where, sql_params):
    auditor = history_platform.login("audit1")
    got = [d["id"] for d in all_pages(auditor, **params)]
    assert got == sql_ids(history_platform, where, **sql_params)
    assert got, "the filter should match something in the demo data"


def test_history_by_group_time_and_text(history_platform):
    auditor = history_platform.login("audit1")
    first = all_pages(auditor)[5]
    group = auditor.get(f"/cases/{first['case_id']}").json()["case"]["group_id"]
    by_group = [d["id"] for d in all_pages(auditor, group_id=group)]
    assert by_group == sql_ids(history_platform, "d.case_id IN (SELECT id FROM cases WHERE group_id = :g)", g=group)
    since, until = "2026-11-10T00:00:00Z", "2026-11-15T00:00:00Z"
    window = all_pages(auditor, since=since, until=until)
    assert window and all(since <= d["recorded_at"] < until for d in window)
    assert auditor.get("/decisions", params={"since": "2026-11-10T00:00:00"}).status_code == 422
    _, moderator = new_account(history_platform)
    case = take_open_case(moderator)
    marker = f"标记 {uuid.uuid4().hex[:8]}"
    decide(moderator, case, "note", note=marker)
    assert [d["case_id"] for d in all_pages(auditor, q=marker)] == [case["id"]]
    assert history_platform.login("mod1").get("/decisions").status_code == 403


def test_overturn_restores_a_deleted_message_and_credit(history_platform):
    _, moderator = new_account(history_platform)
    members = history_platform.login("admin1")
    case = take_open_case(moderator)
    before = moderator.get(f"/users/{case['sender_id']}").json()["credit_score"]
    decision = decide(moderator, case, "delete_message", reason_code="PLT-02").json()["decision"]
    visible = lambda: case["message_id"] in [  # noqa: E731
        m["id"] for m in members.get(f"/members/groups/{case['group_id']}/messages",
                                     params={"before": case["message_id"] + 1, "limit": 3}).json()["items"]]
    assert not visible()
    supervisor = history_platform.login("sup2")
    result = supervisor.post(f"/decisions/{decision['id']}/review",
                             json={"verdict": "overturn", "reason": "转发的是辟谣内容，不违规"})
    assert result.status_code == 200, result.text
    body = result.json()
    assert body["decision"]["review"] == "overturned"
    assert {"restored", "irreversible"} <= {e["kind"] for e in body["review"]["effects"]}
    assert visible()
    assert moderator.get(f"/users/{case['sender_id']}").json()["credit_score"] == before
    again = supervisor.post(f"/decisions/{decision['id']}/review", json={"verdict": "confirm", "reason": "again"})
    assert again.status_code == 409


def _untouched_case(session):
    """An open case whose sender and group no other test has sanctioned (they share this
    platform), and whose sender's credit keeps every posting right after our mute (the credit
    tiers limit posting), so that lifting our own mute must let the sender post again."""
    for item in session.get("/cases", params={"status": "open", "limit": 100}).json()["items"]:
        user = session.get(f"/users/{item['sender_id']}").json()
        group = session.get(f"/groups/{item['group_id']}").json()
        if user["status"] == "active" and group["status"] == "active" and not user["active_sanctions"] \
                and user["credit_score"] >= 90:
            claimed = session.post(f"/cases/{item['id']}/claim", json={})
            if claimed.status_code == 200:
                return claimed.json()
    raise AssertionError("no untouched open case")


def test_overturn_lifts_a_mute_and_reopens_a_dissolved_group(history_platform):
    _, moderator = new_account(history_platform)
    members = history_platform.login("admin1")
    case = _untouched_case(moderator)
    mute = decide(moderator, case, "mute", reason_code="PLT-03", duration_seconds=7 * 86_400).json()["decision"]
    post = lambda: members.post(f"/members/groups/{case['group_id']}/messages",  # noqa: E731
                                json={"sender_id": case["sender_id"], "body": "我可以说话了吗"})
    assert post().status_code == 403
    sup1, sup2 = history_platform.login("sup1"), history_platform.login("sup2")
    assert sup1.post(f"/decisions/{mute['id']}/review", json={"verdict": "overturn", "reason": "误判"}
                     ).status_code == 200
    assert post().status_code == 201

    case2 = take_open_case(moderator, group_id=case["group_id"])
    proposal = decide(moderator, case2, "dissolve_group", reason_code="PLT-04").json()["decision"]["proposal_id"]
    approval = sup1.post(f"/proposals/{proposal}/review", json={"approve": True, "note": "同意"}).json()
    assert members.get(f"/members/groups/{case['group_id']}/messages").status_code == 410
    # The approval is the decision that carried out the dissolution: it is what gets overturned.
    overturned = sup2.post(f"/decisions/{approval['decision']['id']}/review",
                           json={"verdict": "overturn", "reason": "群主已整改"})
    assert overturned.status_code == 200, overturned.text
    assert members.get(f"/members/groups/{case['group_id']}/messages").status_code == 200
    assert moderator.get(f"/groups/{case['group_id']}").json()["status"] != "dissolved"


def test_authors_do_not_review_their_own_decisions(history_platform):
    _, supervisor = new_account(history_platform, "supervisor")
    case = take_open_case(supervisor)
    decision = decide(supervisor, case, "warn", reason_code="PLT-02").json()["decision"]
    refused = supervisor.post(f"/decisions/{decision['id']}/review", json={"verdict": "confirm", "reason": "ok ok"})
    assert refused.status_code == 403
    confirmed = history_platform.login("sup1").post(f"/decisions/{decision['id']}/review",
                                                    json={"verdict": "confirm", "reason": "处理恰当"})
    assert confirmed.json()["decision"]["review"] == "confirmed"
    assert history_platform.login("mod1").post(f"/decisions/{decision['id']}/review",
                                               json={"verdict": "confirm", "reason": "x y z"}).status_code == 403


def test_appeals_refuse_the_original_moderator(history_platform):
    _, supervisor = new_account(history_platform, "supervisor")
    members = history_platform.login("admin1")
    case = take_open_case(supervisor)
    decision = decide(supervisor, case, "suspend", reason_code="PLT-03", duration_seconds=86_400).json()["decision"]
    appeal = members.post("/members/appeals", json={"decision_id": decision["id"], "text": "我是被盗号了"})
    assert appeal.status_code == 201, appeal.text
    assert members.post("/members/appeals", json={"decision_id": decision["id"], "text": "again"}).status_code == 409
    assert supervisor.get(f"/cases/{case['id']}").json()["case"]["status"] == "appealed"
    listed = history_platform.login("audit1").get("/appeals").json()
    assert any(a["id"] == appeal.json()["id"] for a in listed)
    refused = supervisor.post(f"/appeals/{appeal.json()['id']}/decide",
                              json={"verdict": "overturn", "reason": "我错了"})
    assert refused.status_code == 403
    upheld = history_platform.login("sup2").post(f"/appeals/{appeal.json()['id']}/decide",
                                                 json={"verdict": "uphold", "reason": "证据充分"})
    assert upheld.status_code == 200, upheld.text
    assert upheld.json()["case"]["status"] == "resolved"
    assert supervisor.get(f"/users/{case['sender_id']}").json()["status"] == "suspended"


def test_proposals_expire_and_reopen_the_case(fresh_platform):
    platform = fresh_platform(proposal_ttl_seconds=3600, access_ttl_seconds=86_400)
    moderator = platform.login("mod1")
    case = take_open_case(moderator)
    proposal = decide(moderator, case, "ban", reason_code="PLT-03").json()["decision"]
    supervisor = platform.login("sup1")
    pending = supervisor.get("/proposals").json()
    listed = next(p for p in pending if p["id"] == proposal["proposal_id"])
    assert listed["blast_radius"]["messages"] >= 1
    platform.clock.advance(3601)
    assert proposal["proposal_id"] not in [p["id"] for p in supervisor.get("/proposals").json()]
    late = supervisor.post(f"/proposals/{proposal['proposal_id']}/review", json={"approve": True})
    assert late.status_code == 409
    assert "expired" in late.json()["detail"]
    assert moderator.get(f"/cases/{case['id']}").json()["case"]["status"] == "open"
    assert moderator.get(f"/users/{case['sender_id']}").json()["status"] != "banned"
    kinds = [e["kind"] for e in platform.login("audit1").get("/audit", params={"limit": 1000}).json()["items"]]
    assert "proposal_expired" in kinds


@pytest.mark.parametrize("cursor", ["abc", "0", "-5", "99999999999999999999999", "１２"])
def test_history_refuses_cursors_it_did_not_give_out(history_platform, cursor):
    response = history_platform.login("sup1").get("/decisions", params={"cursor": cursor})
    assert response.status_code == 400, response.text
    assert response.json()["type"].endswith("bad-request")
