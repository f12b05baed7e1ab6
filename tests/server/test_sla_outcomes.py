"""Reports and SLA (Provisions Art. 12): every case's deadline comes from the published rules
by reason category, severity and group category; a case past its deadline is escalated (in place) by the
platform's own job exactly once (audited, seen by workstations' /changes, safe from two workers);
reporters are told the outcome of their reports, and told again after an overturn, without the
name of any moderator or other user."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

import qunguan.server
from qunguan.contract.taxonomy import REASONS, ReasonCode
from tests.helpers import decide, take_open_case
from tests.platform_fixture import SEED_NOW
from tests.server.test_incidents import DOMAIN, _sql, _stage, _wave

pytestmark = pytest.mark.server

#: The published rules, read here on their own (not through the server's code).
RULES = json.loads((Path(qunguan.server.__file__).parent / "rules" / "sla.json").read_text(encoding="utf-8"))


def expected_time(reason: str | None, group_category: str) -> timedelta:
    category = reason[:3] if reason else "none"
    severity = int(REASONS[ReasonCode(reason)].severity) if reason else 2
    hours = RULES["hours"][category][str(severity)] * RULES["group_category_factor"].get(group_category, 1)
    return max(timedelta(hours=hours), timedelta(minutes=RULES["minimum_minutes"]))


def all_cases(session, **params) -> list[dict]:
    items, cursor = [], None
    while True:
        page = session.get("/cases", params={"limit": 200, **params, **({"cursor": cursor} if cursor else {})}).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def at(value: str) -> datetime:
    return datetime.fromisoformat(value)


def set_clock(platform, when: datetime) -> None:
    platform.clock.advance((when - platform.clock()).total_seconds())


def escalation_events(admin) -> list[dict]:
    events, after = [], 0
    while True:
        page = admin.get("/audit", params={"after": after, "limit": 1000, "subject": "sla:escalation"}).json()
        events += page["items"]
        if not page["next_cursor"]:
            return [e for e in events if e["kind"] == "sla_escalated"]
        after = int(page["next_cursor"])


def test_deadlines_follow_the_published_rules_by_category_and_severity(platform):
    admin = platform.login("admin1")
    cases = all_cases(admin)
    seen: set[tuple[str, str | None]] = set()
    for case in cases:
        assert at(case["sla_deadline"]) - at(case["created_at"]) == \
            expected_time(case["suggested_reason"], case["group_category"]), case
        reason = case["suggested_reason"]
        seen.add((reason[:3] if reason else "none", case["group_category"] if case["group_category"] == "school"
                  else None))
    # The seeded data exercises every category, and the school factor.
    assert {c for c, _ in seen} >= {"ILL", "NEG", "PLT"} and any(g == "school" for _, g in seen)
    ill = next(c for c in cases if (c["suggested_reason"] or "").startswith("ILL") and c["group_category"] != "school")
    plt_low = next(c for c in cases if c["suggested_reason"] == "PLT-02" and c["group_category"] != "school")
    # Illegal information is handled faster than spam, as the rules say.
    assert at(ill["sla_deadline"]) - at(ill["created_at"]) == timedelta(hours=RULES["hours"]["ILL"]["3"])
    assert at(plt_low["sla_deadline"]) - at(plt_low["created_at"]) == timedelta(hours=RULES["hours"]["PLT"]["1"])
    detail = admin.get(f"/cases/{ill['id']}").json()
    assert detail["sla_rule"] == f"sla {RULES['version']}: ILL severity 3"
    assert detail["sla_escalated_at"] is None


def test_an_overdue_case_is_escalated_once_one_second_after_its_deadline(fresh_platform):
    platform = fresh_platform(access_ttl_seconds=30 * 86_400)
    set_clock(platform, SEED_NOW)
    admin, mod = platform.login("admin1"), platform.login("mod1")
    open_cases = all_cases(admin, status="open")
    target = max(open_cases, key=lambda c: (at(c["sla_deadline"]), c["id"]))
    deadline = at(target["sla_deadline"])
    assert deadline > SEED_NOW  # still in time at the seed's now

    # Everything due earlier is escalated first, so what follows is about the target alone.
    set_clock(platform, deadline - timedelta(seconds=60))
    assert admin.post("/jobs/run").json()["changed"]["escalate_overdue"] >= 1
    set_clock(platform, deadline - timedelta(seconds=1))
    ran = admin.post("/jobs/run").json()
    assert ran["failed"] == {} and ran["changed"]["escalate_overdue"] == 0
    before = admin.get(f"/cases/{target['id']}").json()
    assert before["case"]["status"] == "open" and before["sla_escalated_at"] is None

    # A moderator holds it when the deadline passes.
    claimed = mod.post(f"/cases/{target['id']}/claim", json={}).json()
    since = claimed["change_seq"]
    events_before = len(escalation_events(admin))

    platform.clock.advance(2)
    ran = admin.post("/jobs/run").json()
    assert ran["failed"] == {} and ran["changed"]["escalate_overdue"] >= 1
    after = admin.get(f"/cases/{target['id']}").json()
    case = after["case"]
    # Escalated in place: still open, still the moderator's, one priority step up, same version.
    assert case["status"] == "claimed"
    assert case["priority"] == min(target["priority"] + 1, 4)
    assert case["version"] == claimed["version"]
    assert case["claim"] is not None and case["claim"]["holder_username"] == "mod1"
    assert deadline < at(after["sla_escalated_at"]) <= deadline + timedelta(seconds=30)

    # Exactly once: another run changes nothing, and one audit event names the case.
    assert admin.post("/jobs/run").json()["changed"]["escalate_overdue"] == 0
    events = escalation_events(admin)
    assert len(events) == events_before + 1
    naming = [e for e in events if target["id"] in e["payload"]["cases"]]
    assert len(naming) == 1 and naming[0]["actor"] == "system"
    assert naming[0]["payload"]["rules_version"] == RULES["version"]

    # The workstation's change feed brings the new priority.
    changes = mod.get("/changes", params={"since": since}).json()
    mine = [c for c in changes["items"] if c["id"] == target["id"]]
    assert mine and mine[-1]["priority"] == case["priority"]
    # The moderator's decision on the version they saw goes through: nothing they saw changed.
    done = decide(mod, claimed, "delete_message", reason_code=target["suggested_reason"] or "PLT-02")
    assert done.status_code == 201, done.text
    # The escalation time stays as it was.
    assert admin.get(f"/cases/{target['id']}").json()["sla_escalated_at"] == after["sla_escalated_at"]


def test_two_workers_escalate_each_case_once(fresh_platform):
    platform = fresh_platform(access_ttl_seconds=30 * 86_400)
    set_clock(platform, SEED_NOW)
    admin = platform.login("admin1")
    now = platform.clock()
    due = {c["id"] for c in all_cases(admin, status="open") if at(c["sla_deadline"]) < now}
    assert len(due) > 10
    results: list[dict] = []
    sessions = [platform.login("admin1"), platform.login("admin1")]
    barrier = threading.Barrier(2)

    def run(session) -> None:
        barrier.wait()
        results.append(session.post("/jobs/run").json())

    threads = [threading.Thread(target=run, args=(s,)) for s in sessions]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(results) == 2 and all(r["failed"] == {} for r in results), results
    changed = [r["changed"]["escalate_overdue"] for r in results]
    named = [cid for e in escalation_events(admin) for cid in e["payload"]["cases"]]
    assert len(named) == len(set(named))  # no case in two events
    assert set(named) >= due
    assert sum(changed) == len(named)
    for case_id in sorted(due)[:10]:
        detail = admin.get(f"/cases/{case_id}").json()
        assert detail["sla_escalated_at"] is not None and detail["case"]["status"] in ("open", "claimed")


def _members_reports(admin, reporter_id: int) -> dict[int, dict]:
    response = admin.get("/members/reports", params={"reporter_id": reporter_id, "limit": 200})
    assert response.status_code == 200, response.text
    return {r["id"]: r for r in response.json()}


def _staff_names(admin) -> set[str]:
    return {s["username"] for s in admin.get("/moderators").json()} | \
        {s["display_name"] for s in admin.get("/moderators").json()}


def test_reporters_are_told_the_outcome_and_again_after_an_overturn(fresh_platform):
    platform = fresh_platform(access_ttl_seconds=30 * 86_400)
    admin, mod, sup = platform.login("admin1"), platform.login("mod1"), platform.login("sup1")
    case = take_open_case(mod)
    detail = mod.get(f"/cases/{case['id']}").json()
    assert detail["reports"], "a seeded case has reports"
    assert all(r["outcome"] is None for r in detail["reports"])
    report = detail["reports"][0]
    pending = _members_reports(admin, report["reporter_id"])[report["id"]]
    assert pending["outcome"] is None and pending["reason"] == report["reason"]

    reason = case["suggested_reason"] or "PLT-02"
    decided = decide(mod, case, "delete_message", reason_code=reason,
                     note="mod1 removed this; sender " + detail["sender"]["display_name"])
    assert decided.status_code == 201, decided.text
    decision = decided.json()["decision"]
    told = _members_reports(admin, report["reporter_id"])[report["id"]]["outcome"]
    assert told["outcome"] == "action_taken" and told["action"] == "delete_message"
    assert told["reason_code"] == reason
    assert "removed the message" in told["text"] and REASONS[ReasonCode(reason)].en in told["text"]
    assert at(told["at"]) == at(decision["recorded_at"])
    # Every reporter of the case is told; the workstation shows what each was told.
    shown = mod.get(f"/cases/{case['id']}").json()["reports"]
    assert all(r["outcome"] == told for r in shown)

    # No moderator and no other user is named in what a reporter sees.
    raw = admin.get("/members/reports", params={"reporter_id": report["reporter_id"]}).text
    for name in _staff_names(admin) | {detail["sender"]["display_name"]} | \
            {r["reporter_name"] for r in detail["reports"] if r["reporter_id"] != report["reporter_id"]}:
        assert name not in raw, name
    assert "mod1 removed this" not in raw

    platform.clock.advance(120)
    overturned = sup.post(f"/decisions/{decision['id']}/review", json={"verdict": "overturn",
                                                                        "reason": "not a violation after all"})
    assert overturned.status_code == 200, overturned.text
    again = _members_reports(admin, report["reporter_id"])[report["id"]]["outcome"]
    assert again["outcome"] == "reversed" and at(again["at"]) > at(told["at"])
    assert "withdrew" in again["text"]
    assert all(r["outcome"]["outcome"] == "reversed" for r in mod.get(f"/cases/{case['id']}").json()["reports"])


def test_an_overturned_approval_reopens_and_the_next_decision_tells_again(fresh_platform):
    platform = fresh_platform(access_ttl_seconds=30 * 86_400)
    admin, mod, sup = platform.login("admin1"), platform.login("mod1"), platform.login("sup1")
    case = take_open_case(mod)
    report = mod.get(f"/cases/{case['id']}").json()["reports"][0]
    approved = decide(mod, case, "approve")
    assert approved.status_code == 201, approved.text
    told = _members_reports(admin, report["reporter_id"])[report["id"]]["outcome"]
    assert told["outcome"] == "no_violation" and told["reason_code"] is None
    assert "does not break the rules" in told["text"]

    review = sup.post(f"/decisions/{approved.json()['decision']['id']}/review",
                      json={"verdict": "overturn", "reason": "it is a scam"})
    assert review.status_code == 200, review.text
    reopened = review.json()["case"]
    assert reopened["status"] == "open"
    assert _members_reports(admin, report["reporter_id"])[report["id"]]["outcome"]["outcome"] == "reopened"

    warned = decide(sup, reopened, "warn", reason_code="PLT-03")
    assert warned.status_code == 201, warned.text
    final = _members_reports(admin, report["reporter_id"])[report["id"]]["outcome"]
    assert final["outcome"] == "action_taken" and final["action"] == "warn" and final["reason_code"] == "PLT-03"


def test_members_reports_of_an_unknown_user_is_404(platform):
    admin = platform.login("admin1")
    response = admin.get("/members/reports", params={"reporter_id": 2**50})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


def test_an_incident_stage_tells_the_reporters_and_its_undo_tells_them_again(fresh_platform):
    platform = fresh_platform(access_ttl_seconds=30 * 86_400)
    media, expected = _wave(platform)
    ids = ",".join(str(r.id) for r in expected)
    reports = _sql(platform, "SELECT r.id, r.reporter_id FROM reports r JOIN cases c ON c.id = r.case_id "
                             f"WHERE c.status = 'open' AND c.message_id IN ({ids})")
    assert reports
    admin, supervisor = platform.login("admin1"), platform.login("sup1")
    incident = supervisor.post("/incidents", json={"title": "wave", "definition": {
        "media_hashes": [media], "keywords": [DOMAIN], "window_hours": 24}}).json()["id"]
    preview = supervisor.get(f"/incidents/{incident}/preview").json()
    assert _stage(supervisor, incident, preview["digest"]).status_code == 201
    for report_id, reporter in reports:
        told = _members_reports(admin, reporter)[report_id]["outcome"]
        assert told["outcome"] == "action_taken" and told["action"] == "delete_message"
        assert told["reason_code"] == "PLT-03" and "removed the message" in told["text"]
    assert supervisor.post(f"/incidents/{incident}/stages/1/undo").status_code == 200
    for report_id, reporter in reports:
        assert _members_reports(admin, reporter)[report_id]["outcome"]["outcome"] == "reopened"
