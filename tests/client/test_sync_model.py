"""A hypothesis state machine: several workstations (real caches, real sync engines) act on a
few shared cases of a real platform behind a proxy, in random interleavings of deciding,
syncing, crashing right after the platform committed (the outbox never heard back) and the
platform restarting. Invariants, checked after every step and at the end:

- every outbox entry ends applied (exactly one decision with its key on the platform),
  conflicted or needing attention (none on the platform) -- never lost, never doubled;
- the platform's cases equal the replay of its audit log (each decision event bumps the
  version; an approval resolves), and its decisions are exactly the audited ones.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from qunguan.client.api import ApiClient
from qunguan.client.cache import Cache
from qunguan.client.errors import KnownError
from qunguan.client.outbox import CONFLICT, FAILED, PENDING, SENT
from qunguan.client.sync import Syncer
from qunguan.contract import models as api
from qunguan.contract.enums import Action
from tests.faultproxy import FaultProxy
from tests.platform_fixture import DEMO_PASSWORD, start_platform

USERS = ("mod1", "mod2", "sup2")
CASES = 4
KEY = bytes(range(32))


class Desk:
    def __init__(self, url: str, user: str, path: Path) -> None:
        self.user, self.path = user, path
        self.api = ApiClient(url)
        self.api.login(user, DEMO_PASSWORD)
        self.cache = Cache(path, me=user, key=KEY)
        self.syncer = Syncer(self.api, self.cache, hold_seconds=0)

    def crash_and_restart(self) -> None:
        self.cache.close()
        self.cache = Cache(self.path, me=self.user, key=KEY)  # recover(): "sending" goes back to pending
        self.syncer.cache = self.cache


def run_machine(fresh_platform, database_factory, tmp_path: Path, examples: int, steps: int) -> None:
    counter = iter(range(10_000))

    class Interleavings(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.platform = fresh_platform()
            self.proxy = FaultProxy(self.platform.url)
            self.checker = self.platform.login("sup1")
            items = self.checker.get("/cases", params={"status": "open", "limit": 50}).json()["items"]
            self.cases = [c for c in items if c["claim"] is None][:CASES]
            self.initial = {c["id"]: c["version"] for c in self.cases}
            run = next(counter)
            self.desks = [Desk(self.proxy.url, u, tmp_path / f"run{run}-{u}.sqlite3") for u in USERS]
            for desk in self.desks:
                desk.syncer.sync(force=True)
            self.restarted: list = []

        @rule(desk=st.integers(0, len(USERS) - 1), case=st.integers(0, CASES - 1),
              action=st.sampled_from([Action.APPROVE, Action.NOTE]))
        def decide(self, desk: int, case: int, action: Action) -> None:
            d = self.desks[desk]
            summary = d.cache.summary(self.cases[case]["id"])
            note = "seen" if action is Action.NOTE else None
            d.cache.outbox.add(api.DecisionRequest(case_id=summary.id, action=action, note=note,
                                                   expected_version=summary.version))

        @rule(desk=st.integers(0, len(USERS) - 1))
        def sync(self, desk: int) -> None:
            self.desks[desk].syncer.sync(force=True)

        @rule(desk=st.integers(0, len(USERS) - 1))
        def crash_after_the_platform_committed(self, desk: int) -> None:
            d = self.desks[desk]
            entry = d.cache.outbox.claim_next()
            if entry is not None:
                with contextlib.suppress(KnownError):  # refused or unreachable: the crash comes all the same
                    d.api.decide(entry.request(), entry.idempotency_key)
            d.crash_and_restart()

        @precondition(lambda self: len(self.restarted) < 2)
        @rule()
        def platform_restarts(self) -> None:
            current = self.restarted[-1] if self.restarted else self.platform
            current.stop()
            again = start_platform(self.platform.db_url, database_factory.audit_key)
            self.restarted.append(again)
            self.proxy.upstream = again.url

        @invariant()
        def nothing_lost_nothing_doubled(self) -> None:
            if not hasattr(self, "desks"):
                return
            self._check(final=False)

        def _check(self, final: bool) -> None:
            url = (self.restarted[-1] if self.restarted else self.platform).api
            self.checker.api = url
            on_platform: dict[str, int] = {}
            cases = {}
            for c in self.cases:
                body = self.checker.get(f"/cases/{c['id']}").json()
                cases[c["id"]] = body
                for decision in body["decisions"]:
                    on_platform[decision["idempotency_key"]] = on_platform.get(decision["idempotency_key"], 0) + 1
            assert all(n == 1 for n in on_platform.values()), on_platform
            for desk in self.desks:
                for entry in desk.cache.read(lambda c: c.exec_driver_sql(
                        "SELECT idempotency_key, state FROM outbox").all()):
                    key, state = entry
                    if state == SENT:
                        assert on_platform.get(key) == 1, (desk.user, key)
                    elif state in (CONFLICT, FAILED):
                        assert key not in on_platform, (desk.user, key, state)
                    elif final:
                        raise AssertionError(f"{desk.user}: {key} still {state}")
                    else:
                        assert state == PENDING, state
            events = self.checker.get("/audit", params={"limit": 1000}).json()["items"]
            for c in self.cases:
                mine = [e for e in events if e["kind"] == "decision" and e["subject"] == f"case:{c['id']}"]
                version, status = self.initial[c["id"]], c["status"]
                for e in mine:
                    version += 1
                    if e["payload"]["action"] == "approve":
                        status = "resolved"
                body = cases[c["id"]]
                assert (body["case"]["version"], body["case"]["status"]) == (version, status), c["id"]
                assert [d["idempotency_key"] for d in body["decisions"]] == [e["payload"]["key"] for e in mine]

        def teardown(self) -> None:
            try:
                for _ in range(3):  # everyone catches up
                    for desk in self.desks:
                        desk.syncer.sync(force=True)
                self._check(final=True)
            finally:
                for desk in self.desks:
                    desk.cache.close()
                self.proxy.close()
                for p in self.restarted:
                    p.stop()

    run_state_machine_as_test(Interleavings, settings=settings(
        max_examples=examples, stateful_step_count=steps, deadline=None, derandomize=True,
        suppress_health_check=list(HealthCheck)))


def test_random_interleavings_keep_the_invariants(fresh_platform, database_factory, tmp_path):
    run_machine(fresh_platform, database_factory, tmp_path, examples=6, steps=12)


@pytest.mark.slow
def test_more_random_interleavings_keep_the_invariants(fresh_platform, database_factory, tmp_path):
    run_machine(fresh_platform, database_factory, tmp_path, examples=40, steps=25)
