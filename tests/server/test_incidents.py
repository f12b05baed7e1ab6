"""Emergency response on the seeded scam wave: the preview's counts are the database's, a
staged bulk action is applied once (a retry with its key changes nothing), undo of a stage
restores what it changed, a stale preview or a closed undo window is refused, and the incident
with every stage lands in a chain that still verifies."""

from __future__ import annotations

import hashlib
import re
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

from qunguan.contract.audit import verify_chain
from qunguan.contract.models import AuditEvent, IncidentDefinition
from qunguan.contract.problems import ProblemType
from qunguan.server import models as db
from qunguan.server.db import normalise_url, open_database
from qunguan.server.importer import import_file
from qunguan.server.incidents import preview, required_literal
from tests.helpers import new_account
from tests.platform_fixture import SEED_NOW

pytestmark = pytest.mark.server
DOMAIN = "tz-vip888.example"
IMPORTED_SCAM = 7_000_001  # tests/server/test_import.py's first message


def _sql(platform, query: str, **params):
    engine = create_engine(normalise_url(platform.db_url))
    with engine.connect() as conn:
        rows = conn.execute(text(query), params).all()
    engine.dispose()
    return rows


def _wave(platform):
    """Set the platform's clock to an hour after the seeded data's "now"; return the wave's poster
    hash (the media hash most posted in the last day) and the database's own count of what the
    definition below matches."""
    now = SEED_NOW + timedelta(hours=1)
    platform.clock.advance((now - datetime.now(UTC)).total_seconds())
    since = (now - timedelta(hours=24)).replace(tzinfo=None)
    (media, _), *_ = _sql(platform, "SELECT media_hash, count(*) AS n FROM messages WHERE media_hash IS NOT NULL "
                                    "AND sent_at >= :since GROUP BY media_hash ORDER BY n DESC", since=since)
    rows = _sql(platform, "SELECT id, group_id, sender_id FROM messages WHERE sent_at >= :since AND "
                          "(media_hash = :media OR body LIKE :domain)", since=since, media=media,
                domain=f"%{DOMAIN}%")
    return media, rows


def _stage(session, incident, digest, action="delete_messages", key=None, **extra):
    return session.post(f"/incidents/{incident}/stages", headers={"Idempotency-Key": key or str(uuid.uuid4())},
                        json={"action": action, "reason_code": "PLT-03", "expected_digest": digest, **extra})


def test_the_scam_wave_end_to_end(fresh_platform):
    platform = fresh_platform()
    media, expected = _wave(platform)
    assert len({r.group_id for r in expected}) >= 10  # it is a wave: many groups
    supervisor = platform.login("sup1")
    definition = {"media_hashes": [media], "keywords": [DOMAIN], "window_hours": 24}
    opened = supervisor.post("/incidents", json={"title": "荐股诈骗群发", "definition": definition})
    assert opened.status_code == 201, opened.text
    incident = opened.json()["id"]
    assert incident in [i["id"] for i in platform.login("sup2").get("/incidents", params={"status": "open"}).json()]

    preview = supervisor.get(f"/incidents/{incident}/preview").json()
    assert preview["messages"] == len(expected)
    assert preview["groups"] == len({r.group_id for r in expected})
    assert preview["users"] == len({r.sender_id for r in expected})
    assert preview["open_cases"] > 0 and preview["members_reached"] > preview["groups"]
    assert {m["id"] for m in preview["sample"]} <= {r.id for r in expected}

    key = str(uuid.uuid4())
    first = _stage(supervisor, incident, preview["digest"], key=key, note="群发荐股诈骗，批量删除")
    assert first.status_code == 201, first.text
    stage = first.json()["stages"][0]
    assert stage["counts"]["messages"] == preview["messages"]
    assert stage["counts"]["cases"] == preview["open_cases"]
    again = _stage(supervisor, incident, preview["digest"], key=key, note="群发荐股诈骗，批量删除")
    assert again.status_code == 200 and len(again.json()["stages"]) == 1  # applied once
    ids = ",".join(str(r.id) for r in expected)
    deleted = _sql(platform, f"SELECT count(*) FROM messages WHERE deleted_at IS NOT NULL AND id IN ({ids})")[0][0]
    assert deleted == len(expected)
    open_left = supervisor.get(f"/incidents/{incident}/preview").json()
    assert open_left["open_cases"] == 0

    # the deletions changed nothing that matches: a second stage on the same preview is fine
    second = _stage(supervisor, incident, open_left["digest"], action="mute_senders", duration_seconds=86_400)
    assert second.status_code == 201, second.text
    senders = {r.sender_id for r in expected}
    muted = supervisor.get(f"/users/{min(senders)}").json()
    assert muted["status"] in ("muted", "suspended", "banned", "blacklisted")

    undone = supervisor.post(f"/incidents/{incident}/stages/2/undo")
    assert undone.status_code == 200, undone.text
    assert undone.json()["stages"][1]["undone_at"] is not None
    assert supervisor.post(f"/incidents/{incident}/stages/2/undo").status_code == 409  # once
    assert supervisor.post(f"/incidents/{incident}/stages/1/undo").status_code == 200
    visible = _sql(platform, f"SELECT count(*) FROM messages WHERE deleted_at IS NULL AND id IN ({ids})")[0][0]
    assert visible == len(expected)
    assert supervisor.get(f"/incidents/{incident}/preview").json()["open_cases"] == preview["open_cases"]

    closed = supervisor.post(f"/incidents/{incident}/close").json()
    assert closed["status"] == "closed"
    assert _stage(supervisor, incident, preview["digest"]).status_code == 409

    events = supervisor.get("/audit", params={"subject": f"incident:{incident}", "limit": 100}).json()["items"]
    assert [e["kind"] for e in events] == ["incident_opened", "incident_stage", "incident_stage", "incident_undone",
                                          "incident_undone", "incident_closed"]
    everything, after = [], 0
    while True:
        page = supervisor.get("/audit", params={"after": after, "limit": 1000}).json()
        everything += [AuditEvent.model_validate(e) for e in page["items"]]
        if not page["next_cursor"]:
            break
        after = int(page["next_cursor"])
    assert verify_chain(everything).ok


