"""Groups on the members' side, as the platform enforces them (Arts 7-9 of the provisions):
who may create a group and how large, who may join or invite, and what the owner and admins
do in their groups.

Creating a group is refused when the creator's right to create groups was revoked, when their
credit tier forbids it (``no_group_creation``, or ``no_group_creation_over_200_members`` for a
cap over 200), when they already own ``Settings.max_owned_groups`` groups, or when the cap is
over ``Settings.max_member_cap``. Joining is refused when the group is full, when the inviter's
tier forbids invites (``no_invites``), when the group is restricted (no invites, no QR join),
and above ``Settings.verified_invitees_above`` members for a user without real-name
verification (as on WeChat).

Two findings open a compliance case in the review queue, once each: a group created by a
creator without real-name verification (on the group's creation notice), and a group found
over its member cap when someone tries to join it (on a platform notice in the group; a second
finding while that case is unresolved opens nothing new). The case carries an automatic
signal (detector ``compliance``) that says what was found.

The owner's and admins' own moderation actions are recorded in ``officer_actions``; an admin
whose admin rights are suspended (or a member without a role) is refused.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from qunguan.contract import models as api
from qunguan.contract.enums import AuditKind, CaseStatus, GroupStatus, OfficerActionKind, UserStatus
from qunguan.contract.problems import ProblemType
from qunguan.contract.taxonomy import REASONS, ReasonCode

from . import audit, cases, sla, views
from . import models as db
from .db import next_seq, one_or_404
from .errors import ProblemError
from .platform import Platform

#: The reason a compliance case suggests: these findings are about how a group is run, not
#: about a message, and the taxonomy's catch-all for harm to the online ecosystem fits best.
COMPLIANCE_REASON = ReasonCode.NEG_09
COMPLIANCE_DETECTOR = "compliance"
RULE_UNVERIFIED_CREATOR = "group.creator_not_verified"
RULE_OVER_CAP = "group.over_cap"
#: How many of the officers' actions a group's detail carries.
RECENT_OFFICER_ACTIONS = 10
#: Credit tier limits (see rules/credit_rules.json).
NO_GROUP_CREATION = "no_group_creation"
NO_GROUP_CREATION_OVER_200 = "no_group_creation_over_200_members"
NO_INVITES = "no_invites"
OVER_200 = 200
_INACTIVE = (UserStatus.BANNED, UserStatus.BLACKLISTED, UserStatus.SUSPENDED)


def _refused(type_: ProblemType, detail: str, title: str) -> ProblemError:
    return ProblemError(403, type_, detail, title=title)


def _gone(group: db.Group) -> ProblemError:
    return ProblemError(410, ProblemType.GONE, f"Group {group.id} has been dissolved.")


def _user_for_update(session: Session, user_id: int) -> db.PlatformUser:
    return one_or_404(session, db.PlatformUser, user_id, "user", for_update=True)


def _group_for_update(session: Session, group_id: int) -> db.Group:
    return one_or_404(session, db.Group, group_id, "group", for_update=True)


def tier_for(member_count: int) -> int:
    """The group's size tier, as the demo data sets it (1: under 80 members ... 4: 450 and more)."""
    return 1 if member_count < 80 else 2 if member_count < 250 else 3 if member_count < 450 else 4


# --- compliance cases ------------------------------------------------------------------------------


def _open_compliance_case(session: Session, group: db.Group, sender_id: int, notice: str, rule: str,
                          explanation: str, now: datetime) -> int:
    """Post the platform's notice in the group and open a case on it with one signal."""
    message = db.Message(group_id=group.id, sender_id=sender_id, sent_at=now, kind="text", body=notice)
    session.add(message)
    session.flush()
    severity = int(REASONS[COMPLIANCE_REASON].severity)
    points = 2 * severity + (group.tier - 1)
    priority = 1 if points <= 4 else 2 if points <= 6 else 3 if points <= 9 else 4
    deadline, sla_rule = sla.case_sla(now, COMPLIANCE_REASON, group.category)
    case = db.Case(
        message_id=message.id, group_id=group.id, sender_id=sender_id, status=CaseStatus.OPEN.value,
        priority=priority, suggested_reason=COMPLIANCE_REASON.value,
        reason_category=COMPLIANCE_REASON.category.value, group_category=group.category, group_tier=group.tier,
        excerpt=" ".join(notice.split())[:140], report_count=0, signal_score=1.0, created_at=now,
        sla_deadline=deadline, sla_rule=sla_rule, version=1, change_seq=next_seq(session),
    )
    session.add(case)
    session.flush()
    session.add(db.Signal(case_id=case.id, detector=COMPLIANCE_DETECTOR, score=1.0, explanation=explanation,
                          rule=rule, suggested_reason=COMPLIANCE_REASON.value))
    audit.append(session, "system", AuditKind.COMPLIANCE_CASE, f"case:{case.id}",
                 {"group": group.id, "rule": rule, "explanation": explanation, "message": message.id}, now)
    return case.id


