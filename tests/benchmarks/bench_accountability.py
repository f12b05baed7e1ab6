"""Accountability benchmark: decisions per second sustained by 8 concurrent clients over
loopback (SQLite with 1 worker; PostgreSQL with 1 and 2 workers when --pg is given), and
decision-history filter latency over 100k decisions.

Run:  .venv/bin/python -m tests.benchmarks.bench_accountability [--pg postgresql://user:pw@host/postgres]
Writes benchmark-results/accountability.json."""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing as mp
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import make_url

from qunguan.server import models
from qunguan.server.db import normalise_url
from tests.benchmarks.bench_platform import percentile, platform_cmd
from tests.benchmarks.bench_platform import serve as start_server

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 8
#: How long the clients may take to start and log in (argon2 on a loaded machine is slow).
BARRIER_TIMEOUT = 300
PASSWORD = "bench password 123"


def serve(db: str, key: Path, workers: int) -> tuple[subprocess.Popen, str]:
    return start_server(db, "--workers", str(workers), "--audit-key", str(key))


def server_cpu_seconds(pid: int) -> float | None:
    """User + system CPU of the server process and its worker processes (Linux /proc)."""
    try:
        pids = [pid, *map(int, Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]
        total = 0
        for p in pids:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return None


class _LightClient:
    """HTTP/1.1 with keep-alive over http.client: a fraction of the CPU that requests takes per
    call, so that on a small machine the load generator takes less from the server."""

    def __init__(self, api: str) -> None:
        url = urlsplit(api)
        self._connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        self._prefix = url.path
        self.headers: dict[str, str] = {}

    def request(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
                ) -> tuple[int, bytes]:
        data = json.dumps(body).encode() if body is not None else None
        all_headers = {**self.headers, **(headers or {})}
        if data is not None:
            all_headers["Content-Type"] = "application/json"
        self._connection.request(method, self._prefix + path, body=data, headers=all_headers)
        response = self._connection.getresponse()
        return response.status, response.read()


class _RequestsClient:
    def __init__(self, api: str) -> None:
        self._api = api
        self._session = requests.Session()
        self.headers = self._session.headers

    def request(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
                ) -> tuple[int, bytes]:
        response = self._session.request(method, self._api + path, json=body, headers=headers)
        return response.status_code, response.content


def _client(args: tuple[str, str, list[dict], float, Any, bool]) -> tuple[int, int, float, float, bool]:
    """Log in, wait for the others at the barrier, then decide cases until the time is up.
    Returns (accepted, refused, end time, client CPU seconds, ran out of cases).
    With no username, GET /health instead (what the clients and HTTP alone reach)."""
    api, username, cases, seconds, barrier, light = args
    try:
        client = _LightClient(api) if light else _RequestsClient(api)
        if username:
            status, content = client.request("POST", "/auth/login", {"username": username, "password": PASSWORD})
            client.headers["Authorization"] = f"Bearer {json.loads(content)['access_token']}"
    except BaseException:
        barrier.abort()  # the others (and the clock) do not wait for a client that failed
        raise
    barrier.wait(BARRIER_TIMEOUT)
    if not username:
        stop_at = time.monotonic() + seconds
        cpu = time.process_time()
        ok = 0
        while time.monotonic() <= stop_at:
            ok += client.request("GET", "/health")[0] == 200
        return ok, 0, time.monotonic(), time.process_time() - cpu, False
    stop_at = time.monotonic() + seconds
    cpu = time.process_time()
    ok = other = 0
    ran_out = True
    for case in cases:
        if time.monotonic() > stop_at:
            ran_out = False
            break
        status, _ = client.request("POST", "/decisions", {"case_id": case["id"], "action": "warn",
                                                          "reason_code": "PLT-02", "expected_version": case["version"]},
                                   headers={"Idempotency-Key": str(uuid.uuid4())})
        if status == 201:
            ok += 1
        else:
            other += 1
    return ok, other, time.monotonic(), time.process_time() - cpu, ran_out


def decisions_per_second(db: str, key: Path, workers: int, seconds: float = 20, light: bool = False
                         ) -> dict[str, float]:
    """The clients start, log in and meet at a barrier before the clock starts, so neither
    process start-up nor the (deliberately slow) argon2 logins count; the window ends when
    the last client finishes (at the time limit, or when the open cases run out). The clients
    use requests (as the workstation does), or with ``light`` a bare http.client."""
    proc, api = serve(db, key, workers)
    try:
        admin = requests.Session()
        token = admin.post(f"{api}/auth/login", json={"username": "admin1", "password": "qunguan-demo"}).json()
        admin.headers["Authorization"] = f"Bearer {token['access_token']}"
        names = []
        for _ in range(CLIENTS):
            name = f"b{uuid.uuid4().hex[:10]}"
            admin.post(f"{api}/moderators", json={"username": name, "display_name": name, "role": "moderator",
                                                  "password": PASSWORD}).raise_for_status()
            names.append(name)
        cases, cursor = [], None
        while True:
            params = {"status": "open", "limit": 200, **({"cursor": cursor} if cursor else {})}
            page = admin.get(f"{api}/cases", params=params).json()
            cases.extend(page["items"])
            cursor = page["next_cursor"]
            if not cursor:
                break
        slices = [cases[i::CLIENTS] for i in range(CLIENTS)]
        context = mp.get_context("spawn")
        with context.Manager() as manager, context.Pool(CLIENTS) as pool:
            barrier = manager.Barrier(CLIENTS + 1)
            pending = pool.map_async(_client, [(api, names[i], slices[i], seconds, barrier, light)
                                               for i in range(CLIENTS)])
            barrier.wait(BARRIER_TIMEOUT)
            started = time.monotonic()
            cpu_before = server_cpu_seconds(proc.pid)
            results = pending.get()
            cpu_after = server_cpu_seconds(proc.pid)
        elapsed = max(r[2] for r in results) - started
        ok = sum(r[0] for r in results)
        figures: dict[str, Any] = {
            "decisions": ok, "refused": sum(r[1] for r in results), "seconds": round(elapsed, 1),
            "per_second": round(ok / elapsed, 1), "open_cases_available": len(cases),
            "ran_out_of_cases": any(r[4] for r in results),
            "client_cpu_ms_per_request": round(sum(r[3] for r in results) / max(1, ok) * 1000, 2),
            "load_average": os.getloadavg()[0],
        }
        if cpu_before is not None and cpu_after is not None:
            # Includes the few requests after the clock stopped; close enough at these counts.
            figures["server_cpu_ms_per_decision"] = round((cpu_after - cpu_before) / max(1, ok) * 1000, 2)
        return figures
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def health_per_second(db: str, key: Path, workers: int, seconds: float = 10, light: bool = False
                      ) -> dict[str, float]:
    """The same 8 clients against GET /health (no database, no auth): the most this machine
    gives with these clients and this HTTP stack, whatever a decision costs."""
    proc, api = serve(db, key, workers)
    try:
        context = mp.get_context("spawn")
        with context.Manager() as manager, context.Pool(CLIENTS) as pool:
            barrier = manager.Barrier(CLIENTS + 1)
            pending = pool.map_async(_client, [(api, "", [], seconds, barrier, light) for _ in range(CLIENTS)])
            barrier.wait(BARRIER_TIMEOUT)
            started = time.monotonic()
            cpu_before = server_cpu_seconds(proc.pid)
            results = pending.get()
            cpu_after = server_cpu_seconds(proc.pid)
        elapsed = max(r[2] for r in results) - started
        ok = sum(r[0] for r in results)
        figures: dict[str, Any] = {
            "requests": ok, "seconds": round(elapsed, 1), "per_second": round(ok / elapsed, 1),
            "client_cpu_ms_per_request": round(sum(r[3] for r in results) / max(1, ok) * 1000, 2),
            "load_average": os.getloadavg()[0],
        }
        if cpu_before is not None and cpu_after is not None:
            figures["server_cpu_ms_per_request"] = round((cpu_after - cpu_before) / max(1, ok) * 1000, 2)
        return figures
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def add_decisions(db: str, count: int) -> None:
    """Bulk-add `count` decisions spread over moderators, actions, reasons, groups and time."""
    engine = create_engine(normalise_url(db))
    rng = random.Random(3)
    actions = ["delete_message", "warn", "mute", "approve", "restrict_group", "escalate", "note"]
    reasons = ["PLT-02", "PLT-03", "PLT-04", "ILL-08", "ILL-09", "NEG-07", "NEG-04", "PLT-05"]
    with engine.begin() as conn:
        staff = conn.execute(select(models.Staff.id)).scalars().all()
        cases = conn.execute(select(models.Case.id, models.Case.group_id)).all()
        start = conn.execute(text("SELECT COALESCE(MAX(id), 0) FROM decisions")).scalar_one() + 1
        now = datetime.now(UTC)
        rows = []
        for i in range(count):
            case_id, group_id = rng.choice(cases)
            action = rng.choice(actions)
            reason = None if action in ("approve", "escalate", "note") else rng.choice(reasons)
            at = now - timedelta(seconds=rng.randint(0, 180 * 86_400))
            rows.append({"id": start + i, "idempotency_key": f"bench-{i}", "actor_id": rng.choice(staff),
                         "case_id": case_id, "action": action, "reason_code": reason,
                         "reason_category": reason[:3] if reason else None, "group_id": group_id,
                         "note": rng.choice([None, "复核通过", "证据充分", "repeat offender"]),
                         "decided_at": at, "recorded_at": at,
                         "outcome": {"approve": "no_violation", "escalate": "escalated", "note": "noted"}.get(
                             action, "applied"), "effects": []})
            if len(rows) == 5000:
                conn.execute(insert(models.Decision.__table__), rows)
                rows = []
        if rows:
            conn.execute(insert(models.Decision.__table__), rows)
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT setval(pg_get_serial_sequence('decisions', 'id'), "
                              "(SELECT MAX(id) FROM decisions))"))
            conn.execute(text("ANALYZE decisions"))
        else:
            conn.execute(text("ANALYZE"))
    engine.dispose()


