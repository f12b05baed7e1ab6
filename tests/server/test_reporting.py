"""Reports to the authorities: supervisors mark decisions reportable, a delivery records to
whom, how and when an evidence package went with its SHA-256, only marked decisions can be
delivered, a delivered mark stays, and both land in the audit chain."""

from __future__ import annotations

import pytest

from tests.helpers import decide, new_account, take_open_case

pytestmark = pytest.mark.server

SHA = "ab" * 32


def test_mark_deliver_and_audit(platform):
    _, moderator = new_account(platform)
    decision = decide(moderator, take_open_case(moderator), "delete_message", reason_code="PLT-03"
                      ).json()["decision"]
    supervisor, auditor = platform.login("sup1"), platform.login("audit1")
    marked = supervisor.put(f"/decisions/{decision['id']}/reportable", json={"reportable": True, "note": "涉诈"})
    assert marked.status_code == 200, marked.text
    assert marked.json()["marked_by"] == "sup1" and marked.json()["deliveries"] == []
    pending = auditor.get("/reportable", params={"delivered": "false", "limit": 200}).json()["items"]
    assert decision["id"] in [r["decision"]["id"] for r in pending]

    delivery = {"decision_ids": [decision["id"]], "recipient": "市网信办", "channel": "专人递交",
                "reference": "QG-2026-001", "delivered_at": "2026-11-01T09:00:00+08:00", "package_sha256": SHA}
    assert auditor.post("/deliveries", json=delivery).status_code == 403
    recorded = supervisor.post("/deliveries", json=delivery)
    assert recorded.status_code == 201, recorded.text
    body = recorded.json()
    assert body["recorded_by"] == "sup1" and body["package_sha256"] == SHA and body["decision_ids"] == [decision["id"]]
    assert body["id"] in [d["id"] for d in auditor.get("/deliveries").json()]
    sent = auditor.get("/reportable", params={"delivered": "true", "limit": 200}).json()["items"]
    assert [r["deliveries"] for r in sent if r["decision"]["id"] == decision["id"]] == [[body["id"]]]
    pending = auditor.get("/reportable", params={"delivered": "false", "limit": 200}).json()["items"]
    assert decision["id"] not in [r["decision"]["id"] for r in pending]

    taken_back = supervisor.put(f"/decisions/{decision['id']}/reportable", json={"reportable": False})
    assert taken_back.status_code == 409  # delivered: the mark stays

    events = auditor.get("/audit", params={"subject": f"delivery:{body['id']}"}).json()["items"]
    assert [e["kind"] for e in events] == ["report_delivered"]
    assert events[0]["payload"]["package_sha256"] == SHA and events[0]["seq"] == body["audit_seq"]
    marks = auditor.get("/audit", params={"subject": f"decision:{decision['id']}"}).json()["items"]
    assert "report_marked" in [e["kind"] for e in marks]


def test_only_marked_decisions_are_delivered_and_a_mark_can_be_taken_back(platform):
    _, moderator = new_account(platform)
    decision = decide(moderator, take_open_case(moderator), "approve").json()["decision"]
    supervisor = platform.login("sup2")
    delivery = {"decision_ids": [decision["id"]], "recipient": "x", "channel": "email",
                "delivered_at": "2026-11-01T09:00:00Z", "package_sha256": SHA}
    refused = supervisor.post("/deliveries", json=delivery)
    assert refused.status_code == 422 and str(decision["id"]) in refused.json()["detail"]
    assert supervisor.put(f"/decisions/{decision['id']}/reportable", json={"reportable": True}).status_code == 200
    assert supervisor.put(f"/decisions/{decision['id']}/reportable", json={"reportable": False}).status_code == 204
    assert supervisor.post("/deliveries", json=delivery).status_code == 422
    future = {**delivery, "delivered_at": "2999-01-01T00:00:00Z"}
    supervisor.put(f"/decisions/{decision['id']}/reportable", json={"reportable": True})
    assert supervisor.post("/deliveries", json=future).status_code == 422
    assert supervisor.post("/deliveries", json={**delivery, "package_sha256": "not-a-hash"}).status_code == 422


def test_the_reveal_log_names_who_looked_whose_data_and_why(platform):
    _, moderator = new_account(platform)
    case = take_open_case(moderator)
    supervisor, auditor = platform.login("sup2"), platform.login("audit1")
    reason = "核实举报人身份，工单 QG-77"
    assert supervisor.post(f"/users/{case['sender_id']}/reveal", json={"reason": reason}).status_code == 200
    log = auditor.get("/reveals", params={"moderator": "sup2"}).json()
    mine = [e for e in log["events"] if e["reason"] == reason]
    assert mine and mine[0]["user_id"] == case["sender_id"] and mine[0]["moderator"] == "sup2"
    assert all(e["moderator"] == "sup2" for e in log["events"])
    assert log["by_moderator"]["sup2"] >= 1
    everyone = auditor.get("/reveals").json()
    assert everyone["by_moderator"] == log["by_moderator"]  # the counts are over everyone either way
    assert moderator.get("/reveals").status_code == 403
