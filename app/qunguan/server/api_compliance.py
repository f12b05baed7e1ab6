"""Compliance: the access log, the retention policy and legal holds (Art. 14), exports of
personal data under a second supervisor's approval (PIPL Art. 51). See retention.py,
access_log.py and pi_exports.py."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from qunguan.contract import models as api
from qunguan.contract.enums import DEFAULT_PAGE, MAX_PAGE, PiExportStatus
from qunguan.contract.enums import Permission as P

from . import access_log, pi_exports, retention
from .api import AUTHED, Id, Moment, errors, parse_moment
from .deps import Actor, PlatformDep, require

router = APIRouter()
Auditing = Annotated[Actor, Depends(require(P.READ_AUDIT))]
Holding = Annotated[Actor, Depends(require(P.HOLD_DATA))]
Revealing = Annotated[Actor, Depends(require(P.REVEAL_PERSONAL))]


@router.get("/access-log", response_model=api.Page[api.AccessLogEntry], tags=["audit"], responses=errors(*AUTHED))
def access_log_page(
    request: Request,
    platform: PlatformDep,
    actor: Auditing,
    staff_id: Annotated[int | None, Query(ge=1, le=2**31 - 1, description="only this staff member's requests")] = None,
    since: Moment = None,
    until: Moment = None,
    cursor: Annotated[int | None, Query(ge=1, le=2**62, description="next_cursor of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
) -> api.Page[api.AccessLogEntry]:
    """Authenticated requests, newest first: who, which route, the status, when, from where.
    This process's requests of the last second are written first (other workers' within a second)."""
    buffer: access_log.AccessLog | None = getattr(request.app.state, "access_log", None)
    if buffer is not None:
        buffer.flush()
    return access_log.query(platform, staff_id, parse_moment(since), parse_moment(until), cursor, limit)


@router.get("/retention", response_model=api.RetentionPolicy, tags=["audit"], responses=errors(*AUTHED))
def retention_policy(platform: PlatformDep, actor: Auditing) -> api.RetentionPolicy:
    """How long personal data and the access log are kept (audit events: for ever)."""
    return retention.policy(platform.settings)


@router.get("/legal-holds", response_model=list[api.LegalHold], tags=["audit"], responses=errors(*AUTHED))
def legal_holds(platform: PlatformDep, actor: Auditing, active: bool = True) -> list[api.LegalHold]:
    return retention.list_holds(platform, active)


@router.post("/legal-holds", response_model=api.LegalHold, status_code=201, tags=["audit"],
             responses=errors(404, *AUTHED))
def place_legal_hold(platform: PlatformDep, actor: Holding, body: api.LegalHoldRequest) -> api.LegalHold:
    """Keep a user's, a group's or a case's personal data from the retention job until released."""
    return retention.place_hold(platform, actor, body)


@router.delete("/legal-holds/{hold_id}", response_model=api.LegalHold, tags=["audit"],
               responses=errors(404, 409, *AUTHED))
def release_legal_hold(platform: PlatformDep, actor: Holding, hold_id: Id) -> api.LegalHold:
    return retention.release_hold(platform, actor, hold_id)


@router.get("/pi-exports", response_model=list[api.PiExport], tags=["personal data"], responses=errors(*AUTHED))
def list_pi_exports(platform: PlatformDep, actor: Auditing, status: PiExportStatus | None = None,
                    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE) -> list[api.PiExport]:
    return pi_exports.list_exports(platform, status.value if status else None, limit)


@router.post("/pi-exports", response_model=api.PiExport, status_code=201, tags=["personal data"],
             responses=errors(404, *AUTHED))
def request_pi_export(platform: PlatformDep, actor: Revealing, body: api.PiExportRequest) -> api.PiExport:
    """Ask for the unmasked names and phones of several users; another supervisor must approve."""
    return pi_exports.request_export(platform, actor, body)


@router.post("/pi-exports/{export_id}/review", response_model=api.PiExport, tags=["personal data"],
             responses=errors(404, 409, *AUTHED))
def review_pi_export(platform: PlatformDep, actor: Revealing, export_id: Id, body: api.PiExportReview
                     ) -> api.PiExport:
    """Approve or reject another supervisor's export request (your own: 403)."""
    return pi_exports.review_export(platform, actor, export_id, body)


@router.get("/pi-exports/{export_id}/data", response_model=api.PiExportData, tags=["personal data"],
            responses=errors(404, 409, 410, *AUTHED))
def pi_export_data(platform: PlatformDep, actor: Revealing, export_id: Id) -> api.PiExportData:
    """The approved export, once, to the supervisor who asked for it."""
    return pi_exports.download(platform, actor, export_id)
