"""Recording decisions: idempotent by key, guarded by the case version, applied once.

Order inside one write transaction (SQLAlchemy Core on the driver's cursor, see db.Prepared):
1. read the account behind the token as it is now (a disabled account or a changed role
   stops the very next decision) and check it may decide;
2. take the change sequence (its row lock serialises decisions, so the key check below
   cannot race on PostgreSQL either; the unique constraint stays as a backstop);
3. a stored response for (actor, Idempotency-Key): same body -> replay it, other body -> 422;
4. read the case with its message, group and sender in one joined read; check its version,
   its status and the claim;
5. record what the moderator saw (snapshots), work out the effects, then write the decision,
   its effects, credit moves, audit event and the response, and bump the case.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.orm import Session

from qunguan.contract import models as api
from qunguan.contract.enums import DRASTIC_ACTIONS, Action, AuditKind, CaseStatus, Outcome, Permission
from qunguan.contract.problems import ProblemType
from qunguan.contract.taxonomy import ReasonCode

from . import audit, effects, outcomes, snapshots, views
from . import models as db
from .cases import SUPERVISOR_ONLY, conflict, get_case, touch
from .db import Prepared, next_seq
from .deps import Actor, Caller, forbidden, load_actor
from .errors import ProblemError
from .platform import Platform

MAX_CLOCK_SKEW = timedelta(minutes=5)


def request_hash(request: api.DecisionRequest) -> str:
    body = request.model_dump(mode="json")
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def _validate(request: api.DecisionRequest) -> None:
    spec = request.action.spec
    if spec.needs_reason and request.reason_code is None:
        raise ProblemError(422, ProblemType.VALIDATION, f"{request.action.value} needs a reason code.",
                           title="Invalid decision")
    if spec.duration == "required" and request.duration_seconds is None:
        raise ProblemError(422, ProblemType.VALIDATION, f"{request.action.value} needs a duration.",
                           title="Invalid decision")
    if spec.duration == "none" and request.duration_seconds is not None:
        raise ProblemError(422, ProblemType.VALIDATION, f"{request.action.value} takes no duration.",
                           title="Invalid decision")


def _check_case(actor: Actor, case: Any, request: api.DecisionRequest, now: datetime) -> None:
    if case.version != request.expected_version:
        raise conflict(
            case, now, ProblemType.VERSION_CONFLICT,
            f"Case {case.id} changed (version {case.version}, you saw {request.expected_version}).",
        )
    if request.action is not Action.NOTE:
        if case.status == CaseStatus.RESOLVED:
            raise conflict(case, now, ProblemType.CASE_CLOSED, f"Case {case.id} is already resolved.")
        if case.status == CaseStatus.AWAITING_SECOND_APPROVAL:
            raise conflict(case, now, ProblemType.CASE_CLOSED,
                           f"Case {case.id} awaits a second approval of a proposal.")
        if case.status in SUPERVISOR_ONLY and not actor.can(Permission.TAKEOVER):
            raise ProblemError(403, ProblemType.FORBIDDEN,
                               f"Case {case.id} is {case.status}: only a supervisor may decide it.")
    if views.claim_live(case, now) and case.claim_holder_id != actor.id:
        holder = case.claim_holder.username if case.claim_holder else "?"
        raise conflict(case, now, ProblemType.CLAIMED_BY_OTHER, f"Case {case.id} is claimed by {holder}.")


# The decision's transaction in SQLAlchemy Core, with statements built once: the ORM's unit of
# work, identity map and statement building cost ≈15 ms a decision on the development machine,
# several times the work itself (see tests/benchmarks/bench_accountability.py).
_CASES = db.Case.__table__
_MESSAGES = db.Message.__table__
_GROUPS = db.Group.__table__
_USERS = db.PlatformUser.__table__
_STAFF = db.Staff.__table__
_DECISIONS = db.Decision.__table__
_PROPOSALS = db.Proposal.__table__
_IDEMPOTENCY = db.IdempotencyRecord.__table__

_CASE_FIELDS = ("id", "message_id", "group_id", "sender_id", "status", "priority", "suggested_reason",
                "reason_category", "group_category", "group_tier", "excerpt", "report_count", "signal_score",
                "created_at", "sla_deadline", "resolved_at", "claim_holder_id", "claim_expires_at", "version",
                "change_seq")
_GROUP_FIELDS = ("id", "name", "owner_id", "member_count", "member_cap", "category", "tier", "status",
                 "restricted_until", "muted_until")
#: The case with what a decision shows or changes of its message, group and sender, locked
#: (FOR UPDATE OF cases on PostgreSQL; SQLite's writer holds the whole database).
_LOAD_CASE = Prepared(
    select(
        *(_CASES.c[name] for name in _CASE_FIELDS),
        _MESSAGES.c.deleted_at.label("m_deleted_at"),
        *(_GROUPS.c[name].label(f"g_{name}") for name in _GROUP_FIELDS),
        *(_USERS.c[name].label(f"u_{name}") for name in effects.USER_FIELDS),
        _STAFF.c.username.label("holder_username"),
    )
    .select_from(
        _CASES.join(_MESSAGES, _MESSAGES.c.id == _CASES.c.message_id)
        .join(_GROUPS, _GROUPS.c.id == _CASES.c.group_id)
        .join(_USERS, _USERS.c.id == _CASES.c.sender_id)
        .outerjoin(_STAFF, _STAFF.c.id == _CASES.c.claim_holder_id)
    )
    .where(_CASES.c.id == bindparam("case_id"))
    .with_for_update(of=_CASES)
)
_STORED = Prepared(
    select(_IDEMPOTENCY.c.request_hash, _IDEMPOTENCY.c.status_code, _IDEMPOTENCY.c.response)
    .where(_IDEMPOTENCY.c.actor_id == bindparam("actor_id"), _IDEMPOTENCY.c.key == bindparam("key")))
_INSERT_IDEMPOTENCY = Prepared(insert(_IDEMPOTENCY))
_INSERT_DECISION = Prepared(insert(_DECISIONS).returning(_DECISIONS.c.id))
_INSERT_PROPOSAL = Prepared(insert(_PROPOSALS).returning(_PROPOSALS.c.id))
_UPDATE_DECISION = Prepared(update(_DECISIONS).where(_DECISIONS.c.id == bindparam("pk_id")))
_UPDATE_CASE = Prepared(update(_CASES).where(_CASES.c.id == bindparam("pk_id")))


class LoadedCase(effects.State):
    """A case as a decision loaded it: the attributes of a Case row (with ``message``, ``group``
    and ``claim_holder``), which the views and the record of the case read as they read rows."""

    message: SimpleNamespace
    group: effects.State
    sender: effects.State
    claim_holder: SimpleNamespace | None


def load_case(connection: Connection, case_id: int) -> LoadedCase:
    row = _LOAD_CASE.first(connection, {"case_id": case_id})
    if row is None:
        raise ProblemError(404, ProblemType.NOT_FOUND, f"There is no case {case_id}.")
    case = LoadedCase(**{name: getattr(row, name) for name in _CASE_FIELDS})
    # Set after loading, so only the case's own columns are compared when it is written back.
    vars(case).update(
        message=SimpleNamespace(id=row.message_id, deleted_at=row.m_deleted_at),
        group=effects.State(**{name: getattr(row, f"g_{name}") for name in _GROUP_FIELDS}),
        sender=effects.State(**{name: getattr(row, f"u_{name}") for name in effects.USER_FIELDS}),
        claim_holder=SimpleNamespace(username=row.holder_username) if row.holder_username is not None else None,
    )
    return case


def decide(platform: Platform, caller: Caller, key: str, request: api.DecisionRequest) -> tuple[int, dict[str, Any]]:
    """Return (status code, response body). Problems are raised."""
    _validate(request)
    now = platform.now()
    decided_at = request.decided_at or now
    if decided_at.tzinfo is None:
        raise ProblemError(422, ProblemType.VALIDATION, "decided_at needs a time zone.", title="Invalid decision")
    if decided_at > now + MAX_CLOCK_SKEW:
        raise ProblemError(422, ProblemType.VALIDATION, "decided_at is in the future.", title="Invalid decision")
    digest = request_hash(request)
    with platform.db.write_connection() as connection:
        # The account as it is now, in the same transaction as the decision.
        actor = load_actor(connection, caller.staff_id)
        if not actor.can(Permission.DECIDE):
            raise forbidden(actor, Permission.DECIDE)
        seq = next_seq(connection)
        stored = _STORED.first(connection, {"actor_id": actor.id, "key": key})
        if stored is not None:
            if stored.request_hash != digest:
                raise ProblemError(
                    422, ProblemType.IDEMPOTENCY_MISMATCH,
                    "This Idempotency-Key was already used for a different decision.",
                    title="Idempotency key reused",
                )
            return stored.status_code, stored.response
        case = load_case(connection, request.case_id)
        _check_case(actor, case, request, now)
        users = effects.Users(connection, case.sender)
        target = effects.resolve_target(connection, case, users, request.action, request.target_user_id)
        status, body = _record(connection, platform, actor, key, request, case, users, target, decided_at, now, seq)
        _INSERT_IDEMPOTENCY.execute(connection, {"actor_id": actor.id, "key": key, "request_hash": digest,
                                                 "status_code": status, "response": body, "created_at": now})
        return status, body


def _record(
    connection: Connection, platform: Platform, actor: Actor, key: str, request: api.DecisionRequest,
    case: LoadedCase, users: effects.Users, target: effects.Target, decided_at: datetime, now: datetime, seq: int,
) -> tuple[int, dict[str, Any]]:
    action = request.action
    reason = ReasonCode(request.reason_code) if request.reason_code else None
    decision = SimpleNamespace(
        idempotency_key=key, actor_id=actor.id, case_id=case.id, action=action, reason_code=reason,
        note=request.note, duration_seconds=request.duration_seconds,
        target_user_id=target.user.id if target.user else (case.sender_id if action.spec.target.value in
                                                            ("message", "user") else None),
        target_group_id=target.group.id if target.group else None,
        group_id=case.group_id, reason_category=reason.category.value if reason else None, review=None,
        decided_at=decided_at, recorded_at=now, outcome=Outcome.APPLIED, proposal_id=None, approval_of=None,
        effects=[],
    )
    # What the moderator saw, read before anything changes.
    seen_data, seen = snapshots.observe(connection, case, case.sender)
    planned: effects.Plan | None = None
    if action in DRASTIC_ACTIONS:
        decision.outcome = Outcome.PROPOSED
    else:
        planned = effects.plan(platform.rules, case, users, action, reason, request.duration_seconds, target, now)
        decision.outcome = planned.applied.outcome
        decision.effects = planned.applied.effects
    decision.id = _INSERT_DECISION.scalar(connection, vars(decision))
    snapshots.store(connection, decision.id, case.version, seen_data)
    if planned is None:
        radius = effects.blast_radius(connection, action, case, decision.target_user_id)
        proposal_id = _INSERT_PROPOSAL.scalar(connection, {
            "decision_id": decision.id, "case_id": case.id, "action": action, "proposer_id": actor.id,
            "status": "pending", "created_at": now,
            "expires_at": now + timedelta(seconds=platform.settings.proposal_ttl_seconds), "blast_radius": radius,
        })
        decision.proposal_id = proposal_id
        decision.effects = [{
            "kind": "proposal", "subject": f"proposal:{proposal_id}",
            "detail": "awaits approval by a second supervisor; nothing is applied yet "
                      + ", ".join(f"{k}={v}" for k, v in radius.items()),
        }]
        _UPDATE_DECISION.execute(connection, {"pk_id": decision.id, "proposal_id": proposal_id,
                                              "effects": decision.effects})
        case.status = CaseStatus.AWAITING_SECOND_APPROVAL
    else:
        effects.write(connection, planned, decision.id, now)
        if action is Action.ESCALATE:
            case.status = CaseStatus.ESCALATED
        elif action.spec.resolves_case:
            case.status = CaseStatus.RESOLVED
            case.resolved_at = now
            outcomes.record(connection, case.id, decision.id, action, reason, now)  # tell the reporters
    if action is not Action.NOTE:
        case.claim_holder_id = None
        case.claim_expires_at = None
    case.change_seq = seq
    case.version += 1
    _UPDATE_CASE.execute(connection, {"pk_id": case.id, **case.changes()})
    audit.append(connection, actor.username, AuditKind.PROPOSAL if decision.proposal_id else AuditKind.DECISION,
                 f"case:{case.id}", _audit_payload(decision, case, seen), now)
    decision.actor = actor
    result = api.DecisionResult(decision=views.decision(decision), case=views.case_summary(case, now))
    return 201, result.model_dump(mode="json")


def _audit_payload(decision: Any, case: Any, seen: str) -> dict[str, Any]:
    """The decision's audit event; ``seen`` is the digest of the record of the case as shown then."""
    return {
        "decision": decision.id, "action": str(decision.action), "reason": decision.reason_code,
        "outcome": str(decision.outcome), "note": decision.note, "duration": decision.duration_seconds,
        "target_user": decision.target_user_id, "target_group": decision.target_group_id,
        "key": decision.idempotency_key, "decided_at": decision.decided_at, "proposal": decision.proposal_id,
        "approval_of": decision.approval_of, "case_version": case.version, "case_status": str(case.status),
        "effects": decision.effects, "context": seen,
    }