def history_latency(db: str, key: Path, n: int = 60) -> dict[str, dict[str, float]]:
    proc, api = serve(db, key, 1)
    try:
        session = requests.Session()
        token = session.post(f"{api}/auth/login", json={"username": "audit1", "password": "qunguan-demo"}).json()
        session.headers["Authorization"] = f"Bearer {token['access_token']}"
        total = 0
        filters = {
            "none (newest 50)": {},
            "moderator": {"moderator": "mod1"},
            "action": {"action": "mute"},
            "reason code": {"reason_code": "PLT-03"},
            "category": {"category": "NEG"},
            "group": {"group_id": 7},
            "outcome": {"outcome": "no_violation"},
            "time range": {"since": "2026-09-01T00:00:00Z", "until": "2026-10-01T00:00:00Z"},
            "text": {"q": "证据"},
            "combined": {"moderator": "mod2", "action": "warn", "category": "PLT"},
        }
        results = {}
        for name, params in filters.items():
            times = []
            for i in range(n + 5):
                started = time.perf_counter()
                response = session.get(f"{api}/decisions", params={**params, "limit": 50})
                elapsed = (time.perf_counter() - started) * 1000
                response.raise_for_status()
                if i >= 5:
                    times.append(elapsed)
                total = max(total, len(response.json()["items"]))
            results[name] = {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 0.95), 1)}
        return results
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def seed(db: str, key: Path, scale: str) -> None:
    subprocess.run(platform_cmd("seed", "--db", db, "--scale", scale, "--quiet", "--audit-key", str(key)),
                   check=True, stdout=subprocess.DEVNULL)


