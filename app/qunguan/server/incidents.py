"""Emergency response (Art. 5 of the provisions): an incident is a wave (a scam or rumour
spreading through many groups) defined by keywords, a regular expression, media hashes or a
set of senders, over the messages of the last hours.

A supervisor previews everything the definition matches (messages, groups, users, open cases:
the blast radius) and then acts in stages, each one action with one reason over what was
previewed: the stage names the preview's digest and is refused when the matches changed. A
stage is applied once (its Idempotency-Key), records exactly what it changed, and can be undone
within UNDO_WINDOW. Opening, every stage, every undo and closing are events in the audit chain;
open incidents are listed for every supervisor (the workstation pages them).

Matching reads the window's messages by ``sent_at`` (indexed) and tests them in Python: a
regular expression must not run inside the database, where a bad one would hold a connection.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from qunguan.contract import models as api
from qunguan.contract.enums import (
    Action,
    AuditKind,
    CaseStatus,
    IncidentAction,
    Outcome,
    SanctionKind,
)
from qunguan.contract.problems import ProblemType
from qunguan.contract.taxonomy import ReasonCode

from . import audit, views
from . import models as db
from .db import next_seq
from .deps import Actor
from .errors import ProblemError
from .platform import Platform

UNDO_WINDOW = timedelta(minutes=10)
DEFAULT_DURATION = timedelta(days=7)
TOP = 50
SAMPLE = 200
#: A stage's credit moves as the single decision it stands for.
_CREDIT_ACTION = {
    IncidentAction.DELETE_MESSAGES: Action.DELETE_MESSAGE, IncidentAction.MUTE_SENDERS: Action.MUTE,
    IncidentAction.SUSPEND_SENDERS: Action.SUSPEND, IncidentAction.RESTRICT_GROUPS: Action.RESTRICT_GROUP,
}
_OPEN = (CaseStatus.OPEN, CaseStatus.ESCALATED, CaseStatus.APPEALED)


def _bad(detail: str) -> ProblemError:
    return ProblemError(422, ProblemType.VALIDATION, detail, title="Invalid incident")


def compile_definition(definition: api.IncidentDefinition) -> re.Pattern[str] | None:
    if not (definition.keywords or definition.regex or definition.media_hashes or definition.sender_ids):
        raise _bad("Say what belongs to the incident: keywords, a regular expression, media hashes or senders.")
    if definition.regex is None:
        return None
    try:
        return re.compile(definition.regex)
    except re.error as exc:
        raise _bad(f"The regular expression does not compile: {exc}.") from exc


@dataclass(frozen=True)
class Match:
    messages: list[tuple[int, int, int, datetime, str, str | None, bool]]  # id, group, sender, at, body, hash, gone
    digest: str

    @property
    def message_ids(self) -> list[int]:
        return [m[0] for m in self.messages]

    @property
    def group_ids(self) -> list[int]:
        return sorted({m[1] for m in self.messages})

    @property
    def user_ids(self) -> list[int]:
        return sorted({m[2] for m in self.messages})


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def match(session: Session, definition: api.IncidentDefinition, now: datetime) -> Match:
    """Keywords, media hashes and senders are matched by the database; a regular expression by
    Python over the window's bodies that the other criteria did not already match."""
    pattern = compile_definition(definition)
    since = now - timedelta(hours=definition.window_hours)
    table = db.Message.__table__
    in_window = table.c.sent_at >= since
    criteria = [table.c.body.ilike(_like(k), escape="\\") for k in definition.keywords]
    if definition.media_hashes:
        criteria.append(table.c.media_hash.in_(definition.media_hashes))
    if definition.sender_ids:
        criteria.append(table.c.sender_id.in_(definition.sender_ids))
    ids: set[int] = set()
    if criteria:
        ids.update(session.execute(select(table.c.id).where(in_window, or_(*criteria))).scalars())
    if pattern is not None:
        rest = select(table.c.id, table.c.body).where(in_window)
        if criteria:
            rest = rest.where(~or_(*criteria))
        ids.update(mid for mid, body in session.execute(rest) if pattern.search(body))
    found: list[tuple[int, int, int, datetime, str, str | None, bool]] = []
    ordered = sorted(ids)
    for start in range(0, len(ordered), 900):
        found += [tuple(row) for row in session.execute(  # type: ignore[misc]
            select(table.c.id, table.c.group_id, table.c.sender_id, table.c.sent_at, table.c.body, table.c.media_hash,
                   table.c.deleted_at.is_not(None))
            .where(table.c.id.in_(ordered[start:start + 900])).order_by(table.c.id))]
    digest = hashlib.sha256(",".join(str(m[0]) for m in found).encode()).hexdigest()
    return Match(found, digest)


