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

    def __init__(self, message: str, status: int = 0, problem_type: str = "", body: dict | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.problem_type = problem_type
        self.body = body or {}


class BadResponse(ServerProblem):
    """The platform sent something that is not what the contract says."""
