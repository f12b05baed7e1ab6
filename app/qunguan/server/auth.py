"""Logging in: passwords, lockout with backoff, TOTP, rotating refresh tokens."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from qunguan.contract import models as api
from qunguan.contract.enums import AuditKind
from qunguan.contract.problems import ProblemType

from . import audit, models, views
from .errors import ProblemError
from .platform import Platform
from .security import (
    hash_refresh_token,
    issue_access_token,
    new_refresh_token,
    verify_password,
    verify_totp,
)

WRONG_CREDENTIALS = "Wrong username or password."


def _lockout_seconds(platform: Platform, failures: int) -> int:
    s = platform.settings
    over = failures - s.lockout_threshold
    return min(s.lockout_max_seconds, s.lockout_base_seconds * (2 ** max(0, over)))


def _locked(platform: Platform, until: datetime, now: datetime) -> ProblemError:
    seconds = max(1, int((until - now).total_seconds() + 0.999))
    return ProblemError(
        423,
        ProblemType.ACCOUNT_LOCKED,
        f"Too many failed attempts: this account is locked for {seconds} more seconds.",
        title="Account locked",
        headers={"Retry-After": str(seconds)},
        retry_after=seconds,
    )


def _issue(platform: Platform, session: Session, staff: models.Staff, family: str, now: datetime) -> api.TokenPair:
    s = platform.settings
    token, token_hash = new_refresh_token()
    session.add(
        models.RefreshToken(
            token_hash=token_hash,
            family_id=family,
            staff_id=staff.id,
            issued_at=now,
            expires_at=now + timedelta(seconds=s.refresh_ttl_seconds),
        )
    )
    return api.TokenPair(
        access_token=issue_access_token(platform.jwt_secret, s.issuer, staff.id, staff.role, now, s.access_ttl_seconds),
        expires_in=s.access_ttl_seconds,
        refresh_token=token,
        refresh_expires_in=s.refresh_ttl_seconds,
        moderator=views.moderator(staff),
    )


def login(platform: Platform, request: api.LoginRequest) -> api.TokenPair:
    """Check the credentials. A failure is counted (and committed) before it is raised."""
    now = platform.now()
    failure: ProblemError | None = None
    with platform.db.writing() as session:
        staff = session.execute(
            select(models.Staff).where(models.Staff.username == request.username).with_for_update()
        ).scalar_one_or_none()
        if staff is not None and staff.locked_until is not None and staff.locked_until > now:
            raise _locked(platform, staff.locked_until, now)
        password_ok = verify_password(staff.password_hash if staff else None, request.password)
        if staff is None:
            raise ProblemError(401, ProblemType.INVALID_CREDENTIALS, WRONG_CREDENTIALS)
        if password_ok and staff.totp_enrolled:
            if request.totp is None:
                # Not a failure: the client asks for the code and tries again.
                raise ProblemError(
                    401, ProblemType.TOTP_REQUIRED, "Enter the 6-digit code from your authenticator app."
                )
            if not verify_totp(staff.totp_secret or "", request.totp, now):
                failure = ProblemError(401, ProblemType.TOTP_INVALID, "The authenticator code is wrong or expired.")
        elif not password_ok:
            failure = ProblemError(401, ProblemType.INVALID_CREDENTIALS, WRONG_CREDENTIALS)
        if failure is not None:
            staff.failed_logins += 1
            if staff.failed_logins >= platform.settings.lockout_threshold:
                staff.locked_until = now + timedelta(seconds=_lockout_seconds(platform, staff.failed_logins))
            audit.append(session, staff.username, AuditKind.LOGIN_FAILED, f"staff:{staff.id}",
                         {"reason": failure.type.rsplit(":", 1)[-1], "failures": staff.failed_logins,
                          "locked_until": staff.locked_until}, now)
        elif staff.disabled:
            raise ProblemError(403, ProblemType.ACCOUNT_DISABLED, "This account is disabled.")
        else:
            staff.failed_logins = 0
            staff.locked_until = None
            family = str(uuid.uuid4())
            audit.append(session, staff.username, AuditKind.LOGIN, f"staff:{staff.id}",
                         {"session": family[:8], "totp": staff.totp_enrolled}, now)
            return _issue(platform, session, staff, family, now)
    raise failure


def refresh(platform: Platform, token: str) -> api.TokenPair:
    now = platform.now()
    reused_family: str | None = None
    with platform.db.writing() as session:
        row = session.execute(
            select(models.RefreshToken)
            .where(models.RefreshToken.token_hash == hash_refresh_token(token))
            .with_for_update()
        ).scalar_one_or_none()
        if row is None or row.revoked_at is not None:
            raise ProblemError(401, ProblemType.TOKEN_INVALID, "This session has ended; log in again.")
        if row.used_at is not None:
            reused_family = row.family_id
            session.execute(
                update(models.RefreshToken)
                .where(models.RefreshToken.family_id == row.family_id, models.RefreshToken.revoked_at.is_(None))
                .values(revoked_at=now)
            )
        elif row.expires_at <= now:
            raise ProblemError(401, ProblemType.TOKEN_EXPIRED, "This session has expired; log in again.")
        else:
            staff = session.get(models.Staff, row.staff_id)
            if staff is None or staff.disabled:
                raise ProblemError(401, ProblemType.TOKEN_INVALID, "This account is disabled.")
            row.used_at = now
            return _issue(platform, session, staff, row.family_id, now)
    raise ProblemError(
        401,
        ProblemType.TOKEN_REUSED,
        "This refresh token was already used, so every session started from the same login has been "
        f"ended ({reused_family[:8]}); log in again.",
    )


def logout(platform: Platform, token: str) -> None:
    now = platform.now()
    with platform.db.writing() as session:
        row = session.execute(
            select(models.RefreshToken).where(models.RefreshToken.token_hash == hash_refresh_token(token))
        ).scalar_one_or_none()
        if row is not None:
            session.execute(
                update(models.RefreshToken)
                .where(models.RefreshToken.family_id == row.family_id, models.RefreshToken.revoked_at.is_(None))
                .values(revoked_at=now)
            )
