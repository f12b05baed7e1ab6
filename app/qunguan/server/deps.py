"""FastAPI dependencies: the platform, the authenticated actor, permissions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, bindparam, select

from qunguan.contract.enums import Permission, Role, role_can
from qunguan.contract.problems import ProblemType

from . import models
from .db import Prepared
from .errors import ProblemError
from .platform import Platform
from .security import AccessClaims, TokenExpired, TokenInvalid

_bearer = HTTPBearer(auto_error=False, description="The access token from /auth/login or /auth/refresh.")


async def get_platform(request: Request) -> Platform:
    # async: no blocking work here, so no hop through the thread pool.
    return request.app.state.platform


PlatformDep = Annotated[Platform, Depends(get_platform)]


@dataclass(frozen=True)
class Actor:
    id: int
    username: str
    display_name: str
    role: Role
    totp_enrolled: bool = False

    def can(self, permission: Permission) -> bool:
        return role_can(self.role, permission)

    def must_not_be(self, author_id: int | None, why: str) -> None:
        """The two-person rule: a second person confirms what one did (a proposal, a decision
        under review or appeal, an export request). 403 with ``why`` when this actor is the author."""
        if author_id == self.id:
            raise ProblemError(403, ProblemType.FORBIDDEN, why)


def unauthenticated(detail: str, type_: ProblemType = ProblemType.UNAUTHENTICATED) -> ProblemError:
    return ProblemError(401, type_, detail, title="Not authenticated")


def forbidden(actor: Actor, permission: Permission) -> ProblemError:
    return ProblemError(
        403,
        ProblemType.FORBIDDEN,
        f"The role {actor.role.value!r} may not do this ({permission.value}).",
    )


_STAFF = models.Staff.__table__
#: Built once; the account behind a token is read on every request.
_LOAD_STAFF = Prepared(select(
    _STAFF.c.id, _STAFF.c.username, _STAFF.c.display_name, _STAFF.c.role, _STAFF.c.totp_enrolled,
    _STAFF.c.disabled,
).where(_STAFF.c.id == bindparam("staff_id")))


def load_actor(connection: Connection, staff_id: int) -> Actor:
    """The account a verified token names, as the database has it now (so disabling an account or
    changing its role takes effect at once)."""
    row = _LOAD_STAFF.first(connection, {"staff_id": staff_id})
    if row is None or row.disabled:
        raise unauthenticated("This account no longer exists or is disabled.", ProblemType.TOKEN_INVALID)
    return Actor(id=row.id, username=row.username, display_name=row.display_name, role=Role(row.role),
                 totp_enrolled=bool(row.totp_enrolled))


def verified_claims(platform: Platform, credentials: HTTPAuthorizationCredentials | None) -> AccessClaims:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise unauthenticated("Log in first: this call needs a bearer access token.")
    try:
        return platform.tokens.verify(credentials.credentials, platform.now())
    except TokenExpired:
        raise unauthenticated("The access token has expired; refresh it.", ProblemType.TOKEN_EXPIRED) from None
    except TokenInvalid:
        raise unauthenticated("The access token is not valid.", ProblemType.TOKEN_INVALID) from None


def get_actor(
    platform: PlatformDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Actor:
    claims = verified_claims(platform, credentials)
    with platform.db.engine.connect() as connection:
        # The role comes from the database, so a change of role takes effect at once.
        return load_actor(connection, claims.staff_id)


ActorDep = Annotated[Actor, Depends(get_actor)]


@dataclass(frozen=True)
class Caller:
    """Whom a verified access token names. The account itself is read inside the transaction
    that uses it (see load_actor), which spares a request a database round of its own."""

    staff_id: int


async def get_caller(
    platform: PlatformDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    # async: checking a remembered token is pure computation, so no hop through the thread pool.
    return Caller(verified_claims(platform, credentials).staff_id)


CallerDep = Annotated[Caller, Depends(get_caller)]


def require(permission: Permission) -> Callable[[Actor], Actor]:
    async def check(actor: ActorDep) -> Actor:
        if not actor.can(permission):
            raise forbidden(actor, permission)
        return actor

    check.__name__ = f"require_{permission.value}"
    return check
