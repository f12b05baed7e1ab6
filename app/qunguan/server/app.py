"""The FastAPI application factory of the reference platform."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from qunguan import __version__
from qunguan.contract import API_PREFIX
from qunguan.contract.problems import PROBLEM_MEDIA_TYPE, ProblemType

from . import errors, jobs
from .access_log import AccessLog, AccessLogMiddleware
from .api import router
from .api_compliance import router as compliance_router
from .api_incidents import router as incidents_router
from .api_jobs import router as jobs_router
from .api_membership import router as membership_router
from .api_reports import router as reports_router
from .api_stats import router as stats_router
from .config import Settings
from .db import Database, open_database
from .platform import Platform


class BodyLimit:
    """Refuse request bodies over a size (413) before they are read into memory."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    too_big = True
                if too_big:
                    await self._refuse(scope, receive, send)
                    return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = errors.problem_response(
            413, ProblemType.PAYLOAD_TOO_LARGE, f"The request body is over {self.max_bytes} bytes.",
        )
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass


def _problem_openapi(app: FastAPI) -> dict[str, Any]:
    """Error responses are documented as application/problem+json with the Problem schema."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title="Qunguan platform API",
        version=__version__,
        description="The moderation API of a group-chat platform, as implemented by the Qunguan reference "
        "platform. Errors are RFC 9457 problem details.",
        routes=app.routes,
    )
    problem_ref = {"$ref": "#/components/schemas/Problem"}
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            if "requestBody" in operation:
                operation["responses"].setdefault(
                    "400", {"description": "The body is not JSON", "content": {}}
                )
            for code, response in operation.get("responses", {}).items():
                if code.isdigit() and int(code) >= 400:
                    response["content"] = {PROBLEM_MEDIA_TYPE: {"schema": problem_ref}}
    components = schema.get("components", {}).get("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    app.openapi_schema = schema
    return schema


def create_app(settings: Settings, database: Database | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = database or open_database(settings.db_url)
        app.state.platform = Platform.open(settings, db)
        app.state.access_log = AccessLog(app.state.platform)
        flusher = asyncio.create_task(app.state.access_log.run())
        runner = None
        running = threading.Lock()
        if settings.jobs_interval_seconds > 0:
            runner = asyncio.create_task(jobs.run_periodically(app.state.platform, settings.jobs_interval_seconds,
                                                               running))
        try:
            yield
        finally:
            if runner is not None:
                runner.cancel()
                # a run already in its thread finishes first: its connection goes back before dispose()
                await asyncio.to_thread(jobs.wait_idle, running)
            flusher.cancel()
            await asyncio.to_thread(app.state.access_log.flush)
            if database is None:
                db.dispose()

    app = FastAPI(
        title="Qunguan platform API",
        version=__version__,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    errors.install(app)
    app.include_router(router, prefix=API_PREFIX)
    app.include_router(stats_router, prefix=API_PREFIX)
    app.include_router(reports_router, prefix=API_PREFIX)
    app.include_router(incidents_router, prefix=API_PREFIX)
    app.include_router(jobs_router, prefix=API_PREFIX)
    app.include_router(compliance_router, prefix=API_PREFIX)
    app.include_router(membership_router, prefix=API_PREFIX)
    app.openapi = lambda: _problem_openapi(app)  # type: ignore[method-assign]
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    # Outermost: it sees the answer's status, and the route the router matched.
    app.add_middleware(AccessLogMiddleware)
    return app
