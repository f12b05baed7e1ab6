"""Credit restoration benchmark: how long the restoration job takes over seeded data, when
nothing is due (the run every minute), when a day's and a week's points are due, and when ten
weeks were missed (a catch-up), and how many users it gave points back.

Run:  .venv/bin/python -m tests.benchmarks.bench_credit --db /tmp/bench-medium.db --db /tmp/bench-large.db
A SQLite file is copied first (the job writes); ``--db`` also takes a seeded PostgreSQL URL, which
the job changes (use a database of its own). The job runs at moments after the newest credit
event of the seed (its "now"). Writes benchmark-results/credit.json."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, timedelta
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import func, select

from qunguan.server import models
from qunguan.server.credit import load_rules, restore_credit
from qunguan.server.db import open_database

ROOT = Path(__file__).resolve().parents[2]
#: The first run in a process, and each an hour (RESCAN) or more after the last full read, reads
#: every user below the maximum; the runs in between recheck only those known to be due.
STEPS = [("+1 min (first run: reads all below the maximum)", timedelta(minutes=1)),
         ("+2 min (a minute later: rechecks those due)", timedelta(minutes=2)),
         ("+3 min", timedelta(minutes=3)),
         ("+1 day", timedelta(days=1)), ("+7 days", timedelta(days=7)),
         ("+77 days (ten weeks missed)", timedelta(days=77)), ("+77 days again", timedelta(days=77))]


def measure(url: str, workdir: Path) -> dict[str, object]:
    if "://" not in url:
        copy = workdir / Path(url).name
        shutil.copy(url, copy)
        url = str(copy)
    subprocess.run([sys.executable, "-m", "qunguan.server.cli", "init-db", "--db", url], check=True,
                   capture_output=True)
    database = open_database(url)
    rules = load_rules()
    platform = SimpleNamespace(db=database, rules=rules)
    below = func.count().filter(models.PlatformUser.credit_score < rules.maximum)
    with database.reading() as session:
        seeded = session.scalar(select(func.max(models.CreditEvent.at)))
        users, below_max = session.execute(select(func.count(), below).select_from(models.PlatformUser)).one()
    seeded = seeded if seeded.tzinfo else seeded.replace(tzinfo=UTC)
    out: dict[str, object] = {"db": url.rsplit("@", 1)[-1], "users": users, "below_maximum": below_max, "runs": []}
    for label, offset in STEPS:
        started = time.perf_counter()
        restored = restore_credit(platform, seeded + offset)  # type: ignore[arg-type]
        seconds = time.perf_counter() - started
        with database.reading() as session:
            left = session.scalar(select(below).select_from(models.PlatformUser))
        out["runs"].append({"at": label, "seconds": round(seconds, 3), "users_restored": restored,  # type: ignore[union-attr]
                            "below_maximum_after": left})
    database.dispose()
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", action="append", required=True,
                        help="a seeded SQLite database or PostgreSQL URL (repeatable)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = [measure(db, Path(tmp)) for db in args.db]
    target = ROOT / "benchmark-results" / "credit.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    for r in results:
        print(f"## {r['db']}: {r['users']} users, {r['below_maximum']} below the maximum")
        print("| job run at | seconds | users restored | below maximum after |\n|---|---|---|---|")
        for run in r["runs"]:  # type: ignore[union-attr]
            print(f"| {run['at']} | {run['seconds']} | {run['users_restored']} | {run['below_maximum_after']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