def approve_proposal(platform: Platform, actor: Actor, proposal_id: int, approve: bool, note: str | None
                     ) -> api.DecisionResult:
    now = platform.now()
    lapsed: ProblemError | None = None
    with platform.db.writing() as session:
        seq = next_seq(session)
        proposal = session.execute(
            select(db.Proposal).where(db.Proposal.id == proposal_id).with_for_update()
        ).scalar_one_or_none()
        if proposal is None:
            raise ProblemError(404, ProblemType.NOT_FOUND, f"There is no proposal {proposal_id}.")
        actor.must_not_be(proposal.proposer_id, "A second supervisor must approve: you made this proposal.")
        # An expired proposal lapses here, and that is committed before the refusal below.
        expire_proposals(session, now)
        case = get_case(session, proposal.case_id, for_update=True)
        if proposal.status == "expired":
            lapsed = conflict(case, now, ProblemType.CONFLICT, f"Proposal {proposal_id} has expired.")
        elif proposal.status != "pending":
            raise conflict(case, now, ProblemType.CONFLICT, f"Proposal {proposal_id} is already {proposal.status}.")
        else:
            return _carry_out(session, platform, actor, proposal, case, approve, note, now, seq)
    assert lapsed is not None
    raise lapsed


def _carry_out(session: Session, platform: Platform, actor: Actor, proposal: db.Proposal, case: db.Case,
               approve: bool, note: str | None, now: datetime, seq: int) -> api.DecisionResult:
    original = session.get(db.Decision, proposal.decision_id)
    assert original is not None
    action = Action(proposal.action)
    reason = ReasonCode(original.reason_code) if original.reason_code else None
    decision = db.Decision(
        idempotency_key=f"approval:{proposal.id}", actor_id=actor.id, case_id=case.id, action=action,
        reason_code=reason, note=note, target_user_id=original.target_user_id,
        target_group_id=original.target_group_id, group_id=case.group_id,
        reason_category=original.reason_category, decided_at=now, recorded_at=now,
        outcome=Outcome.APPLIED, approval_of=proposal.id, effects=[],
    )
    session.add(decision)
    session.flush()
    seen = snapshots.capture(session, case, decision.id)
    if approve:
        applied = effects.apply_drastic(session, platform.rules, case, action, reason, decision.id, now,
                                        original.target_user_id)
        decision.effects = applied.effects
        proposal.status = "approved"
        case.status = CaseStatus.RESOLVED
        case.resolved_at = now
        outcomes.record(session, case.id, decision.id, action, reason, now)  # tell the reporters
    else:
        decision.outcome = Outcome.NOTED
        decision.effects = [{"kind": "proposal_rejected", "subject": f"proposal:{proposal.id}",
                             "detail": "rejected; nothing was applied"}]
        proposal.status = "rejected"
        case.status = CaseStatus.OPEN
    case.change_seq = seq
    case.version += 1
    audit.append(session, actor.username, AuditKind.APPROVAL, f"case:{case.id}",
                 {**_audit_payload(decision, case, seen), "approved": approve}, now)
    session.flush()
    session.refresh(case)
    return api.DecisionResult(decision=views.decision(decision), case=views.case_summary(case, now))


