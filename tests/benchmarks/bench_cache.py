"""Local cache benchmark: 100k synthetic cases in a real SQLite file (filled with Core bulk
upserts through the one writer), then count() + rows(limit 200) for every sort key in both
directions and for typical filters. Prints median and p95 per operation in ms; target < 100 ms.

Run:  .venv/bin/python -m tests.benchmarks.bench_cache [--cases 100000] [--repeat 15]
Writes benchmark-results/cache.json."""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from qunguan.client.cache import SORT_KEYS, Cache, QueueFilter
from qunguan.contract import models as api
from qunguan.contract.enums import CaseStatus, GroupCategory, Priority
from qunguan.contract.taxonomy import ReasonCode

ROOT = Path(__file__).resolve().parents[2]
ME = "mod1"
NOW = datetime.now(UTC)
WORDS = ["刷单", "返利", "兼职", "投资", "群", "优惠", "转账", "链接", "免费", "中奖", "hello", "meeting", "crypto",
         "lottery", "parents", "homework", "学校", "家长", "会议", "快递"]
STATUSES = ([CaseStatus.OPEN] * 60 + [CaseStatus.CLAIMED] * 15 + [CaseStatus.ESCALATED] * 5 + [CaseStatus.APPEALED] * 3
            + [CaseStatus.AWAITING_SECOND_APPROVAL] * 2 + [CaseStatus.RESOLVED] * 15)
HOLDERS = [ME, "mod2", "sup1", "sup2"] + [f"mod{i}" for i in range(3, 40)]


def synthetic(n: int, seed: int = 7) -> list[api.CaseSummary]:
    rnd = random.Random(seed)
    groups = [(i, f"{rnd.choice(WORDS)}{rnd.choice(WORDS)} group {i}") for i in range(1, 2001)]
    reasons = list(ReasonCode)
    out = []
    for i in range(1, n + 1):
        status = rnd.choice(STATUSES)
        gid, gname = rnd.choice(groups)
        reason = rnd.choice(reasons) if rnd.random() < 0.9 else None
        created = NOW - timedelta(minutes=rnd.randrange(0, 60 * 24 * 30))
        claim = None
        if status == CaseStatus.CLAIMED or (status != CaseStatus.RESOLVED and rnd.random() < 0.05):
            claim = api.ClaimInfo(holder_id=1, holder_username=rnd.choice(HOLDERS),
                                  expires_at=NOW + timedelta(minutes=rnd.randrange(5, 600)))
        out.append(api.CaseSummary.model_construct(
            id=i, status=status, priority=rnd.choice(list(Priority)), suggested_reason=reason,
            reason_category=reason.category if reason else None, message_id=i,
            excerpt=" ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(4, 14))), group_id=gid,
            group_name=gname, group_category=rnd.choice(list(GroupCategory)), group_tier=rnd.randrange(1, 5),
            sender_id=rnd.randrange(1, 5000), report_count=rnd.randrange(0, 30), signal_score=rnd.random(),
            created_at=created, sla_deadline=created + timedelta(hours=rnd.choice((1, 4, 24, 72))), claim=claim,
            version=rnd.randrange(1, 4), change_seq=i,
        ))
    return out


def timed(fn, repeat: int) -> dict[str, float]:
    fn()  # warm the page cache and the statement cache
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {"median_ms": round(statistics.median(samples), 2), "p95_ms": round(p95, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        items = synthetic(args.cases)
        cache = Cache(Path(tmp) / "bench.sqlite3", me=ME)
        start = time.perf_counter()
        for i in range(0, len(items), 5000):
            cache.store_cases(items[i:i + 5000])
        fill_s = time.perf_counter() - start
        cache.close()  # PRAGMA optimize, as the app does on close
        cache = Cache(Path(tmp) / "bench.sqlite3", me=ME)
        print(f"filled {args.cases} cases in {fill_s:.1f} s ({args.cases / fill_s:,.0f} rows/s)")

        results: dict[str, dict[str, float]] = {}

        def op(name: str, f: QueueFilter, sort: str = "priority", desc: bool = True) -> None:
            def run() -> None:
                cache._probe_memo = None  # a fresh query each time: count() probes, rows() reuses it
                cache.count(f)
                rows = cache.rows(f, sort, desc, 0, 200)
                assert rows or cache.count(f) == 0
            results[name] = timed(run, args.repeat)
            print(f"{name:44s} median {results[name]['median_ms']:7.2f} ms   p95 {results[name]['p95_ms']:7.2f} ms")

        for key in SORT_KEYS:
            for desc in (True, False):
                op(f"open, sort {key} {'desc' if desc else 'asc'}", QueueFilter(), key, desc)
        for key in ("priority", "sla"):
            op(f"all, sort {key}", QueueFilter(queue="all"), key)
        op("open, category ILL", QueueFilter(categories=("ILL",)))
        op("open, category PLT, sort sla asc", QueueFilter(categories=("PLT",)), "sla", False)
        op("open, priority urgent", QueueFilter(priorities=(Priority.URGENT,)))
        op("open, text 刷单", QueueFilter(text="刷单"))
        op("open, text 'crypto lottery'", QueueFilter(text="crypto lottery"))
        op("open, text (no match)", QueueFilter(text="zzqqxx"))
        op("all, text #12345 (case id)", QueueFilter(queue="all", text="#12345"))
        op("open, group 17", QueueFilter(group_id=17))
        op("mine", QueueFilter(queue="mine"))
        op("open, assigned to me, sort sla", QueueFilter(assigned_to_me=True), "sla", False)
        op("escalated", QueueFilter(queue="escalated"))
        op("open, ILL + urgent + text 投资", QueueFilter(categories=("ILL",), priorities=(4,), text="投资"))
        results["queue_counts"] = timed(cache.queue_counts, args.repeat)
        print(f"{'queue_counts':44s} median {results['queue_counts']['median_ms']:7.2f} ms   "
              f"p95 {results['queue_counts']['p95_ms']:7.2f} ms")
        cache.close()

    worst = max(r["p95_ms"] for r in results.values())
    print(f"worst p95: {worst:.1f} ms (target < 100 ms): {'OK' if worst < 100 else 'OVER'}")
    out = ROOT / "benchmark-results" / "cache.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"cases": args.cases, "fill_seconds": round(fill_s, 2), "operations": results},
                              indent=2, ensure_ascii=False))
    print(f"written to {out}")


if __name__ == "__main__":
    main()