def test_a_mute_stage_is_undone_exactly(fresh_platform):
    platform = fresh_platform()
    _, expected = _wave(platform)
    supervisor = platform.login("sup2")
    senders = sorted({r.sender_id for r in expected})
    before = {u: supervisor.get(f"/users/{u}").json() for u in senders}
    incident = supervisor.post("/incidents", json={"title": "wave", "definition": {"sender_ids": senders}}).json()
    preview = supervisor.get(f"/incidents/{incident['id']}/preview").json()
    assert preview["users"] == len(senders)
    assert _stage(supervisor, incident["id"], preview["digest"], action="mute_senders",
                  duration_seconds=3 * 86_400).status_code == 201
    assert all(supervisor.get(f"/users/{u}").json()["status"] == "muted" for u in senders
               if before[u]["status"] == "active")
    assert supervisor.post(f"/incidents/{incident['id']}/stages/1/undo").status_code == 200
    after = {u: supervisor.get(f"/users/{u}").json() for u in senders}
    for u in senders:
        assert after[u]["status"] == before[u]["status"]
        assert after[u]["credit_score"] == before[u]["credit_score"]
        assert after[u]["muted_until"] == before[u]["muted_until"]


def test_stale_previews_closed_windows_and_bad_definitions_are_refused(fresh_platform):
    platform = fresh_platform()
    media, expected = _wave(platform)
    supervisor = platform.login("sup1")
    incident = supervisor.post("/incidents", json={"title": "wave", "definition": {"media_hashes": [media]}}).json()
    digest = supervisor.get(f"/incidents/{incident['id']}/preview").json()["digest"]
    # a new message of the wave arrives after the preview
    members = platform.login("admin1")
    group = expected[0].group_id
    posters = [r.sender_id for r in _sql(platform, "SELECT sender_id FROM messages WHERE group_id = :g "
                                                   "AND media_hash IS NULL LIMIT 20", g=group)]
    for poster in posters:
        if members.post(f"/members/groups/{group}/messages",
                        json={"sender_id": poster, "body": f"加群 {DOMAIN} 日赚三千"}).status_code == 201:
            break
    stale = _stage(supervisor, incident["id"], digest)
    # the new message carries the domain but not the poster: only the keyword definition sees it
    assert stale.status_code == 201
    by_keyword = supervisor.post("/incidents", json={"title": "kw", "definition": {"keywords": [DOMAIN]}}).json()
    old = supervisor.get(f"/incidents/{by_keyword['id']}/preview").json()["digest"]
    members.post(f"/members/groups/{group}/messages", json={"sender_id": poster, "body": f"{DOMAIN} 稳赚不赔"})
    refused = _stage(supervisor, by_keyword["id"], old)
    assert refused.status_code == 409 and "preview again" in refused.json()["detail"]
    platform.clock.advance(11 * 60)
    late = supervisor.post(f"/incidents/{incident['id']}/stages/1/undo")
    assert late.status_code == 409 and "undo window" in late.json()["detail"]

    for definition in ({}, {"regex": "(unclosed"}, {"keywords": ["x"], "window_hours": 24 * 8}):
        bad = supervisor.post("/incidents", json={"title": "bad", "definition": definition})
        assert bad.status_code == 422, (definition, bad.text)
    _, moderator = new_account(platform)
    assert moderator.post("/incident-preview", json={"keywords": ["x"]}).status_code == 403
    regex = supervisor.post("/incident-preview", json={"regex": re.escape(DOMAIN) + r"/\?c=\w+"}).json()
    assert regex["messages"] >= 1