def expire_proposals(session: Session, now: datetime) -> int:
    """Pending proposals past their expiry lapse: nothing is applied and the case reopens."""
    lapsed = list(session.execute(
        select(db.Proposal).where(db.Proposal.status == "pending", db.Proposal.expires_at <= now).with_for_update()
    ).scalars())
    for proposal in lapsed:
        proposal.status = "expired"
        case = get_case(session, proposal.case_id, for_update=True)
        if case.status == CaseStatus.AWAITING_SECOND_APPROVAL:
            case.status = CaseStatus.OPEN
        touch(session, case, bump_version=True)
        audit.append(session, "system", AuditKind.PROPOSAL_EXPIRED, f"case:{case.id}",
                     {"proposal": proposal.id, "action": str(proposal.action), "expired_at": proposal.expires_at}, now)
    return len(lapsed)


def expire_due_proposals(platform: Platform, now: datetime) -> int:
    """expire_proposals in a write transaction of its own, ordered by the change sequence's lock."""
    with platform.db.writing() as session:
        next_seq(session)
        return expire_proposals(session, now)


def proposals(platform: Platform, status: str | None, limit: int) -> list[api.Proposal]:
    expire_due_proposals(platform, platform.now())
    with platform.db.reading() as session:
        stmt = select(db.Proposal, db.Decision).join(db.Decision, db.Decision.id == db.Proposal.decision_id)
        if status:
            stmt = stmt.where(db.Proposal.status == status)
        rows = session.execute(stmt.order_by(db.Proposal.id).limit(limit)).all()
        return [
            api.Proposal(
                id=p.id, case_id=p.case_id, decision_id=p.decision_id, action=p.action, reason_code=d.reason_code,
                note=d.note, proposer=views.moderator(d.actor), status=p.status, created_at=p.created_at,
                expires_at=p.expires_at, blast_radius=p.blast_radius,
            )
            for p, d in rows
        ]
