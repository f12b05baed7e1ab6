"""Errors the workstation core raises. ``KnownError`` carries words for people; anything
else is a bug and goes to the crash dialog."""

from __future__ import annotations


class KnownError(Exception):
    """An error with a message fit to show to the moderator."""


class Offline(KnownError):
    """The platform cannot be reached."""


class AuthenticationFailed(KnownError):
    """Wrong credentials, a locked account, a TOTP code needed or wrong."""

    def __init__(self, message: str, problem_type: str = "", retry_after: int | None = None) -> None:
        super().__init__(message)
        self.problem_type = problem_type
        self.retry_after = retry_after


class SessionExpired(KnownError):
    """The login has ended; log in again (nothing local is lost)."""


class ServerProblem(KnownError):
    """The platform answered with a problem document (or something malformed)."""

    def __init__(self, message: str, status: int = 0, problem_type: str = "", body: dict | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.problem_type = problem_type
        self.body = body or {}
        #: Seconds the platform asked us to wait (``Retry-After``), if it said.
        self.retry_after = retry_after

    @property
    def transient(self) -> bool:
        """Worth trying again later: the platform's own trouble, or "too many, too early"."""
        return self.status >= 500 or self.status in (408, 425, 429) or self.status == 0


class BadResponse(ServerProblem):
    """The platform sent something that is not what the contract says."""


class CertificateRefused(KnownError):
    """The server's TLS certificate could not be verified (never bypassed)."""


class AccountLocked(AuthenticationFailed):
    """Too many failed attempts; ``retry_after`` seconds to wait."""


class TotpRequired(AuthenticationFailed):
    """The account has TOTP enrolled: a code is needed."""


class TotpInvalid(AuthenticationFailed):
    """The TOTP code was wrong."""


class AccountDisabled(AuthenticationFailed):
    """The account is disabled."""


class Forbidden(ServerProblem):
    """The role may not do this (403)."""


class NotFound(ServerProblem):
    """No such resource (404)."""


class Conflict(ServerProblem):
    """409: a stale version, a claim by another, a closed case. ``current`` is the case now."""

    @property
    def current(self):  # type: ignore[no-untyped-def]
        from qunguan.contract.models import CaseSummary

        data = self.body.get("current")
        try:
            return CaseSummary.model_validate(data) if isinstance(data, dict) else None
        except ValueError:
            return None
