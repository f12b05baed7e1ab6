"""Settings of one platform process (every worker builds the same from the command line)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path


def utcnow() -> datetime:
    return datetime.now(UTC)


def default_key_path(db_url: str) -> Path:
    """Where the audit signing key lives unless told: beside a SQLite file, else in the
    platform's data directory (never inside the database it signs for)."""
    if "://" not in db_url or db_url.startswith("sqlite:///"):
        path = Path(db_url.removeprefix("sqlite:///")).expanduser().resolve()
        return path.with_name(path.name + ".audit-key.pem")
    from platformdirs import user_data_path

    return user_data_path("qunguan-platform", appauthor=False) / "audit-key.pem"


@dataclass(frozen=True)
class Settings:
    db_url: str
    #: The Ed25519 key that signs audit checkpoints (default: see default_key_path).
    audit_key_path: Path | None = None
    access_ttl_seconds: int = 15 * 60
    refresh_ttl_seconds: int = 14 * 86_400
    #: Failed logins before a lockout; each further failure doubles the lockout.
    lockout_threshold: int = 5
    lockout_base_seconds: int = 30
    lockout_max_seconds: int = 3600
    proposal_ttl_seconds: int = 3 * 86_400
    max_body_bytes: int = 1_000_000
    issuer: str = "qunguan-platform"
    #: How often each serving process runs the platform's own jobs (see jobs.py); 0: never on their own.
    jobs_interval_seconds: float = 60
    #: The clock; tests inject one to move time.
    clock: Callable[[], datetime] = field(default=utcnow)


def key_path(settings: Settings) -> Path:
    return settings.audit_key_path or default_key_path(settings.db_url)
