"""What a decision does to the platform: the state a member sees changes, credit moves by
the published rules, and each effect is described for the moderator and the record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from qunguan.contract.enums import DAY, OFFICER_TARGETABLE, Action, ActionTarget, Outcome, SanctionKind, UserStatus
from qunguan.contract.problems import ProblemType
from qunguan.contract.taxonomy import ReasonCode

from . import models as db
from .credit import CreditRules
from .db import Prepared
from .errors import ProblemError

#: Optional durations default to this.
DEFAULT_DURATION = 30 * DAY


class State:
    """The fields of one row that a decision reads and may change, as loaded. What changed is
    written back with one UPDATE (``changes``), as the ORM would, without its per-object cost."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)
        self._loaded = dict(fields)

    def changes(self) -> dict[str, Any]:
        """The loaded fields whose value is not the loaded one any more."""
        return {name: value for name, loaded in self._loaded.items() if (value := getattr(self, name)) != loaded}


_USERS = db.PlatformUser.__table__
_GROUPS = db.Group.__table__
_MEMBERS = db.GroupMember.__table__
_MESSAGES = db.Message.__table__
_SANCTIONS = db.Sanction.__table__
_CREDIT = db.CreditEvent.__table__

#: The user fields a decision shows (in its record of the case) or changes.
USER_FIELDS = ("id", "display_name", "credit_score", "real_name_verified", "status", "muted_until", "suspended_until",
               "can_create_groups")
# Statements built once: building one costs more than running it.
_LOAD_USER = Prepared(select(*(_USERS.c[name] for name in USER_FIELDS)).where(_USERS.c.id == bindparam("user_id")))
_LOAD_MEMBER = Prepared(
    select(_MEMBERS.c.group_id, _MEMBERS.c.user_id, _MEMBERS.c.role, _MEMBERS.c.admin_suspended_until)
    .where(_MEMBERS.c.group_id == bindparam("group_id"), _MEMBERS.c.user_id == bindparam("member_id")))
_UPDATE_USER = Prepared(update(_USERS).where(_USERS.c.id == bindparam("pk_id")))
_UPDATE_GROUP = Prepared(update(_GROUPS).where(_GROUPS.c.id == bindparam("pk_id")))
_UPDATE_MEMBER = Prepared(update(_MEMBERS).where(_MEMBERS.c.group_id == bindparam("pk_group"),
                                                 _MEMBERS.c.user_id == bindparam("pk_user")))
_DELETE_MESSAGE = Prepared(update(_MESSAGES).where(_MESSAGES.c.id == bindparam("pk_id")))
_INSERT_SANCTION = Prepared(insert(_SANCTIONS))
_INSERT_CREDIT = Prepared(insert(_CREDIT))


def user_state(row: Any) -> State:
    return State(**{name: getattr(row, name) for name in USER_FIELDS})


class Users:
    """The platform users one decision touches, one State per user (so a sender who also owns
    the group is one person whose credit moves twice, as with the ORM's identity map)."""

    def __init__(self, connection: Connection, *known: State) -> None:
        self._connection = connection
        self.by_id: dict[int, State] = {user.id: user for user in known}

    def get(self, user_id: int) -> State | None:
        user = self.by_id.get(user_id)
        if user is None:
            row = _LOAD_USER.first(self._connection, {"user_id": user_id})
            if row is None:
                return None
            user = self.by_id[user_id] = user_state(row)
        return user


@dataclass
class Target:
    user: Any = None
    member: Any = None
    group: Any = None


@dataclass
class Applied:
    outcome: Outcome
    effects: list[dict[str, str]] = field(default_factory=list)

    def add(self, kind: str, subject: str, detail: str) -> None:
        self.effects.append({"kind": kind, "subject": subject, "detail": detail})


@dataclass
class Plan:
    """What a non-drastic action does, worked out before the decision row exists; ``write``
    stores it under the decision's id."""

    applied: Applied
    sanctions: list[dict[str, Any]] = field(default_factory=list)
    credit: list[dict[str, Any]] = field(default_factory=list)
    delete_message: int | None = None
    users: list[State] = field(default_factory=list)
    group: State | None = None
    member: State | None = None


def invalid(detail: str) -> ProblemError:
    return ProblemError(422, ProblemType.INVALID_TARGET, detail, title="Invalid decision")


