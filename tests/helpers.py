"""Small helpers for tests that talk to a running platform."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from typing import Any

import requests

from tests.platform_fixture import ApiSession, RunningPlatform

PASSWORD = "correct horse battery"


def new_account(platform: RunningPlatform, role: str = "moderator", prefix: str = "t") -> tuple[str, ApiSession]:
    """Create a staff account of its own for one test (through the admin API) and log it in."""
    admin = platform.login("admin1")
    username = f"{prefix}{uuid.uuid4().hex[:10]}"
    response = admin.post(
        "/moderators", json={"username": username, "display_name": username, "role": role, "password": PASSWORD}
    )
    assert response.status_code == 201, response.text
    session = platform.anonymous()
    assert session.login(username, PASSWORD).status_code == 200
    return username, session


def take_open_case(session: ApiSession, **filters: Any) -> dict[str, Any]:
    """Claim an open case nobody holds (another test may race us: try the next one)."""
    params: dict[str, Any] = {"status": "open", "limit": 50, **filters}
    page = session.get("/cases", params=params).json()
    for item in page["items"]:
        response = session.post(f"/cases/{item['id']}/claim", json={})
        if response.status_code == 200:
            return response.json()
    raise AssertionError("no open case could be claimed")


def decide(session: ApiSession, case: dict[str, Any], action: str, key: str | None = None, **body: Any):
    payload = {"case_id": case["id"], "action": action, "expected_version": case["version"], **body}
    return session.post("/decisions", json=payload, headers={"Idempotency-Key": key or str(uuid.uuid4())})


def wait_until_healthy(api: str, timeout: float = 60) -> None:
    """Wait for a platform started as a process to answer its health check."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{api}/health", timeout=1).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise AssertionError(f"the platform at {api} did not start in {timeout:.0f} s")


def verify_audit(platform: RunningPlatform) -> subprocess.CompletedProcess[str]:
    """``qunguan-platform verify-audit`` on the platform's database with its audit key."""
    return subprocess.run([sys.executable, "-m", "qunguan.server.cli", "verify-audit", "--db", platform.db_url,
                           "--audit-key", str(platform.extra["audit_key"])], capture_output=True, text=True,
                          timeout=120)