def pg_database(base: str, name: str) -> str:
    url = make_url(normalise_url(base))
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", help="a PostgreSQL URL whose user may create databases")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--history-only", action="store_true", help="only the history latency")
    parser.add_argument("--skip-history", action="store_true", help="leave out the history latency")
    parser.add_argument("--light-clients", action="store_true",
                        help="also measure SQLite with a bare http.client load generator (less client CPU)")
    args = parser.parse_args()
    results: dict[str, object] = {"date": time.strftime("%Y-%m-%d"), "clients": CLIENTS}
    with tempfile.TemporaryDirectory() as tmp:
        key = Path(tmp) / "key.pem"
        sqlite_db = str(Path(tmp) / "medium.db")
        if not args.history_only:
            seed(sqlite_db, key, "medium")
            results["sqlite_1_worker"] = decisions_per_second(sqlite_db, key, 1, args.seconds)
            print("sqlite, 1 worker:", results["sqlite_1_worker"], flush=True)
            results["health_1_worker"] = health_per_second(sqlite_db, key, 1, min(args.seconds, 10))
            print("GET /health, same clients, 1 worker:", results["health_1_worker"], flush=True)
            if args.light_clients:
                results["sqlite_1_worker_light_clients"] = decisions_per_second(sqlite_db, key, 1, args.seconds,
                                                                                light=True)
                print("sqlite, 1 worker, http.client:", results["sqlite_1_worker_light_clients"], flush=True)
                results["health_1_worker_light_clients"] = health_per_second(sqlite_db, key, 1,
                                                                             min(args.seconds, 10), light=True)
                print("GET /health, http.client, 1 worker:", results["health_1_worker_light_clients"], flush=True)
        if args.pg and not args.history_only:
            for workers in (1, 2):
                pg = pg_database(args.pg, f"qg_bench_{workers}")
                seed(pg, key, "medium")
                results[f"postgresql_{workers}_workers"] = decisions_per_second(pg, key, workers, args.seconds)
                print(f"postgresql, {workers} workers:", results[f"postgresql_{workers}_workers"], flush=True)
        if not args.skip_history:
            history_db = str(Path(tmp) / "history.db")
            seed(history_db, key, "medium")
            add_decisions(history_db, 100_000)
            results["history_100k_sqlite"] = history_latency(history_db, key)
            print("history over 100k decisions (SQLite):", json.dumps(results["history_100k_sqlite"]), flush=True)
    out = ROOT / "benchmark-results"
    out.mkdir(exist_ok=True)
    (out / "accountability.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
