"""Supervisor's desk benchmark (issue 6): the decision-history filters over 100k decisions,
as the platform answers them and as the desk shows them, and the CSV and PDF exports of 10k
decisions.

- server: `GET /decisions` (the history; first page of 100, the desk's page) over loopback
  HTTP for each filter, both with the filter alone and with the parameters the desk really
  sends (it always adds its date range); the platform reports no Server-Timing, so this is
  the client's round trip (the body is not parsed);
- UI: an offscreen SupervisorDesk of a supervisor: the filter widgets set, Search clicked,
  time until the HistoryModel holds the first page; then a forced paint of the table; and the
  longest gap of a 5 ms QTimer on the GUI thread during the search (the GUI-thread stall);
- export: fetch_history of 10k decisions, write_csv, verify_export, write_pdf (time, size,
  pages, peak RSS of the process during each), and the desk's own CSV and PDF exports (run
  as the user would, on a worker) with the GUI-thread stall while they run.

The data: the medium data set plus 100k decisions spread over 180 days, seeded straight into
the database by bench_accountability; the platform runs in its own process.

Run:  .venv/bin/python -m tests.benchmarks.bench_supervisor [--runs 30] [--decisions 100000] [--export 10000]
Prints markdown tables and writes benchmark-results/supervisor.json."""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform as host
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import requests

from tests.benchmarks.bench_accountability import add_decisions, seed, serve
from tests.benchmarks.bench_platform import percentile

ROOT = Path(__file__).resolve().parents[2]
USER = "sup1"
DEMO_PASSWORD = "qunguan-demo"
WARMUP = 5
TICK_MS = 5
#: pages appended by scrolling the unfiltered history (to 1,000 rows)
SCROLL_PAGES = 9

#: name: (parameters of GET /decisions, the desk's widgets to set, parameters the desk has no
#: widget for -- category and group -- added to what its filters() returns). The group is set
#: once the data is seeded: the one with the most decisions.
FILTERS: dict[str, tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = {
    "none": ({}, {}, {}),
    "moderator": ({"moderator": "mod1"}, {"moderator": "mod1"}, {}),
    "action": ({"action": "mute"}, {"action": "mute"}, {}),
    "reason code": ({"reason_code": "PLT-03"}, {"reason": "PLT-03"}, {}),
    "category": ({"category": "NEG"}, {}, {"category": ["NEG"]}),
    "group": ({}, {}, {}),
    "outcome": ({"outcome": "no_violation"}, {"outcome": "no_violation"}, {}),
    "time range (Sep 2026)": ({"since": "2026-09-01T00:00:00Z", "until": "2026-10-01T00:00:00Z"},
                              {"since": date(2026, 9, 1), "until": date(2026, 9, 30)}, {}),
    "text": ({"q": "证据"}, {"text": "证据"}, {}),
    "combined (moderator, action, category)": ({"moderator": "mod2", "action": "warn", "category": "PLT"},
                                               {"moderator": "mod2", "action": "warn"}, {"category": ["PLT"]}),
}


# --- measuring ------------------------------------------------------------------------------------------


def summary(values: list[float], digits: int = 1) -> dict[str, float]:
    return {"p50": round(statistics.median(values), digits), "p95": round(percentile(values, 0.95), digits),
            "max": round(max(values), digits), "n": len(values)}


def _status(field: str) -> int | None:
    """A field of /proc/self/status in kB (Linux), or None."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def reset_peak_rss() -> bool:
    """Reset the process's RSS high-water mark to its current RSS (Linux >= 4.0)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


class Peak:
    """Peak RSS of this process during a block: VmHWM after clear_refs, else ru_maxrss (the
    lifetime peak; then `reset` is False in the figures)."""

    def __enter__(self) -> Peak:
        self.reset = reset_peak_rss()
        self.before_kb = _status("VmRSS") or 0
        return self

    def __exit__(self, *exc: object) -> None:
        peak = _status("VmHWM") if self.reset else None
        if peak is None:
            import resource

            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self.peak_kb = peak

    def figures(self) -> dict[str, Any]:
        return {"rss_before_mb": round(self.before_kb / 1024, 1), "peak_rss_mb": round(self.peak_kb / 1024, 1),
                "peak_over_before_mb": round((self.peak_kb - self.before_kb) / 1024, 1), "peak_reset": self.reset}


def pdf_pages(path: Path) -> int | None:
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        match = re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)
        if match:
            return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page(?!s)", path.read_bytes())) or None