def preview(session: Session, definition: api.IncidentDefinition, now: datetime) -> api.IncidentPreview:
    started = time.perf_counter()
    found = match(session, definition, now)
    by_group = Counter(m[1] for m in found.messages)
    by_user = Counter(m[2] for m in found.messages)
    groups = {g.id: g for g in session.execute(select(db.Group).where(db.Group.id.in_(found.group_ids))).scalars()} \
        if found.messages else {}
    top_users = [uid for uid, _ in by_user.most_common(TOP)]
    users = {u.id: u for u in session.execute(select(db.PlatformUser).where(db.PlatformUser.id.in_(top_users)))
             .scalars()} if top_users else {}
    open_cases = _open_cases(session, found.message_ids)
    return api.IncidentPreview(
        messages=len(found.messages), groups=len(by_group), users=len(by_user),
        members_reached=sum(g.member_count for g in groups.values()), open_cases=len(open_cases),
        digest=found.digest,
        top_groups=[api.MatchedGroup(id=gid, name=groups[gid].name, member_count=groups[gid].member_count,
                                     messages=n) for gid, n in by_group.most_common(TOP)],
        top_users=[api.MatchedUser(id=uid, display_name=users[uid].display_name, credit_score=users[uid].credit_score,
                                   status=views.user_status(users[uid], now), messages=by_user[uid])
                   for uid in top_users],
        sample=[api.MatchedMessage(id=m[0], group_id=m[1], sender_id=m[2], sent_at=m[3], body=m[4][:500],
                                   media_hash=m[5], deleted=m[6]) for m in reversed(found.messages[-SAMPLE:])],
        seconds=round(time.perf_counter() - started, 4),
    )


def _open_cases(session: Session, message_ids: list[int], *, lock: bool = False) -> list[db.Case]:
    if not message_ids:
        return []
    cases: list[db.Case] = []
    for start in range(0, len(message_ids), 900):
        stmt = select(db.Case).where(db.Case.message_id.in_(message_ids[start:start + 900]),
                                     db.Case.status.in_(_OPEN))
        cases += session.execute(stmt.with_for_update(of=db.Case) if lock else stmt).unique().scalars().all()
    return cases


# --- incidents -----------------------------------------------------------------------------------------


def _stage_view(row: db.IncidentStageRow) -> api.IncidentStage:
    counts = {k: len(v) for k, v in row.changed.items() if isinstance(v, list) and k != "previous"}
    return api.IncidentStage(seq=row.seq, action=row.action, reason_code=row.reason_code,
                             duration_seconds=row.duration_seconds, note=row.note, by=row.by.username,
                             applied_at=row.applied_at, undo_until=row.undo_until, undone_at=row.undone_at,
                             counts=counts, audit_seq=row.audit_seq)


def _view(session: Session, row: db.Incident, now: datetime) -> api.Incident:
    stages = session.execute(select(db.IncidentStageRow).where(db.IncidentStageRow.incident_id == row.id)
                             .order_by(db.IncidentStageRow.seq)).scalars()
    return api.Incident(id=row.id, title=row.title, definition=api.IncidentDefinition.model_validate(row.definition),
                        status=row.status, opened_by=row.opened_by.username, opened_at=row.opened_at,
                        closed_at=row.closed_at, stages=[_stage_view(s) for s in stages], as_of=now)


def _get(session: Session, incident_id: int, *, for_update: bool = False) -> db.Incident:
    stmt = select(db.Incident).where(db.Incident.id == incident_id)
    row = session.execute(stmt.with_for_update(of=db.Incident) if for_update else stmt).unique().scalar_one_or_none()
    if row is None:
        raise ProblemError(404, ProblemType.NOT_FOUND, f"There is no incident {incident_id}.")
    return row


