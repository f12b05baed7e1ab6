"""The app factory uvicorn imports in each worker process (settings from the environment)."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI

from .app import create_app
from .config import Settings


def app_from_env() -> FastAPI:
    return create_app(
        Settings(
            db_url=os.environ["QUNGUAN_PLATFORM_DB"],
            access_ttl_seconds=int(os.environ.get("QUNGUAN_PLATFORM_ACCESS_TTL", Settings.access_ttl_seconds)),
            audit_key_path=Path(key) if (key := os.environ.get("QUNGUAN_PLATFORM_AUDIT_KEY")) else None,
            jobs_interval_seconds=float(os.environ.get("QUNGUAN_PLATFORM_JOBS_INTERVAL",
                                                       Settings.jobs_interval_seconds)),
            personal_data_retention_days=int(os.environ.get("QUNGUAN_PLATFORM_PERSONAL_RETENTION_DAYS",
                                                            Settings.personal_data_retention_days)),
            log_retention_days=int(os.environ.get("QUNGUAN_PLATFORM_LOG_RETENTION_DAYS",
                                                  Settings.log_retention_days)),
        )
    )