# --- server time ----------------------------------------------------------------------------------------


def login(api: str) -> requests.Session:
    session = requests.Session()
    tokens = session.post(f"{api}/auth/login", json={"username": USER, "password": DEMO_PASSWORD}).json()
    session.headers["Authorization"] = f"Bearer {tokens['access_token']}"
    return session


def http_latency(session: requests.Session, api: str, params: dict[str, Any], runs: int) -> dict[str, Any]:
    """The round trip of the history's first page; the body is read, not parsed."""
    times, timing_headers = [], set()
    items = 0
    for i in range(runs + WARMUP):
        started = time.perf_counter()
        response = session.get(f"{api}/decisions", params=params)
        elapsed = (time.perf_counter() - started) * 1000
        response.raise_for_status()
        if i >= WARMUP:
            times.append(elapsed)
        timing_headers |= {h for h in response.headers if "timing" in h.lower() or "process-time" in h.lower()}
        items = len(response.json()["items"]) if i == 0 else items
    return {**summary(times), "items": items, "bytes": len(response.content),
            "server_timing_headers": sorted(timing_headers)}


def server_times(api: str, runs: int, page: int) -> dict[str, Any]:
    session = login(api)
    results = {}
    for name, (params, _widgets, _extra) in FILTERS.items():
        results[name] = http_latency(session, api, {**params, "limit": page}, runs)
        print(f"server {name}: {results[name]}", flush=True)
    return results


# --- the desk -------------------------------------------------------------------------------------------


