"""Supervisors' review of decisions (confirm or overturn) and users' appeals.

An overturn reverses what the platform can reverse: it restores a deleted message, lifts a
mute, suspension, ban or blacklisting, reopens a restricted, muted or dissolved group,
gives back admin rights and the right to create groups, and returns the credit the decision
took; it says plainly what it cannot undo (a warning already delivered, a notice already
sent). Overturning an approval reopens the case for a new decision."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from qunguan.contract import models as api
from qunguan.contract.enums import Action, AuditKind, CaseStatus, Outcome, SanctionKind, UserStatus
from qunguan.contract.problems import ProblemType

from . import audit, outcomes, views
from . import models as db
from .cases import get_case, touch
from .db import next_seq, one_or_404
from .deps import Actor
from .effects import Applied
from .errors import ProblemError
from .platform import Platform

REVIEWABLE = (Outcome.APPLIED, Outcome.NO_VIOLATION)


def _decision(session: Session, decision_id: int) -> db.Decision:
    return one_or_404(session, db.Decision, decision_id, "decision", for_update=True)


def _lift(session: Session, decision: db.Decision, now: datetime, applied: Applied) -> None:
    for sanction in session.execute(
        select(db.Sanction).where(db.Sanction.decision_id == decision.id, db.Sanction.lifted_at.is_(None))
    ).scalars():
        sanction.lifted_at = now
        if sanction.user_id is not None:
            user = session.get(db.PlatformUser, sanction.user_id)
            assert user is not None
            if sanction.kind == SanctionKind.MUTE and user.muted_until and user.muted_until > now:
                user.muted_until = now
                applied.add("lifted", f"user:{user.id}", "mute lifted: may post again")
            elif sanction.kind == SanctionKind.SUSPENSION and user.suspended_until and user.suspended_until > now:
                user.suspended_until = now
                applied.add("lifted", f"user:{user.id}", "suspension lifted")
            elif sanction.kind in (SanctionKind.BAN, SanctionKind.BLACKLIST):
                user.status = UserStatus.ACTIVE
                applied.add("lifted", f"user:{user.id}", f"{sanction.kind} lifted: the account is active again")
            elif sanction.kind == SanctionKind.GROUP_CREATION_REVOKED:
                user.can_create_groups = True
                applied.add("lifted", f"user:{user.id}", "may create groups again")
            elif sanction.kind == SanctionKind.ADMIN_RIGHTS_SUSPENSION and sanction.group_id is not None:
                member = session.get(db.GroupMember, (sanction.group_id, user.id))
                if member is not None:
                    member.admin_suspended_until = None
                applied.add("lifted", f"user:{user.id}", f"admin rights in group {sanction.group_id} restored")
            elif sanction.kind == SanctionKind.WARNING:
                applied.add("irreversible", f"user:{user.id}",
                            "the warning was already delivered; it is withdrawn from the record")
        if sanction.group_id is not None and sanction.user_id is None:
            group = session.get(db.Group, sanction.group_id)
            assert group is not None
            if sanction.kind == SanctionKind.GROUP_RESTRICTION:
                group.restricted_until = now
                applied.add("reopened", f"group:{group.id}", "restriction lifted")
            elif sanction.kind == SanctionKind.GROUP_MUTE:
                group.muted_until = now
                applied.add("reopened", f"group:{group.id}", "members may post again")
            elif sanction.kind == SanctionKind.GROUP_DISSOLUTION:
                group.status = "active"
                group.dissolved_at = None
                applied.add("reopened", f"group:{group.id}",
                            "the group is open again; members who left meanwhile are not brought back")


def reverse(session: Session, platform: Platform, decision: db.Decision, case: db.Case, now: datetime) -> Applied:
    """Undo a decision's effects where the platform can, and say where it cannot."""
    applied = Applied(Outcome.APPLIED)
    action = Action(decision.action)
    if action is Action.APPROVE:
        case.status = CaseStatus.OPEN
        case.resolved_at = None
        applied.add("reopened", f"case:{case.id}", "the approval was overturned: the case is open for a new decision")
        return applied
    if action is Action.DELETE_MESSAGE:
        message = session.get(db.Message, case.message_id)
        if message is not None and message.deleted_by_decision_id == decision.id:
            message.deleted_at = None
            message.deleted_by_decision_id = None
            applied.add("restored", f"message:{message.id}", "visible to the group's members again")
        applied.add("irreversible", f"user:{case.sender_id}", "the author was already told of the deletion")
    _lift(session, decision, now, applied)
    for event in session.execute(
        select(db.CreditEvent).where(db.CreditEvent.decision_id == decision.id, db.CreditEvent.delta != 0)
    ).scalars().all():
        user = session.get(db.PlatformUser, event.user_id)
        assert user is not None
        before = user.credit_score
        user.credit_score = platform.rules.clamp(before - event.delta)
        session.add(db.CreditEvent(user_id=user.id, at=now, delta=user.credit_score - before,
                                   score_after=user.credit_score, rule=f"overturn.{event.rule}",
                                   rules_version=platform.rules.version, decision_id=decision.id))
        applied.add("credit", f"user:{user.id}", f"credit {before} -> {user.credit_score} (overturn of {event.rule})")
    return applied


def _review_view(row: db.Review) -> api.ReviewView:
    return api.ReviewView(id=row.id, decision_id=row.decision_id, verdict=row.verdict, reason=row.reason,
                          reviewer=views.moderator(row.reviewer), at=row.at, appeal_id=row.appeal_id,
                          effects=[api.Effect(**e) for e in row.effects or ()])


