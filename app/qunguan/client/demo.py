"""The embedded demo platform: start the reference platform in a process of its own on
127.0.0.1 and a free port, over demo data in the user's data directory.

This module starts the platform as a program and talks to it over HTTP only; it never
imports ``qunguan.server`` (the layers are checked by import-linter)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests
from platformdirs import user_data_path

from .errors import KnownError

DEMO_PASSWORD = "qunguan-demo"
PROGRESS = re.compile(r"^progress (\d+) (\d+)$", re.MULTILINE)


def demo_dir() -> Path:
    return user_data_path("qunguan", appauthor=False, ensure_exists=True) / "demo"


def _platform_command(*args: str) -> list[str]:
    if getattr(sys, "frozen", False):  # an installed build: its own executable runs the platform
        return [sys.executable, "platform", *args]
    return [sys.executable, "-m", "qunguan.server.cli", *args]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class DemoPlatform:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def ensure_seeded(
    directory: Path, scale: str = "medium", progress: Callable[[int, int], None] | None = None
) -> Path:
    """Create and seed the demo database on first use. Returns its path."""
    directory.mkdir(parents=True, exist_ok=True)
    db = directory / "platform.db"
    ready = directory / f"seeded-{scale}"
    if ready.exists() and db.exists():
        return db
    for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)
    buffer = b""
    with subprocess.Popen(
        _platform_command("seed", "--db", str(db), "--scale", scale, "--progress-lines"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_child_env(),
    ) as process:
        assert process.stderr is not None
        while chunk := process.stderr.read1(4096):
            buffer = (buffer + chunk)[-4096:]
            matches = PROGRESS.findall(buffer.decode("utf-8", "replace"))
            if matches and progress is not None:
                done, total = matches[-1]
                progress(int(done), int(total))
        code = process.wait()
    if code != 0:
        raise KnownError(f"Seeding the demo data failed: {buffer.decode('utf-8', 'replace')[-500:]}")
    ready.touch()
    return db


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def start(directory: Path | None = None, *, scale: str = "medium",
          progress: Callable[[int, int], None] | None = None, timeout: float = 60) -> DemoPlatform:
    directory = directory or demo_dir()
    db = ensure_seeded(directory, scale, progress)
    # Demo data made by an older version: bring its schema up to date (a no-op when it is).
    upgrade = subprocess.run(_platform_command("init-db", "--db", str(db)), capture_output=True, env=_child_env(),
                             timeout=300)
    if upgrade.returncode != 0:
        raise KnownError(f"Upgrading the demo data failed: {upgrade.stderr.decode('utf-8', 'replace')[-500:]}")
    port = free_port()
    log_path = directory / "platform.log"
    log = log_path.open("ab")
    process = subprocess.Popen(
        _platform_command("serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port),
                          "--log-level", "warning"),
        stdout=log, stderr=log, env=_child_env(),
    )
    log.close()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise KnownError(f"The demo platform stopped at start; see {log_path}.")
        try:
            if requests.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                return DemoPlatform(url, process, log_path)
        except requests.RequestException:
            pass
        time.sleep(0.1)
    process.kill()
    raise KnownError(f"The demo platform did not start in {timeout:.0f} s; see {log_path}.")
