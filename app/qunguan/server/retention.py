"""Retention (Art. 14 of the provisions; PIPL Art. 19, shortest retention) and legal holds.

The retention job (jobs.py) removes, at the platform's time:

* **message content** older than ``Settings.personal_data_retention_days``: the body becomes
  empty, the media hash goes, the attachments' rows (name, size, hash) are deleted, the case's
  excerpt of it and the notes of the reports on it are emptied, and ``messages.redacted_at`` is
  set. The message *rows* stay: cases, decisions, their snapshots, incident stages and the audit
  chain name them by id, and what was decided about a message must still be traceable
  (who, when, why, which reason code) after its content is gone;
* **the real name and phone** of users gone quiet: no message since the cutoff, registered
  before it, no sanction in force (a ban keeps its subject identifiable) and no open case;
  ``real_name_verified`` stays (the fact that they were verified);
* **the text of decided appeals** made before the cutoff (the user's own words; the appeal row,
  its outcome and the supervisor's reason stay);
* **access-log rows** older than ``Settings.log_retention_days`` (never under six months).

It never removes audit events (the chain must verify for ever), nor anything under a legal
hold: a held *user*'s messages and identity, a held *group*'s messages and its known members'
identities, a held *case*'s message with its conversation window (the messages around it, as
the case view shows them) and its sender's identity. A message whose case is still open is
kept too (it is under review).

Each run does at most ``BATCH`` rows of each kind in one transaction and appends one audit
event with the counts when it removed something; the job runs every minute, so a backlog
drains over a few runs (``qunguan-platform retention`` drains it at once)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Select, delete, exists, func, or_, select, update
from sqlalchemy.orm import Session

from qunguan.contract import models as api
from qunguan.contract.enums import DEFAULT_CONTEXT, AuditKind, CaseStatus, HoldSubject
from qunguan.contract.problems import ProblemType

from . import audit
from . import models as db
from .cases import messages_around
from .config import Settings
from .db import next_seq
from .deps import Actor
from .errors import ProblemError
from .platform import Platform

#: Rows of each kind one run removes at most (one transaction; keeps the write lock short).
BATCH = 2000

_M = db.Message.__table__
_A = db.Attachment.__table__
_C = db.Case.__table__
_R = db.Report.__table__
_U = db.PlatformUser.__table__
_S = db.Sanction.__table__
_L = db.AccessLogEntry.__table__
_AP = db.Appeal.__table__


@dataclass
class Counts:
    messages_redacted: int = 0
    attachments_removed: int = 0
    case_excerpts_removed: int = 0
    report_notes_removed: int = 0
    identities_removed: int = 0
    appeal_texts_removed: int = 0
    access_log_removed: int = 0

    @property
    def total(self) -> int:
        return sum(asdict(self).values())


@dataclass(frozen=True)
class Cutoffs:
    personal: datetime
    logs: datetime

    @classmethod
    def of(cls, settings: Settings, now: datetime) -> Cutoffs:
        return cls(personal=now - timedelta(days=settings.personal_data_retention_days),
                   logs=now - timedelta(days=settings.log_retention_days))


@dataclass(frozen=True)
class Held:
    """What the active legal holds keep."""

    #: Whose messages stay (user holds).
    senders: frozenset[int]
    #: Whose real name and phone stay (user holds, held groups' members, held cases' senders).
    identities: frozenset[int]
    groups: frozenset[int]
    messages: frozenset[int]


def held(session: Session) -> Held:
    holds = session.execute(select(db.LegalHold.subject_kind, db.LegalHold.subject_id)
                            .where(db.LegalHold.released_at.is_(None))).all()
    users = {sid for kind, sid in holds if kind == HoldSubject.USER}
    groups = {sid for kind, sid in holds if kind == HoldSubject.GROUP}
    identities = set(users)
    messages: set[int] = set()
    if groups:
        identities.update(session.execute(select(db.GroupMember.user_id)
                                          .where(db.GroupMember.group_id.in_(groups))).scalars())
    for kind, case_id in holds:
        if kind != HoldSubject.CASE:
            continue
        case = session.execute(select(_C.c.message_id, _C.c.group_id, _C.c.sender_id)
                               .where(_C.c.id == case_id)).first()
        if case is None:
            continue
        identities.add(case.sender_id)
        messages.add(case.message_id)
        for way in ({"before": case.message_id, "after": None}, {"before": None, "after": case.message_id}):
            rows, _ = messages_around(session, case.group_id, limit=DEFAULT_CONTEXT, **way)  # type: ignore[arg-type]
            messages.update(m.id for m in rows)
    return Held(frozenset(users), frozenset(identities), frozenset(groups), frozenset(messages))


def _open_case_of_message() -> Any:
    return exists().where(_C.c.message_id == _M.c.id, _C.c.status != CaseStatus.RESOLVED.value)


def _messages_due(cut: Cutoffs, keep: Held) -> Select[Any]:
    stmt = select(_M.c.id).where(_M.c.redacted_at.is_(None), _M.c.sent_at < cut.personal, ~_open_case_of_message())
    if keep.senders:
        stmt = stmt.where(_M.c.sender_id.not_in(sorted(keep.senders)))
    if keep.groups:
        stmt = stmt.where(_M.c.group_id.not_in(sorted(keep.groups)))
    if keep.messages:
        stmt = stmt.where(_M.c.id.not_in(sorted(keep.messages)))
    return stmt


def _identities_due(cut: Cutoffs, keep: Held, now: datetime) -> Select[Any]:
    recent_message = exists().where(_M.c.sender_id == _U.c.id, _M.c.sent_at >= cut.personal)
    sanction_in_force = exists().where(_S.c.user_id == _U.c.id, _S.c.lifted_at.is_(None),
                                       or_(_S.c.ends_at.is_(None), _S.c.ends_at > now))
    open_case = exists().where(_C.c.sender_id == _U.c.id, _C.c.status != CaseStatus.RESOLVED.value)
    stmt = select(_U.c.id).where(or_(_U.c.real_name.is_not(None), _U.c.phone.is_not(None)),
                                 _U.c.created_at < cut.personal, ~recent_message, ~sanction_in_force, ~open_case)
    if keep.identities:
        stmt = stmt.where(_U.c.id.not_in(sorted(keep.identities)))
    return stmt


def _appeals_due(cut: Cutoffs, keep: Held) -> Select[Any]:
    """Decided appeals made before the cutoff whose text is still there, unless their user or
    their case is held."""
    stmt = select(_AP.c.id).where(_AP.c.status != "open", _AP.c.text != "", _AP.c.created_at < cut.personal)
    if keep.identities:
        stmt = stmt.where(_AP.c.user_id.not_in(sorted(keep.identities)))
    if keep.messages:
        stmt = stmt.where(~exists().where(_C.c.id == _AP.c.case_id, _C.c.message_id.in_(sorted(keep.messages))))
    return stmt


def _logs_due(cut: Cutoffs) -> Select[Any]:
    return select(_L.c.id).where(_L.c.at < cut.logs)


def _count(session: Session, stmt: Select[Any]) -> int:
    return int(session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one())


def _range(connection: Connection, due: Select[Any], key: Any, batch: int) -> tuple[Any, Any]:
    """The first and last id of the first ``batch`` due rows (None, None: nothing is due)."""
    first = due.order_by(key).limit(batch).subquery()
    row = connection.execute(select(func.min(first.c.id), func.max(first.c.id))).one()
    return row[0], row[1]


def preview(platform: Platform, now: datetime) -> Counts:
    """What a full retention run would remove now (all of it, not one run's batch)."""
    cut = Cutoffs.of(platform.settings, now)
    with platform.db.reading() as session:
        keep = held(session)
        messages = _messages_due(cut, keep).subquery()
        counts = Counts(
            messages_redacted=_count(session, select(messages.c.id)),
            attachments_removed=_count(session, select(_A.c.id).where(_A.c.message_id.in_(select(messages.c.id)))),
            case_excerpts_removed=_count(session, select(_C.c.id).where(
                _C.c.message_id.in_(select(messages.c.id)), _C.c.excerpt != "")),
            report_notes_removed=_count(session, select(_R.c.id).join(_C, _C.c.id == _R.c.case_id).where(
                _C.c.message_id.in_(select(messages.c.id)), _R.c.note.is_not(None))),
            identities_removed=_count(session, _identities_due(cut, keep, now)),
            appeal_texts_removed=_count(session, _appeals_due(cut, keep)),
            access_log_removed=_count(session, _logs_due(cut)),
        )
    return counts


def run(platform: Platform, now: datetime, batch: int = BATCH) -> Counts:
    """One run of the retention job: at most ``batch`` rows of each kind, one transaction, one
    audit event if anything went. Idempotent; two workers at once remove each row once (the
    updates are conditional, and the change-feed lock orders them)."""
    cut = Cutoffs.of(platform.settings, now)
    counts = Counts()
    with platform.db.writing() as session:
        # The lock decisions take first, so the job and a decision never wait on each other in a cycle.
        next_seq(session)
        keep = held(session)
        connection = session.connection()
        # The batch is a range of ids (the first ``batch`` that are due); the statements work on that
        # range with the same conditions, so no statement carries thousands of parameters.
        due = _messages_due(cut, keep)
        first, last = _range(connection, due, _M.c.id, batch)
        if last is not None:
            in_batch = _M.c.id.between(first, last)
            counts.messages_redacted = connection.execute(
                update(_M).where(in_batch, due.whereclause).values(body="", media_hash=None, redacted_at=now)).rowcount
            redacted = select(_M.c.id).where(in_batch, _M.c.redacted_at.is_not(None))
            counts.attachments_removed = connection.execute(
                delete(_A).where(_A.c.message_id.in_(redacted))).rowcount
            counts.case_excerpts_removed = connection.execute(
                update(_C).where(_C.c.message_id.in_(redacted), _C.c.excerpt != "").values(excerpt="")).rowcount
            counts.report_notes_removed = connection.execute(
                update(_R).where(_R.c.case_id.in_(select(_C.c.id).where(_C.c.message_id.in_(redacted))),
                                 _R.c.note.is_not(None)).values(note=None)).rowcount
        quiet = _identities_due(cut, keep, now)
        first, last = _range(connection, quiet, _U.c.id, batch)
        if last is not None:
            counts.identities_removed = connection.execute(
                update(_U).where(_U.c.id.between(first, last), quiet.whereclause)
                .values(real_name=None, phone=None, personal_data_removed_at=now)).rowcount
        appeals = _appeals_due(cut, keep)
        first, last = _range(connection, appeals, _AP.c.id, batch)
        if last is not None:
            counts.appeal_texts_removed = connection.execute(
                update(_AP).where(_AP.c.id.between(first, last), appeals.whereclause).values(text="")).rowcount
        counts.access_log_removed = connection.execute(
            delete(_L).where(_L.c.id.in_(_logs_due(cut).order_by(_L.c.id).limit(batch * 10).scalar_subquery()))
        ).rowcount
        if counts.total:
            payload: dict[str, Any] = {
                **asdict(counts),
                "personal_data_before": cut.personal, "access_log_before": cut.logs,
                "policy_days": {"personal_data": platform.settings.personal_data_retention_days,
                                "logs": platform.settings.log_retention_days},
                "legal_holds": {"users": len(keep.senders), "groups": len(keep.groups),
                                "messages": len(keep.messages)},
            }
            audit.append(session, "system", AuditKind.RETENTION, f"retention:{now:%Y%m%dT%H%M%S}", payload, now)
    return counts


def retention_job(platform: Platform, now: datetime) -> int:
    """The job (jobs.JOBS): how many rows one run removed or emptied."""
    return run(platform, now).total


def drain(platform: Platform, now: datetime) -> Counts:
    """Run until nothing more is due (the command line's ``retention``)."""
    total = Counts()
    while True:
        done = run(platform, now)
        if not done.total:
            return total
        for name, value in asdict(done).items():
            setattr(total, name, getattr(total, name) + value)


# --- legal holds ----------------------------------------------------------------------------------------------


def hold_view(row: db.LegalHold) -> api.LegalHold:
    return api.LegalHold(id=row.id, subject_kind=row.subject_kind, subject_id=row.subject_id, reason=row.reason,
                         placed_by=row.placed_by.username, placed_at=row.placed_at,
                         released_by=row.released_by.username if row.released_by else None,
                         released_at=row.released_at)


_SUBJECT_TABLES = {HoldSubject.USER: db.PlatformUser, HoldSubject.GROUP: db.Group, HoldSubject.CASE: db.Case}


def place_hold(platform: Platform, actor: Actor, body: api.LegalHoldRequest) -> api.LegalHold:
    now = platform.now()
    with platform.db.writing() as session:
        if session.get(_SUBJECT_TABLES[body.subject_kind], body.subject_id) is None:
            raise ProblemError(404, ProblemType.NOT_FOUND, f"There is no {body.subject_kind.value} {body.subject_id}.")
        row = db.LegalHold(subject_kind=body.subject_kind.value, subject_id=body.subject_id, reason=body.reason,
                           placed_by_id=actor.id, placed_at=now)
        session.add(row)
        session.flush()
        audit.append(session, actor.username, AuditKind.LEGAL_HOLD, f"{body.subject_kind.value}:{body.subject_id}",
                     {"hold_id": row.id, "reason": body.reason}, now)
        session.refresh(row)
        return hold_view(row)


def release_hold(platform: Platform, actor: Actor, hold_id: int) -> api.LegalHold:
    now = platform.now()
    with platform.db.writing() as session:
        row = session.execute(select(db.LegalHold).where(db.LegalHold.id == hold_id).with_for_update(
            of=db.LegalHold)).unique().scalar_one_or_none()
        if row is None:
            raise ProblemError(404, ProblemType.NOT_FOUND, f"There is no legal hold {hold_id}.")
        if row.released_at is not None:
            raise ProblemError(409, ProblemType.CONFLICT, f"Legal hold {hold_id} was already released.")
        row.released_by_id = actor.id
        row.released_at = now
        session.flush()
        audit.append(session, actor.username, AuditKind.LEGAL_HOLD_RELEASED, f"{row.subject_kind}:{row.subject_id}",
                     {"hold_id": row.id}, now)
        session.refresh(row)
        return hold_view(row)


def list_holds(platform: Platform, active_only: bool) -> list[api.LegalHold]:
    stmt = select(db.LegalHold).order_by(db.LegalHold.id.desc())
    if active_only:
        stmt = stmt.where(db.LegalHold.released_at.is_(None))
    with platform.db.reading() as session:
        return [hold_view(row) for row in session.execute(stmt).unique().scalars()]


def policy(settings: Settings) -> api.RetentionPolicy:
    return api.RetentionPolicy(personal_data_retention_days=settings.personal_data_retention_days,
                               log_retention_days=settings.log_retention_days)

