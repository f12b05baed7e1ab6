"""Platform benchmark: seed time (medium, large) and p50/p95 latency of the queue page and
the case detail on the medium data, over loopback HTTP against `qunguan-platform serve`.

Run:  .venv/bin/python -m tests.benchmarks.bench_platform [--skip-large] [--requests N]
Prints the figures and writes them to benchmark-results/platform.json."""

from __future__ import annotations

import argparse
import json
import platform as host
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from tests.helpers import wait_until_healthy

ROOT = Path(__file__).resolve().parents[2]


def platform_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "qunguan.server.cli", *args]


def seed(db: Path, scale: str) -> float:
    started = time.perf_counter()
    subprocess.run(platform_cmd("seed", "--db", str(db), "--scale", scale, "--quiet"), check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def serve(db: str, *options: str) -> tuple[subprocess.Popen, str]:
    """Start `qunguan-platform serve` on a free port; return the process and the API base URL."""
    port = free_port()
    server = subprocess.Popen(platform_cmd("serve", "--db", db, "--port", str(port), "--log-level", "warning",
                                           *options))
    api = f"http://127.0.0.1:{port}/api/v1"
    wait_until_healthy(api)
    return server, api


def latency(db: Path, n: int) -> dict[str, dict[str, float]]:
    server, api = serve(str(db))
    try:
        session = requests.Session()
        tokens = session.post(f"{api}/auth/login", json={"username": "mod1", "password": "qunguan-demo"}).json()
        session.headers["Authorization"] = f"Bearer {tokens['access_token']}"
        rng = random.Random(1)
        counts = session.get(f"{api}/cases/counts").json()
        total = sum(v for k, v in counts.items() if k != "mine")
        filters = [{}, {"status": "open"}, {"category": "PLT"}, {"priority": [3, 4]}, {"q": "群"},
                   {"status": "open", "category": "ILL"}]
        queue: list[float] = []
        detail: list[float] = []
        cursor = None
        for i in range(n + 20):
            params = {"limit": 50, **filters[i % len(filters)]}
            if cursor and i % 3 == 0:
                params = {"limit": 50, "cursor": cursor}
            started = time.perf_counter()
            response = session.get(f"{api}/cases", params=params)
            elapsed = time.perf_counter() - started
            response.raise_for_status()
            cursor = response.json()["next_cursor"] or cursor
            if i >= 20:
                queue.append(elapsed * 1000)
        for i in range(n + 20):
            case_id = rng.randint(1, total)
            started = time.perf_counter()
            response = session.get(f"{api}/cases/{case_id}", params={"context": 10})
            elapsed = time.perf_counter() - started
            response.raise_for_status()
            if i >= 20:
                detail.append(elapsed * 1000)
        return {
            name: {"p50_ms": round(statistics.median(v), 2), "p95_ms": round(percentile(v, 0.95), 2), "n": len(v)}
            for name, v in (("queue_page", queue), ("case_detail", detail))
        }
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    results: dict[str, object] = {"machine": f"{host.machine()} {host.python_version()}",
                                  "date": time.strftime("%Y-%m-%d")}
    with tempfile.TemporaryDirectory() as tmp:
        medium = Path(tmp) / "medium.db"
        results["seed_medium_s"] = round(seed(medium, "medium"), 1)
        print(f"seed medium: {results['seed_medium_s']} s", flush=True)
        results["latency_medium"] = latency(medium, args.requests)
        print(f"latency on medium: {json.dumps(results['latency_medium'])}", flush=True)
        if not args.skip_large:
            results["seed_large_s"] = round(seed(Path(tmp) / "large.db", "large"), 1)
            print(f"seed large: {results['seed_large_s']} s", flush=True)
    out = ROOT / "benchmark-results"
    out.mkdir(exist_ok=True)
    (out / "platform.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
