"""The queue: listing with keyset paging, counts, the change feed, case detail, claims."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from qunguan.contract import models as api
from qunguan.contract.enums import AuditKind, CaseStatus, Permission, Priority
from qunguan.contract.problems import ProblemType
from qunguan.contract.taxonomy import ReasonCategory, ReasonCode

from . import audit, membership, views
from . import credit as credit_rules
from . import models as db
from .db import next_seq, one_or_404
from .deps import Actor
from .errors import ProblemError
from .outcomes import view as outcome_view

SUPERVISOR_ONLY = (CaseStatus.ESCALATED, CaseStatus.APPEALED, CaseStatus.AWAITING_SECOND_APPROVAL)


def _encode_cursor(case: db.Case) -> str:
    raw = json.dumps([case.priority, case.sla_deadline.isoformat(), case.id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[int, datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        priority, sla, case_id = json.loads(raw)
        return int(priority), datetime.fromisoformat(sla), int(case_id)
    except (ValueError, TypeError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProblemError(400, ProblemType.BAD_REQUEST, "The cursor is not one this server gave out.") from exc


def _live_claim(now: datetime):  # type: ignore[no-untyped-def]
    return and_(db.Case.claim_holder_id.is_not(None), db.Case.claim_expires_at > now)


def _status_clause(status: CaseStatus, now: datetime):  # type: ignore[no-untyped-def]
    if status is CaseStatus.OPEN:
        return and_(db.Case.status == CaseStatus.OPEN, ~_live_claim(now))
    if status is CaseStatus.CLAIMED:
        return and_(db.Case.status == CaseStatus.OPEN, _live_claim(now))
    return db.Case.status == status


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_cases(
    session: Session,
    actor: Actor,
    now: datetime,
    *,
    status: list[CaseStatus] | None,
    category: list[ReasonCategory] | None,
    reason_code: list[ReasonCode] | None,
    priority: list[Priority] | None,
    group_id: int | None,
    assigned_to_me: bool,
    q: str | None,
    limit: int,
    cursor: str | None,
) -> api.CasePage:
    stmt = select(db.Case)
    if status:
        stmt = stmt.where(or_(*(_status_clause(s, now) for s in status)))
    if category:
        stmt = stmt.where(db.Case.reason_category.in_([c.value for c in category]))
    if reason_code:
        stmt = stmt.where(db.Case.suggested_reason.in_([c.value for c in reason_code]))
    if priority:
        stmt = stmt.where(db.Case.priority.in_([int(p) for p in priority]))
    if group_id is not None:
        stmt = stmt.where(db.Case.group_id == group_id)
    if assigned_to_me:
        stmt = stmt.where(db.Case.claim_holder_id == actor.id, db.Case.claim_expires_at > now)
    if q:
        pattern = _like(q)
        stmt = stmt.where(
            or_(
                db.Case.excerpt.ilike(pattern, escape="\\"),
                db.Case.group_id.in_(select(db.Group.id).where(db.Group.name.ilike(pattern, escape="\\"))),
            )
        )
    if cursor:
        p, sla, cid = _decode_cursor(cursor)
        stmt = stmt.where(
            or_(
                db.Case.priority < p,
                and_(db.Case.priority == p, db.Case.sla_deadline > sla),
                and_(db.Case.priority == p, db.Case.sla_deadline == sla, db.Case.id > cid),
            )
        )
    stmt = stmt.order_by(db.Case.priority.desc(), db.Case.sla_deadline, db.Case.id).limit(limit + 1)
    rows = list(session.execute(stmt).scalars())
    more = len(rows) > limit
    rows = rows[:limit]
    return api.CasePage(
        items=[views.case_summary(r, now) for r in rows],
        next_cursor=_encode_cursor(rows[-1]) if more and rows else None,
    )


def counts(session: Session, actor: Actor, now: datetime) -> api.QueueCounts:
    live = _live_claim(now)
    claimed_open = and_(db.Case.status == CaseStatus.OPEN, live)
    row = session.execute(
        select(
            func.count().filter(and_(db.Case.status == CaseStatus.OPEN, ~live)),
            func.count().filter(claimed_open),
            func.count().filter(and_(db.Case.claim_holder_id == actor.id, db.Case.claim_expires_at > now,
                                     db.Case.status != CaseStatus.RESOLVED)),
            func.count().filter(db.Case.status == CaseStatus.ESCALATED),
            func.count().filter(db.Case.status == CaseStatus.APPEALED),
            func.count().filter(db.Case.status == CaseStatus.AWAITING_SECOND_APPROVAL),
            func.count().filter(db.Case.status == CaseStatus.RESOLVED),
        )
    ).one()
    return api.QueueCounts(
        open=row[0], claimed=row[1], mine=row[2], escalated=row[3], appealed=row[4],
        awaiting_second_approval=row[5], resolved=row[6],
    )


def changes(session: Session, now: datetime, since: int, limit: int) -> api.ChangesPage:
    rows = list(
        session.execute(
            select(db.Case).where(db.Case.change_seq > since).order_by(db.Case.change_seq).limit(limit + 1)
        ).scalars()
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return api.ChangesPage(
        items=[views.case_summary(r, now) for r in rows],
        next_since=rows[-1].change_seq if rows else since,
        has_more=more,
    )


def get_case(session: Session, case_id: int, *, for_update: bool = False) -> db.Case:
    return one_or_404(session, db.Case, case_id, "case", for_update=for_update)


def _names(session: Session, user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = session.execute(
        select(db.PlatformUser.id, db.PlatformUser.display_name).where(db.PlatformUser.id.in_(user_ids))
    )
    return {user_id: name for user_id, name in rows}


def message_views(session: Session, rows: list[db.Message]) -> list[api.Message]:
    names = _names(session, {m.sender_id for m in rows})
    ids = [m.id for m in rows]
    attachments: dict[int, list[db.Attachment]] = {}
    if ids:
        for a in session.execute(select(db.Attachment).where(db.Attachment.message_id.in_(ids))).scalars():
            attachments.setdefault(a.message_id, []).append(a)
    return [views.message(m, names.get(m.sender_id, "?"), attachments.get(m.id)) for m in rows]


def messages_around(
    session: Session, group_id: int, *, before: int | None, after: int | None, limit: int,
    include_deleted: bool = True,
) -> tuple[list[db.Message], bool]:
    """Messages of a group before (older than) or after (newer than) a message id, in
    chronological order, and whether there are more that way."""
    stmt = select(db.Message).where(db.Message.group_id == group_id)
    if not include_deleted:
        stmt = stmt.where(db.Message.deleted_at.is_(None))
    if after is not None:
        stmt = stmt.where(db.Message.id > after).order_by(db.Message.id).limit(limit + 1)
        rows = list(session.execute(stmt).scalars())
        return rows[:limit], len(rows) > limit
    if before is not None:
        stmt = stmt.where(db.Message.id < before)
    stmt = stmt.order_by(db.Message.id.desc()).limit(limit + 1)
    rows = list(session.execute(stmt).scalars())
    return list(reversed(rows[:limit])), len(rows) > limit


def group_view(session: Session, group: db.Group, now: datetime) -> api.Group:
    officers = session.execute(
        select(db.GroupMember, db.PlatformUser)
        .join(db.PlatformUser, db.PlatformUser.id == db.GroupMember.user_id)
        .where(db.GroupMember.group_id == group.id, db.GroupMember.role.in_(("owner", "admin")))
        .order_by(db.GroupMember.role.desc(), db.GroupMember.user_id)
    ).all()
    sanctions = session.execute(
        select(db.Sanction).where(db.Sanction.group_id == group.id).order_by(db.Sanction.id.desc()).limit(10)
    ).scalars()
    return api.Group(
        id=group.id,
        name=group.name,
        owner=views.user_ref(group.owner),
        admins=[
            api.GroupOfficer(
                user=views.user_ref(user),
                is_owner=member.role == "owner",
                admin_rights_suspended_until=member.admin_suspended_until,
            )
            for member, user in officers
        ],
        member_count=group.member_count,
        member_cap=group.member_cap,
        category=group.category,
        tier=group.tier,
        status=views.group_status(group, now),
        restricted_until=group.restricted_until,
        muted_until=group.muted_until,
        created_at=group.created_at,
        recent_sanctions=[views.sanction(s, now) for s in sanctions],
        officer_actions=membership.recent_officer_actions(session, group.id, now),
    )


def user_view(session: Session, user: db.PlatformUser, now: datetime) -> api.PlatformUser:
    sanctions = list(
        session.execute(
            select(db.Sanction).where(db.Sanction.user_id == user.id).order_by(db.Sanction.id.desc()).limit(50)
        ).scalars()
    )
    credit = list(
        session.execute(
            select(db.CreditEvent).where(db.CreditEvent.user_id == user.id).order_by(db.CreditEvent.id.desc()).limit(20)
        ).scalars()
    )
    rules = credit_rules.load_rules()
    return views.platform_user(user, now, sanctions, credit, rules, credit_rules.next_restore_at(session, rules, user))


def get_user(session: Session, user_id: int, *, for_update: bool = False) -> db.PlatformUser:
    return one_or_404(session, db.PlatformUser, user_id, "user", for_update=for_update)


def get_group(session: Session, group_id: int, *, for_update: bool = False) -> db.Group:
    return one_or_404(session, db.Group, group_id, "group", for_update=for_update)


def detail(session: Session, case_id: int, now: datetime, context: int) -> api.CaseDetail:
    case = get_case(session, case_id)
    msg = case.message
    before, more_before = messages_around(session, case.group_id, before=msg.id, after=None, limit=context)
    after, more_after = messages_around(session, case.group_id, before=None, after=msg.id, limit=context)
    flagged, *_ = message_views(session, [msg])
    reports = session.execute(select(db.Report).where(db.Report.case_id == case.id).order_by(db.Report.id)).scalars()
    reports = list(reports)
    reporter_names = _names(session, {r.reporter_id for r in reports})
    signals = session.execute(
        select(db.Signal).where(db.Signal.case_id == case.id).order_by(db.Signal.score.desc(), db.Signal.id)
    ).scalars()
    decisions = session.execute(
        select(db.Decision).where(db.Decision.case_id == case.id).order_by(db.Decision.id)
    ).scalars()
    history = session.execute(
        select(db.Decision)
        .where(db.Decision.target_user_id == case.sender_id, db.Decision.case_id != case.id)
        .order_by(db.Decision.id.desc())
        .limit(20)
    ).scalars()
    return api.CaseDetail(
        case=views.case_summary(case, now),
        message=flagged,
        context_before=message_views(session, before),
        context_after=message_views(session, after),
        has_more_before=more_before,
        has_more_after=more_after,
        sender=user_view(session, get_user(session, case.sender_id), now),
        group=group_view(session, case.group, now),
        reports=[
            api.Report(
                id=r.id, reporter_id=r.reporter_id, reporter_name=reporter_names.get(r.reporter_id, "?"),
                reason_code=r.reason_code, reason=r.reason, note=r.note, at=r.at, outcome=outcome_view(r),
            )
            for r in reports
        ],
        signals=[
            api.Signal(
                id=s.id, detector=s.detector, score=s.score, explanation=s.explanation, rule=s.rule,
                suggested_reason=s.suggested_reason,
            )
            for s in signals
        ],
        decisions=[views.decision(d) for d in decisions],
        sender_history=[views.decision(d) for d in history],
        sla_rule=case.sla_rule,
        sla_escalated_at=case.sla_escalated_at,
    )


def touch(session: Session, case: db.Case, *, bump_version: bool) -> None:
    """Record a change of the case in the change feed (and its version for decisions)."""
    case.change_seq = next_seq(session)
    if bump_version:
        case.version += 1


def conflict(case: db.Case, now: datetime, type_: ProblemType, detail: str) -> ProblemError:
    return ProblemError(409, type_, detail, current=views.case_summary(case, now).model_dump(mode="json"))


def claim(session: Session, actor: Actor, case_id: int, request: api.ClaimRequest, now: datetime) -> api.CaseSummary:
    case = get_case(session, case_id, for_update=True)
    if case.status == CaseStatus.RESOLVED:
        raise conflict(case, now, ProblemType.CASE_CLOSED, f"Case {case_id} is already resolved.")
    if case.status in SUPERVISOR_ONLY and not actor.can(Permission.TAKEOVER):
        raise ProblemError(
            403, ProblemType.FORBIDDEN, f"Case {case_id} is {case.status}: only a supervisor may take it."
        )
    if views.claim_live(case, now) and case.claim_holder_id != actor.id:
        if not request.takeover:
            holder = case.claim_holder.username if case.claim_holder else "?"
            raise conflict(case, now, ProblemType.CLAIMED_BY_OTHER, f"Case {case_id} is claimed by {holder}.")
        if not actor.can(Permission.TAKEOVER):
            raise ProblemError(403, ProblemType.FORBIDDEN, "Only a supervisor may take over a claimed case.")
    previous = case.claim_holder.username if views.claim_live(case, now) and case.claim_holder else None
    case.claim_holder_id = actor.id
    case.claim_expires_at = now + timedelta(seconds=request.lease_seconds)
    touch(session, case, bump_version=False)
    audit.append(session, actor.username, AuditKind.CLAIM, f"case:{case.id}",
                 {"lease_seconds": request.lease_seconds, "expires_at": case.claim_expires_at,
                  "took_over_from": previous if previous != actor.username else None}, now)
    session.flush()
    session.refresh(case)
    return views.case_summary(case, now)


def release(session: Session, actor: Actor, case_id: int, now: datetime) -> api.CaseSummary:
    case = get_case(session, case_id, for_update=True)
    if views.claim_live(case, now) and case.claim_holder_id != actor.id and not actor.can(Permission.TAKEOVER):
        raise ProblemError(403, ProblemType.FORBIDDEN, "Only the holder or a supervisor may release this claim.")
    if case.claim_holder_id is not None:
        case.claim_holder_id = None
        case.claim_expires_at = None
        touch(session, case, bump_version=False)
        audit.append(session, actor.username, AuditKind.RELEASE, f"case:{case.id}", {}, now)
        session.flush()
    return views.case_summary(case, now)

