"""Statistics for supervisors: the backlog now, and day by day over a window the cases created,
resolved and left open, SLA breaches and decisions, plus each moderator's figures.

The counting is done by the database (GROUP BY a UTC day, an action, a moderator); Python
only lays the groups out and takes the medians, which SQLite cannot. A handful of queries,
each over one indexed range of ``cases`` or ``decisions``. The definitions are those of
:mod:`qunguan.contract.stats`.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Date, and_, cast, func, or_, select
from sqlalchemy.orm import Session

from qunguan.contract.enums import CaseStatus, Role
from qunguan.contract.problems import ProblemType
from qunguan.contract.stats import (
    DEFAULT_STATS_DAYS,
    MAX_STATS_DAYS,
    BacklogNow,
    DayStats,
    ModeratorStats,
    Stats,
)

from . import models as db
from .errors import ProblemError

#: Times a window may start or end at (beyond them the day arithmetic would overflow).
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 1, 1, tzinfo=UTC)


def _invalid(detail: str) -> ProblemError:
    return ProblemError(422, ProblemType.VALIDATION, detail)


def window(now: datetime, since: datetime | None, until: datetime | None) -> tuple[datetime, datetime]:
    """The window [since, until) in UTC: ``until`` defaults to now, ``since`` to 30 days before
    ``until``. Raises a 422 problem for an empty, reversed or too long window."""
    try:
        end = (until or now).astimezone(UTC)
        start = since.astimezone(UTC) if since is not None else end - timedelta(days=DEFAULT_STATS_DAYS)
    except (OverflowError, ValueError):
        raise _invalid("The window must lie between 1970 and 9999.") from None
    if not (EARLIEST <= start <= LATEST and EARLIEST <= end <= LATEST):
        raise _invalid("The window must lie between 1970 and 9999.")
    if start >= end:
        raise _invalid("`since` must be before `until`.")
    if end - start > timedelta(days=MAX_STATS_DAYS):
        raise _invalid(f"The window is longer than {MAX_STATS_DAYS} days; ask for a shorter one.")
    return start, end


def _days(since: datetime, until: datetime) -> list[date]:
    first, last = since.date(), (until - timedelta(microseconds=1)).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _day_of(session: Session, column: Any) -> Any:
    """The UTC calendar day of a timestamp column (stored as naive UTC on both databases)."""
    if session.get_bind().dialect.name == "sqlite":
        return func.date(column)
    return cast(column, Date)


def _seconds_between(session: Session, later: Any, earlier: Any) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * 86_400.0
    return func.extract("epoch", later - earlier)


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _per_day(session: Session, column: Any, *where: Any) -> dict[date, int]:
    day = _day_of(session, column)
    rows = session.execute(select(day, func.count()).where(*where).group_by(day))
    return {_as_date(d): int(n) for d, n in rows}


def backlog_now(session: Session, now: datetime) -> BacklogNow:
    case = db.Case
    live = and_(case.claim_holder_id.is_not(None), case.claim_expires_at > now)
    row = session.execute(
        select(
            func.count().filter(and_(case.status == CaseStatus.OPEN, ~live)),
            func.count().filter(and_(case.status == CaseStatus.OPEN, live)),
            func.count().filter(case.status == CaseStatus.ESCALATED),
            func.count().filter(case.status == CaseStatus.APPEALED),
            func.count().filter(case.status == CaseStatus.AWAITING_SECOND_APPROVAL),
            func.count().filter(case.status == CaseStatus.RESOLVED),
            func.count().filter(and_(case.resolved_at.is_(None), case.sla_deadline < now)),
        )
    ).one()
    return BacklogNow(open=row[0], claimed=row[1], escalated=row[2], appealed=row[3],
                      awaiting_second_approval=row[4], resolved=row[5], overdue=row[6])


def _day_series(session: Session, now: datetime, since: datetime, until: datetime) -> list[DayStats]:
    case, decision = db.Case, db.Decision
    created = _per_day(session, case.created_at, case.created_at >= since, case.created_at < until)
    resolved = _per_day(session, case.resolved_at, case.resolved_at >= since, case.resolved_at < until)
    # A breach happens at the deadline, so only deadlines already past count.
    breaches = _per_day(session, case.sla_deadline, case.sla_deadline >= since,
                        case.sla_deadline < min(until, now),
                        or_(case.resolved_at.is_(None), case.resolved_at > case.sla_deadline))
    # The backlog when the window opens; each day then adds what was created and removes what was resolved.
    backlog = session.execute(
        select(func.count()).where(case.created_at < since,
                                   or_(case.resolved_at.is_(None), case.resolved_at >= since))
    ).scalar_one()
    day = _day_of(session, decision.recorded_at)
    by_action: dict[date, dict[str, int]] = defaultdict(dict)
    for d, action, n in session.execute(
        select(day, decision.action, func.count())
        .where(decision.recorded_at >= since, decision.recorded_at < until)
        .group_by(day, decision.action)
    ):
        by_action[_as_date(d)][str(action)] = int(n)
    days = []
    for d in _days(since, until):
        backlog += created.get(d, 0) - resolved.get(d, 0)
        days.append(DayStats(day=d, created=created.get(d, 0), resolved=resolved.get(d, 0), backlog_end=backlog,
                             sla_breaches=breaches.get(d, 0), decisions_by_action=dict(sorted(by_action[d].items()))))
    return days


def _count(mapping: dict[str, int], key: str | None, n: int) -> None:
    if key is not None:
        mapping[str(key)] = mapping.get(str(key), 0) + n


def _blank() -> dict[str, Any]:
    return {"decisions": 0, "by_action": {}, "by_reason": {}, "confirmed": 0, "overturned": 0}


def compute(session: Session, now: datetime, since: datetime | None = None, until: datetime | None = None) -> Stats:
    """The statistics of the window [since, until) (defaults: the 30 days up to now)."""
    since, until = window(now, since, until)
    decision = db.Decision
    in_window = (decision.recorded_at >= since, decision.recorded_at < until)

    reason_mix: dict[str, int] = {}
    category_mix: dict[str, int] = {}
    per_actor: dict[int, dict[str, Any]] = defaultdict(_blank)
    for actor_id, action, reason, category, review, count in session.execute(
        select(decision.actor_id, decision.action, decision.reason_code, decision.reason_category, decision.review,
               func.count())
        .where(*in_window)
        .group_by(decision.actor_id, decision.action, decision.reason_code, decision.reason_category,
                  decision.review)
    ):
        n = int(count)
        _count(reason_mix, reason, n)
        _count(category_mix, category, n)
        row = per_actor[actor_id]
        row["decisions"] += n
        _count(row["by_action"], action, n)
        _count(row["by_reason"], reason, n)
        if review in ("confirmed", "overturned"):
            row[review] += n

    waits: dict[int, list[float]] = defaultdict(list)
    for actor_id, seconds in session.execute(
        select(decision.actor_id, _seconds_between(session, decision.recorded_at, db.Case.created_at))
        .join(db.Case, db.Case.id == decision.case_id)
        .where(*in_window)
    ):
        if seconds is not None:
            waits[actor_id].append(float(seconds))

    staff = session.execute(
        select(db.Staff.id, db.Staff.username, db.Staff.display_name, db.Staff.role).where(or_(
            and_(db.Staff.role == Role.MODERATOR, db.Staff.disabled.is_(False)),
            db.Staff.id.in_(list(per_actor)),
        ))
    ).all()
    moderators = []
    for staff_id, username, display_name, role in staff:
        row = per_actor.get(staff_id) or _blank()
        reviewed = row["confirmed"] + row["overturned"]
        median = statistics.median(waits[staff_id]) if waits.get(staff_id) else None
        moderators.append(ModeratorStats(
            moderator_id=staff_id, username=username, display_name=display_name, role=role,
            decisions=row["decisions"], by_action=dict(sorted(row["by_action"].items())),
            by_reason=dict(sorted(row["by_reason"].items())), reviewed=reviewed, confirmed=row["confirmed"],
            overturned=row["overturned"], agreement=row["confirmed"] / reviewed if reviewed else None,
            median_seconds_to_decision=None if median is None else round(median, 1),
        ))
    moderators.sort(key=lambda m: (-m.decisions, m.username))

    return Stats(
        since=since, until=until, bucket="day", backlog_now=backlog_now(session, now),
        days=_day_series(session, now, since, until),
        reason_mix=dict(sorted(reason_mix.items())), category_mix=dict(sorted(category_mix.items())),
        moderators=moderators,
    )
