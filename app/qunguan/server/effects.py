"""What a decision does to the platform: the state a member sees changes, credit moves by
the published rules, and each effect is described for the moderator and the record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qunguan.contract.enums import DAY, Action, ActionTarget, Outcome, SanctionKind, UserStatus
from qunguan.contract.problems import ProblemType
from qunguan.contract.taxonomy import ReasonCode

from . import models as db
from .credit import CreditRules
from .errors import ProblemError

#: Optional durations default to this.
DEFAULT_DURATION = 30 * DAY


@dataclass
class Target:
    user: db.PlatformUser | None = None
    member: db.GroupMember | None = None
    group: db.Group | None = None


@dataclass
class Applied:
    outcome: Outcome
    effects: list[dict[str, str]] = field(default_factory=list)

    def add(self, kind: str, subject: str, detail: str) -> None:
        self.effects.append({"kind": kind, "subject": subject, "detail": detail})


def invalid(detail: str) -> ProblemError:
    return ProblemError(422, ProblemType.INVALID_TARGET, detail, title="Invalid decision")


def resolve_target(session: Session, case: db.Case, action: Action, target_user_id: int | None) -> Target:
    spec = action.spec
    if spec.target is ActionTarget.USER:
        if target_user_id is not None and target_user_id != case.sender_id:
            raise invalid(f"{action.value} applies to the message's sender ({case.sender_id}).")
        return Target(user=session.get(db.PlatformUser, case.sender_id))
    if spec.target is ActionTarget.GROUP_OFFICER:
        user_id = target_user_id or case.sender_id
        member = session.get(db.GroupMember, (case.group_id, user_id))
        if member is None or member.role not in ("owner", "admin"):
            raise invalid(f"User {user_id} is not the owner or an admin of group {case.group_id}.")
        return Target(user=session.get(db.PlatformUser, user_id), member=member, group=case.group)
    if spec.target is ActionTarget.GROUP:
        if case.group.status == "dissolved":
            raise invalid(f"Group {case.group_id} is already dissolved.")
        return Target(group=case.group)
    return Target()


def move_credit(
    session: Session,
    rules: CreditRules,
    action: Action,
    reason: ReasonCode | None,
    parties: dict[str, db.PlatformUser | None],
    decision_id: int,
    now: datetime,
    applied: Applied,
) -> None:
    for move in rules.moves(action.value, reason):
        user = parties.get(move.party)
        if user is None or move.delta == 0:
            continue
        before = user.credit_score
        user.credit_score = rules.clamp(before + move.delta)
        session.add(
            db.CreditEvent(
                user_id=user.id, at=now, delta=user.credit_score - before, score_after=user.credit_score,
                rule=move.rule, rules_version=rules.version, decision_id=decision_id,
            )
        )
        applied.add(
            "credit", f"user:{user.id}",
            f"credit {before} -> {user.credit_score} (rule {move.rule}, rules {rules.version})",
        )


def blast_radius(session: Session, action: Action, case: db.Case) -> dict[str, int]:
    """Who and what a drastic action touches."""
    if action is Action.DISSOLVE_GROUP:
        gid = case.group_id
        admins = session.scalar(
            select(func.count()).select_from(db.GroupMember)
            .where(db.GroupMember.group_id == gid, db.GroupMember.role.in_(("owner", "admin")))
        )
        messages = session.scalar(select(func.count()).select_from(db.Message).where(db.Message.group_id == gid))
        return {"members": case.group.member_count, "messages": int(messages or 0), "admins": int(admins or 0),
                "groups": 1}
    uid = case.sender_id
    groups = session.scalar(select(func.count()).select_from(db.GroupMember).where(db.GroupMember.user_id == uid))
    officer_of = session.scalar(
        select(func.count()).select_from(db.GroupMember)
        .where(db.GroupMember.user_id == uid, db.GroupMember.role.in_(("owner", "admin")))
    )
    messages = session.scalar(select(func.count()).select_from(db.Message).where(db.Message.sender_id == uid))
    return {"members": 1, "messages": int(messages or 0), "admins": int(officer_of or 0), "groups": int(groups or 0)}


def apply(
    session: Session,
    rules: CreditRules,
    case: db.Case,
    action: Action,
    reason: ReasonCode | None,
    duration: int | None,
    target: Target,
    decision_id: int,
    now: datetime,
) -> Applied:
    """Apply a non-drastic action to the platform's state."""
    if action is Action.APPROVE:
        return Applied(Outcome.NO_VIOLATION)
    if action is Action.ESCALATE:
        return Applied(Outcome.ESCALATED)
    if action is Action.NOTE:
        return Applied(Outcome.NOTED)

    applied = Applied(Outcome.APPLIED)
    until = now + timedelta(seconds=duration or DEFAULT_DURATION)

    def sanction(kind: SanctionKind, *, user: db.PlatformUser | None = None, group: db.Group | None = None,
                 ends: datetime | None = None) -> None:
        session.add(
            db.Sanction(
                kind=kind, user_id=user.id if user else None, group_id=group.id if group else None,
                reason_code=reason, starts_at=now, ends_at=ends, decision_id=decision_id,
            )
        )

    user, group = target.user, target.group
    if action is Action.DELETE_MESSAGE:
        message = case.message
        if message.deleted_at is None:
            message.deleted_at = now
            message.deleted_by_decision_id = decision_id
        applied.add("message_deleted", f"message:{message.id}", "hidden from every member of the group")
        user = session.get(db.PlatformUser, case.sender_id)
    elif action is Action.WARN:
        assert user is not None
        sanction(SanctionKind.WARNING, user=user)
        applied.add("warning", f"user:{user.id}", "warned")
    elif action is Action.MUTE:
        assert user is not None
        user.muted_until = max(user.muted_until or now, until)
        sanction(SanctionKind.MUTE, user=user, ends=until)
        applied.add("mute", f"user:{user.id}", f"may not post until {until.isoformat()}")
    elif action is Action.SUSPEND:
        assert user is not None
        user.suspended_until = max(user.suspended_until or now, until)
        sanction(SanctionKind.SUSPENSION, user=user, ends=until)
        applied.add("suspension", f"user:{user.id}", f"account suspended until {until.isoformat()}")
    elif action is Action.RESTRICT_GROUP:
        assert group is not None
        group.restricted_until = max(group.restricted_until or now, until)
        sanction(SanctionKind.GROUP_RESTRICTION, group=group, ends=until)
        applied.add("group_restricted", f"group:{group.id}", f"no invites, links or files until {until.isoformat()}")
    elif action is Action.MUTE_GROUP:
        assert group is not None
        group.muted_until = max(group.muted_until or now, until)
        sanction(SanctionKind.GROUP_MUTE, group=group, ends=until)
        applied.add("group_muted", f"group:{group.id}", f"only owner and admins may post until {until.isoformat()}")
    elif action is Action.SUSPEND_ADMIN_RIGHTS:
        assert user is not None and target.member is not None
        target.member.admin_suspended_until = until
        sanction(SanctionKind.ADMIN_RIGHTS_SUSPENSION, user=user, group=target.group, ends=until)
        applied.add("admin_rights_suspended", f"user:{user.id}",
                    f"admin rights in group {case.group_id} suspended until {until.isoformat()}")
    elif action is Action.REVOKE_GROUP_CREATION:
        assert user is not None
        user.can_create_groups = False
        sanction(SanctionKind.GROUP_CREATION_REVOKED, user=user)
        applied.add("group_creation_revoked", f"user:{user.id}", "may no longer create groups")
    else:  # pragma: no cover - drastic actions are proposals and never reach here
        raise AssertionError(action)

    owner = group.owner if group is not None else None
    move_credit(session, rules, action, reason, {"sender": user, "owner": owner, "target": user},
                decision_id, now, applied)
    return applied