def _settle(session: Session, platform: Platform, actor: Actor, decision: db.Decision, verdict: str, reason: str,
            now: datetime, appeal: db.Appeal | None = None) -> api.ReviewResult:
    """Record a confirm or an overturn of ``decision`` (from a review or an appeal)."""
    case = get_case(session, decision.case_id, for_update=True)
    effects: list[dict[str, str]] = []
    if verdict == "overturn":
        effects = reverse(session, platform, decision, case, now).effects
        decision.review = "overturned"
        # The reporters it told are told again: withdrawn, or reopened for a new decision.
        outcomes.withdraw(session, decision.id, reopened=case.status == CaseStatus.OPEN, now=now)
    else:
        decision.review = "confirmed"
    review = db.Review(decision_id=decision.id, reviewer_id=actor.id, verdict=decision.review, reason=reason,
                       appeal_id=appeal.id if appeal else None, at=now, effects=effects)
    session.add(review)
    touch(session, case, bump_version=True)
    session.flush()
    kind = AuditKind.OVERTURN if verdict == "overturn" else AuditKind.CONFIRM
    audit.append(session, actor.username, kind, f"decision:{decision.id}",
                 {"case": case.id, "reason": reason, "appeal": appeal.id if appeal else None, "effects": effects,
                  "case_version": case.version}, now)
    session.refresh(review)
    session.refresh(case)
    return api.ReviewResult(decision=views.decision(decision), review=_review_view(review),
                            case=views.case_summary(case, now))


def review(platform: Platform, actor: Actor, decision_id: int, request: api.ReviewRequest) -> api.ReviewResult:
    now = platform.now()
    with platform.db.writing() as session:
        next_seq(session)  # decisions, reviews and appeals touch cases in one order
        decision = _decision(session, decision_id)
        actor.must_not_be(decision.actor_id, "A decision is reviewed by someone other than its author.")
        if decision.review is not None:
            raise ProblemError(409, ProblemType.CONFLICT, f"Decision {decision_id} was already {decision.review}.")
        if decision.outcome not in REVIEWABLE:
            raise ProblemError(409, ProblemType.CONFLICT,
                               f"Decision {decision_id} ({decision.outcome}) is not one that can be reviewed.")
        return _settle(session, platform, actor, decision, request.verdict, request.reason, now)


def _appeal_view(session: Session, row: db.Appeal) -> api.AppealView:
    decision = session.get(db.Decision, row.decision_id)
    assert decision is not None
    decider = session.get(db.Staff, row.decided_by) if row.decided_by else None
    return api.AppealView(id=row.id, decision_id=row.decision_id, case_id=row.case_id, user_id=row.user_id,
                          text=row.text, status=row.status, created_at=row.created_at,
                          original_moderator=views.moderator(decision.actor),
                          decided_by=views.moderator(decider) if decider else None, decided_at=row.decided_at,
                          reason=row.reason)


def open_appeal(platform: Platform, request: api.AppealRequest) -> api.AppealView:
    """A platform user appeals a decision about them (through the members' side)."""
    now = platform.now()
    with platform.db.writing() as session:
        next_seq(session)
        decision = _decision(session, request.decision_id)
        if decision.outcome != Outcome.APPLIED or decision.target_user_id is None:
            raise ProblemError(409, ProblemType.CONFLICT, f"Decision {decision.id} did not sanction anyone.")
        if decision.review == "overturned":
            raise ProblemError(409, ProblemType.CONFLICT, f"Decision {decision.id} was already overturned.")
        if session.execute(select(db.Appeal.id).where(db.Appeal.decision_id == decision.id,
                                                      db.Appeal.status == "open")).first():
            raise ProblemError(409, ProblemType.CONFLICT, f"Decision {decision.id} already has an open appeal.")
        case = get_case(session, decision.case_id, for_update=True)
        appeal = db.Appeal(decision_id=decision.id, case_id=case.id, user_id=decision.target_user_id,
                           text=request.text, status="open", created_at=now)
        session.add(appeal)
        case.status = CaseStatus.APPEALED
        touch(session, case, bump_version=True)
        session.flush()
        audit.append(session, f"user:{decision.target_user_id}", AuditKind.APPEAL, f"decision:{decision.id}",
                     {"appeal": appeal.id, "case": case.id, "text": request.text}, now)
        return _appeal_view(session, appeal)


def decide_appeal(platform: Platform, actor: Actor, appeal_id: int, request: api.AppealDecision
                  ) -> api.ReviewResult:
    now = platform.now()
    with platform.db.writing() as session:
        next_seq(session)
        appeal = one_or_404(session, db.Appeal, appeal_id, "appeal", for_update=True)
        if appeal.status != "open":
            raise ProblemError(409, ProblemType.CONFLICT, f"Appeal {appeal_id} was already decided.")
        decision = _decision(session, appeal.decision_id)
        actor.must_not_be(decision.actor_id, "The moderator who made a decision cannot decide the appeal against it.")
        appeal.status = "upheld" if request.verdict == "uphold" else "overturned"
        appeal.decided_by = actor.id
        appeal.decided_at = now
        appeal.reason = request.reason
        verdict = "confirm" if request.verdict == "uphold" else "overturn"
        result = _settle(session, platform, actor, decision, verdict, request.reason, now, appeal)
        case = get_case(session, appeal.case_id)
        if case.status == CaseStatus.APPEALED:
            case.status = CaseStatus.RESOLVED
            session.flush()
            session.refresh(case)
            result = api.ReviewResult(decision=result.decision, review=result.review,
                                      case=views.case_summary(case, now))
        return result


def list_appeals(platform: Platform, status: str | None, limit: int) -> list[api.AppealView]:
    with platform.db.reading() as session:
        stmt = select(db.Appeal)
        if status:
            stmt = stmt.where(db.Appeal.status == status)
        return [_appeal_view(session, a) for a in session.execute(stmt.order_by(db.Appeal.id).limit(limit)).scalars()]
