"""Exports of personal data (PIPL Art. 51): asked by one supervisor, approved by another,
downloaded once by the one who asked; every step audited."""

from __future__ import annotations

import pytest

from tests.helpers import verify_audit

pytestmark = pytest.mark.server


def _users(session, n: int) -> list[int]:
    cases = session.get("/cases", params={"limit": 100}).json()["items"]
    users = sorted({c["sender_id"] for c in cases})
    assert len(users) >= n
    return users[:n]


def _events(session, export_id: int) -> list[dict]:
    return session.get("/audit", params={"subject": f"piexport:{export_id}"}).json()["items"]


def test_an_export_needs_a_second_supervisor_and_downloads_once(platform):
    sup1, sup2 = platform.login("sup1"), platform.login("sup2")
    users = _users(sup1, 3)
    asked = sup1.post("/pi-exports", json={"user_ids": users, "reason": "Police request 2026-77 (scam wave)"})
    assert asked.status_code == 201, asked.text
    export = asked.json()
    assert export["status"] == "pending" and export["user_ids"] == users and export["requested_by"] == "sup1"
    eid = export["id"]

    # The one who asked may not approve it, nor download it before approval.
    own = sup1.post(f"/pi-exports/{eid}/review", json={"approve": True})
    assert own.status_code == 403 and "another supervisor" in own.json()["detail"]
    early = sup1.get(f"/pi-exports/{eid}/data")
    assert early.status_code == 409 and "pending" in early.json()["detail"]
    assert platform.login("mod1").post("/pi-exports", json={"user_ids": users, "reason": "curious"}
                                       ).status_code == 403
    pending = [e["id"] for e in sup2.get("/pi-exports", params={"status": "pending"}).json()]
    assert eid in pending

    approved = sup2.post(f"/pi-exports/{eid}/review", json={"approve": True, "note": "case file checked"})
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved" and approved.json()["reviewed_by"] == "sup2"
    assert sup2.post(f"/pi-exports/{eid}/review", json={"approve": False}).status_code == 409
    # Only the one who asked downloads it.
    assert sup2.get(f"/pi-exports/{eid}/data").status_code == 403

    data = sup1.get(f"/pi-exports/{eid}/data")
    assert data.status_code == 200, data.text
    rows = data.json()["rows"]
    assert [r["user_id"] for r in rows] == users
    for row in rows:
        revealed = sup2.post(f"/users/{row['user_id']}/reveal", json={"reason": "cross-check the export"}).json()
        assert (row["real_name"], row["phone"]) == (revealed["real_name"], revealed["phone"])
    assert any(r["real_name"] and "*" not in r["real_name"] for r in rows)  # unmasked
    again = sup1.get(f"/pi-exports/{eid}/data")
    assert again.status_code == 410
    listed = next(e for e in sup1.get("/pi-exports").json() if e["id"] == eid)
    assert listed["status"] == "downloaded" and listed["downloaded_at"]

    events = _events(platform.login("audit1"), eid)
    assert [(e["kind"], e["actor"]) for e in events] == [
        ("pi_export_requested", "sup1"), ("pi_export_reviewed", "sup2"), ("pi_export_downloaded", "sup1")]
    assert events[0]["payload"]["reason"] == "Police request 2026-77 (scam wave)"
    assert events[0]["payload"]["user_ids"] == users and events[2]["payload"]["user_ids"] == users
    assert events[1]["payload"]["approve"] is True


def test_a_rejected_export_is_never_downloaded(platform):
    sup1, sup2 = platform.login("sup1"), platform.login("sup2")
    users = _users(sup2, 2)
    eid = sup2.post("/pi-exports", json={"user_ids": users, "reason": "Quality review"}).json()["id"]
    rejected = sup1.post(f"/pi-exports/{eid}/review", json={"approve": False, "note": "no legal basis"})
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    refused = sup2.get(f"/pi-exports/{eid}/data")
    assert refused.status_code == 409 and "rejected" in refused.json()["detail"]
    kinds = [e["kind"] for e in _events(sup1, eid)]
    assert kinds == ["pi_export_requested", "pi_export_reviewed"]


def test_bad_export_requests(platform):
    sup1 = platform.login("sup1")
    users = _users(sup1, 1)
    assert sup1.post("/pi-exports", json={"user_ids": [2**40], "reason": "no such user"}).status_code == 404
    assert sup1.post("/pi-exports", json={"reason": "nobody named"}).status_code == 422
    assert sup1.post("/pi-exports", json={"user_ids": users, "incident_id": 1, "reason": "both"}).status_code == 422
    assert sup1.post("/pi-exports", json={"user_ids": users, "reason": ""}).status_code == 422
    assert sup1.post("/pi-exports/999999/review", json={"approve": True}).status_code == 404
    assert sup1.get("/pi-exports/999999/data").status_code == 404


