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


#: Network logs are kept at least six months (Art. 14; the Cybersecurity Law, Art. 21).
MIN_LOG_RETENTION_DAYS = 183


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
    #: Groups one platform user may own at once (Art. 8: a cap on groups per person).
    max_owned_groups: int = 10
    #: The largest member cap a group may have (a larger cap than a credit tier allows is refused too).
    max_member_cap: int = 2000
    #: Above this many members, an invitee must be real-name verified (as on WeChat).
    verified_invitees_above: int = 100
    #: How often each serving process runs the platform's own jobs (see jobs.py); 0: never on their own.
    jobs_interval_seconds: float = 60
    #: Retention (see retention.py): message bodies and attachments older than this, and the real
    #: names and phones of users quiet for this long, are removed unless under a legal hold.
    personal_data_retention_days: int = 180
    #: Access-log rows are kept this long; never less than six months (Art. 14). Audit events
    #: are never removed.
    log_retention_days: int = 183
    #: How long one incident preview may spend testing a regular expression against the window's
    #: messages (see incidents.py); past it the preview is refused as too slow.
    incident_regex_seconds: float = 5.0
    #: The clock; tests inject one to move time.
    clock: Callable[[], datetime] = field(default=utcnow)

    def __post_init__(self) -> None:
        if self.log_retention_days < MIN_LOG_RETENTION_DAYS:
            raise ValueError(
                f"the access-log retention is {self.log_retention_days} days; logs must be kept at least six "
                f"months ({MIN_LOG_RETENTION_DAYS} days, Art. 14 of the group information provisions)"
            )
        if self.personal_data_retention_days < 1:
            raise ValueError(f"the personal-data retention is {self.personal_data_retention_days} days; "
                             "it must be at least 1 day")


def key_path(settings: Settings) -> Path:
    return settings.audit_key_path or default_key_path(settings.db_url)
