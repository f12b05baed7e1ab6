"""Settings of one platform process (every worker builds the same from the command line)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Settings:
    db_url: str
    access_ttl_seconds: int = 15 * 60
    refresh_ttl_seconds: int = 14 * 86_400
    #: Failed logins before a lockout; each further failure doubles the lockout.
    lockout_threshold: int = 5
    lockout_base_seconds: int = 30
    lockout_max_seconds: int = 3600
    proposal_ttl_seconds: int = 3 * 86_400
    max_body_bytes: int = 1_000_000
    issuer: str = "qunguan-platform"
    #: The clock; tests inject one to move time.
    clock: Callable[[], datetime] = field(default=utcnow)