def open_incident(platform: Platform, actor: Actor, body: api.IncidentOpen) -> api.Incident:
    compile_definition(body.definition)
    now = platform.now()
    with platform.db.writing() as session:
        next_seq(session)
        row = db.Incident(title=body.title, definition=body.definition.model_dump(mode="json"), status="open",
                          opened_by_id=actor.id, opened_at=now)
        session.add(row)
        session.flush()
        audit.append(session, actor.username, AuditKind.INCIDENT_OPENED, f"incident:{row.id}",
                     {"title": body.title, "definition": row.definition}, now)
        session.flush()
        session.refresh(row)
        return _view(session, row, now)


def list_incidents(platform: Platform, status: str | None) -> list[api.Incident]:
    with platform.db.reading() as session:
        stmt = select(db.Incident)
        if status:
            stmt = stmt.where(db.Incident.status == status)
        now = platform.now()
        return [_view(session, r, now) for r in
                session.execute(stmt.order_by(db.Incident.id.desc()).limit(100)).scalars()]


def get_incident(platform: Platform, incident_id: int) -> api.Incident:
    with platform.db.reading() as session:
        return _view(session, _get(session, incident_id), platform.now())


def preview_incident(platform: Platform, incident_id: int) -> api.IncidentPreview:
    with platform.db.reading() as session:
        row = _get(session, incident_id)
        return preview(session, api.IncidentDefinition.model_validate(row.definition), platform.now())


def close_incident(platform: Platform, actor: Actor, incident_id: int) -> api.Incident:
    now = platform.now()
    with platform.db.writing() as session:
        next_seq(session)
        row = _get(session, incident_id, for_update=True)
        if row.status != "closed":
            row.status, row.closed_at = "closed", now
            audit.append(session, actor.username, AuditKind.INCIDENT_CLOSED, f"incident:{row.id}", {}, now)
        session.flush()
        return _view(session, row, now)


# --- stages --------------------------------------------------------------------------------------------


def apply_stage(platform: Platform, actor: Actor, incident_id: int, key: str, body: api.StageRequest
                ) -> tuple[int, api.Incident]:
    """Apply one stage (or, for a key already used, return the incident as it is: once)."""
    if body.action in (IncidentAction.MUTE_SENDERS, IncidentAction.SUSPEND_SENDERS,
                       IncidentAction.RESTRICT_GROUPS) and body.duration_seconds is None:
        raise _bad(f"{body.action.value} needs a duration.")
    now = platform.now()
    with platform.db.writing() as session:
        seq = next_seq(session)
        row = _get(session, incident_id, for_update=True)
        done = session.execute(select(db.IncidentStageRow).where(
            db.IncidentStageRow.incident_id == incident_id, db.IncidentStageRow.idempotency_key == key)
        ).scalar_one_or_none()
        if done is not None:
            if (done.action, done.reason_code) != (body.action.value, body.reason_code.value):
                raise ProblemError(422, ProblemType.IDEMPOTENCY_MISMATCH,
                                   "This Idempotency-Key was already used for a different stage.",
                                   title="Idempotency key reused")
            return 200, _view(session, row, now)
        if row.status != "open":
            raise ProblemError(409, ProblemType.CONFLICT, f"Incident {incident_id} is closed.")
        found = match(session, api.IncidentDefinition.model_validate(row.definition), now)
        if found.digest != body.expected_digest:
            raise ProblemError(409, ProblemType.CONFLICT,
                               "What the incident matches changed since the preview: preview again before acting.")
        stages = session.execute(select(db.IncidentStageRow.seq).where(db.IncidentStageRow.incident_id == incident_id)
                                 ).scalars().all()
        changed = _act(session, platform, actor, row, found, body, now, seq, len(stages) + 1)
        stage = db.IncidentStageRow(
            incident_id=incident_id, seq=len(stages) + 1, idempotency_key=key, action=body.action.value,
            reason_code=body.reason_code.value, duration_seconds=body.duration_seconds, note=body.note,
            by_id=actor.id, applied_at=now, undo_until=now + UNDO_WINDOW, changed=changed, audit_seq=0)
        session.add(stage)
        summary = {k: len(v) for k, v in changed.items() if isinstance(v, list) and k != "previous"}
        stage.audit_seq = audit.append(
            session, actor.username, AuditKind.INCIDENT_STAGE, f"incident:{incident_id}",
            {"stage": stage.seq, "action": body.action.value, "reason": body.reason_code.value, "note": body.note,
             "duration": body.duration_seconds, "digest": found.digest, "counts": summary,
             "messages": changed["messages"], "users": changed["users"], "groups": changed["groups"],
             "cases": changed["cases"]}, now)
        session.flush()
        return 201, _view(session, row, now)


