"""The HTTP surface of the platform, under /api/v1. Each route names its permission;
handlers stay thin and call the service modules."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Response
from fastapi.responses import JSONResponse
from sqlalchemy import select

from qunguan import __version__
from qunguan.contract import IDEMPOTENCY_HEADER
from qunguan.contract import models as api
from qunguan.contract.audit import export_message
from qunguan.contract.enums import (
    DEFAULT_CONTEXT,
    DEFAULT_PAGE,
    DRASTIC_ACTIONS,
    MAX_CONTEXT,
    MAX_PAGE,
    OFFICER_TARGETABLE,
    Action,
    AuditKind,
    CaseStatus,
    Outcome,
    Permission,
    Priority,
    Role,
)
from qunguan.contract.models import MAX_ID, NO_NUL
from qunguan.contract.problems import Problem, ProblemType
from qunguan.contract.taxonomy import ReasonCategory, ReasonCode

from . import audit as audit_log
from . import auth, cases, decisions, effects, history, members, models, outcomes, reviews, snapshots, views
from .accounts import create_staff
from .deps import Actor, ActorDep, CallerDep, PlatformDep, require
from .errors import ProblemError
from .security import new_totp_secret, totp_uri, verify_totp

_DESCRIPTIONS = {
    400: "Bad request (a malformed cursor)",
    401: "Not authenticated, or the token expired",
    403: "The role may not do this",
    404: "No such resource",
    409: "Conflict: stale version, claimed by another, or closed; `current` holds the case",
    410: "Gone",
    413: "The request body is too large",
    422: "The request does not match the contract",
    423: "The account is locked for a while",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": Problem, "description": _DESCRIPTIONS[code]} for code in codes}


AUTHED = (401, 403, 422)
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]


#: A point in time in a query: RFC 3339 with a time zone (plain numbers are not read as Unix times).
Moment = Annotated[
    str | None,
    Query(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$",
          json_schema_extra={"format": "date-time"}, description="RFC 3339, with a time zone"),
]


def parse_moment(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError as exc:
        raise ProblemError(422, ProblemType.VALIDATION, f"{value!r} is not a date and time.") from exc


def allowed(permission: Permission) -> Any:
    return Depends(require(permission))


router = APIRouter()


# --- service -----------------------------------------------------------------------------------------


@router.get("/health", response_model=api.Health, tags=["service"])
def health(platform: PlatformDep) -> api.Health:
    return api.Health(status="ok", version=__version__, database=platform.db.engine.dialect.name)


# --- auth ---------------------------------------------------------------------------------------------


@router.post("/auth/login", response_model=api.TokenPair, tags=["auth"], responses=errors(401, 403, 422, 423))
def login(platform: PlatformDep, body: api.LoginRequest) -> api.TokenPair:
    return auth.login(platform, body)


@router.post("/auth/refresh", response_model=api.TokenPair, tags=["auth"], responses=errors(401, 422))
def refresh(platform: PlatformDep, body: api.RefreshRequest) -> api.TokenPair:
    return auth.refresh(platform, body.refresh_token)


@router.post("/auth/logout", status_code=204, tags=["auth"], responses=errors(422))
def logout(platform: PlatformDep, body: api.RefreshRequest) -> Response:
    auth.logout(platform, body.refresh_token)
    return Response(status_code=204)


@router.get("/auth/me", response_model=api.Moderator, tags=["auth"], responses=errors(401))
def me(platform: PlatformDep, actor: ActorDep) -> api.Moderator:
    with platform.db.reading() as session:
        staff = session.get(models.Staff, actor.id)
        assert staff is not None
        return views.moderator(staff)


@router.post("/auth/totp", response_model=api.TotpEnrollment, tags=["auth"], responses=errors(401, 409))
def totp_enroll(platform: PlatformDep, actor: ActorDep) -> api.TotpEnrollment:
    with platform.db.writing() as session:
        staff = session.get(models.Staff, actor.id)
        assert staff is not None
        if staff.totp_enrolled:
            raise ProblemError(409, ProblemType.CONFLICT, "Two-factor login is already set up for this account.")
        staff.totp_secret = new_totp_secret()
        return api.TotpEnrollment(secret=staff.totp_secret, otpauth_uri=totp_uri(staff.totp_secret, staff.username))


@router.post("/auth/totp/confirm", response_model=api.Moderator, tags=["auth"], responses=errors(401, 409, 422))
def totp_confirm(platform: PlatformDep, actor: ActorDep, body: api.TotpConfirm) -> api.Moderator:
    with platform.db.writing() as session:
        staff = session.get(models.Staff, actor.id)
        assert staff is not None
        if staff.totp_enrolled or not staff.totp_secret:
            raise ProblemError(409, ProblemType.CONFLICT, "Start the two-factor set-up first.")
        if not verify_totp(staff.totp_secret, body.code, platform.now()):
            raise ProblemError(422, ProblemType.TOTP_INVALID, "The authenticator code is wrong or expired.")
        staff.totp_enrolled = True
        audit_log.append(session, actor.username, AuditKind.ACCOUNT, f"staff:{staff.id}", {"totp_enrolled": True},
                         platform.now())
        return views.moderator(staff)


# --- queue and cases -------------------------------------------------------------------------------------


@router.get("/cases", response_model=api.CasePage, tags=["queue"], responses=errors(400, *AUTHED))
def list_cases(
    platform: PlatformDep,
    actor: Annotated[Actor, allowed(Permission.READ_QUEUE)],
    status: Annotated[list[CaseStatus] | None, Query()] = None,
    category: Annotated[list[ReasonCategory] | None, Query()] = None,
    reason_code: Annotated[list[ReasonCode] | None, Query()] = None,
    priority: Annotated[list[Priority] | None, Query()] = None,
    group_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    assigned_to_me: bool = False,
    q: Annotated[str | None, Query(max_length=200, pattern=NO_NUL)] = None,
    limit: Limit = DEFAULT_PAGE,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> api.CasePage:
    with platform.db.reading() as session:
        return cases.list_cases(
            session, actor, platform.now(), status=status, category=category, reason_code=reason_code,
            priority=priority, group_id=group_id, assigned_to_me=assigned_to_me, q=q, limit=limit, cursor=cursor,
        )


@router.get("/cases/counts", response_model=api.QueueCounts, tags=["queue"], responses=errors(*AUTHED))
def case_counts(platform: PlatformDep, actor: Annotated[Actor, allowed(Permission.READ_QUEUE)]) -> api.QueueCounts:
    with platform.db.reading() as session:
        return cases.counts(session, actor, platform.now())


@router.get("/changes", response_model=api.ChangesPage, tags=["queue"], responses=errors(*AUTHED))
def changes(
    platform: PlatformDep,
    actor: Annotated[Actor, allowed(Permission.READ_QUEUE)],
    since: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> api.ChangesPage:
    with platform.db.reading() as session:
        return cases.changes(session, platform.now(), since, limit)


@router.get("/cases/{case_id}", response_model=api.CaseDetail, tags=["queue"], responses=errors(404, *AUTHED))
def case_detail(
    platform: PlatformDep,
    actor: Annotated[Actor, allowed(Permission.READ_CASE)],
    case_id: Id,
    context: Annotated[int, Query(ge=0, le=MAX_CONTEXT)] = DEFAULT_CONTEXT,
) -> api.CaseDetail:
    with platform.db.reading() as session:
        return cases.detail(session, case_id, platform.now(), context)


@router.post("/cases/{case_id}/claim", response_model=api.CaseSummary, tags=["queue"],
             responses=errors(404, 409, *AUTHED))
def claim(
    platform: PlatformDep,
    actor: Annotated[Actor, allowed(Permission.CLAIM)],
    case_id: Id,
    body: api.ClaimRequest | None = None,
) -> api.CaseSummary:
    with platform.db.writing() as session:
        return cases.claim(session, actor, case_id, body or api.ClaimRequest(), platform.now())


@router.delete("/cases/{case_id}/claim", response_model=api.CaseSummary, tags=["queue"],
               responses=errors(404, *AUTHED))
def release(platform: PlatformDep, actor: Annotated[Actor, allowed(Permission.CLAIM)], case_id: Id) -> api.CaseSummary:
    with platform.db.writing() as session:
        return cases.release(session, actor, case_id, platform.now())


@router.get("/cases/{case_id}/blast-radius", response_model=api.BlastRadius, tags=["queue"],
            responses=errors(404, 422, *AUTHED))
def blast_radius(
    platform: PlatformDep,
    actor: Annotated[Actor, allowed(Permission.READ_CASE)],
    case_id: Id,
    action: Action,
    user_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> api.BlastRadius:
    """Who and what a drastic action (dissolve, ban, blacklist) on this case would touch; a ban or
    blacklisting of ``user_id`` (the group's owner or an admin) instead of the sender."""
    if action not in DRASTIC_ACTIONS:
        raise ProblemError(422, ProblemType.VALIDATION, f"{action.value} is not a drastic action.")
    with platform.db.reading() as session:
        case = cases.get_case(session, case_id)
        if user_id is not None and user_id != case.sender_id:
            member = session.get(models.GroupMember, (case.group_id, user_id))
            if action not in OFFICER_TARGETABLE or member is None or member.role not in ("owner", "admin"):
                raise ProblemError(422, ProblemType.INVALID_TARGET, f"{action.value} applies to the sender or to the "
                                   f"owner or an admin of group {case.group_id}; user {user_id} is neither.")
        radius = effects.blast_radius(session, action, case, user_id)
        return api.BlastRadius(action=action, **radius)


@router.get("/groups/{group_id}", response_model=api.Group, tags=["context"], responses=errors(404, *AUTHED))
def group(platform: PlatformDep, actor: Annotated[Actor, allowed(Permission.READ_CASE)], group_id: Id) -> api.Group:
    with platform.db.reading() as session:
        return cases.group_view(session, cases.get_group(session, group_id), platform.now())


@router.get("/groups/{group_id}/messages", response_model=api.MessagePage, tags=["context"],
            responses=errors(404, *AUTHED))
def group_messages(
    platform: PlatformDep,
    actor: Annotated[Actor, allowed(Permission.READ_CASE)],
    group_id: Id,
    before: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    after: Annotated[int | None, Query(ge=0, le=MAX_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_CONTEXT)] = DEFAULT_CONTEXT,
) -> api.MessagePage:
    with platform.db.reading() as session:
        cases.get_group(session, group_id)
        rows, more = cases.messages_around(session, group_id, before=before, after=after, limit=limit)
        return api.MessagePage(items=cases.message_views(session, rows), has_more=more)


@router.get("/users/{user_id}", response_model=api.PlatformUser, tags=["context"], responses=errors(404, *AUTHED))
def user(
    platform: PlatformDep, actor: Annotated[Actor, allowed(Permission.READ_CASE)], user_id: Id
) -> api.PlatformUser:
    with platform.db.reading() as session:
        return cases.user_view(session, cases.get_user(session, user_id), platform.now())


# --- decisions ------------------------------------------------------------------------------------------


@router.post("/decisions", response_model=api.DecisionResult, status_code=201, tags=["decisions"],
             responses=errors(404, 409, *AUTHED))
def decide(
    platform: PlatformDep,
    # The token is checked here; the account (exists, not disabled, may decide) inside the
    # decision's own transaction, which spares each decision a database round of its own.
    caller: CallerDep,
    body: api.DecisionRequest,
    idempotency_key: Annotated[
        str,
        Header(alias=IDEMPOTENCY_HEADER, min_length=8, max_length=100, pattern=r"^[A-Za-z0-9_.:\-]+$",
               description="A unique key the client made when the moderator decided (a UUID)."),
    ],
) -> JSONResponse:
    status, body_json = decisions.decide(platform, caller, idempotency_key, body)
    return JSONResponse(body_json, status_code=status)


@router.get("/proposals", response_model=list[api.Proposal], tags=["decisions"], responses=errors(*AUTHED))
def proposals(
    platform: PlatformDep,
    actor: Annotated[Actor, allowed(Permission.READ_HISTORY)],
    status: Annotated[str | None, Query(pattern="^(pending|approved|rejected|expired)$")] = "pending",
    limit: Limit = DEFAULT_PAGE,
) -> list[api.Proposal]:
    return decisions.proposals(platform, status, limit)


@router.post("/proposals/{proposal_id}/review", response_model=api.DecisionResult, tags=["decisions"],
             responses=errors(404, 409, *AUTHED))
def review_proposal(
    platform: PlatformDep,
    actor: Annotated[Actor, allowed(Permission.APPROVE)],
    proposal_id: Id,
    body: api.ProposalReview,
) -> api.DecisionResult:
    return decisions.approve_proposal(platform, actor, proposal_id, body.approve, body.note)


# --- accountability: history, review, appeals, audit, personal data -----------------------------------------


@router.get("/decisions", response_model=api.Page[api.Decision], tags=["history"], responses=errors(400, *AUTHED))
def decision_history(
    platform: PlatformDep,
    actor: Annotated[Actor, allowed(Permission.READ_HISTORY)],
    moderator: Annotated[str | None, Query(max_length=64, pattern=NO_NUL)] = None,
    action: Annotated[list[Action] | None, Query()] = None,
    reason_code: Annotated[list[ReasonCode] | None, Query()] = None,
    category: Annotated[list[ReasonCategory] | None, Query()] = None,
    group_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    outcome: Annotated[list[Outcome] | None, Query()] = None,
    review: Annotated[str | None, Query(pattern="^(none|confirmed|overturned)$")] = None,
    since: Moment = None,
    until: Moment = None,
    q: Annotated[str | None, Query(max_length=200, pattern=NO_NUL)] = None,
    limit: Limit = DEFAULT_PAGE,
    cursor: Annotated[str | None, Query(max_length=30)] = None,
) -> api.Page[api.Decision]:
    with platform.db.reading() as session:
        return history.history(session, moderator=moderator, action=action, reason_code=reason_code,
                               category=category, group_id=group_id, outcome=outcome, review=review,
                               since=parse_moment(since), until=parse_moment(until), q=q, limit=limit, cursor=cursor)


@router.get("/decisions/{decision_id}/context", response_model=api.DecisionContext, tags=["history"],
            responses=errors(404, *AUTHED))
def decision_context(
    platform: PlatformDep, actor: Annotated[Actor, allowed(Permission.READ_HISTORY)], decision_id: Id,
) -> api.DecisionContext:
    """The decision with the case as the platform showed it then: the conversation, the sender and
    the group as they were when it was recorded (its record's digest is in the audit event)."""
    with platform.db.reading() as session:
        return snapshots.context(session, decision_id)


@router.post("/decisions/{decision_id}/review", response_model=api.ReviewResult, tags=["history"],
             responses=errors(404, 409, *AUTHED))
def review_decision(
    platform: PlatformDep, actor: Annotated[Actor, allowed(Permission.APPROVE)], decision_id: Id,
    body: api.ReviewRequest,
) -> api.ReviewResult:
    return reviews.review(platform, actor, decision_id, body)


@router.get("/appeals", response_model=list[api.AppealView], tags=["appeals"], responses=errors(*AUTHED))
def appeals(
    platform: PlatformDep,
    actor: Annotated[Actor, allowed(Permission.READ_HISTORY)],
    status: Annotated[str | None, Query(pattern="^(open|upheld|overturned)$")] = "open",
    limit: Limit = DEFAULT_PAGE,
) -> list[api.AppealView]:
    return reviews.list_appeals(platform, status, limit)


@router.post("/appeals/{appeal_id}/decide", response_model=api.ReviewResult, tags=["appeals"],
             responses=errors(404, 409, *AUTHED))
def decide_appeal(
    platform: PlatformDep, actor: Annotated[Actor, allowed(Permission.APPROVE)], appeal_id: Id,
    body: api.AppealDecision,
) -> api.ReviewResult:
    return reviews.decide_appeal(platform, actor, appeal_id, body)


@router.post("/users/{user_id}/reveal", response_model=api.PersonalData, tags=["context"],
             responses=errors(404, *AUTHED))
def reveal(
    platform: PlatformDep, actor: Annotated[Actor, allowed(Permission.REVEAL_PERSONAL)], user_id: Id,
    body: api.RevealRequest,
) -> api.PersonalData:
    """Unmasked name and phone of a platform user, for a typed reason; every reveal is audited."""
    now = platform.now()
    with platform.db.writing() as session:
        user = cases.get_user(session, user_id)
        audit_log.append(session, actor.username, AuditKind.REVEAL, f"user:{user.id}",
                         {"reason": body.reason, "fields": ["real_name", "phone"]}, now)
        return api.PersonalData(user_id=user.id, real_name=user.real_name, phone=user.phone)


@router.get("/audit", response_model=api.Page[api.AuditEvent], tags=["audit"], responses=errors(*AUTHED))
def audit_events(
    platform: PlatformDep,
    actor: Annotated[Actor, allowed(Permission.READ_AUDIT)],
    after: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
    subject: Annotated[str | None, Query(max_length=100, pattern=r"^[a-z]+:[0-9A-Za-z_.\-]+$",
                                         description="only events about one subject, e.g. case:42")] = None,
) -> api.Page[api.AuditEvent]:
    """The chain in order (or one subject's trail, e.g. a case's: verify the whole chain, not a trail)."""
    stmt = select(models.AuditEvent).where(models.AuditEvent.seq > after)
    if subject is not None:
        stmt = stmt.where(models.AuditEvent.subject == subject)
    with platform.db.reading() as session:
        rows = list(session.execute(stmt.order_by(models.AuditEvent.seq).limit(limit + 1)).scalars())
        more = len(rows) > limit
        rows = rows[:limit]
        return api.Page[api.AuditEvent](items=[audit_log.view(r) for r in rows],
                                        next_cursor=str(rows[-1].seq) if more and rows else None)


@router.get("/audit/checkpoint", response_model=api.Checkpoint, tags=["audit"], responses=errors(*AUTHED))
def audit_checkpoint(platform: PlatformDep, actor: Annotated[Actor, allowed(Permission.READ_AUDIT)]
                     ) -> api.Checkpoint:
    """The latest signed head of the audit chain (signed now if the chain has grown)."""
    return audit_log.checkpoint(platform.db, platform.signer, platform.now())


@router.post("/exports/sign", response_model=api.ExportSignature, tags=["audit"], responses=errors(*AUTHED))
def sign_export(platform: PlatformDep, actor: Annotated[Actor, allowed(Permission.READ_HISTORY)],
                body: api.ExportSignRequest) -> api.ExportSignature:
    """Sign the head of an export's row chain (so that `qunguan verify-export` can check the
    file offline), and record the export in the audit chain."""
    now = platform.now()
    with platform.db.writing() as session:
        seq = audit_log.append(session, actor.username, AuditKind.EXPORT, f"export:{body.head[:16]}",
                               {"rows": body.rows, "head": body.head, "description": body.description}, now)
    signature = platform.signer.sign_bytes(export_message(body.rows, body.head, now))
    return api.ExportSignature(rows=body.rows, head=body.head, signed_at=now, signature=signature,
                               key_id=platform.signer.key_id, public_key=platform.signer.public_b64, audit_seq=seq)


@router.get("/audit/public-key", response_model=api.PublicKey, tags=["audit"])
def audit_public_key(platform: PlatformDep) -> api.PublicKey:
    return api.PublicKey(key_id=platform.signer.key_id, public_key=platform.signer.public_b64)


# --- the members' side (demo and tests) --------------------------------------------------------------------


@router.post("/members/groups/{group_id}/messages", response_model=api.Message, status_code=201, tags=["members"],
             responses=errors(404, 410, *AUTHED))
def member_post(
    platform: PlatformDep,
    actor: Annotated[Actor, allowed(Permission.SIMULATE_MEMBERS)],
    group_id: Id,
    body: api.PostMessageRequest,
) -> api.Message:
    return members.post(platform, group_id, body)


@router.post("/members/appeals", response_model=api.AppealView, status_code=201, tags=["members"],
             responses=errors(404, 409, *AUTHED))
def member_appeal(
    platform: PlatformDep, actor: Annotated[Actor, allowed(Permission.SIMULATE_MEMBERS)], body: api.AppealRequest
) -> api.AppealView:
    """A platform user appeals a decision about them."""
    return reviews.open_appeal(platform, body)


@router.get("/members/groups/{group_id}/messages", response_model=api.MessagePage, tags=["members"],
            responses=errors(404, 410, *AUTHED))
def member_read(
    platform: PlatformDep,
    actor: Annotated[Actor, allowed(Permission.SIMULATE_MEMBERS)],
    group_id: Id,
    before: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
) -> api.MessagePage:
    return members.read(platform, group_id, before, limit)


@router.get("/members/reports", response_model=list[api.MemberReport], tags=["members"],
            responses=errors(404, *AUTHED))
def member_reports(
    platform: PlatformDep,
    actor: Annotated[Actor, allowed(Permission.SIMULATE_MEMBERS)],
    reporter_id: Annotated[int, Query(ge=1, le=MAX_ID)],
    limit: Limit = DEFAULT_PAGE,
) -> list[api.MemberReport]:
    """What a platform user sees of the reports they made: each with the outcome they were told
    (Provisions Art. 12; 2019 Provisions Art. 16), newest first. No moderator is named."""
    return outcomes.for_reporter(platform, reporter_id, limit)


# --- staff accounts -----------------------------------------------------------------------------------------


@router.get("/moderators", response_model=list[api.Moderator], tags=["admin"], responses=errors(*AUTHED))
def list_moderators(
    platform: PlatformDep, actor: Annotated[Actor, allowed(Permission.MANAGE_MODERATORS)]
) -> list[api.Moderator]:
    with platform.db.reading() as session:
        return [views.moderator(s) for s in session.execute(select(models.Staff).order_by(models.Staff.id)).scalars()]


@router.post("/moderators", response_model=api.Moderator, status_code=201, tags=["admin"],
             responses=errors(409, *AUTHED))
def create_moderator(
    platform: PlatformDep, actor: Annotated[Actor, allowed(Permission.MANAGE_MODERATORS)], body: api.ModeratorCreate
) -> api.Moderator:
    with platform.db.writing() as session:
        staff = create_staff(session, body.username, body.display_name, Role(body.role), body.password, platform.now())
        audit_log.append(session, actor.username, AuditKind.ACCOUNT, f"staff:{staff.id}",
                         {"created": staff.username, "role": staff.role}, platform.now())
        return views.moderator(staff)

