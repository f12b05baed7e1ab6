"""Emergency response: incidents, their preview (the blast radius) and their stages (see
:mod:`qunguan.server.incidents`). Supervisors and admins act; auditors read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query
from fastapi.responses import JSONResponse

from qunguan.contract import IDEMPOTENCY_HEADER
from qunguan.contract import models as api
from qunguan.contract.enums import Permission

from . import incidents
from .api import AUTHED, Id, errors
from .deps import Actor, PlatformDep, require

router = APIRouter()
Acting = Annotated[Actor, Depends(require(Permission.APPROVE))]
Reading = Annotated[Actor, Depends(require(Permission.READ_HISTORY))]


@router.post("/incidents", response_model=api.Incident, status_code=201, tags=["incidents"],
             responses=errors(*AUTHED))
def open_incident(platform: PlatformDep, actor: Acting, body: api.IncidentOpen) -> api.Incident:
    """Open an incident (every supervisor sees it among the open incidents)."""
    return incidents.open_incident(platform, actor, body)


@router.get("/incidents", response_model=list[api.Incident], tags=["incidents"], responses=errors(*AUTHED))
def list_incidents(platform: PlatformDep, actor: Reading,
                   status: Annotated[str | None, Query(pattern="^(open|closed)$")] = None) -> list[api.Incident]:
    return incidents.list_incidents(platform, status)


@router.get("/incidents/{incident_id}", response_model=api.Incident, tags=["incidents"],
            responses=errors(404, *AUTHED))
def get_incident(platform: PlatformDep, actor: Reading, incident_id: Id) -> api.Incident:
    return incidents.get_incident(platform, incident_id)


@router.get("/incidents/{incident_id}/preview", response_model=api.IncidentPreview, tags=["incidents"],
            responses=errors(404, *AUTHED))
def preview_incident(platform: PlatformDep, actor: Reading, incident_id: Id) -> api.IncidentPreview:
    """Everything the incident's definition matches now, and the digest a stage must name."""
    return incidents.preview_incident(platform, incident_id)


@router.post("/incident-preview", response_model=api.IncidentPreview, tags=["incidents"],
             responses=errors(*AUTHED))
def preview_definition(platform: PlatformDep, actor: Reading, body: api.IncidentDefinition) -> api.IncidentPreview:
    """What a definition would match, before an incident is opened with it."""
    return incidents.preview_definition(platform, body)


@router.post("/incidents/{incident_id}/stages", response_model=api.Incident, status_code=201, tags=["incidents"],
             responses={**errors(404, 409, *AUTHED), 200: {"model": api.Incident,
                                                            "description": "The key was used: applied once."}})
def apply_stage(
    platform: PlatformDep, actor: Acting, incident_id: Id, body: api.StageRequest,
    idempotency_key: Annotated[str, Header(alias=IDEMPOTENCY_HEADER, min_length=8, max_length=100,
                                           pattern=r"^[A-Za-z0-9_.:\-]+$")],
) -> JSONResponse:
    """Act on everything previewed, with one reason; undo is possible for 10 minutes."""
    status, incident = incidents.apply_stage(platform, actor, incident_id, idempotency_key, body)
    return JSONResponse(incident.model_dump(mode="json"), status_code=status)


@router.post("/incidents/{incident_id}/stages/{stage}/undo", response_model=api.Incident, tags=["incidents"],
             responses=errors(404, 409, *AUTHED))
def undo_stage(platform: PlatformDep, actor: Acting, incident_id: Id,
               stage: Annotated[int, Path(ge=1, le=1000)]) -> api.Incident:
    return incidents.undo_stage(platform, actor, incident_id, stage)


@router.post("/incidents/{incident_id}/close", response_model=api.Incident, tags=["incidents"],
             responses=errors(404, *AUTHED))
def close_incident(platform: PlatformDep, actor: Acting, incident_id: Id) -> api.Incident:
    return incidents.close_incident(platform, actor, incident_id)