def resolve_target(connection: Connection, case: Any, users: Users, action: Action,
                   target_user_id: int | None) -> Target:
    """``case`` is the decision's loaded case (see decisions.load_case)."""
    spec = action.spec
    if spec.target is ActionTarget.USER:
        if target_user_id is not None and target_user_id != case.sender_id:
            if action not in OFFICER_TARGETABLE:
                raise invalid(f"{action.value} applies to the message's sender ({case.sender_id}).")
            member = _LOAD_MEMBER.first(connection, {"group_id": case.group_id, "member_id": target_user_id})
            if member is None or member.role not in ("owner", "admin"):
                raise invalid(f"{action.value} applies to the message's sender ({case.sender_id}) or to the owner "
                              f"or an admin of group {case.group_id}; user {target_user_id} is neither.")
            return Target(user=users.get(target_user_id))
        return Target(user=users.get(case.sender_id))
    if spec.target is ActionTarget.GROUP_OFFICER:
        user_id = target_user_id or case.sender_id
        member = _LOAD_MEMBER.first(connection, {"group_id": case.group_id, "member_id": user_id})
        if member is None or member.role not in ("owner", "admin"):
            raise invalid(f"User {user_id} is not the owner or an admin of group {case.group_id}.")
        return Target(user=users.get(user_id), member=State(**member._asdict()), group=case.group)
    if spec.target is ActionTarget.GROUP:
        if case.group.status == "dissolved":
            raise invalid(f"Group {case.group_id} is already dissolved.")
        return Target(group=case.group)
    return Target()


def move_credit(
    rules: CreditRules,
    action: Action,
    reason: ReasonCode | None,
    parties: dict[str, Any],
    now: datetime,
    applied: Applied,
    *,
    officer: bool = False,
) -> list[dict[str, Any]]:
    """Move the parties' credit (ORM rows or States); returns the credit events to store
    (without their decision_id). ``officer``: the user named is a group officer, not the sender."""
    events = []
    for move in rules.moves(action.value, reason, officer=officer):
        user = parties.get(move.party)
        if user is None or move.delta == 0:
            continue
        before = user.credit_score
        user.credit_score = rules.clamp(before + move.delta)
        events.append({"user_id": user.id, "at": now, "delta": user.credit_score - before,
                       "score_after": user.credit_score, "rule": move.rule, "rules_version": rules.version})
        applied.add(
            "credit", f"user:{user.id}",
            f"credit {before} -> {user.credit_score} (rule {move.rule}, rules {rules.version})",
        )
    return events


def blast_radius(session: Session | Connection, action: Action, case: Any,
                 user_id: int | None = None) -> dict[str, int]:
    """Who and what a drastic action touches (``user_id``: the account it names, by default the sender)."""
    if action is Action.DISSOLVE_GROUP:
        gid = case.group_id
        admins = session.scalar(
            select(func.count()).select_from(db.GroupMember)
            .where(db.GroupMember.group_id == gid, db.GroupMember.role.in_(("owner", "admin")))
        )
        messages = session.scalar(select(func.count()).select_from(db.Message).where(db.Message.group_id == gid))
        return {"members": case.group.member_count, "messages": int(messages or 0), "admins": int(admins or 0),
                "groups": 1}
    uid = user_id or case.sender_id
    groups = session.scalar(select(func.count()).select_from(db.GroupMember).where(db.GroupMember.user_id == uid))
    officer_of = session.scalar(
        select(func.count()).select_from(db.GroupMember)
        .where(db.GroupMember.user_id == uid, db.GroupMember.role.in_(("owner", "admin")))
    )
    messages = session.scalar(select(func.count()).select_from(db.Message).where(db.Message.sender_id == uid))
    return {"members": 1, "messages": int(messages or 0), "admins": int(officer_of or 0), "groups": int(groups or 0)}


