"""Retention (Art. 14; PIPL Art. 19): the access log, the retention job at the platform's time,
legal holds, and the audit chain that is never touched."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

from qunguan.server.config import Settings
from qunguan.server.db import normalise_url
from tests.helpers import decide, take_open_case, verify_audit

pytestmark = pytest.mark.server

DAY = 86_400
#: Long enough that a session logged in before the clock moves stays logged in.
LONG = 400 * DAY


def _sql(platform, query: str, **params):
    engine = create_engine(normalise_url(platform.db_url))
    try:
        with engine.connect() as connection:
            return connection.execute(text(query), params).all()
    finally:
        engine.dispose()


def _posters(platform, n: int) -> list[tuple[int, int]]:
    """(group, user) pairs where the user may post now and nothing keeps their identity: an owner of
    an active group, verified, never sanctioned, with no open case about them; each pair its own group."""
    rows = _sql(platform, """
        SELECT g.id, u.id FROM groups g JOIN platform_users u ON u.id = g.owner_id
        WHERE g.status = 'active' AND u.status = 'active' AND u.real_name IS NOT NULL AND u.phone IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM sanctions s WHERE s.user_id = u.id)
          AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.sender_id = u.id AND c.status <> 'resolved')
          AND (SELECT count(*) FROM groups g2 WHERE g2.owner_id = u.id) = 1
        ORDER BY u.credit_score DESC, g.id LIMIT :n""", n=n)
    assert len(rows) == n
    return [(g, u) for g, u in rows]


def _post(admin, group: int, user: int, body: str) -> dict:
    response = admin.post(f"/members/groups/{group}/messages", json={"sender_id": user, "body": body})
    assert response.status_code == 201, response.text
    return response.json()


def _message(session, group: int, message_id: int) -> dict:
    items = session.get(f"/groups/{group}/messages", params={"after": message_id - 1, "limit": 1}).json()["items"]
    assert items and items[0]["id"] == message_id
    return items[0]


def _identity(sup, user: int) -> tuple[str | None, str | None]:
    response = sup.post(f"/users/{user}/reveal", json={"reason": "retention test"})
    assert response.status_code == 200, response.text
    return response.json()["real_name"], response.json()["phone"]


def _audit(session) -> list[dict]:
    events, after = [], 0
    while True:
        page = session.get("/audit", params={"after": after, "limit": 1000}).json()
        events += page["items"]
        if not page["next_cursor"]:
            return events
        after = int(page["next_cursor"])


def _run_jobs(platform, admin=None) -> dict:
    response = (admin or platform.login("admin1")).post("/jobs/run")
    assert response.status_code == 200, response.text
    assert "retention" not in response.json()["failed"], response.json()["failed"]
    return response.json()["changed"]


def test_personal_data_goes_at_the_policy_boundary_unless_held_and_audit_stays(fresh_platform):
    platform = fresh_platform(access_ttl_seconds=LONG, personal_data_retention_days=180)
    admin = platform.login("admin1")
    sup = platform.login("sup1")
    (g_held, u_in_held_group), *others = _posters(platform, 12)
    members_of_held = {row[0] for row in _sql(platform, "SELECT user_id FROM group_members WHERE group_id = :g",
                                              g=g_held)}
    (g_old, u_old), (g_user_held, u_held) = [(g, u) for g, u in others if u not in members_of_held][:2]
    # A resolved case (seeded, long before now) to put on hold, and a message of its group outside its window.
    case_id, case_message, case_group = _sql(platform, """
        SELECT c.id, c.message_id, c.group_id FROM cases c WHERE c.status = 'resolved'
          AND (SELECT count(*) FROM messages m WHERE m.group_id = c.group_id AND m.id > c.message_id) > 30
        ORDER BY c.id LIMIT 1""")[0]
    far_message = _sql(platform, "SELECT id FROM messages WHERE group_id = :g AND id > :m ORDER BY id LIMIT 1 "
                                 "OFFSET 25", g=case_group, m=case_message)[0][0]
    near_message = _sql(platform, "SELECT id FROM messages WHERE group_id = :g AND id > :m ORDER BY id LIMIT 1",
                        g=case_group, m=case_message)[0][0]
    attachments_before = _sql(platform, "SELECT count(*) FROM attachments")[0][0]
    open_case_message, open_case_group = _sql(platform, "SELECT message_id, group_id FROM cases "
                                                        "WHERE status = 'open' ORDER BY id LIMIT 1")[0]

    old = _post(admin, g_old, u_old, "my phone is 13800000000, call me")
    held_user_msg = _post(admin, g_user_held, u_held, "held user's words")
    held_group_msg = _post(admin, g_held, u_in_held_group, "held group's words")
    for kind, subject in (("user", u_held), ("group", g_held), ("case", case_id)):
        response = sup.post("/legal-holds", json={"subject_kind": kind, "subject_id": subject,
                                                  "reason": "police request 2026-118"})
        assert response.status_code == 201, response.text
        assert response.json()["placed_by"] == "sup1"
    assert sup.post("/legal-holds", json={"subject_kind": "user", "subject_id": 2**40, "reason": "x y"}
                    ).status_code == 404
    holds = sup.get("/legal-holds").json()
    assert {(h["subject_kind"], h["subject_id"]) for h in holds} >= {("user", u_held), ("group", g_held),
                                                                      ("case", case_id)}
    # Today only the identities of users who never posted in the period are due (the seed has some);
    # then nothing is, and a run that removes nothing leaves no audit event.
    _run_jobs(platform)
    audit_before = _audit(admin)
    assert _run_jobs(platform, admin)["retention"] == 0
    assert [e for e in _audit(admin)[len(audit_before):] if e["kind"] == "retention"] == []
    sent_at = datetime.fromisoformat(old["sent_at"])
    assert _identity(sup, u_old)[0] is not None

    # One minute before the boundary: everything of today's is kept, the seeded past is not.
    offset = (sent_at + timedelta(days=180) - platform.clock()).total_seconds()
    platform.clock.advance(offset - 60)
    changed = _run_jobs(platform)
    assert changed["retention"] > 0  # the seeded messages of November went
    admin, sup = platform.login("admin1"), platform.login("sup1")
    assert _message(admin, g_old, old["id"])["body"] == "my phone is 13800000000, call me"
    assert _identity(sup, u_old) != (None, None)

    # One minute after it: gone, except what is held.
    platform.clock.advance(120)
    changed = _run_jobs(platform)
    admin, sup = platform.login("admin1"), platform.login("sup1")
    assert changed["retention"] > 0
    gone = _message(admin, g_old, old["id"])
    assert gone["body"] == "" and gone["attachments"] == []
    assert _identity(sup, u_old) == (None, None)
    assert _message(admin, g_user_held, held_user_msg["id"])["body"] == "held user's words"
    assert _identity(sup, u_held) != (None, None)
    assert _message(admin, g_held, held_group_msg["id"])["body"] == "held group's words"
    assert _identity(sup, u_in_held_group) != (None, None)
    assert _message(admin, case_group, case_message)["body"] != ""
    assert _message(admin, case_group, near_message)["body"] != ""  # in the case's conversation window
    assert _message(admin, case_group, far_message)["body"] == ""
    assert _message(admin, open_case_group, open_case_message)["body"] != ""  # still under review
    assert _sql(platform, "SELECT count(*) FROM attachments")[0][0] < attachments_before
    # A resolved case's excerpt went with its message; a held case's stayed.
    assert _sql(platform, "SELECT excerpt FROM cases WHERE id = :c", c=case_id)[0][0] != ""
    assert _sql(platform, "SELECT count(*) FROM cases c JOIN messages m ON m.id = c.message_id "
                          "WHERE m.redacted_at IS NOT NULL AND c.excerpt <> ''")[0][0] == 0

    # Idempotent: the next run finds nothing (within its batch the job did everything here).
    assert _run_jobs(platform)["retention"] == 0

    # Audit events are never removed; the run is recorded with its counts; the chain verifies.
    audit_after = _audit(admin)
    assert [e["hash"] for e in audit_after[:len(audit_before)]] == [e["hash"] for e in audit_before]
    runs = [e for e in audit_after[len(audit_before):] if e["kind"] == "retention"]
    assert len(runs) == 2 and all(e["actor"] == "system" for e in runs)
    assert runs[-1]["payload"]["messages_redacted"] >= 1 and runs[-1]["payload"]["identities_removed"] >= 1
    assert runs[-1]["payload"]["legal_holds"] == {"users": 1, "groups": 1, "messages": runs[-1]["payload"][
        "legal_holds"]["messages"]}
    verified = verify_audit(platform)
    assert verified.returncode == 0, verified.stderr
    assert "audit chain verified" in verified.stdout

    # Releasing a hold is audited, and the next run removes what it kept.
    hold = next(h for h in sup.get("/legal-holds").json() if h["subject_kind"] == "user")
    released = sup.delete(f"/legal-holds/{hold['id']}")
    assert released.status_code == 200 and released.json()["released_by"] == "sup1"
    assert sup.delete(f"/legal-holds/{hold['id']}").status_code == 409
    assert hold["id"] not in [h["id"] for h in sup.get("/legal-holds").json()]
    assert hold["id"] in [h["id"] for h in sup.get("/legal-holds", params={"active": "false"}).json()]
    _run_jobs(platform)
    assert _message(admin, g_user_held, held_user_msg["id"])["body"] == ""
    assert _identity(sup, u_held) == (None, None)
    kinds = [e["kind"] for e in _audit(admin)]
    assert kinds.count("legal_hold") == 3 and kinds.count("legal_hold_released") == 1
    assert verify_audit(platform).returncode == 0


def _appeal(platform, text: str) -> dict:
    """A suspension decided by mod1, appealed by its user in ``text``, upheld by sup1."""
    case = take_open_case(platform.login("mod1"))
    decision = decide(platform.login("mod1"), case, "suspend", reason_code="PLT-03",
                      duration_seconds=86_400).json()["decision"]
    appeal = platform.login("admin1").post("/members/appeals", json={"decision_id": decision["id"], "text": text})
    assert appeal.status_code == 201, appeal.text
    upheld = platform.login("sup1").post(f"/appeals/{appeal.json()['id']}/decide",
                                         json={"verdict": "uphold", "reason": "证据充分"})
    assert upheld.status_code == 200, upheld.text
    return appeal.json()


def test_appeal_texts_go_with_personal_data_unless_held(fresh_platform):
    platform = fresh_platform(access_ttl_seconds=LONG, personal_data_retention_days=180)
    sup = platform.login("sup1")
    gone = _appeal(platform, "我是被盗号了，电话 13900000000")
    kept = _appeal(platform, "held: the police asked for this one")
    assert sup.post("/legal-holds", json={"subject_kind": "case", "subject_id": kept["case_id"],
                                          "reason": "police request 2026-119"}).status_code == 201
    case = take_open_case(platform.login("mod2"))
    decision = decide(platform.login("mod2"), case, "warn", reason_code="PLT-02").json()["decision"]
    open_appeal = platform.login("admin1").post("/members/appeals", json={"decision_id": decision["id"],
                                                                          "text": "still being decided"}).json()

    def texts() -> dict[int, str]:
        auditor = platform.login("audit1")
        return {a["id"]: a["text"] for status in ("open", "upheld")
                for a in auditor.get("/appeals", params={"status": status}).json()}

    _run_jobs(platform)
    assert texts()[gone["id"]].startswith("我是被盗号了")  # not yet: made today
    platform.clock.advance(181 * DAY)
    changed = _run_jobs(platform)
    assert changed["retention"] > 0
    now = texts()
    assert now[gone["id"]] == ""  # the appeal, its outcome and the supervisor's reason stay
    assert now[kept["id"]] == "held: the police asked for this one"
    assert now[open_appeal["id"]] == "still being decided"  # not decided yet
    listed = next(a for a in platform.login("audit1").get("/appeals", params={"status": "upheld"}).json()
                  if a["id"] == gone["id"])
    assert listed["status"] == "upheld" and listed["reason"] == "证据充分"
    runs = [e for e in _audit(platform.login("admin1")) if e["kind"] == "retention"]
    assert sum(e["payload"]["appeal_texts_removed"] for e in runs) >= 1
    assert verify_audit(platform).returncode == 0


def test_access_log_records_requests_and_keeps_them_six_months(fresh_platform):
    platform = fresh_platform(access_ttl_seconds=LONG, log_retention_days=183)
    mod = platform.login("mod1")
    assert mod.get("/cases", params={"limit": 3, "status": "open"}).status_code == 200
    assert mod.get("/groups/999999999").status_code == 404
    assert mod.get("/decisions").status_code == 403
    platform.anonymous().get("/cases")  # not authenticated: not logged
    auditor = platform.login("audit1")
    me = mod.get("/auth/me").json()
    page = auditor.get("/access-log", params={"staff_id": me["id"], "limit": 200}).json()
    seen = [(e["method"], e["route"], e["status"]) for e in page["items"]]
    assert ("GET", "/cases", 200) in seen
    assert ("GET", "/groups/{group_id}", 404) in seen
    assert ("GET", "/decisions", 403) in seen
    entry = page["items"][0]
    assert entry["username"] == "mod1" and entry["client"] == "127.0.0.1"
    assert all("?" not in e["route"] and "999999999" not in e["route"] for e in page["items"])
    # No token, password or body is stored anywhere in the row.
    dump = repr(_sql(platform, "SELECT * FROM access_log"))
    assert mod.tokens["access_token"] not in dump and "qunguan-demo" not in dump
    # Moderators may not read it; a time filter works.
    assert mod.get("/access-log").status_code == 403
    first_at = min(datetime.fromisoformat(e["at"]) for e in page["items"])
    until = (first_at + timedelta(minutes=5)).isoformat()
    assert auditor.get("/access-log", params={"staff_id": me["id"], "until": until}).json()["items"]
    future = (first_at + timedelta(days=1)).isoformat()
    assert auditor.get("/access-log", params={"since": future}).json()["items"] == []

    # Kept through 183 days; gone just after.
    offset = (first_at + timedelta(days=183) - platform.clock()).total_seconds()
    platform.clock.advance(offset - 60)
    _run_jobs(platform)
    auditor = platform.login("audit1")
    assert auditor.get("/access-log", params={"staff_id": me["id"], "until": until}).json()["items"]
    platform.clock.advance(120)
    _run_jobs(platform)
    assert auditor.get("/access-log", params={"staff_id": me["id"], "until": until}).json()["items"] == []
    # Newer rows stay; the removal is in the audit chain.
    assert auditor.get("/access-log").json()["items"]
    runs = [e for e in _audit(auditor) if e["kind"] == "retention"]
    assert runs and runs[-1]["payload"]["access_log_removed"] >= 3


def test_a_policy_below_six_months_is_refused(fresh_platform, tmp_path):
    with pytest.raises(ValueError, match="at least six months"):
        Settings(db_url="x.db", log_retention_days=182)
    with pytest.raises(ValueError, match="at least six months"):
        fresh_platform(log_retention_days=90)
    with pytest.raises(ValueError, match="at least 1 day"):
        Settings(db_url="x.db", personal_data_retention_days=0)
    done = subprocess.run([sys.executable, "-m", "qunguan.server.cli", "serve", "--db", str(tmp_path / "p.db"),
                           "--log-retention-days", "100"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "at least six months" in done.stderr


def test_retention_command_dry_run_then_removes(database_factory):
    url = database_factory.clone()
    base = [sys.executable, "-m", "qunguan.server.cli", "retention", "--db", url,
            "--audit-key", str(database_factory.audit_key), "--personal-retention-days", "1"]
    dry = subprocess.run([*base, "--dry-run"], capture_output=True, text=True, timeout=120)
    assert dry.returncode == 0, dry.stderr
    would = {line.split(": ")[0].removeprefix("would remove "): int(line.split(": ")[1])
             for line in dry.stdout.splitlines() if line.startswith("would remove")}
    assert would["messages redacted"] > 0 and would["identities removed"] > 0
    # A dry run changes nothing (the first line, with the cutoff's minute, may differ).
    again = subprocess.run([*base, "--dry-run"], capture_output=True, text=True, timeout=120)
    assert again.stdout.splitlines()[1:] == dry.stdout.splitlines()[1:]
    assert "audit events are kept" in dry.stdout.splitlines()[0]
    real = subprocess.run(base, capture_output=True, text=True, timeout=300)
    assert real.returncode == 0, real.stderr
    removed = {line.split(": ")[0].removeprefix("removed "): int(line.split(": ")[1])
               for line in real.stdout.splitlines() if line.startswith("removed")}
    assert removed == would
    after = subprocess.run([*base, "--dry-run"], capture_output=True, text=True, timeout=120)
    assert all(line.endswith(": 0") for line in after.stdout.splitlines() if line.startswith("would remove"))
    verified = subprocess.run([sys.executable, "-m", "qunguan.server.cli", "verify-audit", "--db", url,
                               "--audit-key", str(database_factory.audit_key)], capture_output=True, text=True,
                              timeout=120)
    assert verified.returncode == 0, verified.stderr
