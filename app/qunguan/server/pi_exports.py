"""Exports of personal data (PIPL Art. 51: "reasonably determined operation permissions").

One supervisor reveals one user at a time (POST /users/{id}/reveal). Anything more, the
unmasked names and phones of many users at once (say, every sender of a scam wave for the
police), goes through a request: one supervisor asks, with a typed reason and the exact list
of users; a *different* supervisor approves or rejects it; the one who asked downloads an
approved export once. A request not reviewed within 7 days, or an approved export not
downloaded within 72 hours, lapses (the platform job ``lapse_pi_exports``, and any request that
finds it due): an approval is for the need of the day. Every step is in the audit chain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from qunguan.contract import models as api
from qunguan.contract.enums import AuditKind, PiExportStatus
from qunguan.contract.problems import ProblemType

from . import audit
from . import models as db
from .db import one_or_404
from .deps import Actor
from .errors import ProblemError
from .platform import Platform


def lapses_at(row: db.PiExport) -> datetime | None:
    if row.status == PiExportStatus.PENDING:
        return row.requested_at + api.PI_EXPORT_REVIEW_LAPSE
    if row.status == PiExportStatus.APPROVED and row.reviewed_at is not None:
        return row.reviewed_at + api.PI_EXPORT_DOWNLOAD_LAPSE
    return None


def view(row: db.PiExport) -> api.PiExport:
    return api.PiExport(
        id=row.id, status=row.status, user_ids=list(row.user_ids), incident_id=row.incident_id, reason=row.reason,
        requested_by=row.requested_by.username, requested_at=row.requested_at,
        reviewed_by=row.reviewed_by.username if row.reviewed_by else None, reviewed_at=row.reviewed_at,
        review_note=row.review_note, downloaded_at=row.downloaded_at, lapses_at=lapses_at(row),
    )


def _lapse(session: Session, row: db.PiExport, now: datetime) -> bool:
    """Mark ``row`` lapsed if its time is up (audited); True when it did."""
    due = lapses_at(row)
    if due is None or due > now:
        return False
    was = row.status
    row.status = PiExportStatus.LAPSED.value
    session.flush()
    audit.append(session, "system", AuditKind.PI_EXPORT_LAPSED, f"piexport:{row.id}",
                 {"was": was, "due": due.isoformat(), "requested_by": row.requested_by.username}, now)
    return True


def lapse_due(platform: Platform, now: datetime) -> int:
    """The platform job: every pending request and approved export whose time is up lapses."""
    review_cutoff = now - api.PI_EXPORT_REVIEW_LAPSE
    download_cutoff = now - api.PI_EXPORT_DOWNLOAD_LAPSE
    with platform.db.writing() as session:
        rows = session.execute(
            select(db.PiExport).where(or_(
                (db.PiExport.status == PiExportStatus.PENDING.value) & (db.PiExport.requested_at <= review_cutoff),
                (db.PiExport.status == PiExportStatus.APPROVED.value) & (db.PiExport.reviewed_at <= download_cutoff)))
            .order_by(db.PiExport.id).with_for_update(of=db.PiExport)).unique().scalars().all()
        return sum(_lapse(session, row, now) for row in rows)


def _get(session: Session, export_id: int, *, for_update: bool = False) -> db.PiExport:
    return one_or_404(session, db.PiExport, export_id, "export request", for_update=for_update)


def _incident_senders(session: Session, incident_id: int, platform: Platform) -> list[int]:
    from .incidents import match

    incident = one_or_404(session, db.Incident, incident_id, "incident")
    definition = api.IncidentDefinition.model_validate(incident.definition)
    return match(session, definition, platform.now()).user_ids


def request_export(platform: Platform, actor: Actor, body: api.PiExportRequest) -> api.PiExport:
    if (body.user_ids is None) == (body.incident_id is None):
        raise ProblemError(422, ProblemType.VALIDATION, "Name the users: either user_ids or incident_id, not both.")
    now = platform.now()
    with platform.db.writing() as session:
        if body.incident_id is not None:
            user_ids = _incident_senders(session, body.incident_id, platform)
            if not user_ids:
                raise ProblemError(422, ProblemType.VALIDATION,
                                   f"Incident {body.incident_id} matches no senders now; there is nothing to export.")
            if len(user_ids) > api.MAX_PI_EXPORT_USERS:
                raise ProblemError(422, ProblemType.VALIDATION,
                                   f"Incident {body.incident_id} has {len(user_ids)} senders; one export takes at "
                                   f"most {api.MAX_PI_EXPORT_USERS}.")
        else:
            user_ids = sorted(set(body.user_ids or ()))
            found = set(session.execute(select(db.PlatformUser.id).where(db.PlatformUser.id.in_(user_ids))).scalars())
            missing = [uid for uid in user_ids if uid not in found]
            if missing:
                raise ProblemError(404, ProblemType.NOT_FOUND,
                                   f"There are no users {', '.join(map(str, missing[:20]))}"
                                   f"{' and more' if len(missing) > 20 else ''}.")
        row = db.PiExport(status=PiExportStatus.PENDING.value, user_ids=user_ids, incident_id=body.incident_id,
                          reason=body.reason, requested_by_id=actor.id, requested_at=now)
        session.add(row)
        session.flush()
        audit.append(session, actor.username, AuditKind.PI_EXPORT_REQUESTED, f"piexport:{row.id}",
                     {"users": len(user_ids), "user_ids": user_ids, "incident_id": body.incident_id,
                      "reason": body.reason}, now)
        session.refresh(row)
        return view(row)


def review_export(platform: Platform, actor: Actor, export_id: int, body: api.PiExportReview) -> api.PiExport:
    now = platform.now()
    with platform.db.writing() as session:
        row = _get(session, export_id, for_update=True)
        actor.must_not_be(row.requested_by_id,
                          "You asked for this export; another supervisor must approve or reject it.")
        if not _lapse(session, row, now):  # a lapse found now is kept (committed), then told
            if row.status != PiExportStatus.PENDING:
                raise ProblemError(409, ProblemType.CONFLICT, f"Export request {export_id} is already {row.status}.")
            row.status = (PiExportStatus.APPROVED if body.approve else PiExportStatus.REJECTED).value
            row.reviewed_by_id = actor.id
            row.reviewed_at = now
            row.review_note = body.note
            session.flush()
            audit.append(session, actor.username, AuditKind.PI_EXPORT_REVIEWED, f"piexport:{row.id}",
                         {"approve": body.approve, "note": body.note, "requested_by": row.requested_by.username}, now)
            session.refresh(row)
            return view(row)
    raise ProblemError(410, ProblemType.GONE, f"Export request {export_id} was not reviewed within "
                                              f"{api.PI_EXPORT_REVIEW_LAPSE.days} days and has lapsed; the "
                                              "supervisor who needs it asks again.")


def download(platform: Platform, actor: Actor, export_id: int) -> api.PiExportData:
    """The unmasked data of an approved export, once, to the one who asked for it, while the
    approval holds."""
    now = platform.now()
    with platform.db.writing() as session:
        row = _get(session, export_id, for_update=True)
        if row.requested_by_id != actor.id:
            raise ProblemError(403, ProblemType.FORBIDDEN, "Only the supervisor who asked for an export downloads it.")
        if row.status == PiExportStatus.DOWNLOADED:
            raise ProblemError(410, ProblemType.GONE, f"Export {export_id} was already downloaded; ask again.")
        if not _lapse(session, row, now) and row.status != PiExportStatus.LAPSED:
            return _hand_over(session, actor, row, now)
    hours = int(api.PI_EXPORT_DOWNLOAD_LAPSE.total_seconds() // 3600)
    raise ProblemError(410, ProblemType.GONE, f"Export {export_id} has lapsed (an approved export is downloaded "
                                              f"within {hours} hours; a request is reviewed within "
                                              f"{api.PI_EXPORT_REVIEW_LAPSE.days} days); ask again.")


def _hand_over(session: Session, actor: Actor, row: db.PiExport, now: datetime) -> api.PiExportData:
    export_id = row.id
    if row.status != PiExportStatus.APPROVED:
        raise ProblemError(409, ProblemType.CONFLICT,
                           f"Export request {export_id} is {row.status}; only an approved export is downloaded.")
    # Conditional: of two downloads at once, one gets the data.
    taken = session.execute(update(db.PiExport).where(db.PiExport.id == row.id,
                                                      db.PiExport.status == PiExportStatus.APPROVED.value)
                            .values(status=PiExportStatus.DOWNLOADED.value, downloaded_at=now)
                            .execution_options(synchronize_session=False)).rowcount
    if taken != 1:  # pragma: no cover - the row lock above makes this the other request's 410
        raise ProblemError(410, ProblemType.GONE, f"Export {export_id} was already downloaded; ask again.")
    ids = list(row.user_ids)
    users = {u.id: u for u in session.execute(select(db.PlatformUser).where(db.PlatformUser.id.in_(ids))).scalars()}
    rows = [api.PersonalData(user_id=uid, real_name=users[uid].real_name if uid in users else None,
                             phone=users[uid].phone if uid in users else None) for uid in ids]
    audit.append(session, actor.username, AuditKind.PI_EXPORT_DOWNLOADED, f"piexport:{row.id}",
                 {"users": len(ids), "user_ids": ids, "fields": ["real_name", "phone"]}, now)
    return api.PiExportData(export_id=row.id, downloaded_at=now, rows=rows)


def list_exports(platform: Platform, status: str | None, limit: int) -> list[api.PiExport]:
    stmt = select(db.PiExport).order_by(db.PiExport.id.desc()).limit(limit)
    if status is not None:
        stmt = stmt.where(db.PiExport.status == status)
    with platform.db.reading() as session:
        return [view(row) for row in session.execute(stmt).unique().scalars()]