def _open_finding(session: Session, group_id: int, rule: str) -> bool:
    """Whether the group has an unresolved compliance case for ``rule``."""
    return bool(session.scalar(select(exists().where(
        db.Case.group_id == group_id, db.Case.status != CaseStatus.RESOLVED.value,
        db.Signal.case_id == db.Case.id, db.Signal.detector == COMPLIANCE_DETECTOR, db.Signal.rule == rule,
    ))))


def _over_cap_case(session: Session, group: db.Group, now: datetime,
                   found: str = "found when a user tried to join") -> bool:
    """Open the over-cap case of a group, unless one is open already."""
    if _open_finding(session, group.id, RULE_OVER_CAP):
        return False
    explanation = (f"group has {group.member_count} members, over its cap of {group.member_cap} "
                   f"by {group.member_count - group.member_cap} ({found})")
    notice = (f"【平台提示】本群成员 {group.member_count} 人，超过上限 {group.member_cap} 人，"
              f"暂停新成员加入。Group over its member cap ({group.member_count}/{group.member_cap}).")
    _open_compliance_case(session, group, group.owner_id, notice, RULE_OVER_CAP, explanation, now)
    return True


def find_over_cap_groups(platform: Platform, now: datetime) -> int:
    """The platform's own check (a job): every group over its member cap that has no open
    over-cap case gets one, whether or not anyone tried to join it (a cap lowered, an import,
    members added by another system). Returns how many cases were opened."""
    opened = 0
    with platform.db.writing() as session:
        next_seq(session)  # ordered with decisions and with another worker's run
        groups = session.execute(select(db.Group).where(
            db.Group.member_count > db.Group.member_cap, db.Group.status != GroupStatus.DISSOLVED.value,
        ).order_by(db.Group.id)).scalars().all()  # next_seq above already serialises this with joins
        for group in groups:
            opened += _over_cap_case(session, group, now, "found by the platform's periodic check")
    return opened


# --- creating a group ------------------------------------------------------------------------------


