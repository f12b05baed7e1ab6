"""Workstation benchmark on the medium demo data (a copy of it; the demo data is seeded
once in the user's data directory):

- cold start to a populated queue (a new process: log in, first pull into an empty cache,
  the queue table filled), against the start of an empty PySide6 window in the same run;
  and the warm start (the cache already filled);
- decision keystroke to the next case shown (median, p95; target median < 16 ms);
- sort and filter through the queue model over 100k cached cases (target < 100 ms).

Run:  .venv/bin/python -m tests.benchmarks.bench_workstation [--runs 3] [--keystrokes 60]
Prints the figures and writes benchmark-results/workstation.json."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
EMPTY_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\nw = QMainWindow()\nw.resize(1440, 860)\nw.show()\napp.processEvents()\n"
    "print('READY', flush=True)\n"
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed_process(args: list[str]) -> float:
    """Seconds from spawning a process to its READY line."""
    started = time.perf_counter()
    with subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=dict(os.environ)) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("READY"):
                elapsed = time.perf_counter() - started
                process.terminate()
                return elapsed
        raise RuntimeError(f"the process ended without READY (exit {process.wait()})")


def child(url: str, data_dir: str) -> None:
    """The workstation as `qunguan` starts it, printing READY once the queue shows cases."""
    from PySide6.QtCore import QTimer

    from qunguan.client.api import ApiClient
    from qunguan.client.cache import Cache
    from qunguan.client.demo import DEMO_PASSWORD
    from qunguan.client.sync import Syncer
    from qunguan.ui.app import create_application
    from qunguan.ui.i18n import install_translators
    from qunguan.ui.main_window import MainWindow
    from qunguan.ui.workstation import Workstation

    app = create_application(["bench"])
    install_translators(app, "zh_CN")
    client = ApiClient(url)
    tokens = client.login("mod1", DEMO_PASSWORD)
    cache = Cache(Cache.path_for(Path(data_dir), url, "mod1"), me="mod1")
    window = MainWindow(Workstation(client, cache, Syncer(client, cache), tokens.moderator))
    window.show()
    window.start()

    def poll() -> None:
        if window.model.rowCount() > 0:
            print("READY", flush=True)
            window.ws.stop()
            app.quit()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(1)
    app.exec()
    cache.close()


def start_demo_copy(workdir: Path):  # type: ignore[no-untyped-def]
    from qunguan.client import demo

    source = demo.demo_dir()
    demo.ensure_seeded(source)
    target = workdir / "demo"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.log"))
    return demo.start(target)


def keystrokes(url: str, data_dir: Path, count: int) -> dict[str, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from qunguan.client.api import ApiClient
    from qunguan.client.cache import Cache
    from qunguan.client.demo import DEMO_PASSWORD
    from qunguan.client.sync import Syncer
    from qunguan.ui.app import create_application
    from qunguan.ui.main_window import MainWindow
    from qunguan.ui.workstation import Workstation

    app = create_application(["bench"])
    client = ApiClient(url)
    tokens = client.login("mod2", DEMO_PASSWORD)
    cache = Cache(Cache.path_for(data_dir, url, "mod2"), me="mod2")
    window = MainWindow(Workstation(client, cache, Syncer(client, cache, hold_seconds=0), tokens.moderator))
    window.show()
    window.start()

    def wait(predicate, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise RuntimeError("timed out")
            app.processEvents()
            time.sleep(0.001)

    wait(lambda: window.model.rowCount() > count + 5)
    samples, from_network = [], 0
    for _ in range(count):
        wait(lambda: window.detail is not None)
        # let the prefetch of the next cases land, as it does while a moderator reads
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline and window.ws._prefetching:
            app.processEvents()
        before = window.detail.case.id  # type: ignore[union-attr]
        started = time.perf_counter()
        QTest.keyClick(window.table, Qt.Key.Key_A)
        shown = window.detail is not None and window.detail.case.id != before
        if not shown:
            from_network += 1
            wait(lambda b=before: window.detail is not None and window.detail.case.id != b)
        samples.append((time.perf_counter() - started) * 1000)
    window.ws.stop()
    window.close()
    QApplication.processEvents()
    from qunguan.ui.tasks import wait_for_tasks

    wait_for_tasks()
    cache.close()
    return {"median_ms": round(statistics.median(samples), 2), "p95_ms": round(percentile(samples, 0.95), 2),
            "samples": len(samples), "not_prefetched": from_network}


def model_over_100k(workdir: Path) -> dict[str, dict[str, float]]:
    from qunguan.client.cache import Cache, QueueFilter
    from qunguan.ui.app import create_application
    from qunguan.ui.queue_model import COLUMNS, QueueModel
    from tests.benchmarks.bench_cache import ME, synthetic

    create_application(["bench"])
    items = synthetic(100_000)
    cache = Cache(workdir / "100k.db", me=ME)
    for i in range(0, len(items), 5000):
        cache.store_cases(items[i:i + 5000])
    cache.close()  # PRAGMA optimize, as the app does on close
    cache = Cache(workdir / "100k.db", me=ME)
    model = QueueModel(cache, synchronous=True)
    model.set_query(QueueFilter(queue="all"))
    results: dict[str, dict[str, float]] = {}

    def measure(name: str, action) -> None:  # type: ignore[no-untyped-def]
        times = []
        for _ in range(7):
            started = time.perf_counter()
            action()
            times.append((time.perf_counter() - started) * 1000)
        results[name] = {"median_ms": round(statistics.median(times), 2), "max_ms": round(max(times), 2)}

    for column, (key, _title) in enumerate(COLUMNS):
        measure(f"sort {key} asc", lambda c=column: model.sort(c, Qt_order(False)))
        measure(f"sort {key} desc", lambda c=column: model.sort(c, Qt_order(True)))
    measure("filter category ILL", lambda: model.set_query(QueueFilter(queue="all", categories=("ILL",))))
    measure("filter text", lambda: model.set_query(QueueFilter(queue="all", text="投资")))
    measure("filter open queue", lambda: model.set_query(QueueFilter(queue="open")))
    measure("filter mine", lambda: model.set_query(QueueFilter(queue="mine")))
    cache.close()
    return results


def Qt_order(descending: bool):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keystrokes", type=int, default=60)
    parser.add_argument("--child", nargs=2, metavar=("URL", "DATA_DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        platform = start_demo_copy(workdir)
        try:
            empty = [timed_process([sys.executable, "-c", EMPTY_WINDOW]) for _ in range(args.runs)]
            cold, warm = [], []
            for run in range(args.runs):
                data = workdir / f"client-{run}"
                cold.append(timed_process([sys.executable, "-m", "tests.benchmarks.bench_workstation", "--child",
                                           platform.url, str(data)]))
                warm.append(timed_process([sys.executable, "-m", "tests.benchmarks.bench_workstation", "--child",
                                           platform.url, str(data)]))
            results["empty_window_s"] = round(statistics.median(empty), 3)
            results["cold_start_to_queue_s"] = round(statistics.median(cold), 3)
            results["warm_start_to_queue_s"] = round(statistics.median(warm), 3)
            print(json.dumps(results), flush=True)
            results["keystroke_to_next_case"] = keystrokes(platform.url, workdir / "keys", args.keystrokes)
            print(json.dumps(results), flush=True)
        finally:
            platform.stop()
        results["queue_model_over_100k"] = model_over_100k(workdir)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    out = ROOT / "benchmark-results"
    out.mkdir(exist_ok=True)
    (out / "workstation.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