def test_the_senders_of_an_incident(platform):
    sup1, sup2 = platform.login("sup1"), platform.login("sup2")
    admin = platform.login("admin1")
    marker = "pi-export-incident-marker-7f3a"
    # Another test on this shared platform may have sanctioned an owner: take one who may post.
    for case in admin.get("/cases", params={"status": "open", "limit": 50}).json()["items"]:
        owner = admin.get(f"/groups/{case['group_id']}").json()["owner"]["id"]
        posted = admin.post(f"/members/groups/{case['group_id']}/messages",
                            json={"sender_id": owner, "body": f"{marker} transfer now"})
        if posted.status_code == 201:
            break
    else:
        raise AssertionError("no owner could post")
    incident = sup1.post("/incidents", json={"title": "export test", "definition": {"keywords": [marker]}}).json()
    asked = sup1.post("/pi-exports", json={"incident_id": incident["id"], "reason": "Police: wave senders"})
    assert asked.status_code == 201, asked.text
    assert asked.json()["user_ids"] == [owner] and asked.json()["incident_id"] == incident["id"]
    eid = asked.json()["id"]
    assert sup2.post(f"/pi-exports/{eid}/review", json={"approve": True}).status_code == 200
    rows = sup1.get(f"/pi-exports/{eid}/data").json()["rows"]
    assert [r["user_id"] for r in rows] == [owner]


def test_an_approval_is_for_now_not_for_ever(fresh_platform):
    """A request nobody reviews within 7 days, and an approved export not downloaded within 72
    hours, lapse: by the platform's job, or when someone next acts on them; each lapse audited."""
    platform = fresh_platform(access_ttl_seconds=30 * 86_400)
    sup1, sup2, admin = platform.login("sup1"), platform.login("sup2"), platform.login("admin1")
    users = _users(sup1, 2)

    approved = sup1.post("/pi-exports", json={"user_ids": users, "reason": "Police request 2026-80"}).json()
    reviewed = sup2.post(f"/pi-exports/{approved['id']}/review", json={"approve": True}).json()
    assert reviewed["lapses_at"] is not None and approved["lapses_at"] is not None
    forgotten = sup1.post("/pi-exports", json={"user_ids": users, "reason": "Police request 2026-81"}).json()
    platform.clock.advance(72 * 3600 + 1)
    late = sup1.get(f"/pi-exports/{approved['id']}/data")
    assert late.status_code == 410 and "lapsed" in late.json()["detail"], late.text
    assert sup1.get(f"/pi-exports/{approved['id']}/data").status_code == 410  # and stays so
    listed = {e["id"]: e for e in sup1.get("/pi-exports").json()}
    assert listed[approved["id"]]["status"] == "lapsed" and listed[approved["id"]]["lapses_at"] is None
    assert listed[forgotten["id"]]["status"] == "pending"  # 3 of its 7 days gone

    # the job lapses the pending request once its 7 days are up, and only once
    platform.clock.advance(4 * 86_400)
    ran = admin.post("/jobs/run").json()
    assert ran["failed"] == {} and ran["changed"]["lapse_pi_exports"] >= 1
    assert admin.post("/jobs/run").json()["changed"]["lapse_pi_exports"] == 0
    too_late = sup2.post(f"/pi-exports/{forgotten['id']}/review", json={"approve": True})
    assert too_late.status_code == 409 and "lapsed" in too_late.json()["detail"]

    # found due by the review itself, before any job ran: told, and the lapse is kept
    third = sup1.post("/pi-exports", json={"user_ids": users, "reason": "Police request 2026-82"}).json()
    platform.clock.advance(7 * 86_400 + 1)
    refused = sup2.post(f"/pi-exports/{third['id']}/review", json={"approve": True})
    assert refused.status_code == 410 and "lapsed" in refused.json()["detail"]
    assert next(e for e in sup1.get("/pi-exports").json() if e["id"] == third["id"])["status"] == "lapsed"

    audit = platform.login("audit1")
    for eid, was in ((approved["id"], "approved"), (forgotten["id"], "pending"), (third["id"], "pending")):
        events = _events(audit, eid)
        assert [(e["kind"], e["actor"]) for e in events][-1] == ("pi_export_lapsed", "system")
        assert events[-1]["payload"]["was"] == was
    verified = verify_audit(platform)
    assert verified.returncode == 0, verified.stdout + verified.stderr