def create_group(platform: Platform, request: api.GroupCreateRequest) -> api.Group:
    now = platform.now()
    settings = platform.settings
    with platform.db.writing() as session:
        next_seq(session)  # serialises creations (the owned-groups count below cannot race)
        creator = _user_for_update(session, request.creator_id)
        status = views.user_status(creator, now)
        if status in _INACTIVE:
            raise _refused(ProblemType.FORBIDDEN, f"User {creator.id} is {status.value} and may not create groups.",
                           "Group creation refused")
        if not creator.can_create_groups:
            raise _refused(ProblemType.GROUP_CREATION_REVOKED,
                           f"User {creator.id} has lost the right to create groups.", "Group creation refused")
        limits = platform.rules.limits(creator.credit_score)
        if NO_GROUP_CREATION in limits:
            raise _refused(ProblemType.CREDIT_TOO_LOW,
                           f"User {creator.id}'s credit ({creator.credit_score}) is too low to create groups.",
                           "Group creation refused")
        if request.member_cap > settings.max_member_cap:
            raise ProblemError(422, ProblemType.VALIDATION,
                               f"A group's member cap may be at most {settings.max_member_cap}.",
                               title="Group creation refused")
        if request.member_cap > OVER_200 and NO_GROUP_CREATION_OVER_200 in limits:
            raise _refused(ProblemType.CREDIT_TOO_LOW,
                           f"User {creator.id}'s credit ({creator.credit_score}) allows groups of at most "
                           f"{OVER_200} members; {request.member_cap} was asked for.", "Group creation refused")
        owned = session.scalar(select(func.count()).select_from(db.Group).where(
            db.Group.owner_id == creator.id, db.Group.status != GroupStatus.DISSOLVED.value)) or 0
        if owned >= settings.max_owned_groups:
            raise _refused(ProblemType.OWNED_GROUPS_LIMIT,
                           f"User {creator.id} already owns {owned} groups (at most {settings.max_owned_groups}).",
                           "Group creation refused")
        group = db.Group(name=request.name, owner_id=creator.id, member_count=1, member_cap=request.member_cap,
                         category=request.category.value, tier=tier_for(1), status=GroupStatus.ACTIVE.value,
                         created_at=now)
        session.add(group)
        session.flush()
        session.add(db.GroupMember(group_id=group.id, user_id=creator.id, role="owner", joined_at=now))
        notice = f"“{creator.display_name}”创建了群聊“{request.name}”"
        if creator.real_name_verified:
            session.add(db.Message(group_id=group.id, sender_id=creator.id, sent_at=now, kind="text", body=notice))
        else:
            _open_compliance_case(
                session, group, creator.id, notice, RULE_UNVERIFIED_CREATOR,
                f"creator {creator.id} is not real-name verified; a group's creator must be (Arts 6, 8)", now)
        session.flush()
        return cases.group_view(session, group, now)


# --- joining and inviting --------------------------------------------------------------------------


def add_member(platform: Platform, group_id: int, request: api.MemberAddRequest) -> api.Group:
    """A user joins (invited by ``inviter_id``, or by themselves). A group found over its cap
    gets its compliance case (committed) even though the join is refused."""
    now = platform.now()
    finding: ProblemError | None = None
    with platform.db.writing() as session:
        next_seq(session)  # one join at a time: the member count below cannot race
        group = _group_for_update(session, group_id)
        try:
            officer = _add(platform, session, group, request.user_id, request.inviter_id, now)
        except ProblemError as refusal:
            if refusal.type is not ProblemType.GROUP_FULL or group.member_count <= group.member_cap:
                raise
            _over_cap_case(session, group, now)
            finding = refusal
        else:
            if officer is not None:
                _record(session, group, officer, OfficerActionKind.INVITE, request.user_id, None, None, now)
            return cases.group_view(session, group, now)
    assert finding is not None
    raise finding


def _add(platform: Platform, session: Session, group: db.Group, user_id: int, inviter_id: int | None,
         now: datetime) -> db.GroupMember | None:
    """Add the member; return the inviter's membership when an officer (with their rights) invited."""
    settings = platform.settings
    state = views.group_status(group, now)
    if state is GroupStatus.DISSOLVED:
        raise _gone(group)
    user = cases.get_user(session, user_id)
    if session.get(db.GroupMember, (group.id, user.id)) is not None:
        raise ProblemError(409, ProblemType.CONFLICT, f"User {user.id} is already in group {group.id}.")
    status = views.user_status(user, now)
    if status in _INACTIVE:
        raise _refused(ProblemType.INVITE_REFUSED, f"User {user.id} is {status.value} and may not join groups.",
                       "Joining refused")
    inviter: db.GroupMember | None = None
    if inviter_id is not None:
        inviter_user = cases.get_user(session, inviter_id)
        inviter = session.get(db.GroupMember, (group.id, inviter_user.id))
        if inviter is None:
            raise _refused(ProblemType.INVITE_REFUSED,
                           f"User {inviter_user.id} is not in group {group.id} and may not invite to it.",
                           "Invitation refused")
        inviter_status = views.user_status(inviter_user, now)
        if inviter_status in _INACTIVE:
            raise _refused(ProblemType.INVITE_REFUSED,
                           f"User {inviter_user.id} is {inviter_status.value} and may not invite.",
                           "Invitation refused")
        if NO_INVITES in platform.rules.limits(inviter_user.credit_score):
            raise _refused(ProblemType.CREDIT_TOO_LOW,
                           f"User {inviter_user.id}'s credit ({inviter_user.credit_score}) is too low to invite.",
                           "Invitation refused")
    if state is GroupStatus.RESTRICTED:
        raise _refused(ProblemType.INVITE_REFUSED,
                       f"Group {group.id} is restricted: no invitations and no joining by QR code.",
                       "Joining refused")
    if group.member_count >= group.member_cap:
        raise _refused(ProblemType.GROUP_FULL,
                       f"Group {group.id} is full ({group.member_count}/{group.member_cap}).", "Joining refused")
    if group.member_count >= settings.verified_invitees_above and not user.real_name_verified:
        raise _refused(ProblemType.REAL_NAME_REQUIRED,
                       f"Group {group.id} has {group.member_count} members: above "
                       f"{settings.verified_invitees_above}, new members must be real-name verified "
                       f"and user {user.id} is not.", "Joining refused")
    session.add(db.GroupMember(group_id=group.id, user_id=user.id, role="member", joined_at=now))
    group.member_count += 1
    group.tier = max(group.tier, tier_for(group.member_count))
    if inviter is not None and inviter.role in ("owner", "admin") and not _suspended(inviter, now):
        return inviter
    return None


