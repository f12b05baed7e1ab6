"""The faster decision path keeps its guarantees: the account behind a token is read inside the
decision's own transaction (disabling it or changing its role takes effect at the next
decision), a remembered token still expires by the platform's clock, and many writers at once
on distinct cases leave one linear audit chain and a gap-free change feed."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, text

from qunguan.contract.audit import verify_chain
from qunguan.contract.models import AuditEvent, Checkpoint
from qunguan.server.db import normalise_url
from tests.helpers import decide, new_account

pytestmark = pytest.mark.server


def _set_staff(db_url: str, username: str, **values: object) -> None:
    engine = create_engine(normalise_url(db_url))
    try:
        with engine.begin() as conn:
            assignments = ", ".join(f"{name} = :{name}" for name in values)
            conn.execute(text(f"UPDATE staff SET {assignments} WHERE username = :username"),
                         {**values, "username": username})
    finally:
        engine.dispose()


def _open_cases(session, count: int) -> list[dict]:
    items = session.get("/cases", params={"status": "open", "limit": 200}).json()["items"]
    return [c for c in items if c["claim"] is None][:count]


def test_disabling_an_account_or_changing_its_role_stops_its_next_decision(platform):
    username, moderator = new_account(platform, prefix="tg")
    first, second, third = _open_cases(moderator, 60)[-3:]
    assert decide(moderator, first, "note", note="before").status_code == 201

    _set_staff(platform.db_url, username, disabled=True)
    refused = decide(moderator, second, "note", note="while disabled")
    assert refused.status_code == 401, refused.text
    assert refused.json()["type"] == "urn:qunguan:problem:token-invalid"
    assert moderator.get("/auth/me").status_code == 401
    _set_staff(platform.db_url, username, disabled=False)

    _set_staff(platform.db_url, username, role="auditor")
    forbidden = decide(moderator, second, "note", note="as an auditor")
    assert forbidden.status_code == 403, forbidden.text
    assert forbidden.json()["type"] == "urn:qunguan:problem:forbidden"
    _set_staff(platform.db_url, username, role="supervisor")
    # The role is the database's now, not the token's: the response names the new role.
    accepted = decide(moderator, third, "note", note="as a supervisor")
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["decision"]["actor"]["role"] == "supervisor"
    # Nothing was recorded for the refused attempts.
    history = platform.login("sup1").get("/decisions", params={"moderator": username, "limit": 50}).json()["items"]
    assert sorted(d["note"] for d in history) == ["as a supervisor", "before"]


def test_a_remembered_token_still_expires(fresh_platform):
    platform = fresh_platform(access_ttl_seconds=60)
    moderator = platform.login("mod1")
    first, second = _open_cases(moderator, 2)
    assert decide(moderator, first, "note", note="in time").status_code == 201
    platform.clock.advance(61)
    expired = decide(moderator, second, "note", note="too late")
    assert expired.status_code == 401
    assert expired.json()["type"] == "urn:qunguan:problem:token-expired"
    anonymous = platform.anonymous()
    assert decide(anonymous, second, "note", note="no token").status_code == 401


def test_eight_writers_on_distinct_cases_keep_the_chain_and_the_feed_in_order(fresh_platform):
    platform = fresh_platform()
    sessions = [new_account(platform, prefix="tw")[1] for _ in range(8)]
    cases = _open_cases(sessions[0], 64)
    assert len(cases) == 64
    auditor = platform.login("audit1")
    barrier = threading.Barrier(8)

    def work(index: int) -> list:
        barrier.wait()
        return [decide(sessions[index], case, "warn", reason_code="PLT-02") for case in cases[index::8]]

    with ThreadPoolExecutor(8) as pool:
        replies = [r for batch in pool.map(work, range(8)) for r in batch]
    assert all(r.status_code == 201 for r in replies), [r.text[:200] for r in replies if r.status_code != 201]
    seqs = sorted(r.json()["case"]["change_seq"] for r in replies)
    assert len(set(seqs)) == 64
    # Every decision is in the change feed, in the order of its sequence number.
    since, seen = seqs[0] - 1, []
    while True:
        page = sessions[0].get("/changes", params={"since": since, "limit": 500}).json()
        seen.extend(item["change_seq"] for item in page["items"])
        since = page["next_since"]
        if not page["has_more"]:
            break
    assert set(seqs) <= set(seen)
    assert seen == sorted(seen)
    # The audit chain is one line and verifies against the signed checkpoint.
    events, after = [], 0
    while True:
        page = auditor.get("/audit", params={"after": after, "limit": 1000}).json()
        events.extend(AuditEvent(**e) for e in page["items"])
        if not page["next_cursor"]:
            break
        after = int(page["next_cursor"])
    checkpoint = Checkpoint(**auditor.get("/audit/checkpoint").json())
    verdict = verify_chain(events, checkpoint, auditor.get("/audit/public-key").json()["public_key"])
    assert verdict.ok, verdict
    keys = {r.request.headers["Idempotency-Key"] for r in replies}
    recorded = {e.payload.get("key") for e in events if e.kind == "decision"}
    assert keys <= recorded
    assert len([e for e in events if e.kind == "decision" and e.payload.get("key") in keys]) == 64