def plan(
    rules: CreditRules,
    case: Any,
    users: Users,
    action: Action,
    reason: ReasonCode | None,
    duration: int | None,
    target: Target,
    now: datetime,
) -> Plan:
    """Work out what a non-drastic action does to the platform's state."""
    if action is Action.APPROVE:
        return Plan(Applied(Outcome.NO_VIOLATION))
    if action is Action.ESCALATE:
        return Plan(Applied(Outcome.ESCALATED))
    if action is Action.NOTE:
        return Plan(Applied(Outcome.NOTED))

    applied = Applied(Outcome.APPLIED)
    result = Plan(applied)
    until = now + timedelta(seconds=duration or DEFAULT_DURATION)

    def sanction(kind: SanctionKind, *, user: Any = None, group: Any = None, ends: datetime | None = None) -> None:
        result.sanctions.append({
            "kind": kind, "user_id": user.id if user else None, "group_id": group.id if group else None,
            "reason_code": reason, "starts_at": now, "ends_at": ends, "lifted_at": None,
        })

    user, group = target.user, target.group
    if action is Action.DELETE_MESSAGE:
        if case.message.deleted_at is None:
            result.delete_message = case.message_id
        applied.add("message_deleted", f"message:{case.message_id}", "hidden from every member of the group")
        user = users.get(case.sender_id)
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
    elif action is Action.LOWER_CREDIT:
        assert user is not None  # the credit move below is the whole effect
    else:  # pragma: no cover - drastic actions are proposals and never reach here
        raise AssertionError(action)

    owner = users.get(group.owner_id) if group is not None else None
    officer = user is not None and user.id != case.sender_id
    result.credit = move_credit(rules, action, reason, {"sender": user, "owner": owner, "target": user}, now, applied,
                                officer=officer)
    result.users = list(users.by_id.values())
    result.group = group
    result.member = target.member
    return result


def write(connection: Connection, planned: Plan, decision_id: int, now: datetime) -> None:
    """Store a plan's effects under the decision's id (after the decision row is inserted)."""
    if planned.delete_message is not None:
        _DELETE_MESSAGE.execute(connection, {"pk_id": planned.delete_message, "deleted_at": now,
                                             "deleted_by_decision_id": decision_id})
    for user in planned.users:
        if changes := user.changes():
            _UPDATE_USER.execute(connection, {"pk_id": user.id, **changes})
    if planned.group is not None and (changes := planned.group.changes()):
        _UPDATE_GROUP.execute(connection, {"pk_id": planned.group.id, **changes})
    if planned.member is not None and (changes := planned.member.changes()):
        _UPDATE_MEMBER.execute(connection, {"pk_group": planned.member.group_id,
                                            "pk_user": planned.member.user_id, **changes})
    _INSERT_SANCTION.executemany(connection, [{**row, "decision_id": decision_id} for row in planned.sanctions])
    _INSERT_CREDIT.executemany(connection, [{**row, "decision_id": decision_id} for row in planned.credit])


def apply_drastic(
    session: Session, rules: CreditRules, case: db.Case, action: Action, reason: ReasonCode | None,
    decision_id: int, now: datetime, target_user_id: int | None = None,
) -> Applied:
    """Carry out an approved drastic action (ban, blacklist, dissolve); a ban or blacklisting
    applies to ``target_user_id`` (the group's owner or an admin) or else to the sender."""
    applied = Applied(Outcome.APPLIED)
    if action is Action.DISSOLVE_GROUP:
        group = case.group
        group.status = "dissolved"
        group.dissolved_at = now
        session.add(db.Sanction(kind=SanctionKind.GROUP_DISSOLUTION, group_id=group.id, reason_code=reason,
                                starts_at=now, decision_id=decision_id))
        applied.add("group_dissolved", f"group:{group.id}", "closed for every member")
        credit = move_credit(rules, action, reason, {"owner": group.owner}, now, applied)
    else:
        user = session.get(db.PlatformUser, target_user_id or case.sender_id)
        assert user is not None
        status = UserStatus.BANNED if action is Action.BAN else UserStatus.BLACKLISTED
        user.status = status
        kind = SanctionKind.BAN if action is Action.BAN else SanctionKind.BLACKLIST
        session.add(db.Sanction(kind=kind, user_id=user.id, reason_code=reason, starts_at=now,
                                decision_id=decision_id))
        applied.add(kind.value, f"user:{user.id}", f"account {status.value}")
        credit = move_credit(rules, action, reason, {"sender": user, "target": user}, now, applied,
                             officer=user.id != case.sender_id)
    session.add_all(db.CreditEvent(**row, decision_id=decision_id) for row in credit)
    return applied
