"""A syncing workstation core in a process of its own, killed with SIGKILL at a chosen point
(tests/client/test_sync_kill.py runs it). It pulls the queue, records a decision for each case
given, and syncs until nothing is pending; ``--point`` names where it kills itself on the
``--nth`` time it gets there:

  commit   just after a decision was committed to the outbox
  send     while a decision is on its way (a timer fires a few ms into the request)
  ack      after the platform committed and answered, before the outbox knows
  sent     just after the outbox marked a decision sent
  pull     in the middle of a transaction that stores a page of the queue
  none     never: the run that finishes the work after a kill

Run:  python -m tests.client.sync_harness --url URL --user U --password P --cache FILE --key HEX
          --cases 1,2,3 --point ack --nth 2 --seed 7
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import threading
from pathlib import Path

from qunguan.client import cache as cache_module
from qunguan.client.api import ApiClient
from qunguan.client.cache import Cache
from qunguan.client.sync import Syncer
from qunguan.contract import models as api
from qunguan.contract.enums import Action

POINTS = ("commit", "send", "ack", "sent", "pull")


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    for name in ("url", "user", "password", "cache", "key", "cases"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--point", default="none", choices=(*POINTS, "none"))
    parser.add_argument("--nth", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    rnd = random.Random(args.seed)
    seen = {"n": 0}

    def arrive(point: str) -> None:
        if args.point == point:
            seen["n"] += 1
            if seen["n"] == args.nth:
                die()

    client = ApiClient(args.url)
    if os.environ.get("QUNGUAN_HARNESS_TOKENS"):  # a login the test made (argon2 is slow on purpose)
        client.use(api.TokenPair.model_validate_json(os.environ["QUNGUAN_HARNESS_TOKENS"]))
    else:
        client.login(args.user, args.password)
    cache = Cache(Path(args.cache), me=args.user, key=bytes.fromhex(args.key))
    syncer = Syncer(client, cache, hold_seconds=0)

    if args.point == "pull":
        upsert = cache_module.upsert_summaries

        def upsert_then_maybe_die(conn, items):  # type: ignore[no-untyped-def]
            n = upsert(conn, items)
            arrive("pull")  # inside the writer's transaction, after rows were written
            return n

        cache_module.upsert_summaries = upsert_then_maybe_die
    decide = client.decide

    def deciding(request: api.DecisionRequest, key: str) -> api.DecisionResult:
        if args.point == "send":
            seen["n"] += 1
            if seen["n"] == args.nth:
                threading.Timer(rnd.uniform(0.0, 0.03), die).start()
        result = decide(request, key)
        arrive("ack")
        return result

    client.decide = deciding  # type: ignore[method-assign]
    mark_sent = cache.outbox.mark_sent

    def marking(entry_id: int, result: api.DecisionResult) -> bool:
        done = mark_sent(entry_id, result)
        arrive("sent")
        return done

    cache.outbox.mark_sent = marking  # type: ignore[method-assign]

    syncer.sync(force=True)  # the first pull (or catch-up)
    recorded = {e.case_id for e in [*cache.outbox.pending(), *cache.outbox.attention()]}
    recorded |= {r.case_id for r in cache.read(lambda c: c.execute(
        cache_module.select(cache_module.outbox_table.c.case_id)).all())}
    for case_id in (int(c) for c in args.cases.split(",")):
        if case_id in recorded:
            continue  # recorded by the run that was killed
        summary = cache.summary(case_id)
        assert summary is not None, f"case {case_id} is not in the cache"
        cache.outbox.add(api.DecisionRequest(case_id=case_id, action=Action.APPROVE,
                                             expected_version=summary.version))
        arrive("commit")
    for _ in range(20):
        report = syncer.sync(force=True)
        if cache.outbox.pending_count() == 0 and not report.failed_round:
            break
    cache.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
