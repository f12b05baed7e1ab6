"""SIGKILL the syncing process at seeded points (after the local commit, while sending, after
the platform committed but before the outbox knew, after marking sent, in the middle of a
pull's transaction), then start it again: every decision is applied on the platform exactly
once, nothing recorded is lost, and the encrypted cache passes PRAGMA integrity_check and
cipher_integrity_check after every run. 50 seeded runs here, 200 more under ``-m slow``."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from qunguan.client.api import ApiClient
from qunguan.client.cache import Cache
from tests.client import sync_harness
from tests.client.sync_harness import POINTS
from tests.helpers import PASSWORD, new_account
from tests.platform_fixture import platforms

ROOT = Path(__file__).resolve().parents[2]
DECISIONS = 3


def _args(platform, user: str, cache: Path, key: bytes, cases: list[int], point: str = "none", nth: int = 1,
          seed: int = 0) -> list[str]:
    return ["--url", platform.url, "--user", user, "--password", PASSWORD, "--cache", str(cache), "--key", key.hex(),
            "--cases", ",".join(map(str, cases)), "--point", point, "--nth", str(nth), "--seed", str(seed)]


def _harness(*args: object, **kwargs: object) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "tests.client.sync_harness", *_args(*args, **kwargs)]  # type: ignore[arg-type]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def _integrity(path: Path, key: bytes) -> None:
    conn = sqlcipher.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


#: Seeds that share one platform (each takes cases of its own from it).
SEEDS_PER_PLATFORM = 25


@pytest.fixture(scope="module")
def kill_platforms(database_factory):
    """Platforms of this module's own, one per SEEDS_PER_PLATFORM seeds, each logged in once as
    a moderator of its own: (platform, username, session, tokens JSON, open unclaimed case ids)."""
    made: dict[int, tuple] = {}
    started = platforms(database_factory)
    make = next(started)

    def get(seed: int) -> tuple:
        slot = seed // SEEDS_PER_PLATFORM
        if slot not in made:
            platform = make()
            user, session = new_account(platform)
            client = ApiClient(platform.url)
            tokens = client.login(user, PASSWORD)
            items = session.get("/cases", params={"status": "open", "limit": 200}).json()["items"]
            made[slot] = (platform, user, session, tokens.model_dump_json(), [c["id"] for c in items if not c["claim"]])
        return made[slot]

    yield get
    started.close()


def run_seed(seed: int, kill_platforms, tmp_path: Path, monkeypatch) -> None:
    rnd = random.Random(seed)
    point = POINTS[seed % len(POINTS)]
    nth = 1 + rnd.randrange(DECISIONS if point != "pull" else 2)
    platform, user, session, tokens, open_ids = kill_platforms(seed)
    first = (seed % SEEDS_PER_PLATFORM) * DECISIONS
    cases = open_ids[first:first + DECISIONS]
    assert len(cases) == DECISIONS, "the platform has too few open cases for this many seeds"
    monkeypatch.setenv("QUNGUAN_HARNESS_TOKENS", tokens)
    cache, key = tmp_path / f"kill-{seed}.sqlite3", os.urandom(32)

    killed = _harness(platform, user, cache, key, cases, point, nth, seed)
    assert killed.returncode == -signal.SIGKILL, (point, nth, killed.returncode, killed.stderr[-3000:])
    _integrity(cache, key)
    # started again (in this process: the same code, without paying for another interpreter)
    assert sync_harness.main(_args(platform, user, cache, key, cases)) == 0
    _integrity(cache, key)

    reopened = Cache(cache, me=user, key=key)
    try:
        entries = {e.case_id: e for e in reopened.outbox.attention() + reopened.outbox.pending()}
        assert not entries, f"left over: {entries}"  # nothing pending, nothing in conflict
        sent = reopened.read(lambda c: c.exec_driver_sql(
            "SELECT case_id, idempotency_key, state FROM outbox").all())
        assert reopened.change_seq() > 0
    finally:
        reopened.close()
    assert sorted(r.case_id for r in sent) == sorted(cases)  # one entry per case: none lost, none doubled
    assert {r.state for r in sent} == {"sent"}
    for case_id, key_, _ in sent:
        decisions = session.get(f"/cases/{case_id}").json()["decisions"]
        mine = [d for d in decisions if d["actor"]["username"] == user]
        assert [d["idempotency_key"] for d in mine] == [key_], (seed, point, nth, case_id, mine)


@pytest.mark.parametrize("seed", range(50))
def test_sigkill_at_seeded_points_loses_nothing_and_applies_once(seed, kill_platforms, tmp_path, monkeypatch):
    run_seed(seed, kill_platforms, tmp_path, monkeypatch)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(50, 250))
def test_sigkill_at_more_seeded_points(seed, kill_platforms, tmp_path, monkeypatch):
    run_seed(seed, kill_platforms, tmp_path, monkeypatch)
