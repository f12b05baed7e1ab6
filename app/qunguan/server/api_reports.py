"""Reports to the authorities: decisions marked reportable, and the record of each evidence
package delivered (see :mod:`qunguan.server.reporting`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from qunguan.contract import models as api
from qunguan.contract.enums import DEFAULT_PAGE, Permission

from . import reporting
from .api import AUTHED, Id, Limit, Moment, errors, parse_moment
from .deps import Actor, PlatformDep, require

router = APIRouter()


@router.put("/decisions/{decision_id}/reportable", response_model=api.ReportableDecision, tags=["reports"],
            responses={**errors(404, 409, *AUTHED), 204: {"description": "The mark was taken back."}})
def mark_reportable(
    platform: PlatformDep, actor: Annotated[Actor, Depends(require(Permission.APPROVE))], decision_id: Id,
    body: api.ReportableRequest,
) -> api.ReportableDecision | Response:
    """Mark a decision as one to report to the authorities, or take the mark back (204; not
    once it was delivered). Recorded in the audit chain."""
    marked = reporting.mark(platform, actor, decision_id, body)
    return Response(status_code=204) if marked is None else marked


@router.get("/reportable", response_model=api.Page[api.ReportableDecision], tags=["reports"],
            responses=errors(400, *AUTHED))
def list_reportable(
    platform: PlatformDep, actor: Annotated[Actor, Depends(require(Permission.READ_HISTORY))],
    delivered: Annotated[bool | None, Query(description="false: not yet delivered; true: delivered")] = None,
    limit: Limit = DEFAULT_PAGE,
    cursor: Annotated[str | None, Query(max_length=30)] = None,
) -> api.Page[api.ReportableDecision]:
    return reporting.reportable(platform, delivered, limit, cursor)


@router.post("/deliveries", response_model=api.Delivery, status_code=201, tags=["reports"],
             responses=errors(*AUTHED))
def record_delivery(
    platform: PlatformDep, actor: Annotated[Actor, Depends(require(Permission.APPROVE))], body: api.DeliveryRequest,
) -> api.Delivery:
    """Record that an evidence package went to an authority (its SHA-256, to whom, how, when)."""
    return reporting.deliver(platform, actor, body)


@router.get("/deliveries", response_model=list[api.Delivery], tags=["reports"], responses=errors(*AUTHED))
def list_deliveries(
    platform: PlatformDep, actor: Annotated[Actor, Depends(require(Permission.READ_HISTORY))],
    limit: Limit = DEFAULT_PAGE,
) -> list[api.Delivery]:
    return reporting.deliveries(platform, limit)


@router.get("/reveals", response_model=api.RevealLog, tags=["audit"], responses=errors(*AUTHED))
def reveal_log(
    platform: PlatformDep, actor: Annotated[Actor, Depends(require(Permission.READ_AUDIT))],
    moderator: Annotated[str | None, Query(max_length=64, pattern=r"^[A-Za-z0-9_.\-]+$")] = None,
    since: Moment = None,
    limit: Limit = DEFAULT_PAGE,
) -> api.RevealLog:
    """Every reveal of personal data, from the audit chain: who, whose, when and the reason given."""
    return reporting.reveals(platform, moderator, parse_moment(since), limit)