class Desk:
    """An offscreen SupervisorDesk of a logged-in supervisor, with a 5 ms tick on the GUI thread."""

    def __init__(self, base_url: str, workdir: Path) -> None:
        from PySide6.QtCore import Qt, QTimer

        from qunguan.client.api import ApiClient
        from qunguan.client.cache import Cache, sqlcipher
        from qunguan.client.sync import Syncer
        from qunguan.ui.app import create_application
        from qunguan.ui.supervisor import PAGE, SupervisorDesk
        from qunguan.ui.tasks import tune_gc
        from qunguan.ui.workstation import Workstation

        self.app = create_application(["bench"])
        self.page = PAGE
        self.client = ApiClient(base_url)
        tokens = self.client.login(USER, DEMO_PASSWORD)
        key = os.urandom(32) if sqlcipher() is not None else None
        self.cache = Cache(Cache.path_for(workdir / "cache", base_url, USER), me=USER, key=key)
        self.ws = Workstation(self.client, self.cache, Syncer(self.client, self.cache), tokens.moderator)
        self.desk = SupervisorDesk(self.ws)
        self.desk.show()
        self.settle()
        tune_gc()  # as the application does once its window is up
        self.base_filters = self.desk.filters
        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))
        self.timer.start()

    def settle(self) -> None:
        """Let the desk's start-up fetches (history, proposals, appeals, quality) finish."""
        from qunguan.ui.tasks import wait_for_tasks

        for _ in range(5):
            wait_for_tasks(120_000)
            self.app.processEvents()

    def set_filter(self, widgets: dict[str, Any], extra: dict[str, Any]) -> None:
        from PySide6.QtCore import QDate

        d = self.desk
        d.f_moderator.setText(widgets.get("moderator", ""))
        d.f_reason.setText(widgets.get("reason", ""))
        d.f_text.setText(widgets.get("text", ""))
        d.f_action.setCurrentIndex(max(0, d.f_action.findData(widgets.get("action"))) if "action" in widgets else 0)
        d.f_outcome.setCurrentIndex(max(0, d.f_outcome.findData(widgets.get("outcome")))
                                    if "outcome" in widgets else 0)
        d.f_dated.setChecked("since" in widgets)
        since, until = widgets.get("since", date(2000, 1, 1)), widgets.get("until")
        d.f_since.setDate(QDate(since.year, since.month, since.day))
        d.f_until.setDate(QDate(until.year, until.month, until.day) if until else QDate.currentDate())
        base = self.base_filters
        d.filters = (lambda: {**base(), **extra}) if extra else base  # type: ignore[method-assign]

    def params(self) -> dict[str, Any]:
        """What the desk sends for the current filters (as ApiClient.history drops the empty ones)."""
        return {k: v for k, v in self.desk.filters().items() if v not in (None, "", [], ())}

    def run_loop(self, start: Callable[[], None], finished: Callable[[], bool], timeout: float,
                 lead_ms: int = 25, tail_ms: int = 20) -> tuple[float, float, list[float]]:
        """Run the event loop: `start` after `lead_ms`, until `finished()` holds (checked on every
        tick), then `tail_ms` more. Returns (start time, finish time, the tick times)."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        marks: dict[str, float] = {}

        def go() -> None:
            marks["start"] = time.perf_counter()
            start()

        def check() -> None:
            if "start" in marks and "end" not in marks and finished():
                marks["end"] = time.perf_counter()
                QTimer.singleShot(tail_ms, loop.quit)

        self.timer.timeout.connect(check)
        QTimer.singleShot(lead_ms, go)
        guard = QTimer()
        guard.setSingleShot(True)
        guard.timeout.connect(loop.quit)
        guard.start(int(timeout * 1000))
        self.ticks.clear()
        loop.exec()
        guard.stop()
        self.timer.timeout.disconnect(check)
        if "end" not in marks:
            raise RuntimeError("timed out")
        return marks["start"], marks["end"], list(self.ticks)

    @staticmethod
    def stall(ticks: list[float], start: float) -> float:
        """The longest gap between ticks from the last one before `start` on (ms)."""
        gaps = [(b - a) * 1000 for a, b in itertools.pairwise(ticks) if b >= start]
        return max(gaps, default=0.0)

    def search(self) -> tuple[float, float, float]:
        """Click Search; (ms until the model holds the first page, ms of a forced paint, stall ms)."""
        from PySide6.QtWidgets import QPushButton

        button = self.desk.findChild(QPushButton, "historySearch")
        reset: dict[str, float] = {}

        def on_reset() -> None:
            reset["at"] = time.perf_counter()

        self.desk.history.modelReset.connect(on_reset)
        try:
            started, _, ticks = self.run_loop(button.click, lambda: "at" in reset, timeout=60)
        finally:
            self.desk.history.modelReset.disconnect(on_reset)
        model_ms = (reset["at"] - started) * 1000
        paint_started = time.perf_counter()
        self.desk.table.viewport().repaint()
        paint_ms = (time.perf_counter() - paint_started) * 1000
        return model_ms, paint_ms, self.stall(ticks, started)

    def scroll(self, pages: int) -> list[dict[str, float]]:
        """From the first page (no filter), scroll to the bottom `pages` times: each time the view
        asks for the next page (fetchMore) and the model appends it. Per page: ms until the rows
        are in the model, and the GUI-thread stall."""
        self.set_filter({}, {})
        self.search()
        table, model = self.desk.table, self.desk.history
        figures = []
        for _ in range(pages):
            want = model.rowCount() + self.page
            started, ended, ticks = self.run_loop(table.scrollToBottom, lambda w=want: model.rowCount() >= w,
                                                  timeout=60)
            figures.append({"rows": model.rowCount(), "append_ms": round((ended - started) * 1000, 1),
                            "stall_ms": round(self.stall(ticks, started), 1)})
        return figures

    def export(self, kind: str, path: Path, since: str) -> dict[str, Any]:
        """The desk's own export (CSV or PDF) of the decisions recorded since `since`, run as the
        button runs it: on a worker, the window live."""
        self.set_filter({}, {"since": since})
        status = self.desk.history_status
        with Peak() as peak:
            started, ended, ticks = self.run_loop(
                lambda: self.desk.export_pdf(path) if kind == "pdf" else self.desk.export_csv(path),
                lambda: self.desk.export_button.isEnabled(), timeout=1800)
        self.set_filter({}, {})
        gaps = [(b - a) * 1000 for a, b in itertools.pairwise(ticks) if b >= started]
        text = status.text()
        if not text.startswith("Exported"):
            raise RuntimeError(f"the desk's export failed: {text}")
        return {"seconds": round(ended - started, 2), "rows": int(text.split()[1]), "bytes": path.stat().st_size,
                "max_stall_ms": round(max(gaps, default=0.0), 1),
                "gaps_over_16ms": sum(g > 16 for g in gaps), "gaps_over_100ms": sum(g > 100 for g in gaps),
                "stalled_s": round(sum(g for g in gaps if g > 16) / 1000, 2), **peak.figures()}

    def close(self) -> None:
        from qunguan.ui.tasks import wait_for_tasks

        self.timer.stop()
        self.desk.close()
        wait_for_tasks(60_000)
        self.app.processEvents()
        self.cache.close()


def ui_times(desk: Desk, api: str, runs: int) -> dict[str, Any]:
    session = login(api)
    results: dict[str, Any] = {}
    for name, (_params, widgets, extra) in FILTERS.items():
        desk.set_filter(widgets, extra)
        params = desk.params()
        model, paint, stall = [], [], []
        for i in range(runs + WARMUP):
            m, p, s = desk.search()
            if i >= WARMUP:
                model.append(m)
                paint.append(p)
                stall.append(s)
        rows = desk.desk.history.rowCount()
        # the desk's exact request, over HTTP alone and through ApiClient (HTTP + parsing)
        http = http_latency(session, api, {**params, "limit": desk.page}, runs)
        parsed = []
        for i in range(runs + WARMUP):
            started = time.perf_counter()
            desk.client.history(**params, limit=desk.page)
            if i >= WARMUP:
                parsed.append((time.perf_counter() - started) * 1000)
        results[name] = {"desk_params": params, "rows": rows, "search_to_model_ms": summary(model),
                         "paint_ms": summary(paint), "gui_stall_ms": summary(stall),
                         "server_desk_params_ms": http, "client_fetch_parse_ms": summary(parsed)}
        print(f"ui {name}: rows {rows}, model {results[name]['search_to_model_ms']}, "
              f"paint {results[name]['paint_ms']}, stall {results[name]['gui_stall_ms']}", flush=True)
    results["scroll (no filter)"] = scrolled = desk.scroll(SCROLL_PAGES)
    print("scrolling:", scrolled, flush=True)
    desk.set_filter({}, {})
    return results


def busiest_group(db: str) -> int:
    from sqlalchemy import create_engine, func, select

    from qunguan.server import models
    from qunguan.server.db import normalise_url

    engine = create_engine(normalise_url(db))
    with engine.connect() as conn:
        group = conn.execute(select(models.Decision.group_id).where(models.Decision.group_id.is_not(None))
                             .group_by(models.Decision.group_id).order_by(func.count().desc()).limit(1)).scalar_one()
    engine.dispose()
    return int(group)


def newest_since(db: str, count: int) -> str:
    """The time from which `count` decisions were recorded (the history is paged by id, which
    is not the order of recorded_at in the seeded data, so a limit would not do for the desk)."""
    from sqlalchemy import create_engine, select

    from qunguan.server import models
    from qunguan.server.db import normalise_url

    engine = create_engine(normalise_url(db))
    with engine.connect() as conn:
        at = conn.execute(select(models.Decision.recorded_at).order_by(models.Decision.recorded_at.desc())
                          .offset(count - 1).limit(1)).scalar_one()
    engine.dispose()
    return at.isoformat()


def exports(desk: Desk, workdir: Path, since: str) -> dict[str, Any]:
    """The decisions recorded since `since`: directly through the export functions, then
    through the desk's buttons."""
    from qunguan.client.export import fetch_history, verify_export, write_csv
    from qunguan.ui.report import write_pdf

    out: dict[str, Any] = {"since": since}

    def step(name: str, work: Callable[[], Any], **figures: Callable[[Any], Any]) -> Any:
        with Peak() as peak:
            started = time.perf_counter()
            result = work()
            seconds = time.perf_counter() - started
        out[name] = {"seconds": round(seconds, 2), **{k: f(result) for k, f in figures.items()}, **peak.figures()}
        print(f"{name}:", out[name], flush=True)
        return result

    csv_path, pdf_path = workdir / "history.csv", workdir / "history.pdf"
    decisions = step("fetch", lambda: fetch_history(desk.client, {"since": since}), rows=len)
    step("csv", lambda: write_csv(csv_path, desk.client, decisions, "bench"),
         bytes=lambda _: csv_path.stat().st_size)
    step("verify", lambda: verify_export(csv_path), ok=lambda v: v.ok, rows=lambda v: v.rows)
    step("pdf", lambda: write_pdf(pdf_path, desk.client, decisions, "bench"),
         bytes=lambda _: pdf_path.stat().st_size, pages=lambda _: pdf_pages(pdf_path))
    decisions.clear()  # free them before the desk fetches its own
    for kind in ("csv", "pdf"):
        out[f"desk_{kind}"] = desk.export(kind, workdir / f"desk.{kind}", since)
        print(f"desk export {kind}:", out[f"desk_{kind}"], flush=True)
    return out