def _act(session: Session, platform: Platform, actor: Actor, incident: db.Incident, found: Match,
         body: api.StageRequest, now: datetime, seq: int, stage_seq: int) -> dict[str, Any]:
    action, reason = body.action, ReasonCode(body.reason_code)
    until = now + (timedelta(seconds=body.duration_seconds) if body.duration_seconds else DEFAULT_DURATION)
    changed: dict[str, Any] = {"messages": [], "users": [], "groups": [], "cases": [], "decisions": [],
                               "sanctions": [], "credit": [], "previous": {}}
    messages = db.Message.__table__
    if action is IncidentAction.DELETE_MESSAGES:
        live = [m[0] for m in found.messages if not m[6]]
        for start in range(0, len(live), 900):
            chunk = live[start:start + 900]
            session.execute(update(messages).where(messages.c.id.in_(chunk), messages.c.deleted_at.is_(None))
                            .values(deleted_at=now))
        changed["messages"] = live
        parties = sorted({m[2] for m in found.messages if not m[6]})
    elif action in (IncidentAction.MUTE_SENDERS, IncidentAction.SUSPEND_SENDERS):
        parties = found.user_ids
        kind = SanctionKind.MUTE if action is IncidentAction.MUTE_SENDERS else SanctionKind.SUSPENSION
        field = "muted_until" if kind is SanctionKind.MUTE else "suspended_until"
        for user in session.execute(select(db.PlatformUser).where(db.PlatformUser.id.in_(parties))).scalars():
            previous = getattr(user, field)
            changed["previous"][str(user.id)] = previous.isoformat() if previous else None
            setattr(user, field, max(previous or now, until))
            sanction = db.Sanction(kind=kind, user_id=user.id, reason_code=reason, starts_at=now, ends_at=until)
            session.add(sanction)
            session.flush()
            changed["sanctions"].append(sanction.id)
            changed["users"].append(user.id)
    else:  # restrict groups
        parties = []
        for group in session.execute(select(db.Group).where(db.Group.id.in_(found.group_ids))).scalars():
            changed["previous"][str(group.id)] = group.restricted_until.isoformat() if group.restricted_until else None
            group.restricted_until = max(group.restricted_until or now, until)
            sanction = db.Sanction(kind=SanctionKind.GROUP_RESTRICTION, group_id=group.id, reason_code=reason,
                                   starts_at=now, ends_at=until)
            session.add(sanction)
            session.flush()
            changed["sanctions"].append(sanction.id)
            changed["groups"].append(group.id)
            parties.append(group.owner_id)
    credit_action = _CREDIT_ACTION[action]
    party = "owner" if action is IncidentAction.RESTRICT_GROUPS else "sender"
    moves = [m for m in platform.rules.moves(credit_action.value, reason) if m.party == party and m.delta]
    for user in session.execute(select(db.PlatformUser).where(db.PlatformUser.id.in_(parties))).scalars():
        for move in moves:
            before = user.credit_score
            user.credit_score = platform.rules.clamp(before + move.delta)
            event = db.CreditEvent(user_id=user.id, at=now, delta=user.credit_score - before,
                                   score_after=user.credit_score, rule=f"incident.{move.rule}",
                                   rules_version=platform.rules.version, decision_id=None)
            session.add(event)
            session.flush()
            changed["credit"].append(event.id)
    # The wave's open cases leave the queues: one decision each, recorded as the stage's.
    if action is IncidentAction.DELETE_MESSAGES or action is IncidentAction.MUTE_SENDERS \
            or action is IncidentAction.SUSPEND_SENDERS:
        for case in _open_cases(session, found.message_ids, lock=True):
            decision = db.Decision(
                idempotency_key=f"incident:{incident.id}:{stage_seq}:{case.id}", actor_id=actor.id, case_id=case.id,
                action=credit_action, reason_code=reason, note=body.note or incident.title,
                duration_seconds=body.duration_seconds, target_user_id=case.sender_id, group_id=case.group_id,
                reason_category=reason.category.value, decided_at=now, recorded_at=now, outcome=Outcome.APPLIED,
                effects=[{"kind": "incident", "subject": f"incident:{incident.id}",
                          "detail": f"stage {stage_seq}: {action.value}"}])
            session.add(decision)
            session.flush()
            case.status, case.resolved_at = CaseStatus.RESOLVED, now
            case.claim_holder_id = case.claim_expires_at = None
            case.version += 1
            case.change_seq = seq
            changed["cases"].append(case.id)
            changed["decisions"].append(decision.id)
    return changed