# --- the officers' own actions ---------------------------------------------------------------------


def _suspended(member: db.GroupMember, now: datetime) -> bool:
    return member.admin_suspended_until is not None and member.admin_suspended_until > now


def officer_powers(member: db.GroupMember | None, now: datetime) -> bool:
    """Whether this membership carries a group officer's powers now (owner or admin, rights
    not suspended)."""
    return member is not None and member.role in ("owner", "admin") and not _suspended(member, now)


def _record(session: Session, group: db.Group, officer: db.GroupMember, kind: OfficerActionKind,
            target_user_id: int | None, target_message_id: int | None, note: str | None,
            now: datetime) -> db.OfficerActionRow:
    row = db.OfficerActionRow(group_id=group.id, actor_id=officer.user_id, role=officer.role, kind=kind.value,
                              target_user_id=target_user_id, target_message_id=target_message_id, note=note, at=now)
    session.add(row)
    session.flush()
    return row


def _need(value: Any, what: str, kind: OfficerActionKind) -> Any:
    if value is None:
        raise ProblemError(422, ProblemType.VALIDATION, f"{kind.value} needs {what}.", title="Invalid officer action")
    return value


def officer_act(platform: Platform, group_id: int, request: api.OfficerActionRequest) -> api.OfficerAction:
    """An owner or admin acts in their group through the platform; the action is recorded."""
    now = platform.now()
    kind = request.kind
    with platform.db.writing() as session:
        next_seq(session)
        group = _group_for_update(session, group_id)
        if views.group_status(group, now) is GroupStatus.DISSOLVED:
            raise _gone(group)
        actor = cases.get_user(session, request.actor_id)
        member = session.get(db.GroupMember, (group.id, actor.id))
        if member is None or member.role not in ("owner", "admin"):
            raise _refused(ProblemType.NOT_GROUP_OFFICER,
                           f"User {actor.id} is not the owner or an admin of group {group.id}.", "Not a group officer")
        if _suspended(member, now):
            assert member.admin_suspended_until is not None
            raise _refused(ProblemType.ADMIN_RIGHTS_SUSPENDED,
                           f"User {actor.id}'s admin rights in group {group.id} are suspended until "
                           f"{member.admin_suspended_until.isoformat()}.", "Admin rights suspended")
        status = views.user_status(actor, now)
        if status in _INACTIVE:
            raise _refused(ProblemType.FORBIDDEN, f"User {actor.id} is {status.value}.", "Officer action refused")
        target_user_id, target_message_id, note = request.target_user_id, request.target_message_id, request.note
        if kind is OfficerActionKind.INVITE:
            _add(platform, session, group, _need(target_user_id, "target_user_id", kind), actor.id, now)
        elif kind is OfficerActionKind.REMOVE_MESSAGE:
            message = session.get(db.Message, _need(target_message_id, "target_message_id", kind))
            if message is None or message.group_id != group.id:
                raise ProblemError(404, ProblemType.NOT_FOUND,
                                   f"There is no message {target_message_id} in group {group.id}.")
            if message.deleted_at is None:
                message.deleted_at = now
            target_user_id = message.sender_id
        elif kind in (OfficerActionKind.REMOVE_MEMBER, OfficerActionKind.MUTE_MEMBER):
            target = session.get(db.GroupMember, (group.id, _need(target_user_id, "target_user_id", kind)))
            if target is None:
                raise ProblemError(404, ProblemType.NOT_FOUND,
                                   f"User {target_user_id} is not in group {group.id}.")
            if target.role == "owner" or (target.role == "admin" and member.role != "owner"):
                raise _refused(ProblemType.FORBIDDEN, f"Only the owner may {kind.value.replace('_', ' ')} an admin; "
                               "nobody may the owner.", "Officer action refused")
            if kind is OfficerActionKind.REMOVE_MEMBER:
                session.execute(delete(db.GroupMember).where(db.GroupMember.group_id == group.id,
                                                             db.GroupMember.user_id == target.user_id))
                group.member_count = max(1, group.member_count - 1)
        elif kind is OfficerActionKind.APPOINT_ADMIN:
            if member.role != "owner":
                raise _refused(ProblemType.FORBIDDEN, "Only the owner may appoint admins.", "Officer action refused")
            target = session.get(db.GroupMember, (group.id, _need(target_user_id, "target_user_id", kind)))
            if target is None or target.role != "member":
                raise ProblemError(409, ProblemType.CONFLICT,
                                   f"User {target_user_id} is not an ordinary member of group {group.id}.")
            target.role = "admin"
        elif kind is OfficerActionKind.RENAME_GROUP:
            new_name = _need(note, "the new name in note", kind)[:200]
            note = f"{group.name} → {new_name}"
            group.name = new_name
        elif kind is OfficerActionKind.ANNOUNCE:
            _need(note, "the announcement in note", kind)
        row = _record(session, group, member, kind, target_user_id, target_message_id, note, now)
        return _views(session, [row])[0]


