"""Groups on the members' side (creating, joining, the officers' own actions; see
:mod:`qunguan.server.membership`), and the officers' actions as staff read them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from qunguan.contract import models as api
from qunguan.contract.enums import DEFAULT_PAGE, Permission

from . import membership
from .api import AUTHED, Id, Limit, errors
from .deps import Actor, PlatformDep, require

router = APIRouter()
Members = Annotated[Actor, Depends(require(Permission.SIMULATE_MEMBERS))]
Reading = Annotated[Actor, Depends(require(Permission.READ_CASE))]


@router.post("/members/groups", response_model=api.Group, status_code=201, tags=["members"],
             responses=errors(404, *AUTHED))
def create_group(platform: PlatformDep, actor: Members, body: api.GroupCreateRequest) -> api.Group:
    """A platform user creates a group. Refused (403) when their right to create groups was revoked,
    their credit tier forbids it or the cap asked for, or they own the most groups one may own."""
    return membership.create_group(platform, body)


@router.post("/members/groups/{group_id}/members", response_model=api.Group, status_code=201, tags=["members"],
             responses=errors(404, 409, 410, *AUTHED))
def add_member(platform: PlatformDep, actor: Members, group_id: Id, body: api.MemberAddRequest) -> api.Group:
    """A user joins a group, invited or by themselves. Refused (403) when the group is full or
    restricted, the inviter's credit forbids invites, or above 100 members the user is not
    real-name verified."""
    return membership.add_member(platform, group_id, body)


@router.post("/members/groups/{group_id}/officer-actions", response_model=api.OfficerAction, status_code=201,
             tags=["members"], responses=errors(404, 409, 410, *AUTHED))
def officer_action(platform: PlatformDep, actor: Members, group_id: Id,
                   body: api.OfficerActionRequest) -> api.OfficerAction:
    """The group's owner or an admin acts in the group; refused (403) for anyone else and for an
    admin whose admin rights are suspended."""
    return membership.officer_act(platform, group_id, body)


@router.get("/groups/{group_id}/officer-actions", response_model=api.Page[api.OfficerAction], tags=["context"],
            responses=errors(400, 404, *AUTHED))
def officer_actions(
    platform: PlatformDep, actor: Reading, group_id: Id, limit: Limit = DEFAULT_PAGE,
    cursor: Annotated[str | None, Query(max_length=16, pattern=r"^[0-9]+$")] = None,
) -> api.Page[api.OfficerAction]:
    """What the group's owner and admins did in it, newest first."""
    return membership.list_officer_actions(platform, group_id, limit, cursor)
