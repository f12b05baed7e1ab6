"""``GET /stats``: figures for supervisors and auditors (see :mod:`qunguan.contract.stats`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from qunguan.contract.enums import Permission
from qunguan.contract.stats import Stats

from . import stats as statistics
from .api import Moment, errors, parse_moment
from .deps import Actor, PlatformDep, require

router = APIRouter()


@router.get("/stats", response_model=Stats, tags=["history"], responses=errors(401, 403, 422))
def stats(
    platform: PlatformDep,
    actor: Annotated[Actor, Depends(require(Permission.READ_HISTORY))],
    since: Moment = None,
    until: Moment = None,
) -> Stats:
    """Backlog, throughput, decision mix, each moderator's figures and SLA breaches, by UTC day
    over the window [since, until): by default the 30 days up to now, at most 366 days."""
    with platform.db.reading() as session:
        return statistics.compute(session, platform.now(), parse_moment(since), parse_moment(until))
