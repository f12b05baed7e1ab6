"""The audit chain: every state change is appended, the chain and its signed checkpoint
verify, and each kind of tampering is detected (through the API and by the CLI)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text

from qunguan.contract.audit import verify_chain
from qunguan.contract.models import AuditEvent, Checkpoint
from qunguan.server.db import normalise_url
from tests.helpers import decide, new_account, take_open_case

pytestmark = pytest.mark.server


def fetch_chain(session) -> list[AuditEvent]:
    events, after = [], 0
    while True:
        page = session.get("/audit", params={"after": after, "limit": 1000}).json()
        events.extend(AuditEvent(**e) for e in page["items"])
        if not page["next_cursor"]:
            return events
        after = int(page["next_cursor"])


def verify(platform, session):
    checkpoint = Checkpoint(**session.get("/audit/checkpoint").json())
    key = platform.anonymous().get("/audit/public-key").json()["public_key"]
    return verify_chain(fetch_chain(session), checkpoint, key)


@pytest.fixture
def busy_platform(fresh_platform):
    """A platform with a little of everything in its chain, and a signed checkpoint."""
    platform = fresh_platform()
    _, moderator = new_account(platform)
    for action, extra in (("warn", {"reason_code": "PLT-02"}), ("approve", {}), ("escalate", {})):
        case = take_open_case(moderator)
        assert decide(moderator, case, action, **extra).status_code == 201
    auditor = platform.login("audit1")
    assert verify(platform, auditor).ok
    return platform, auditor


def engine_for(platform):
    return create_engine(normalise_url(platform.db_url))


def test_every_state_change_is_recorded(busy_platform):
    platform, auditor = busy_platform
    kinds = [e.kind.value for e in fetch_chain(auditor)]
    for kind in ("account", "login", "claim", "decision"):
        assert kind in kinds, kinds
    assert platform.anonymous().post("/auth/login", json={"username": "mod2", "password": "nope"}).status_code == 401
    supervisor = platform.login("sup1")
    user = supervisor.get("/cases", params={"limit": 1}).json()["items"][0]["sender_id"]
    assert supervisor.post(f"/users/{user}/reveal", json={"reason": "核实举报人所说的手机号"}).status_code == 200
    events = fetch_chain(auditor)
    assert [e.kind.value for e in events[-3:]] == ["login_failed", "login", "reveal"]
    assert events[-1].payload["reason"] == "核实举报人所说的手机号"
    assert events[-1].actor == "sup1"
    result = verify(platform, auditor)
    assert result.ok and result.checked == len(events)
    # One case's trail: its claim and its decision, in order.
    decided = next(e for e in events if e.kind.value == "decision")
    trail = auditor.get("/audit", params={"subject": decided.subject}).json()["items"]
    assert [e["kind"] for e in trail] == ["claim", "decision"]
    assert all(e["subject"] == decided.subject for e in trail)


def _tamper(platform, sql: str, **params) -> None:
    engine = engine_for(platform)
    with engine.begin() as conn:
        conn.execute(text(sql), params)
    engine.dispose()


@pytest.mark.parametrize(
    ("kind", "sql", "expect_reason"),
    [
        ("altered", "UPDATE audit_events SET actor = 'someone-else' WHERE seq = :seq", "altered"),
        ("deleted", "DELETE FROM audit_events WHERE seq = :seq", "missing"),
        ("reordered", None, "missing"),  # two neighbours swap places (done in three steps below)
        ("truncated", "DELETE FROM audit_events WHERE seq >= :seq", "truncated"),
        ("bad signature", "UPDATE audit_checkpoints SET signature = :forged", "signature"),
    ],
)
def test_tampering_is_detected(busy_platform, kind, sql, expect_reason):
    platform, auditor = busy_platform
    events = fetch_chain(auditor)
    seq = events[len(events) // 2].seq
    if kind == "reordered":
        # Swap two neighbours: move seq to a free slot, the next one down, then it up.
        _tamper(platform, "UPDATE audit_events SET seq = -1 WHERE seq = :seq", seq=seq)
        _tamper(platform, "UPDATE audit_events SET seq = :seq WHERE seq = :next", seq=seq, next=seq + 1)
        _tamper(platform, "UPDATE audit_events SET seq = :next WHERE seq = -1", next=seq + 1)
    elif kind == "bad signature":
        _tamper(platform, sql, forged="A" * 86 + "==")
    else:
        _tamper(platform, sql, seq=seq, next=seq + 1)
    result = verify(platform, auditor) if kind == "bad signature" else _verify_stored(platform, auditor)
    assert not result.ok
    assert expect_reason in result.reason or (kind == "reordered" and "link" in result.reason), result
    if kind != "bad signature":
        assert result.first_bad_seq == seq

    cli = subprocess.run(
        [sys.executable, "-m", "qunguan.server.cli", "verify-audit", "--db", platform.db_url,
         "--audit-key", str(platform.extra["audit_key"])], capture_output=True, text=True, timeout=60,
    )
    assert cli.returncode == 1, cli.stdout + cli.stderr
    assert "FAILED" in cli.stderr


def _verify_stored(platform, auditor):
    """Verify what the API now serves against the checkpoint signed before the tampering."""
    engine = engine_for(platform)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT seq, hash, signature, key_id FROM audit_checkpoints ORDER BY id DESC")).first()
    engine.dispose()
    checkpoint = Checkpoint(seq=row.seq, hash=row.hash, signature=row.signature, key_id=row.key_id)
    key = platform.anonymous().get("/audit/public-key").json()["public_key"]
    return verify_chain(fetch_chain(auditor), checkpoint, key)


def test_the_cli_passes_a_clean_chain(busy_platform):
    platform, _ = busy_platform
    cli = subprocess.run(
        [sys.executable, "-m", "qunguan.server.cli", "verify-audit", "--db", platform.db_url,
         "--audit-key", str(platform.extra["audit_key"])], capture_output=True, text=True, timeout=60,
    )
    assert cli.returncode == 0, cli.stderr
    assert "audit chain verified" in cli.stdout


def test_moderators_cannot_read_the_audit_trail(busy_platform):
    platform, _ = busy_platform
    assert platform.login("mod1").get("/audit").status_code == 403
    assert platform.login("mod1").get("/audit/checkpoint").status_code == 403
    assert platform.anonymous().get("/audit").status_code == 401
