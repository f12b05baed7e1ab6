"""What the moderator saw: a decision's context is the case as the platform showed it when the
decision was recorded, not as it is after the decision, an overturn or later messages; its
record's digest is in the decision's audit event, so an edited record is found out."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import create_engine, text

from qunguan.server.db import normalise_url
from tests.helpers import decide, new_account

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def context_platform(database_factory):
    from tests.platform_fixture import start_platform

    platform = start_platform(database_factory.clone(), database_factory.audit_key)
    yield platform
    platform.stop()


def _quiet_case(session) -> dict:
    """An open case whose sender is active and unsanctioned (the platform is this module's)."""
    for item in session.get("/cases", params={"status": "open", "limit": 100}).json()["items"]:
        user = session.get(f"/users/{item['sender_id']}").json()
        if user["status"] == "active" and not user["active_sanctions"]:
            claimed = session.post(f"/cases/{item['id']}/claim", json={})
            if claimed.status_code == 200:
                return claimed.json()
    raise AssertionError("no quiet open case")


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _audit_event(session, case_id: int, decision_id: int) -> dict:
    events = session.get("/audit", params={"subject": f"case:{case_id}", "limit": 1000}).json()["items"]
    return next(e for e in events if e["payload"].get("decision") == decision_id)


def test_the_context_is_the_case_as_it_was_shown(context_platform):
    _, moderator = new_account(context_platform)
    members = context_platform.login("admin1")
    supervisor = context_platform.login("sup1")
    case = _quiet_case(moderator)
    seen = moderator.get(f"/cases/{case['id']}").json()
    decision = decide(moderator, {**case, "version": seen["case"]["version"]}, "mute",
                      reason_code="PLT-03", duration_seconds=86_400).json()["decision"]
    # After the decision: the sender is muted and has lost credit, and the group goes on talking.
    now = moderator.get(f"/users/{case['sender_id']}").json()
    assert now["status"] == "muted"
    speakers = {m["sender_id"] for m in seen["context_before"] + seen["context_after"]} - {case["sender_id"]}
    for speaker in sorted(speakers):
        later = members.post(f"/members/groups/{case['group_id']}/messages",
                             json={"sender_id": speaker, "body": "决定之后的新消息"})
        if later.status_code == 201:
            break
    assert later.status_code == 201, later.text

    response = supervisor.get(f"/decisions/{decision['id']}/context")
    assert response.status_code == 200, response.text
    context = response.json()
    assert context["recorded"] is True
    assert context["decision"]["id"] == decision["id"]
    assert context["message"]["id"] == seen["message"]["id"]
    assert context["message"]["body"] == seen["message"]["body"]
    before = [m["id"] for m in context["context_before"]]
    assert before[-len(seen["context_before"]):] == [m["id"] for m in seen["context_before"]]
    after = [m["id"] for m in context["context_after"]]
    assert after[:len(seen["context_after"])] == [m["id"] for m in seen["context_after"]]
    assert later.json()["id"] not in after
    assert context["sender"]["status"] == "active"
    assert context["sender"]["credit_score"] == seen["sender"]["credit_score"]
    if now["credit_score"] != seen["sender"]["credit_score"]:
        assert context["sender"]["credit_score"] != now["credit_score"]
    assert not [s for s in context["sender"]["active_sanctions"] if s["decision_id"] == decision["id"]]
    assert context["group"]["member_count"] == seen["group"]["member_count"]
    assert context["group"]["name"] == seen["group"]["name"]
    assert {o["user"]["id"] for o in context["group"]["admins"]} == {o["user"]["id"] for o in seen["group"]["admins"]}
    assert [r["id"] for r in context["reports"]] == [r["id"] for r in seen["reports"]]
    assert context["digest"] == _audit_event(supervisor, case["id"], decision["id"])["payload"]["context"]


def test_a_deleted_message_shows_as_it_was_and_an_edited_record_is_found_out(context_platform):
    _, moderator = new_account(context_platform)
    supervisor = context_platform.login("sup2")
    case = _quiet_case(moderator)
    decision = decide(moderator, case, "delete_message", reason_code="PLT-02").json()["decision"]
    context = supervisor.get(f"/decisions/{decision['id']}/context").json()
    assert context["message"]["deleted"] is False  # the moderator saw it before deleting it
    assert moderator.get(f"/cases/{case['id']}").json()["message"]["deleted"] is True
    event = _audit_event(supervisor, case["id"], decision["id"])
    assert context["digest"] == event["payload"]["context"]

    engine = create_engine(normalise_url(context_platform.db_url))
    with engine.begin() as conn:
        data = conn.execute(text("SELECT data FROM decision_snapshots WHERE decision_id = :d"),
                            {"d": decision["id"]}).scalar_one()
        data = json.loads(data) if isinstance(data, str) else data  # PostgreSQL hands back a dict
        data["sender"]["credit_score"] += 1
        edited = json.dumps(data)
        conn.execute(text("UPDATE decision_snapshots SET data = :v WHERE decision_id = :d"),
                     {"v": edited, "d": decision["id"]})
    engine.dispose()
    tampered = supervisor.get(f"/decisions/{decision['id']}/context").json()
    assert tampered["digest"] != event["payload"]["context"]


def test_a_decision_from_before_the_records_is_read_back_by_its_times(context_platform):
    supervisor = context_platform.login("sup1")
    engine = create_engine(normalise_url(context_platform.db_url))
    with engine.connect() as conn:
        old = conn.execute(text(
            "SELECT d.id, d.case_id FROM decisions d LEFT JOIN decision_snapshots s ON s.decision_id = d.id "
            "WHERE s.decision_id IS NULL AND d.action = 'delete_message' ORDER BY d.id LIMIT 1")).one()
    engine.dispose()
    context = supervisor.get(f"/decisions/{old.id}/context").json()
    assert context["recorded"] is False and context["digest"] is None
    assert context["decision"]["case_id"] == old.case_id
    recorded_at = _moment(context["decision"]["recorded_at"])
    assert all(_moment(m["sent_at"]) <= recorded_at for m in context["context_after"])
    assert all(_moment(c["at"]) <= recorded_at for c in context["sender"]["credit_history"])


def test_moderators_may_not_read_contexts_and_unknown_decisions_are_404(context_platform):
    _, moderator = new_account(context_platform)
    assert moderator.get("/decisions/1/context").status_code == 403
    assert context_platform.login("audit1").get("/decisions/99999999/context").status_code == 404
