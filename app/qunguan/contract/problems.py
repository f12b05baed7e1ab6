"""RFC 9457 problem details: the one error shape of the API."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

PROBLEM_MEDIA_TYPE = "application/problem+json"


class ProblemType(StrEnum):
    """Stable problem type URIs (``urn:qunguan:problem:<slug>``)."""

    BAD_REQUEST = "urn:qunguan:problem:bad-request"
    VALIDATION = "urn:qunguan:problem:validation"
    UNAUTHENTICATED = "urn:qunguan:problem:unauthenticated"
    INVALID_CREDENTIALS = "urn:qunguan:problem:invalid-credentials"
    TOTP_REQUIRED = "urn:qunguan:problem:totp-required"
    TOTP_INVALID = "urn:qunguan:problem:totp-invalid"
    ACCOUNT_LOCKED = "urn:qunguan:problem:account-locked"
    ACCOUNT_DISABLED = "urn:qunguan:problem:account-disabled"
    TOKEN_EXPIRED = "urn:qunguan:problem:token-expired"
    TOKEN_INVALID = "urn:qunguan:problem:token-invalid"
    TOKEN_REUSED = "urn:qunguan:problem:token-reused"
    FORBIDDEN = "urn:qunguan:problem:forbidden"
    NOT_FOUND = "urn:qunguan:problem:not-found"
    GONE = "urn:qunguan:problem:gone"
    VERSION_CONFLICT = "urn:qunguan:problem:version-conflict"
    CLAIMED_BY_OTHER = "urn:qunguan:problem:claimed-by-other"
    CASE_CLOSED = "urn:qunguan:problem:case-closed"
    IDEMPOTENCY_MISMATCH = "urn:qunguan:problem:idempotency-key-reused"
    IDEMPOTENCY_IN_PROGRESS = "urn:qunguan:problem:idempotency-in-progress"
    INVALID_TARGET = "urn:qunguan:problem:invalid-target"
    POSTING_REFUSED = "urn:qunguan:problem:posting-refused"
    #: The members' side of groups (Arts 7-9 of the provisions): caps, credit tiers, officers.
    GROUP_FULL = "urn:qunguan:problem:group-full"
    OWNED_GROUPS_LIMIT = "urn:qunguan:problem:owned-groups-limit"
    GROUP_CREATION_REVOKED = "urn:qunguan:problem:group-creation-revoked"
    CREDIT_TOO_LOW = "urn:qunguan:problem:credit-too-low"
    REAL_NAME_REQUIRED = "urn:qunguan:problem:real-name-required"
    INVITE_REFUSED = "urn:qunguan:problem:invite-refused"
    NOT_GROUP_OFFICER = "urn:qunguan:problem:not-group-officer"
    ADMIN_RIGHTS_SUSPENDED = "urn:qunguan:problem:admin-rights-suspended"
    #: An incident's regular expression took longer than the platform allows one preview.
    PATTERN_TOO_SLOW = "urn:qunguan:problem:pattern-too-slow"
    CONFLICT = "urn:qunguan:problem:conflict"
    PAYLOAD_TOO_LARGE = "urn:qunguan:problem:payload-too-large"
    UNSUPPORTED_MEDIA_TYPE = "urn:qunguan:problem:unsupported-media-type"
    METHOD_NOT_ALLOWED = "urn:qunguan:problem:method-not-allowed"
    INTERNAL = "urn:qunguan:problem:internal"


class ValidationIssue(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class Problem(BaseModel):
    """An RFC 9457 problem document. Extension members are allowed."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(default="about:blank")
    title: str
    status: int = Field(ge=400, le=599)
    detail: str | None = None
    instance: str | None = None
    #: On a version conflict: the current case (a CaseSummary document).
    current: dict[str, Any] | None = None
    #: On a validation problem: what was wrong, where.
    errors: list[ValidationIssue] | None = None
    #: On a lockout: seconds until the next attempt is allowed.
    retry_after: int | None = None
