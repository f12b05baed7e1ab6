"""The platform's own jobs: run on request at the platform's time, from the command line, and
on their own in a serving process."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.helpers import decide, take_open_case

pytestmark = pytest.mark.server


def _pending_proposal(platform):
    moderator = platform.login("mod1")
    case = take_open_case(moderator)
    proposal = decide(moderator, case, "ban", reason_code="PLT-03").json()["decision"]["proposal_id"]
    return moderator, case, proposal


def test_run_jobs_expires_proposals_at_platform_time(fresh_platform):
    platform = fresh_platform(proposal_ttl_seconds=3600, access_ttl_seconds=86_400)
    moderator, case, _ = _pending_proposal(platform)
    admin = platform.login("admin1")
    first = admin.post("/jobs/run")
    assert first.status_code == 200, first.text
    assert first.json()["changed"]["expire_proposals"] == 0
    assert first.json()["failed"] == {}
    platform.clock.advance(3601)
    ran = admin.post("/jobs/run").json()
    assert ran["changed"]["expire_proposals"] == 1
    # The job did the work: the case is open again without anyone listing proposals.
    assert moderator.get(f"/cases/{case['id']}").json()["case"]["status"] == "open"
    assert admin.post("/jobs/run").json()["changed"]["expire_proposals"] == 0


def test_jobs_run_on_their_own_in_a_serving_process(fresh_platform):
    platform = fresh_platform(proposal_ttl_seconds=3600, access_ttl_seconds=86_400, jobs_interval_seconds=0.2)
    moderator, case, _ = _pending_proposal(platform)
    platform.clock.advance(3601)
    deadline = time.monotonic() + 20
    while moderator.get(f"/cases/{case['id']}").json()["case"]["status"] != "open":
        assert time.monotonic() < deadline, "the job loop did not expire the proposal"
        time.sleep(0.1)


def test_run_jobs_command(database_factory):
    url = database_factory.clone()
    done = subprocess.run([sys.executable, "-m", "qunguan.server.cli", "run-jobs", "--db", url,
                           "--audit-key", str(database_factory.audit_key)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "expire_proposals: 0" in done.stdout
