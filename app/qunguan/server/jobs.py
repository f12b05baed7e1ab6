"""Jobs the platform runs on its own, on the platform's clock: proposals lapse, overdue cases
escalate, credit is restored, old personal data is removed by the retention policy.

Each job is a function ``(platform, now) -> int`` (how many things it changed) that is
idempotent and safe to run from two workers at once (it takes its rows under a lock or
with a conditional update), and records what it changed in the audit chain itself.

They run every ``Settings.jobs_interval_seconds`` in each serving process (0: never on
their own), when an admin asks (``POST /jobs/run``, which tests use with a moved clock) and
from the command line (``qunguan-platform run-jobs``)."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from datetime import datetime

from qunguan.contract import models as api

from .credit import restore_credit
from .decisions import expire_due_proposals
from .membership import find_over_cap_groups
from .pi_exports import lapse_due
from .platform import Platform
from .retention import retention_job
from .sla import escalate_overdue

log = logging.getLogger(__name__)

Job = Callable[[Platform, datetime], int]


#: In the order they run. Add a job here, with a stable name (it is part of the API's answer).
JOBS: list[tuple[str, Job]] = [
    ("expire_proposals", expire_due_proposals),
    ("escalate_overdue", escalate_overdue),
    ("over_cap_groups", find_over_cap_groups),
    ("retention", retention_job),
    ("restore_credit", restore_credit),
    ("lapse_pi_exports", lapse_due),
]


def run_all(platform: Platform) -> api.JobRun:
    """Run every job once, at the platform's now; a job that fails is logged and reported,
    and does not stop the others."""
    now = platform.now()
    results: dict[str, int] = {}
    failed: dict[str, str] = {}
    for name, job in JOBS:
        try:
            results[name] = job(platform, now)
        except Exception as exc:  # one job's failure must not stop the others
            log.exception("job %s failed", name)
            failed[name] = f"{type(exc).__name__}: {exc}"
    return api.JobRun(ran_at=now, changed=results, failed=failed)


def wait_idle(running: threading.Lock) -> None:
    """Return once no run holds ``running``."""
    with running:
        pass


async def run_periodically(platform: Platform, interval: float, running: threading.Lock) -> None:
    """The serving process's loop: all jobs every ``interval`` seconds, off the event loop.
    ``running`` is held while a run is in its thread: cancelling this task does not stop that
    thread, so the shutdown takes the lock before it closes the database (see app.lifespan)."""

    def run() -> None:
        with running:
            run_all(platform)

    while True:
        await asyncio.sleep(interval)
        try:
            await asyncio.to_thread(run)
        except Exception:  # keep the loop alive; run_all already logged it
            log.exception("jobs failed")
