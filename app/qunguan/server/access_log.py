"""The access log (Art. 14: network logs kept at least six months): every authenticated API
request, as who, which route (its template under /api/v1, e.g. ``/cases/{case_id}``, never the URL with
its query), the answer's status, when, from where and how long it took. Never a token, a
password or a body.

A request only appends a tuple to an in-memory buffer; a flusher writes the buffer in one
multi-row INSERT about every second (and when the process stops), so logging costs a request
microseconds, not a write transaction. The price: what a process buffered in its last second
is lost if it is killed outright. Each serving process has its own buffer."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import deque
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from qunguan.contract import models as api

from . import models
from .platform import Platform
from .security import TokenExpired, TokenInvalid

log = logging.getLogger(__name__)

_TABLE = models.AccessLogEntry.__table__
#: Rows kept in memory at most when the database cannot take them (then the oldest go, and say so).
MAX_BUFFERED = 100_000


class AccessLog:
    """The buffer of one serving process and its flusher."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self._rows: deque[dict[str, Any]] = deque()
        self._flush_lock = threading.Lock()
        self.dropped = 0

    def record(self, row: dict[str, Any]) -> None:
        if len(self._rows) >= MAX_BUFFERED:
            self._rows.popleft()
            self.dropped += 1
        self._rows.append(row)

    def flush(self) -> int:
        """Write what is buffered; returns how many rows. Safe from any thread."""
        with self._flush_lock:
            batch: list[dict[str, Any]] = []
            try:
                while True:
                    batch.append(self._rows.popleft())
            except IndexError:
                pass
            if not batch:
                return 0
            try:
                with self.platform.db.write_connection() as connection:
                    connection.execute(insert(_TABLE), batch)
            except Exception:
                # Keep them for the next try (the database may be restarting).
                self._rows.extendleft(reversed(batch))
                raise
            return len(batch)

    async def run(self, interval: float = 1.0) -> None:
        """Flush every ``interval`` seconds, off the event loop, until cancelled."""
        while True:
            await asyncio.sleep(interval)
            try:
                await asyncio.to_thread(self.flush)
            except Exception:
                log.exception("writing the access log failed; will retry")


class AccessLogMiddleware:
    """Records each request that carried a valid access token, after its answer is sent."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            self._record(scope, status, started)

    @staticmethod
    def _record(scope: Scope, status: int, started: float) -> None:
        state = scope.get("app")
        access_log: AccessLog | None = getattr(getattr(state, "state", None), "access_log", None)
        if access_log is None:
            return
        token = None
        for name, value in scope.get("headers", ()):
            if name == b"authorization":
                scheme, _, credentials = value.decode("latin-1").partition(" ")
                if scheme.lower() == "bearer":
                    token = credentials.strip()
                break
        if not token:
            return
        platform = access_log.platform
        now = platform.now()
        try:
            # Remembered per process (security.AccessTokens): a dictionary look-up here.
            claims = platform.tokens.verify(token, now)
        except (TokenExpired, TokenInvalid):
            return  # not an authenticated request
        route = scope.get("route")
        client = scope.get("client")
        access_log.record({
            "at": now,
            "staff_id": claims.staff_id,
            "method": scope.get("method", "")[:10],
            "route": (getattr(route, "path_format", None) or "(no route)")[:200],
            "status": status,
            "client": client[0][:64] if client else None,
            "duration_ms": round((time.perf_counter() - started) * 1000, 3),
        })


def query(platform: Platform, staff_id: int | None, since: datetime | None, until: datetime | None,
          before: int | None, limit: int) -> api.Page[api.AccessLogEntry]:
    """Newest first, ``limit`` at a time; the cursor is the id to continue below."""
    staff = models.Staff.__table__
    stmt = select(_TABLE, staff.c.username).join(staff, staff.c.id == _TABLE.c.staff_id)
    if staff_id is not None:
        stmt = stmt.where(_TABLE.c.staff_id == staff_id)
    if since is not None:
        stmt = stmt.where(_TABLE.c.at >= since)
    if until is not None:
        stmt = stmt.where(_TABLE.c.at < until)
    if before is not None:
        stmt = stmt.where(_TABLE.c.id < before)
    with platform.db.engine.connect() as connection:
        rows = connection.execute(stmt.order_by(_TABLE.c.id.desc()).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    items = [api.AccessLogEntry(id=r.id, at=r.at, staff_id=r.staff_id, username=r.username, method=r.method,
                                route=r.route, status=r.status, client=r.client, duration_ms=r.duration_ms)
             for r in rows]
    return api.Page[api.AccessLogEntry](items=items, next_cursor=str(rows[-1].id) if more and rows else None)
