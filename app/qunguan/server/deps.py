"""FastAPI dependencies: the platform, the authenticated actor, permissions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from qunguan.contract.enums import Permission, Role, role_can
from qunguan.contract.problems import ProblemType

from . import models
from .errors import ProblemError
from .platform import Platform
from .security import TokenExpired, TokenInvalid, decode_access_token

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

    def can(self, permission: Permission) -> bool:
        return role_can(self.role, permission)


def unauthenticated(detail: str, type_: ProblemType = ProblemType.UNAUTHENTICATED) -> ProblemError:
    return ProblemError(401, type_, detail, title="Not authenticated")


def get_actor(
    platform: PlatformDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Actor:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise unauthenticated("Log in first: this call needs a bearer access token.")
    now = platform.now()
    try:
        claims = decode_access_token(platform.jwt_secret, platform.settings.issuer, credentials.credentials, now)
    except TokenExpired:
        raise unauthenticated("The access token has expired; refresh it.", ProblemType.TOKEN_EXPIRED) from None
    except TokenInvalid:
        raise unauthenticated("The access token is not valid.", ProblemType.TOKEN_INVALID) from None
    with platform.db.reading() as session:
        staff = session.get(models.Staff, claims.staff_id)
        if staff is None or staff.disabled:
            raise unauthenticated("This account no longer exists or is disabled.", ProblemType.TOKEN_INVALID)
        # The role comes from the database, so a change of role takes effect at once.
        return Actor(id=staff.id, username=staff.username, display_name=staff.display_name, role=Role(staff.role))


ActorDep = Annotated[Actor, Depends(get_actor)]


def require(permission: Permission) -> Callable[[Actor], Actor]:
    async def check(actor: ActorDep) -> Actor:
        if not actor.can(permission):
            raise ProblemError(
                403,
                ProblemType.FORBIDDEN,
                f"The role {actor.role.value!r} may not do this ({permission.value}).",
            )
        return actor

    check.__name__ = f"require_{permission.value}"
    return check