def apply_drastic(
    session: Session, rules: CreditRules, case: db.Case, action: Action, reason: ReasonCode | None,
    decision_id: int, now: datetime,
) -> Applied:
    """Carry out an approved drastic action (ban, blacklist, dissolve)."""
    applied = Applied(Outcome.APPLIED)
    if action is Action.DISSOLVE_GROUP:
        group = case.group
        group.status = "dissolved"
        group.dissolved_at = now
        session.add(db.Sanction(kind=SanctionKind.GROUP_DISSOLUTION, group_id=group.id, reason_code=reason,
                                starts_at=now, decision_id=decision_id))
        applied.add("group_dissolved", f"group:{group.id}", "closed for every member")
        move_credit(session, rules, action, reason, {"owner": group.owner}, decision_id, now, applied)
    else:
        user = session.get(db.PlatformUser, case.sender_id)
        assert user is not None
        status = UserStatus.BANNED if action is Action.BAN else UserStatus.BLACKLISTED
        user.status = status
        kind = SanctionKind.BAN if action is Action.BAN else SanctionKind.BLACKLIST
        session.add(db.Sanction(kind=kind, user_id=user.id, reason_code=reason, starts_at=now,
                                decision_id=decision_id))
        applied.add(kind.value, f"user:{user.id}", f"account {status.value}")
        move_credit(session, rules, action, reason, {"sender": user}, decision_id, now, applied)
    return applied