def undo_stage(platform: Platform, actor: Actor, incident_id: int, stage_seq: int) -> api.Incident:
    now = platform.now()
    with platform.db.writing() as session:
        seq = next_seq(session)
        incident = _get(session, incident_id, for_update=True)
        stage = session.execute(select(db.IncidentStageRow).where(
            db.IncidentStageRow.incident_id == incident_id, db.IncidentStageRow.seq == stage_seq)
            .with_for_update(of=db.IncidentStageRow)).unique().scalar_one_or_none()
        if stage is None:
            raise ProblemError(404, ProblemType.NOT_FOUND, f"Incident {incident_id} has no stage {stage_seq}.")
        if stage.undone_at is not None:
            raise ProblemError(409, ProblemType.CONFLICT, f"Stage {stage_seq} was already undone.")
        if now > stage.undo_until:
            raise ProblemError(409, ProblemType.CONFLICT,
                               f"Stage {stage_seq}'s undo window ended at {stage.undo_until.isoformat()}; "
                               "overturn its decisions one by one from the history instead.")
        changed = stage.changed
        messages = db.Message.__table__
        ids = changed["messages"]
        for start in range(0, len(ids), 900):
            session.execute(update(messages).where(messages.c.id.in_(ids[start:start + 900]),
                                                   messages.c.deleted_by_decision_id.is_(None))
                            .values(deleted_at=None))
        previous = changed.get("previous", {})
        for sanction in session.execute(select(db.Sanction).where(db.Sanction.id.in_(changed["sanctions"]))).scalars():
            sanction.lifted_at = now
            before = previous.get(str(sanction.user_id if sanction.user_id is not None else sanction.group_id))
            restored = datetime.fromisoformat(before) if before else None
            if sanction.user_id is not None:
                user = session.get(db.PlatformUser, sanction.user_id)
                assert user is not None
                field = "muted_until" if sanction.kind == SanctionKind.MUTE else "suspended_until"
                setattr(user, field, restored)
            elif sanction.group_id is not None:
                group = session.get(db.Group, sanction.group_id)
                assert group is not None
                group.restricted_until = restored
        for event in session.execute(select(db.CreditEvent).where(db.CreditEvent.id.in_(changed["credit"]))).scalars():
            user = session.get(db.PlatformUser, event.user_id)
            assert user is not None
            before = user.credit_score
            user.credit_score = platform.rules.clamp(before - event.delta)
            session.add(db.CreditEvent(user_id=user.id, at=now, delta=user.credit_score - before,
                                       score_after=user.credit_score, rule=f"undo.{event.rule}",
                                       rules_version=platform.rules.version, decision_id=None))
        for decision in session.execute(select(db.Decision).where(db.Decision.id.in_(changed["decisions"]))).scalars():
            decision.review = "overturned"
        for case in session.execute(select(db.Case).where(db.Case.id.in_(changed["cases"]))
                                    .with_for_update(of=db.Case)).unique().scalars():
            if case.status == CaseStatus.RESOLVED:
                case.status, case.resolved_at = CaseStatus.OPEN, None
                case.version += 1
                case.change_seq = seq
        stage.undone_at = now
        audit.append(session, actor.username, AuditKind.INCIDENT_UNDONE, f"incident:{incident_id}",
                     {"stage": stage_seq, "counts": {k: len(v) for k, v in changed.items()
                                                     if isinstance(v, list)}}, now)
        session.flush()
        return _view(session, incident, now)