# --- the indexes behind the preview, and its time limit --------------------------------------------


def _digest(ids) -> str:
    return hashlib.sha256(",".join(str(i) for i in sorted(ids)).encode()).hexdigest()


def _window_bodies(platform, hours: int):
    since = (SEED_NOW + timedelta(hours=1) - timedelta(hours=hours)).replace(tzinfo=None)
    return _sql(platform, "SELECT id, body FROM messages WHERE sent_at >= :since", since=since)


def _post(platform, body: str) -> int:
    """Post a message as a member of a group with the wave in it; return its id."""
    members = platform.login("admin1")
    for group, poster in _sql(platform, "SELECT group_id, sender_id FROM messages WHERE media_hash IS NULL "
                                        "ORDER BY id DESC LIMIT 40"):
        posted = members.post(f"/members/groups/{group}/messages", json={"sender_id": poster, "body": body})
        if posted.status_code == 201:
            return posted.json()["id"]
    raise AssertionError("no member could post")


def test_indexed_keywords_match_a_scan_of_the_window(fresh_platform):
    """Keywords of three characters or more are looked up in the text index (FTS5 trigrams on
    SQLite, pg_trgm on PostgreSQL), shorter ones scan the window: either way the preview is
    exactly what the database's own ILIKE over every message of the window finds, also for a
    message posted after the seed (the index's insert trigger) and one whose body changed (its
    update trigger)."""
    platform = fresh_platform()
    _wave(platform)
    posted = _post(platform, "新词zq77测试 加群领取")
    changed = _sql(platform, "SELECT id FROM messages WHERE id <> :p ORDER BY sent_at DESC LIMIT 1", p=posted)[0][0]
    engine = create_engine(normalise_url(platform.db_url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE messages SET body = body || ' ZQ88改' WHERE id = :id"), {"id": changed})
    engine.dispose()
    supervisor = platform.login("sup1")
    cases = [[DOMAIN], [DOMAIN.upper()], ["日赚"], ["稳赚不赔"], ["群"], ["zq77测试"], ["zq88改"], ["Zq88"],
             ["%"], ["_"], ["100%"], ["a_b"], [" 加群"], ["赚", "http"], [DOMAIN, "稳赚不赔", "日赚3000"]]
    for hours in (24, 7 * 24):
        since = (SEED_NOW + timedelta(hours=1) - timedelta(hours=hours)).replace(tzinfo=None)
        for keywords in cases:
            ids: set[int] = set()
            for k in keywords:
                pattern = "%" + k.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                ids.update(r[0] for r in _sql(platform, "SELECT id FROM messages WHERE sent_at >= :since AND "
                                                        "lower(body) LIKE lower(:p) ESCAPE '\\'", since=since,
                                              p=pattern))
            got = supervisor.post("/incident-preview", json={"keywords": keywords, "window_hours": hours})
            assert got.status_code == 200, got.text
            assert (got.json()["messages"], got.json()["digest"]) == (len(ids), _digest(ids)), (keywords, hours)
        found = supervisor.post("/incident-preview", json={"keywords": ["zq77测试"], "window_hours": hours}).json()
        assert [m["id"] for m in found["sample"]] == [posted]
        found = supervisor.post("/incident-preview", json={"keywords": ["zq88改"], "window_hours": hours}).json()
        assert [m["id"] for m in found["sample"]] == [changed]


def test_regular_expressions_match_as_a_scan_does(fresh_platform):
    """A regular expression with a literal part is tested only on the messages the text index
    gives for that part; the matches are exactly Python's re over every message of the window."""
    platform = fresh_platform()
    _wave(platform)
    _post(platform, "zq99 新品")
    _post(platform, "zq99 新品-optional-tail")
    supervisor = platform.login("sup1")
    patterns = [r"zq99 (新品-optional-tail)?", r"zq99 新品(-optional-tail)+",
                re.escape(DOMAIN) + r"/\?c=\w+", r"\d{3,}", r"(?i)TZ-VIP", r"稳赚(不赔)?", r"(日赚|月入)\d+",
                r"加群.{0,5}赚", r"(http)+s?://", r"^\S+$", r"vip888(\.example)?", r"[a-z]+888"]
    for hours in (24, 7 * 24):
        bodies = _window_bodies(platform, hours)
        for source in patterns:
            compiled = re.compile(source)
            ids = {mid for mid, body in bodies if compiled.search(body)}
            got = supervisor.post("/incident-preview", json={"regex": source, "window_hours": hours})
            assert got.status_code == 200, got.text
            assert (got.json()["messages"], got.json()["digest"]) == (len(ids), _digest(ids)), (source, hours)


def test_the_literal_a_regular_expression_requires():
    assert required_literal(re.escape(DOMAIN) + r"/\?c=\w+") == DOMAIN + "/?c="
    assert required_literal(r"x(abcd)+y") == "abcd"
    assert required_literal(r"(?:abc)?defg") == "defg"
    assert required_literal(r"ab%cdef") == "cdef"  # LIKE's wildcards are not looked up
    assert required_literal(r"稳赚不赔|日赚") is None  # either side: nothing both have
    assert required_literal(r"(?i)domain") is None  # the index folds case its own way
    assert required_literal(r"a(?i:bcd)efg") is None
    assert required_literal(r"ab\d+") is None  # too short to look up


def test_a_slow_regular_expression_is_stopped_and_the_platform_keeps_answering(fresh_platform):
    """A catastrophic pattern (nested repetition) is stopped at the platform's limit with a
    problem that says so; meanwhile the same platform process answers other requests."""
    platform = fresh_platform(incident_regex_seconds=3)
    _wave(platform)
    _post(platform, "a" * 60 + "b")
    supervisor, other = platform.login("sup1"), platform.login("sup2")
    answer: dict[str, object] = {}
    slow = threading.Thread(target=lambda: answer.update(
        r=supervisor.post("/incident-preview", json={"regex": "(a|aa)+$"})))
    slow.start()
    time.sleep(0.5)
    assert other.get("/incidents").status_code == 200
    assert slow.is_alive()  # the other request was answered while the pattern ran
    slow.join(60)
    refused = answer["r"]
    assert refused.status_code == 422, refused.text  # type: ignore[attr-defined]
    problem = refused.json()  # type: ignore[attr-defined]
    assert problem["type"] == ProblemType.PATTERN_TOO_SLOW.value
    assert "3 s" in problem["detail"] and "more specific" in problem["detail"]
    incident = supervisor.post("/incidents", json={"title": "slow", "definition": {"regex": "(a|aa)+$"}}).json()
    again = supervisor.get(f"/incidents/{incident['id']}/preview")
    assert again.status_code == 422 and again.json()["type"] == ProblemType.PATTERN_TOO_SLOW.value
    assert supervisor.post("/incident-preview", json={"regex": "a{60}b"}).json()["messages"] == 1


def test_imported_messages_are_in_the_text_index(database_factory, tmp_path):
    """The importer indexes its messages in bulk (not row by row) and leaves the index kept in
    step for the messages posted after it."""
    from tests.server.test_import import good_export, seeded_facts, write_jsonl

    url = database_factory.clone()
    now = datetime.now(UTC).replace(microsecond=0)
    path = write_jsonl(tmp_path / "good.jsonl", good_export(now, seeded_facts(url)))
    database = open_database(url)
    try:
        import_file(database, path, now)
        with database.writing() as session:
            later = db.Message(group_id=1, sender_id=1, sent_at=now, kind="text", body="导入之后 zq55-later")
            session.add(later)
            session.flush()
            later_id = later.id
        with database.reading() as session:
            imported = preview(session, IncidentDefinition(keywords=["cx-bank-help.example"]), now)
            posted = preview(session, IncidentDefinition(keywords=["zq55-later"]), now)
            short = preview(session, IncidentDefinition(keywords=["懂的"]), now)
    finally:
        database.dispose()
    assert [m.id for m in imported.sample] == [IMPORTED_SCAM]
    assert [m.id for m in posted.sample] == [later_id]
    assert IMPORTED_SCAM + 2 in [m.id for m in short.sample]
