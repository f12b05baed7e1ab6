"""Reports to the authorities (Art. 12 of the provisions): supervisors mark decisions as
reportable; an evidence package made from them (by the workstation) is handed over, and the
platform records to whom, how, when and the package's SHA-256. Both land in the audit chain."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qunguan.contract import models as api
from qunguan.contract.enums import AuditKind
from qunguan.contract.problems import ProblemType

from . import audit, views
from . import models as db
from .db import next_seq, one_or_404
from .deps import Actor
from .errors import ProblemError
from .platform import Platform


def _deliveries_of(session: Session, decision_ids: list[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    if decision_ids:
        rows = session.execute(select(db.DeliveredDecision.decision_id, db.DeliveredDecision.delivery_id)
                               .where(db.DeliveredDecision.decision_id.in_(decision_ids))
                               .order_by(db.DeliveredDecision.delivery_id))
        for decision_id, delivery_id in rows:
            out.setdefault(decision_id, []).append(delivery_id)
    return out


def _view(mark: db.ReportableMark, decision: db.Decision, deliveries: list[int]) -> api.ReportableDecision:
    return api.ReportableDecision(decision=views.decision(decision), marked_by=mark.marked_by.username,
                                  marked_at=mark.marked_at, note=mark.note, deliveries=deliveries)


def mark(platform: Platform, actor: Actor, decision_id: int, body: api.ReportableRequest
         ) -> api.ReportableDecision | None:
    """Mark (or unmark) a decision; returns the mark, or None once taken back."""
    now = platform.now()
    with platform.db.writing() as session:
        next_seq(session)
        decision = one_or_404(session, db.Decision, decision_id, "decision")
        existing = session.get(db.ReportableMark, decision_id)
        delivered = _deliveries_of(session, [decision_id]).get(decision_id, [])
        if not body.reportable and delivered:
            raise ProblemError(409, ProblemType.CONFLICT,
                               f"Decision {decision_id} was already delivered to an authority; the mark stays.")
        if body.reportable:
            if existing is None:
                existing = db.ReportableMark(decision_id=decision_id, marked_by_id=actor.id, marked_at=now,
                                             note=body.note)
                session.add(existing)
            else:
                existing.note = body.note
        elif existing is not None:
            session.delete(existing)
        audit.append(session, actor.username, AuditKind.REPORT_MARKED, f"decision:{decision_id}",
                     {"reportable": body.reportable, "note": body.note}, now)
        session.flush()
        if not body.reportable:
            return None
        session.refresh(existing)
        return _view(existing, decision, delivered)


def reportable(platform: Platform, delivered: bool | None, limit: int, cursor: str | None
               ) -> api.Page[api.ReportableDecision]:
    """Marked decisions, newest mark first; ``delivered`` False: not yet sent, True: sent."""
    stmt = select(db.ReportableMark, db.Decision).join(db.Decision, db.Decision.id == db.ReportableMark.decision_id)
    sent = select(db.DeliveredDecision.decision_id)
    if delivered is True:
        stmt = stmt.where(db.ReportableMark.decision_id.in_(sent))
    elif delivered is False:
        stmt = stmt.where(db.ReportableMark.decision_id.not_in(sent))
    if cursor:
        before = int(cursor) if cursor.isascii() and cursor.isdigit() and len(cursor) <= 16 else 0
        if before <= 0:
            raise ProblemError(400, ProblemType.BAD_REQUEST, "The cursor is not one this server gave out.")
        stmt = stmt.where(db.ReportableMark.decision_id < before)
    with platform.db.reading() as session:
        rows = session.execute(stmt.order_by(db.ReportableMark.decision_id.desc()).limit(limit + 1)).all()
        more = len(rows) > limit
        rows = rows[:limit]
        deliveries = _deliveries_of(session, [m.decision_id for m, _ in rows])
        return api.Page[api.ReportableDecision](
            items=[_view(m, d, deliveries.get(m.decision_id, [])) for m, d in rows],
            next_cursor=str(rows[-1][0].decision_id) if more and rows else None)


def _delivery_view(row: db.Delivery) -> api.Delivery:
    return api.Delivery(id=row.id, decision_ids=row.decision_ids, recipient=row.recipient, channel=row.channel,
                        reference=row.reference, delivered_at=row.delivered_at, package_sha256=row.package_sha256,
                        recorded_by=row.recorded_by.username, recorded_at=row.recorded_at, audit_seq=row.audit_seq)


def deliver(platform: Platform, actor: Actor, body: api.DeliveryRequest) -> api.Delivery:
    now = platform.now()
    if body.delivered_at.tzinfo is None:
        raise ProblemError(422, ProblemType.VALIDATION, "delivered_at needs a time zone.", title="Invalid delivery")
    if body.delivered_at > now:
        raise ProblemError(422, ProblemType.VALIDATION, "delivered_at is in the future.", title="Invalid delivery")
    ids = sorted(set(body.decision_ids))
    with platform.db.writing() as session:
        next_seq(session)
        marked = set(session.execute(select(db.ReportableMark.decision_id)
                                     .where(db.ReportableMark.decision_id.in_(ids))).scalars())
        unmarked = [i for i in ids if i not in marked]
        if unmarked:
            raise ProblemError(422, ProblemType.VALIDATION,
                               "Only decisions marked reportable can be delivered; not marked: "
                               + ", ".join(map(str, unmarked[:20])), title="Invalid delivery")
        payload: dict[str, Any] = {
            "decisions": ids, "recipient": body.recipient, "channel": body.channel, "reference": body.reference,
            "delivered_at": body.delivered_at, "package_sha256": body.package_sha256,
        }
        row = db.Delivery(decision_ids=ids, recipient=body.recipient, channel=body.channel, reference=body.reference,
                          delivered_at=body.delivered_at, package_sha256=body.package_sha256,
                          recorded_by_id=actor.id, recorded_at=now, audit_seq=0)
        session.add(row)
        session.flush()
        row.audit_seq = audit.append(session, actor.username, AuditKind.REPORT_DELIVERED, f"delivery:{row.id}",
                                     payload, now)
        session.add_all([db.DeliveredDecision(delivery_id=row.id, decision_id=i) for i in ids])
        session.flush()
        session.refresh(row)
        return _delivery_view(row)


def deliveries(platform: Platform, limit: int) -> list[api.Delivery]:
    with platform.db.reading() as session:
        rows = session.execute(select(db.Delivery).order_by(db.Delivery.id.desc()).limit(limit)).scalars()
        return [_delivery_view(r) for r in rows]


def reveals(platform: Platform, moderator: str | None, since: datetime | None, limit: int) -> api.RevealLog:
    events = db.AuditEvent.__table__
    where = [events.c.kind == AuditKind.REVEAL.value]
    if since is not None:
        where.append(events.c.at >= since)
    with platform.db.reading() as session:
        counts = {actor: int(n) for actor, n in session.execute(
            select(events.c.actor, func.count()).where(*where).group_by(events.c.actor))}
        if moderator:
            where.append(events.c.actor == moderator)
        rows = session.execute(select(events.c.seq, events.c.at, events.c.actor, events.c.subject, events.c.payload)
                               .where(*where).order_by(events.c.seq.desc()).limit(limit))
        return api.RevealLog(
            events=[api.RevealEvent(seq=seq, at=at, moderator=actor, user_id=int(subject.split(":", 1)[1]),
                                    reason=str((payload or {}).get("reason", "")))
                    for seq, at, actor, subject, payload in rows],
            by_moderator=counts)
