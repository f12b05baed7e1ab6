"""Decision history for supervisors and auditors: exact filters, newest first, keyset paging
on the decision id (every filter has an index ending in id)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from qunguan.contract import models as api
from qunguan.contract.enums import Action, Outcome
from qunguan.contract.models import MAX_ID
from qunguan.contract.problems import ProblemType
from qunguan.contract.taxonomy import ReasonCategory, ReasonCode

from . import models as db
from . import views
from .errors import ProblemError


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def history(
    session: Session,
    *,
    moderator: str | None = None,
    action: list[Action] | None = None,
    reason_code: list[ReasonCode] | None = None,
    category: list[ReasonCategory] | None = None,
    group_id: int | None = None,
    outcome: list[Outcome] | None = None,
    review: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    q: str | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> api.Page[api.Decision]:
    stmt = select(db.Decision)
    if moderator:
        staff_ids = select(db.Staff.id).where(db.Staff.username == moderator)
        stmt = stmt.where(db.Decision.actor_id.in_(staff_ids))
    if action:
        stmt = stmt.where(db.Decision.action.in_([a.value for a in action]))
    if reason_code:
        stmt = stmt.where(db.Decision.reason_code.in_([c.value for c in reason_code]))
    if category:
        stmt = stmt.where(db.Decision.reason_category.in_([c.value for c in category]))
    if group_id is not None:
        stmt = stmt.where(db.Decision.group_id == group_id)
    if outcome:
        stmt = stmt.where(db.Decision.outcome.in_([o.value for o in outcome]))
    if review == "none":
        stmt = stmt.where(db.Decision.review.is_(None))
    elif review:
        stmt = stmt.where(db.Decision.review == review)
    if since is not None:
        stmt = stmt.where(db.Decision.recorded_at >= since)
    if until is not None:
        stmt = stmt.where(db.Decision.recorded_at < until)
    if q:
        pattern = _like(q)
        stmt = stmt.where(or_(
            db.Decision.note.ilike(pattern, escape="\\"),
            db.Decision.case_id.in_(select(db.Case.id).where(db.Case.excerpt.ilike(pattern, escape="\\"))),
        ))
    if cursor:
        before = int(cursor) if cursor.isascii() and cursor.isdigit() and len(cursor) <= len(str(MAX_ID)) else 0
        if not 0 < before <= MAX_ID:
            raise ProblemError(400, ProblemType.BAD_REQUEST, "The cursor is not one this server gave out.")
        stmt = stmt.where(db.Decision.id < before)
    rows = list(session.execute(stmt.order_by(db.Decision.id.desc()).limit(limit + 1)).unique().scalars())
    more = len(rows) > limit
    rows = rows[:limit]
    return api.Page[api.Decision](items=[views.decision(r) for r in rows],
                                  next_cursor=str(rows[-1].id) if more and rows else None)
