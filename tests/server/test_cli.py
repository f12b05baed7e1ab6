"""`qunguan-platform` as an operator uses it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
import requests

from tests.helpers import wait_until_healthy

pytestmark = pytest.mark.server


def platform(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qunguan.server.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_init_seed_add_moderator_and_serve_with_two_workers(tmp_path):
    db = str(tmp_path / "p.db")
    assert platform("init-db", "--db", db).returncode == 0
    seeded = platform("seed", "--db", db, "--scale", "small", "--quiet")
    assert seeded.returncode == 0, seeded.stderr
    assert "qunguan-demo" in seeded.stdout
    again = platform("seed", "--db", db, "--scale", "small", "--quiet")
    assert again.returncode == 2 and "fresh database" in again.stderr
    added = platform("add-moderator", "alice", "--role", "supervisor", "--db", db,
                     env={"QUNGUAN_NEW_PASSWORD": "alice's long password"})
    assert added.returncode == 0, added.stderr
    assert platform("add-moderator", "alice", "--db", db,
                    env={"QUNGUAN_NEW_PASSWORD": "alice's long password"}).returncode == 2
    assert platform("add-moderator", "bob", "--db", db, env={"QUNGUAN_NEW_PASSWORD": "short"}).returncode == 2

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "qunguan.server.cli", "serve", "--db", db, "--port", str(port),
                               "--workers", "2", "--log-level", "warning"])
    try:
        api = f"http://127.0.0.1:{port}/api/v1"
        wait_until_healthy(api)
        tokens = [requests.post(f"{api}/auth/login", json={"username": "alice", "password": "alice's long password"},
                                timeout=10) for _ in range(4)]
        assert all(t.status_code == 200 for t in tokens)
        me = requests.get(f"{api}/auth/me", headers={"Authorization": f"Bearer {tokens[0].json()['access_token']}"},
                          timeout=10)
        assert me.json()["role"] == "supervisor"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_refuses_demo_accounts_off_loopback(tmp_path):
    db = str(tmp_path / "p.db")
    assert platform("seed", "--db", db, "--scale", "small", "--quiet").returncode == 0
    refused = platform("serve", "--db", db, "--host", "0.0.0.0", "--port", str(free_port()), timeout=30)
    assert refused.returncode == 2
    assert "--allow-demo-accounts" in refused.stderr


def test_serve_refuses_an_uninitialised_database(tmp_path):
    refused = platform("serve", "--db", str(tmp_path / "empty.db"), "--port", str(free_port()), timeout=30)
    assert refused.returncode == 2
    assert "init-db" in refused.stderr
