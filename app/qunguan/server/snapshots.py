"""What the moderator saw: a compact record of the case taken when a decision is recorded, and
the decision's context read back from it.

Recording the whole case view with every decision would cost more than the decision itself
(≈12 ms of queries on the medium data). What the platform keeps anyway is not copied: message
bodies and attachments never change, and sanctions, credit events and reports carry their own
times. The record holds what does change: which messages were in the window and which of them
were deleted, and the sender's and group's changeable fields and officers. Its SHA-256 goes into
the decision's audit event, so the record is as tamper-evident as the chain.

Decisions recorded before these records existed are read back by timestamps alone (messages
sent and deleted by then, sanctions and credit as of then) and marked ``recorded=False``.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, or_, select, text
from sqlalchemy.orm import Session

from qunguan.contract import models as api
from qunguan.contract.audit import canonical_json
from qunguan.contract.enums import GroupStatus, UserStatus

from . import membership, views
from . import models as db
from .cases import get_case, get_group, get_user, group_view, message_views
from .db import Prepared, one_or_404

#: Messages either side of the flagged one that are recorded (the workstation shows 10 and
#: takes 20 offline).
WINDOW = 20

_USER_FIELDS = ("display_name", "credit_score", "real_name_verified", "status", "muted_until", "suspended_until",
                "can_create_groups")
_GROUP_FIELDS = ("name", "owner_id", "member_count", "member_cap", "category", "tier", "status", "restricted_until",
                 "muted_until")


_WINDOW_SQL = Prepared(text(
    "SELECT id, deleted_at IS NOT NULL FROM (SELECT id, deleted_at FROM messages WHERE group_id = :group"
    " AND id < :message ORDER BY id DESC LIMIT :n) AS older"
    " UNION ALL SELECT id, deleted_at IS NOT NULL FROM (SELECT id, deleted_at FROM messages WHERE group_id = :group"
    " AND id > :message ORDER BY id LIMIT :n) AS newer"
))


def _window_ids(connection: Connection, case: Any) -> tuple[list[int], list[int], list[int]]:
    """Ids before and after the flagged message (chronological), and the deleted ones among all
    (one statement: this runs inside every decision's transaction)."""
    rows = _WINDOW_SQL.execute(connection, {"group": case.group_id, "message": case.message_id, "n": WINDOW})
    before = sorted(i for i, _ in rows if i < case.message_id)
    after = sorted(i for i, _ in rows if i > case.message_id)
    deleted = [i for i, gone in rows if gone]
    if case.message.deleted_at is not None:
        deleted.append(case.message_id)
    return before, after, sorted(deleted)


def _fields(row: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


_SNAPSHOTS = db.DecisionSnapshot.__table__
# Built once: they run inside every decision's transaction.
_OFFICERS = Prepared(
    select(db.GroupMember.user_id, db.GroupMember.role, db.GroupMember.admin_suspended_until,
           db.PlatformUser.display_name, db.PlatformUser.credit_score, db.PlatformUser.real_name_verified)
    .join(db.PlatformUser, db.PlatformUser.id == db.GroupMember.user_id)
    .where(db.GroupMember.group_id == bindparam("group_id"),
           or_(db.GroupMember.role == "owner", db.GroupMember.role == "admin"))
    .order_by(db.GroupMember.role.desc(), db.GroupMember.user_id)
)
_INSERT = Prepared(insert(_SNAPSHOTS))


def observe(connection: Connection, case: Any, sender: Any) -> tuple[dict[str, Any], str]:
    """Read the record of the case as it is now (before the decision's effects): its data and
    digest. ``case`` has the attributes of a Case (with its group and message), ``sender``
    those of the sender's PlatformUser; either may be an ORM row or a loaded row's fields."""
    before, after, deleted = _window_ids(connection, case)
    group = case.group
    officers = _OFFICERS.execute(connection, {"group_id": group.id})
    record = canonical_json({
        "message_id": case.message_id, "before": before, "after": after, "deleted": deleted,
        "sender": _fields(sender, _USER_FIELDS),
        "group": {**_fields(group, _GROUP_FIELDS), "officers": [list(o) for o in officers]},
    })
    # The record is plain JSON, so its canonical form is the bytes just made: the digest is
    # theirs (digest(json.loads(record)) is the same).
    return json.loads(record), hashlib.sha256(record).hexdigest()


def store(connection: Connection, decision_id: int, case_version: int, data: dict[str, Any]) -> None:
    _INSERT.execute(connection, {"decision_id": decision_id, "case_version": case_version, "data": data})


def capture(session: Session, case: db.Case, decision_id: int) -> str:
    """Record the case as it is now (call before the decision's effects); returns the digest."""
    # Whatever the session holds is flushed first (the decision row this record points to).
    session.flush()
    data, seen = observe(session.connection(), case, get_user(session, case.sender_id))
    store(session.connection(), decision_id, case.version, data)
    return seen


def digest(data: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _active_then(row: db.Sanction, at: datetime) -> api.Sanction:
    active = (row.starts_at <= at and (row.lifted_at is None or row.lifted_at > at)
              and (row.ends_at is None or row.ends_at > at))
    return views.sanction(row, at).model_copy(update={"active": active})


def _messages(session: Session, ids: list[int], deleted: set[int] | None, at: datetime) -> list[api.Message]:
    if not ids:
        return []
    rows = list(session.execute(select(db.Message).where(db.Message.id.in_(ids)).order_by(db.Message.id)).scalars())
    return [
        view.model_copy(update={"deleted": row.id in deleted if deleted is not None
                                else row.deleted_at is not None and row.deleted_at <= at})
        for row, view in zip(rows, message_views(session, rows), strict=True)
    ]


def _reconstructed_window(session: Session, case: db.Case, at: datetime) -> tuple[list[int], list[int]]:
    table = db.Message.__table__
    base = select(table.c.id).where(table.c.group_id == case.group_id)
    before = list(session.execute(base.where(table.c.id < case.message_id).order_by(table.c.id.desc())
                                  .limit(WINDOW)).scalars())
    after = list(session.execute(base.where(table.c.id > case.message_id, table.c.sent_at <= at)
                                 .order_by(table.c.id).limit(WINDOW)).scalars())
    return list(reversed(before)), after


def _before(column: Any, decision_id: int) -> Any:
    """Not made by this decision or a later one (they share its time, or follow it)."""
    return or_(column.is_(None), column < decision_id)


def _sender(session: Session, user: db.PlatformUser, fields: dict[str, Any] | None, at: datetime,
            decision_id: int) -> api.PlatformUser:
    sanctions = session.execute(
        select(db.Sanction).where(db.Sanction.user_id == user.id, db.Sanction.starts_at <= at,
                                  _before(db.Sanction.decision_id, decision_id))
        .order_by(db.Sanction.id.desc()).limit(50)
    ).scalars()
    credit = list(session.execute(
        select(db.CreditEvent).where(db.CreditEvent.user_id == user.id, db.CreditEvent.at <= at,
                                     _before(db.CreditEvent.decision_id, decision_id))
        .order_by(db.CreditEvent.id.desc()).limit(20)
    ).scalars())
    view = views.platform_user(user, at, [], credit)
    update: dict[str, Any] = {
        "active_sanctions": [s for s in (_active_then(r, at) for r in sanctions) if s.active]}
    if fields is not None:
        muted, suspended = _moment(fields["muted_until"]), _moment(fields["suspended_until"])
        status = fields["status"]
        if status not in (UserStatus.BANNED, UserStatus.BLACKLISTED):
            status = (UserStatus.SUSPENDED if suspended and suspended > at
                      else UserStatus.MUTED if muted and muted > at else UserStatus.ACTIVE)
        update.update(display_name=fields["display_name"], credit_score=fields["credit_score"],
                      real_name_verified=fields["real_name_verified"], muted_until=muted,
                      suspended_until=suspended, can_create_groups=fields["can_create_groups"],
                      status=UserStatus(status))
    elif credit:
        update["credit_score"] = credit[0].score_after
    return view.model_copy(update=update)


def _group(session: Session, group: db.Group, fields: dict[str, Any] | None, at: datetime,
           decision_id: int) -> api.Group:
    sanctions = session.execute(
        select(db.Sanction).where(db.Sanction.group_id == group.id, db.Sanction.starts_at <= at,
                                  _before(db.Sanction.decision_id, decision_id))
        .order_by(db.Sanction.id.desc()).limit(10)
    ).scalars()
    if fields is None:
        return group_view(session, group, at).model_copy(
            update={"recent_sanctions": [_active_then(r, at) for r in sanctions]})
    owner = get_user(session, fields["owner_id"])
    restricted, muted = _moment(fields["restricted_until"]), _moment(fields["muted_until"])
    status = fields["status"]
    if status != GroupStatus.DISSOLVED:
        status = (GroupStatus.MUTED if muted and muted > at
                  else GroupStatus.RESTRICTED if restricted and restricted > at else GroupStatus.ACTIVE)
    return api.Group(
        id=group.id, name=fields["name"], owner=views.user_ref(owner),
        admins=[
            api.GroupOfficer(
                user=api.UserRef(id=user_id, display_name=name, credit_score=credit, real_name_verified=verified),
                is_owner=role == "owner", admin_rights_suspended_until=_moment(suspended),
            )
            for user_id, role, suspended, name, credit, verified in fields["officers"]
        ],
        member_count=fields["member_count"], member_cap=fields["member_cap"], category=fields["category"],
        tier=fields["tier"], status=GroupStatus(status), restricted_until=restricted, muted_until=muted,
        created_at=group.created_at, recent_sanctions=[_active_then(r, at) for r in sanctions],
        officer_actions=membership.recent_officer_actions(session, group.id, at),
    )


def context(session: Session, decision_id: int) -> api.DecisionContext:
    decision = one_or_404(session, db.Decision, decision_id, "decision")
    snapshot = session.get(db.DecisionSnapshot, decision_id)
    case = get_case(session, decision.case_id)
    at = decision.recorded_at
    data = snapshot.data if snapshot is not None else None
    if data is not None:
        before_ids, after_ids, deleted = data["before"], data["after"], set(data["deleted"])
    else:
        (before_ids, after_ids), deleted = _reconstructed_window(session, case, at), None
    shown = _messages(session, [*before_ids, case.message_id, *after_ids], deleted, at)
    by_id = {m.id: m for m in shown}
    reports = list(session.execute(
        select(db.Report).where(db.Report.case_id == case.id, db.Report.at <= at).order_by(db.Report.id)
    ).scalars())
    names = {m.sender_id: m.sender_name for m in shown}
    missing = {r.reporter_id for r in reports} - names.keys()
    if missing:
        names.update({user_id: name for user_id, name in session.execute(
            select(db.PlatformUser.id, db.PlatformUser.display_name).where(db.PlatformUser.id.in_(missing)))})
    signals = session.execute(
        select(db.Signal).where(db.Signal.case_id == case.id).order_by(db.Signal.score.desc(), db.Signal.id)
    ).scalars()
    return api.DecisionContext(
        decision=views.decision(decision),
        recorded=data is not None,
        as_of=at,
        digest=digest(data) if data is not None else None,
        message=by_id[case.message_id],
        context_before=[by_id[i] for i in before_ids if i in by_id],
        context_after=[by_id[i] for i in after_ids if i in by_id],
        sender=_sender(session, get_user(session, case.sender_id), data["sender"] if data else None, at, decision.id),
        group=_group(session, get_group(session, case.group_id), data["group"] if data else None, at, decision.id),
        reports=[
            api.Report(id=r.id, reporter_id=r.reporter_id, reporter_name=names.get(r.reporter_id, "?"),
                       reason_code=r.reason_code, reason=r.reason, note=r.note, at=r.at)
            for r in reports
        ],
        signals=[
            api.Signal(id=s.id, detector=s.detector, score=s.score, explanation=s.explanation, rule=s.rule,
                       suggested_reason=s.suggested_reason)
            for s in signals
        ],
    )
