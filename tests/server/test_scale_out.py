"""Two uvicorn workers over one database (PostgreSQL in CI's second run): idempotency, the
version check and the audit chain's order hold across processes."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from qunguan.contract.audit import verify_chain
from qunguan.contract.models import AuditEvent, Checkpoint
from tests.helpers import PASSWORD, wait_until_healthy
from tests.platform_fixture import ApiSession

pytestmark = pytest.mark.server


@pytest.fixture
def two_workers(database_factory):
    db_url = database_factory.clone()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "qunguan.server.cli", "serve", "--db", db_url, "--port", str(port), "--workers", "2",
         "--audit-key", str(database_factory.audit_key), "--log-level", "warning"],
    )
    api = f"http://127.0.0.1:{port}/api/v1"
    try:
        wait_until_healthy(api)
        yield api, db_url
    finally:
        server.terminate()
        server.wait(timeout=30)


def session_for(api: str, username: str, password: str = "qunguan-demo") -> ApiSession:
    session = ApiSession(api)
    assert session.login(username, password).status_code == 200
    return session


def test_eight_threads_one_case_one_version_one_success_and_the_chain_holds(two_workers, database_factory):
    api, db_url = two_workers
    admin = session_for(api, "admin1")
    names = []
    for _ in range(8):
        name = f"w{uuid.uuid4().hex[:10]}"
        assert admin.post("/moderators", json={"username": name, "display_name": name, "role": "moderator",
                                               "password": PASSWORD}).status_code == 201
        names.append(name)
    sessions = [session_for(api, name, PASSWORD) for name in names]
    case = sessions[0].get("/cases", params={"status": "open", "limit": 1}).json()["items"][0]
    barrier = threading.Barrier(8)

    def decide(session: ApiSession):
        barrier.wait()
        return session.post("/decisions", headers={"Idempotency-Key": str(uuid.uuid4())},
                            json={"case_id": case["id"], "action": "warn", "reason_code": "PLT-02",
                                  "expected_version": case["version"]})

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(decide, sessions))
    codes = sorted(r.status_code for r in results)
    assert codes == [201] + [409] * 7, [r.text[:200] for r in results]
    detail = sessions[0].get(f"/cases/{case['id']}").json()
    assert len([d for d in detail["decisions"] if d["action"] == "warn"]) == 1

    # The same key from eight threads, across both workers: one effect, one response.
    other = sessions[1].get("/cases", params={"status": "open", "limit": 1}).json()["items"][0]
    key = str(uuid.uuid4())
    barrier = threading.Barrier(8)

    def same_key(_: int):
        barrier.wait()
        body = {"case_id": other["id"], "action": "approve", "expected_version": other["version"]}
        return sessions[1].post("/decisions", headers={"Idempotency-Key": key}, json=body)

    with ThreadPoolExecutor(8) as pool:
        replies = list(pool.map(same_key, range(8)))
    assert {r.status_code for r in replies} == {201}
    assert len({r.content for r in replies}) == 1

    # Many writers at once (claims, notes, logins) while the chain grows; then it verifies.
    def churn(index: int):
        session = sessions[index]
        for item in session.get("/cases", params={"status": "open", "limit": 40}).json()["items"][index::8][:4]:
            claimed = session.post(f"/cases/{item['id']}/claim", json={})
            if claimed.status_code == 200:
                session.post("/decisions", headers={"Idempotency-Key": str(uuid.uuid4())},
                             json={"case_id": item["id"], "action": "note", "note": f"churn {index}",
                                   "expected_version": claimed.json()["version"]})
                session.delete(f"/cases/{item['id']}/claim")

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(churn, range(8)))
    auditor = session_for(api, "audit1")
    events, after = [], 0
    while True:
        page = auditor.get("/audit", params={"after": after, "limit": 1000}).json()
        events.extend(AuditEvent(**e) for e in page["items"])
        if not page["next_cursor"]:
            break
        after = int(page["next_cursor"])
    checkpoint = Checkpoint(**auditor.get("/audit/checkpoint").json())
    key_b64 = auditor.get("/audit/public-key").json()["public_key"]
    verdict = verify_chain(events, checkpoint, key_b64)
    assert verdict.ok, verdict
    assert verdict.checked > 40
    cli = subprocess.run([sys.executable, "-m", "qunguan.server.cli", "verify-audit", "--db", db_url,
                          "--audit-key", str(database_factory.audit_key)], capture_output=True, text=True, timeout=60)
    assert cli.returncode == 0, cli.stderr