def _views(session: Session, rows: list[db.OfficerActionRow]) -> list[api.OfficerAction]:
    ids = {r.actor_id for r in rows} | {r.target_user_id for r in rows if r.target_user_id is not None}
    users = {u.id: views.user_ref(u) for u in session.execute(
        select(db.PlatformUser).where(db.PlatformUser.id.in_(ids))).scalars()} if ids else {}
    return [
        api.OfficerAction(
            id=r.id, group_id=r.group_id, actor=users[r.actor_id], role=r.role, kind=OfficerActionKind(r.kind),
            target_user=users.get(r.target_user_id) if r.target_user_id is not None else None,
            target_message_id=r.target_message_id, note=r.note, at=r.at,
        )
        for r in rows
    ]


def recent_officer_actions(session: Session, group_id: int, as_of: datetime,
                           limit: int = RECENT_OFFICER_ACTIONS) -> list[api.OfficerAction]:
    """The officers' latest actions in the group up to ``as_of``, newest first."""
    rows = list(session.execute(
        select(db.OfficerActionRow).where(db.OfficerActionRow.group_id == group_id, db.OfficerActionRow.at <= as_of)
        .order_by(db.OfficerActionRow.id.desc()).limit(limit)
    ).scalars())
    return _views(session, rows)


def _cursor(value: str | None) -> int | None:
    if value is None:
        return None
    if not value.isdigit() or len(value) > 16:
        raise ProblemError(400, ProblemType.BAD_REQUEST, "The cursor is not one this server gave out.")
    return int(value)


def list_officer_actions(platform: Platform, group_id: int, limit: int,
                         cursor: str | None) -> api.Page[api.OfficerAction]:
    """All of a group's officer actions, newest first, ``limit`` a page."""
    before = _cursor(cursor)
    with platform.db.reading() as session:
        cases.get_group(session, group_id)
        stmt = select(db.OfficerActionRow).where(db.OfficerActionRow.group_id == group_id)
        if before is not None:
            stmt = stmt.where(db.OfficerActionRow.id < before)
        rows = list(session.execute(stmt.order_by(db.OfficerActionRow.id.desc()).limit(limit + 1)).scalars())
        more = len(rows) > limit
        rows = rows[:limit]
        return api.Page[api.OfficerAction](items=_views(session, rows),
                                           next_cursor=str(rows[-1].id) if more and rows else None)