# --- report ---------------------------------------------------------------------------------------------


def _pair(s: dict[str, float]) -> str:
    return f"{s['p50']} / {s['p95']}"


def markdown(results: dict[str, Any]) -> str:
    lines = [
        f"Supervisor's desk over {results['decisions_added']:,} decisions (plus the medium data set), "
        f"{results['date']}, {results['machine']}; {results['runs']} runs each after {WARMUP} of warm-up; "
        f"first page of {results['page']}; load average {results['load_average_at_start']} at the start, "
        f"{results['load_average_at_end']} at the end; times in ms, p50 / p95.",
        "",
        "| filter | rows | server, filter alone | server, desk's request | ApiClient fetch + parse "
        "| Search → model holds the page | forced paint | GUI-thread stall (max) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, server in results["server"].items():
        ui = results["ui"][name]
        label = f"group (#{results['group_id']}, the busiest)" if name == "group" else name
        lines.append(
            f"| {label} | {ui['rows']} | {_pair(server)} | {_pair(ui['server_desk_params_ms'])} | "
            f"{_pair(ui['client_fetch_parse_ms'])} | {_pair(ui['search_to_model_ms'])} | {_pair(ui['paint_ms'])} | "
            f"{_pair(ui['gui_stall_ms'])} ({ui['gui_stall_ms']['max']}) |")
    scrolled = results["ui"]["scroll (no filter)"]
    lines += [
        "",
        "Scrolling the unfiltered history to the bottom, page after page (the view asks for the next "
        f"{results['page']}; ms from the scroll until the rows are in the model, and the GUI-thread stall):",
        "",
        "| rows in the model | " + " | ".join(f"{p['rows']:,}" for p in scrolled) + " |",
        "|---|" + "---|" * len(scrolled),
        "| scroll → rows appended | " + " | ".join(str(p["append_ms"]) for p in scrolled) + " |",
        "| GUI-thread stall | " + " | ".join(str(p["stall_ms"]) for p in scrolled) + " |",
    ]
    e = results["export"]
    n = e["fetch"]["rows"]
    lines += [
        "",
        f"Export of the {n:,} decisions recorded since {e['since'][:19]} (peak RSS of the benchmark process "
        f"during the step; it held ≈{e['fetch']['rss_before_mb']:.0f} MB before):",
        "",
        "| what | time | size | peak RSS (over the RSS before) | GUI-thread stall |",
        "|---|---|---|---|---|",
        f"| fetch_history, {n:,} decisions in pages of 200 | {e['fetch']['seconds']} s | — | "
        f"{e['fetch']['peak_rss_mb']} MB (+{e['fetch']['peak_over_before_mb']}) | — |",
        f"| write_csv (hash chain, signature, file) | {e['csv']['seconds']} s | {e['csv']['bytes'] / 1e6:.1f} MB | "
        f"{e['csv']['peak_rss_mb']} MB (+{e['csv']['peak_over_before_mb']}) | — |",
        f"| verify_export of that CSV | {e['verify']['seconds']} s ({'PASS' if e['verify']['ok'] else 'FAIL'}) | — | "
        f"{e['verify']['peak_rss_mb']} MB (+{e['verify']['peak_over_before_mb']}) | — |",
        f"| write_pdf ({e['pdf']['pages']} pages, A4 landscape) | {e['pdf']['seconds']} s | "
        f"{e['pdf']['bytes'] / 1e6:.1f} MB | {e['pdf']['peak_rss_mb']} MB (+{e['pdf']['peak_over_before_mb']}) | — |",
    ]
    for kind, label in (("csv", "Export CSV…"), ("pdf", "Export PDF…")):
        d = e[f"desk_{kind}"]
        lines.append(
            f"| the desk's {label} ({d['rows']:,} rows: fetch + write on a worker) | {d['seconds']} s | "
            f"{d['bytes'] / 1e6:.1f} MB | {d['peak_rss_mb']} MB (+{d['peak_over_before_mb']}) | "
            f"max {d['max_stall_ms']} ms; {d['gaps_over_16ms']} gaps > 16 ms, {d['gaps_over_100ms']} > 100 ms |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--decisions", type=int, default=100_000)
    parser.add_argument("--export", type=int, default=10_000)
    args = parser.parse_args()
    began = time.perf_counter()
    results: dict[str, Any] = {"date": time.strftime("%Y-%m-%d"),
                               "machine": f"{os.cpu_count()} cores, {host.machine()}, Python {host.python_version()}",
                               "runs": args.runs, "decisions_added": args.decisions,
                               "load_average_at_start": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        key, db = workdir / "key.pem", str(workdir / "history.db")
        started = time.perf_counter()
        seed(db, key, "medium")
        add_decisions(db, args.decisions)
        results["seed_s"] = round(time.perf_counter() - started, 1)
        results["group_id"] = group = busiest_group(db)
        FILTERS["group"] = ({"group_id": group}, {}, {"group_id": group})
        print(f"seeded in {results['seed_s']} s", flush=True)
        proc, api = serve(db, key, 1)
        try:
            from qunguan.ui.supervisor import PAGE

            results["page"] = PAGE
            results["server"] = server_times(api, args.runs, PAGE)
            desk = Desk(api.removesuffix("/api/v1"), workdir)
            try:
                results["ui"] = ui_times(desk, api, args.runs)
                results["export"] = exports(desk, workdir, newest_since(db, args.export))
            finally:
                desk.close()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    results["total_s"] = round(time.perf_counter() - began, 1)
    results["load_average_at_end"] = round(os.getloadavg()[0], 2)
    table = markdown(results)
    results["markdown"] = table
    out = ROOT / "benchmark-results"
    out.mkdir(exist_ok=True)
    (out / "supervisor.json").write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))
    print(table)
    print(f"\nwhole benchmark: {results['total_s']} s (seeding {results['seed_s']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
