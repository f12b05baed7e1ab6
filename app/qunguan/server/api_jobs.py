"""The platform's own jobs, run on request (see :mod:`qunguan.server.jobs`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from qunguan.contract import models as api
from qunguan.contract.enums import Permission

from . import jobs
from .api import AUTHED, errors
from .deps import Actor, PlatformDep, require

router = APIRouter()


@router.post("/jobs/run", response_model=api.JobRun, tags=["admin"], responses=errors(*AUTHED))
def run_jobs(platform: PlatformDep, actor: Annotated[Actor, Depends(require(Permission.RUN_JOBS))]) -> api.JobRun:
    """Run every platform job now, at the platform's time (they also run on their own every
    minute): proposals lapse, overdue cases escalate, credit is restored, retention runs."""
    return jobs.run_all(platform)
