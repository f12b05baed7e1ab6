"""The credit rating (Art. 7) on the real platform: the published rule set gives points back
for each full period without a new sanction (a job on the platform's clock, idempotent, the
same when late, dated when each point fell due), and below each tier's floor the members' side
refuses what the tier limits. The user detail says which limits apply and when the next point
comes back."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from qunguan.contract.taxonomy import REASONS
from qunguan.server.credit import load_rules
from qunguan.server.db import open_database
from qunguan.server.importer import import_file
from tests.helpers import decide

pytestmark = pytest.mark.server

RULES = load_rules()
DAY = 86_400
PERIOD = RULES.restore_every_days * DAY
# Ids far above the small seeded data set's (and test_import's).
USER, GROUP, MESSAGE, REPORT = 810_000, 810_000, 8_100_000, 8_110_000
#: A reason whose severity does not multiply the warning's move.
MILD = next(code for code, info in REASONS.items() if RULES.severity_multiplier.get(int(info.severity), 1.0) == 1.0)


def when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def import_users(platform, tmp_path: Path, scores: dict[int, int], *, created: datetime | None = None,
                 reported_messages: int = 0) -> dict[str, Any]:
    """Users (id -> credit score) of an export, a group of theirs (owned by an extra user) and,
    with ``reported_messages``, that many reported messages of the first user (open cases)."""
    now = platform.clock()
    created = created or now - timedelta(days=1)
    owner = max(scores) + 1
    lines: list[dict[str, Any]] = [
        {"type": "user", "id": uid, "display_name": f"信用测试{uid}", "real_name_verified": True,
         "credit_score": score, "created_at": created.isoformat()} for uid, score in scores.items()]
    lines.append({"type": "user", "id": owner, "display_name": "群主", "real_name_verified": True,
                  "created_at": (now - timedelta(days=400)).isoformat()})
    group = GROUP + min(scores) - USER
    lines.append({"type": "group", "id": group, "name": "信用测试群", "owner_id": owner, "member_count": 50,
                  "member_cap": 500, "category": "interest", "tier": 2,
                  "created_at": (now - timedelta(days=300)).isoformat(), "admins": []})
    first = min(scores)
    for i in range(reported_messages):
        message = MESSAGE + (first - USER) * 10 + i
        sent = now - timedelta(minutes=30 - i)
        lines.append({"type": "message", "id": message, "group_id": group, "sender_id": first,
                      "sent_at": sent.isoformat(), "kind": "text", "body": f"加我微信 稳赚不赔 {i}"})
        lines.append({"type": "report", "id": REPORT + (first - USER) * 10 + i, "message_id": message,
                      "reporter_id": owner, "reason": "诈骗", "reason_code": MILD.value,
                      "at": (sent + timedelta(minutes=1)).isoformat()})
    path = tmp_path / f"users-{first}.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), "utf-8")
    db = open_database(platform.db_url)
    try:
        import_file(db, path, now)
    finally:
        db.dispose()
    return {"group": group, "owner": owner, "created": created}


def open_cases(session, group: int) -> list[dict[str, Any]]:
    items = session.get("/cases", params={"status": "open", "group_id": group, "limit": 50}).json()["items"]
    return sorted(items, key=lambda c: c["message_id"])


def warn(moderator, case: dict[str, Any]) -> dict[str, Any]:
    claimed = moderator.post(f"/cases/{case['id']}/claim", json={})
    assert claimed.status_code == 200, claimed.text
    response = decide(moderator, claimed.json(), "warn", reason_code=MILD.value)
    assert response.status_code in (200, 201), response.text
    return response.json()["decision"]


def user(session, uid: int) -> dict[str, Any]:
    response = session.get(f"/users/{uid}")
    assert response.status_code == 200, response.text
    return response.json()


def restorations(detail: dict[str, Any]) -> list[tuple[datetime, int, int, str]]:
    return sorted((when(e["at"]), e["delta"], e["score_after"], e["rules_version"])
                  for e in detail["credit_history"] if e["rule"] == RULES.restore_rule)


def run_jobs(admin) -> dict[str, Any]:
    ran = admin.post("/jobs/run")
    assert ran.status_code == 200, ran.text
    assert "restore_credit" not in ran.json()["failed"], ran.json()["failed"]
    return ran.json()


def restored_audit(session) -> list[dict[str, Any]]:
    events = session.get("/audit", params={"subject": f"rules:{RULES.version}", "limit": 1000}).json()["items"]
    return [e for e in events if e["kind"] == "credit_restored"]


def test_a_point_comes_back_for_each_full_period_up_to_the_maximum(fresh_platform, tmp_path):
    platform = fresh_platform(access_ttl_seconds=400 * DAY)
    facts = import_users(platform, tmp_path, {USER: RULES.maximum}, reported_messages=1)
    moderator, admin, sup = platform.login("mod1"), platform.login("admin1"), platform.login("sup1")
    decision = warn(moderator, open_cases(moderator, facts["group"])[0])
    (sanction,) = [e for e in user(moderator, USER)["credit_history"] if e["decision_id"] == decision["id"]]
    sanctioned_at, score = when(sanction["at"]), sanction["score_after"]
    assert sanction["delta"] == RULES.moves("warn", MILD)[0].delta and score < RULES.maximum - 3
    detail = user(moderator, USER)
    assert when(detail["next_restore_at"]) == sanctioned_at + timedelta(seconds=PERIOD)
    audited = len(restored_audit(sup))

    platform.clock.advance(PERIOD - 120)  # not a full period yet
    changed = [run_jobs(admin)["changed"]["restore_credit"]]
    assert restorations(user(moderator, USER)) == []
    for weeks in (1, 2, 3):
        platform.clock.advance(PERIOD if weeks > 1 else 120)
        changed.append(run_jobs(admin)["changed"]["restore_credit"])
        detail = user(moderator, USER)
        assert restorations(detail) == [
            (sanctioned_at + timedelta(seconds=k * PERIOD), RULES.restore_points, score + k * RULES.restore_points,
             RULES.version) for k in range(1, weeks + 1)]
        assert detail["credit_score"] == score + weeks * RULES.restore_points
        assert when(detail["next_restore_at"]) == sanctioned_at + timedelta(seconds=(weeks + 1) * PERIOD)
    # One audit event for each run that gave something back (seeded users' points too), with how many.
    runs = restored_audit(sup)[audited:]
    assert all(changed[1:])
    assert [e["payload"]["users"] for e in runs] == [n for n in changed if n]
    assert all(e["actor"] == "system" and e["payload"]["rules_version"] == RULES.version for e in runs)

    platform.clock.advance(20 * PERIOD)
    run_jobs(admin)
    detail = user(moderator, USER)
    assert detail["credit_score"] == RULES.maximum and detail["next_restore_at"] is None
    given = restorations(detail)
    assert len(given) == (RULES.maximum - score) // RULES.restore_points
    assert max(s for _, _, s, _ in given) == RULES.maximum
    assert run_jobs(admin)["changed"]["restore_credit"] == 0
    assert restorations(user(moderator, USER)) == given


def test_late_and_concurrent_runs_write_the_same_events(fresh_platform, tmp_path):
    platform = fresh_platform(access_ttl_seconds=400 * DAY)
    facts = import_users(platform, tmp_path, {USER + 100: 100}, reported_messages=1)
    moderator, admin = platform.login("mod1"), platform.login("admin1")
    decision = warn(moderator, open_cases(moderator, facts["group"])[0])
    (sanction,) = [e for e in user(moderator, USER + 100)["credit_history"] if e["decision_id"] == decision["id"]]
    sanctioned_at, score = when(sanction["at"]), sanction["score_after"]
    expected = [(sanctioned_at + timedelta(seconds=k * PERIOD), RULES.restore_points, score + k * RULES.restore_points,
                 RULES.version)
                for k in (1, 2, 3)]

    # Nothing ran for three periods and some hours: the job, late, writes what three on-time runs would.
    platform.clock.advance(3 * PERIOD + 5 * 3600)
    results: list[dict[str, Any]] = []
    threads = [threading.Thread(target=lambda: results.append(run_jobs(platform.login("admin1")))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2
    detail = user(moderator, USER + 100)
    assert restorations(detail) == expected
    assert detail["credit_score"] == score + 3 * RULES.restore_points
    assert run_jobs(admin)["changed"]["restore_credit"] == 0
    assert restorations(user(moderator, USER + 100)) == expected


def test_a_new_sanction_restarts_the_period(fresh_platform, tmp_path):
    platform = fresh_platform(access_ttl_seconds=400 * DAY)
    facts = import_users(platform, tmp_path, {USER + 200: RULES.maximum}, reported_messages=2)
    moderator, admin = platform.login("mod1"), platform.login("admin1")
    first, second = open_cases(moderator, facts["group"])
    warn(moderator, first)
    platform.clock.advance(5 * DAY)
    decision = warn(moderator, second)
    (again,) = [e for e in user(moderator, USER + 200)["credit_history"] if e["decision_id"] == decision["id"]]
    restarted = when(again["at"])
    platform.clock.advance(PERIOD - 5 * DAY + 3600)  # a full period after the first warning, not the second
    run_jobs(admin)
    detail = user(moderator, USER + 200)
    assert restorations(detail) == []
    assert when(detail["next_restore_at"]) == restarted + timedelta(seconds=PERIOD)
    platform.clock.advance(5 * DAY)
    run_jobs(admin)
    assert restorations(user(moderator, USER + 200)) == [
        (restarted + timedelta(seconds=PERIOD), RULES.restore_points, again["score_after"] + RULES.restore_points,
         RULES.version)]


def _floor(limit: str) -> int:
    floor = RULES.limit_floor(limit)
    assert floor is not None, limit
    return floor


def test_tier_limits_refuse_what_they_limit_and_allow_the_rest(fresh_platform, tmp_path):
    platform = fresh_platform()
    links = _floor("no_links") - 5  # links limited, not the posting rate
    rated = _floor("posting_rate_limited") - 5
    assert "posting_rate_limited" not in RULES.limits(links) and "muted" not in RULES.limits(rated)
    full, limited, slow, zero = USER + 300, USER + 301, USER + 302, USER + 303
    facts = import_users(platform, tmp_path, {full: RULES.maximum, limited: links, slow: rated, zero: 0})
    admin = platform.login("admin1")
    group = facts["group"]

    def post(sender: int, kind: str = "text", body: str = "大家好"):
        return admin.post(f"/members/groups/{group}/messages", json={"sender_id": sender, "kind": kind, "body": body})

    def refused(response, limit: str, score: int) -> None:
        assert response.status_code == 403, response.text
        problem = response.json()
        assert problem["type"] == "urn:qunguan:problem:posting-refused"
        assert limit in problem["detail"] and f"credit score is {score}," in problem["detail"]

    assert post(full, "link", "https://example.com/a").status_code == 201
    assert post(limited, "text").status_code == 201
    assert post(limited, "image", "照片").status_code == 201
    refused(post(limited, "link", "https://example.com/b"), "no_links", links)
    refused(post(limited, "file", "报价单.xlsx"), "no_links", links)
    for i in range(RULES.posting_rate_per_minute):
        assert post(slow, body=f"第{i}条").status_code == 201
    refused(post(slow, body="再来一条"), "posting_rate_limited", rated)
    refused(post(slow, "link", "https://example.com/c"), "no_links", rated)
    assert post(full, body="不限速").status_code == 201  # the others are not rate-limited
    platform.clock.advance(61)
    assert post(slow, body="一分钟后").status_code == 201
    refused(post(zero), "muted", 0)
    # Nothing refused was stored.
    bodies = [m["body"] for m in admin.get(f"/members/groups/{group}/messages", params={"limit": 50}).json()["items"]]
    assert "再来一条" not in bodies and "https://example.com/b" not in bodies and "一分钟后" in bodies


def test_the_user_detail_names_limits_floor_and_next_point(fresh_platform, tmp_path):
    platform = fresh_platform()
    score = _floor("no_links") - 5
    facts = import_users(platform, tmp_path, {USER + 400: score, USER + 401: RULES.maximum, USER + 402: 0})
    moderator = platform.login("mod1")
    detail = user(moderator, USER + 400)
    assert detail["credit_maximum"] == RULES.maximum and detail["credit_rules_version"] == RULES.version
    assert detail["limits"] == RULES.limits(score)
    assert "no_links" in detail["limits"] and "posting_rate_limited" not in detail["limits"]
    assert detail["tier_floor"] is not None and detail["tier_floor"] <= score
    assert RULES.limits(detail["tier_floor"] - 1) != detail["limits"]  # below the floor, more is limited
    # No sanction on record: the period runs from the account's creation.
    assert when(detail["next_restore_at"]) == facts["created"] + timedelta(seconds=PERIOD)
    top = user(moderator, USER + 401)
    assert top["limits"] == [] and top["next_restore_at"] is None
    bottom = user(moderator, USER + 402)
    assert "muted" in bottom["limits"] and bottom["tier_floor"] is None


def test_a_score_without_sanctions_comes_back_from_the_accounts_creation(fresh_platform, tmp_path):
    platform = fresh_platform()
    created = platform.clock() - timedelta(seconds=2 * PERIOD + 3600)
    import_users(platform, tmp_path, {USER + 500: 100}, created=created)
    admin, moderator = platform.login("admin1"), platform.login("mod1")
    run_jobs(admin)
    detail = user(moderator, USER + 500)
    assert restorations(detail) == [(created + timedelta(seconds=k * PERIOD), 1, 100 + k, RULES.version)
                                    for k in (1, 2)]
