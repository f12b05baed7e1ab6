"""Start the reference platform for tests: a real uvicorn server on 127.0.0.1, port 0,
over a real database cloned from a template seeded once per test session.

SQLite by default; PostgreSQL when ``QUNGUAN_TEST_DB_URL`` names a server database
(``postgresql://user@host/dbname``): clones are then ``CREATE DATABASE ... TEMPLATE``.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
import uvicorn
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from qunguan.server import schema
from qunguan.server.app import create_app
from qunguan.server.config import Settings
from qunguan.server.db import normalise_url, open_database
from qunguan.server.seed import seed

DEMO_PASSWORD = "qunguan-demo"
#: A fixed "now" for the seeded data, so every run sees the same data set.
SEED_NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


class Clock:
    """The platform's clock in tests: real time plus an offset that tests can move."""

    def __init__(self) -> None:
        self._offset = timedelta(0)
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return datetime.now(UTC) + self._offset

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += timedelta(seconds=seconds)


@dataclass
class RunningPlatform:
    url: str
    api: str
    db_url: str
    clock: Clock
    server: uvicorn.Server
    thread: threading.Thread
    extra: dict[str, object] = field(default_factory=dict)

    def login(self, username: str, password: str = DEMO_PASSWORD) -> ApiSession:
        session = ApiSession(self.api)
        session.login(username, password)
        return session

    def anonymous(self) -> ApiSession:
        return ApiSession(self.api)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


class ApiSession(requests.Session):
    """A requests session with the API prefix and a bearer token."""

    def __init__(self, api: str) -> None:
        super().__init__()
        self.api = api
        self.tokens: dict[str, object] = {}

    def request(self, method: str, url: str | bytes, *args, **kwargs):  # type: ignore[override]
        if isinstance(url, str) and url.startswith("/"):
            url = self.api + url
        kwargs.setdefault("timeout", 30)
        return super().request(method, url, *args, **kwargs)

    def login(self, username: str, password: str = DEMO_PASSWORD, totp: str | None = None) -> requests.Response:
        body = {"username": username, "password": password}
        if totp:
            body["totp"] = totp
        response = self.post("/auth/login", json=body)
        if response.status_code == 200:
            self.use(response.json())
        return response

    def use(self, tokens: dict[str, object]) -> None:
        self.tokens = tokens
        self.headers["Authorization"] = f"Bearer {tokens['access_token']}"

    @property
    def me(self) -> dict[str, object]:
        return self.tokens["moderator"]  # type: ignore[return-value]


class DatabaseFactory:
    """Seeds one template database per session and clones it for each platform."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.pg_url = os.environ.get("QUNGUAN_TEST_DB_URL")
        self._counter = itertools.count()
        self._tag = f"qgt_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self._created: list[str] = []
        self.audit_key = workdir / "audit-key.pem"
        self.template = self._make_template()

    @property
    def is_postgres(self) -> bool:
        return self.pg_url is not None

    def _admin_engine(self):  # type: ignore[no-untyped-def]
        url = make_url(normalise_url(self.pg_url or "")).set(database="postgres")
        return create_engine(url, isolation_level="AUTOCOMMIT")

    def _pg_url(self, name: str) -> str:
        return make_url(normalise_url(self.pg_url or "")).set(database=name).render_as_string(hide_password=False)

    def _make_template(self) -> str:
        if self.is_postgres:
            name = f"{self._tag}_tmpl"
            engine = self._admin_engine()
            with engine.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            engine.dispose()
            self._created.append(name)
            url = self._pg_url(name)
        else:
            url = str(self.workdir / "template.db")
        db = open_database(url)
        try:
            schema.upgrade(db, self.audit_key)
            seed(db, "small", 7, now=SEED_NOW)
        finally:
            db.dispose()
        if not self.is_postgres:
            with sqlite3.connect(url) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
        return url

    def clone(self) -> str:
        n = next(self._counter)
        if self.is_postgres:
            name = f"{self._tag}_{n}"
            engine = self._admin_engine()
            with engine.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{self._tag}_tmpl"'))
            engine.dispose()
            self._created.append(name)
            return self._pg_url(name)
        target = self.workdir / f"platform-{n}.db"
        shutil.copyfile(self.template, target)
        return str(target)

    def drop_all(self) -> None:
        if not self.is_postgres:
            return
        engine = self._admin_engine()
        with engine.connect() as conn:
            for name in reversed(self._created):
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def start_platform(db_url: str, audit_key: Path, **settings: object) -> RunningPlatform:
    clock = Clock()
    # Jobs run when a test asks (POST /jobs/run), not at a moment of the real clock's choosing.
    settings.setdefault("jobs_interval_seconds", 0)
    app = create_app(Settings(db_url=db_url, clock=clock, audit_key_path=audit_key, **settings))  # type: ignore[arg-type]
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="platform", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the platform did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    return RunningPlatform(url=url, api=f"{url}/api/v1", db_url=db_url, clock=clock, server=server, thread=thread,
                           extra={"audit_key": audit_key})


def platforms(factory: DatabaseFactory) -> Iterator[object]:
    """Yield a function that starts platforms on fresh clones; stop them all afterwards."""
    started: list[RunningPlatform] = []

    def make(**settings: object) -> RunningPlatform:
        platform = start_platform(factory.clone(), factory.audit_key, **settings)
        started.append(platform)
        return platform

    yield make
    for platform in started:
        platform.stop()
