"""Incident preview benchmark: how long the platform takes to match a wave's definition over
the medium and large data (target: under 2 s for large).

Run:  .venv/bin/python -m tests.benchmarks.bench_incidents --db /tmp/bench-medium.db --db /tmp/bench-large.db
(``--db`` also takes a seeded PostgreSQL URL.) Each database is upgraded to the current schema
first (``init-db``; migration 0010 builds the media-hash index and the text index over bodies,
filling it from the messages there are: ≈30 s for the large data on SQLite). The clock is set a
minute after the newest message, so the seeded scam wave is within the last day. Besides the
wave's definitions, a keyword of two characters and a regular expression without a literal part
show the cost of scanning the window (the text index cannot help them). Writes
benchmark-results/incidents.json."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from qunguan.contract.models import IncidentDefinition
from qunguan.server import models
from qunguan.server.db import open_database
from qunguan.server.incidents import preview
from qunguan.server.seed_text import WAVE_DOMAIN

ROOT = Path(__file__).resolve().parents[2]
RUNS = 5


def measure(db_path: str) -> dict[str, object]:
    subprocess.run([sys.executable, "-m", "qunguan.server.cli", "init-db", "--db", db_path], check=True,
                   capture_output=True)
    database = open_database(db_path)
    out: dict[str, object] = {"db": db_path}
    with database.reading() as session:
        now = session.scalar(select(func.max(models.Message.sent_at))) + timedelta(minutes=1)
        since = now - timedelta(hours=24)
        media = session.execute(
            select(models.Message.media_hash, func.count()).where(models.Message.sent_at >= since,
                                                                 models.Message.media_hash.is_not(None))
            .group_by(models.Message.media_hash).order_by(func.count().desc()).limit(1)).one()[0]
        out["messages_in_window"] = session.scalar(select(func.count()).select_from(models.Message)
                                                   .where(models.Message.sent_at >= since))
        definitions = {
            "media hash": IncidentDefinition(media_hashes=[media]),
            "keyword (the wave's domain)": IncidentDefinition(keywords=[WAVE_DOMAIN]),
            "regular expression": IncidentDefinition(regex=r"tz-vip888\.example/\?c=\w+"),
            "combined, 7 days": IncidentDefinition(keywords=[WAVE_DOMAIN, "日赚3000", "稳赚不赔"],
                                                   media_hashes=[media], window_hours=7 * 24),
            "keyword of 2 characters (window scan)": IncidentDefinition(keywords=["日赚"]),
            "regular expression without a literal (window scan)": IncidentDefinition(regex=r"1[3-9]\d{9}"),
        }
        results = {}
        for name, definition in definitions.items():
            times, found = [], None
            for _ in range(RUNS):
                started = time.perf_counter()
                found = preview(session, definition, now, regex_seconds=60)
                times.append(time.perf_counter() - started)
            assert found is not None
            results[name] = {"median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3),
                             "messages": found.messages, "groups": found.groups, "users": found.users,
                             "open_cases": found.open_cases}
        out["previews"] = results
    database.dispose()
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", action="append", required=True,
                        help="a seeded SQLite database or PostgreSQL URL (repeatable)")
    args = parser.parse_args()
    results = [measure(db) for db in args.db]
    target = ROOT / "benchmark-results" / "incidents.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    for r in results:
        print(f"## {r['db']} ({r['messages_in_window']} messages in the last day)")
        print("| definition | median | max | messages | groups | users | open cases |\n|---|---|---|---|---|---|---|")
        for name, p in r["previews"].items():  # type: ignore[union-attr]
            print(f"| {name} | {p['median_s']} s | {p['max_s']} s | {p['messages']} | {p['groups']} | {p['users']} "
                  f"| {p['open_cases']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
