"""Pydantic models of the platform API: the single source of truth for both sides.

Requests ignore fields they do not know (so an ``actor`` smuggled into a body has no
effect: the actor always comes from the token).  Responses are plain data.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .enums import (
    DEFAULT_LEASE_SECONDS,
    MAX_DURATION,
    MAX_LEASE_SECONDS,
    MIN_DURATION,
    Action,
    AuditKind,
    CaseStatus,
    GroupCategory,
    GroupStatus,
    HoldSubject,
    IncidentAction,
    MessageKind,
    OfficerActionKind,
    Outcome,
    PiExportStatus,
    Priority,
    ReportOutcome,
    Role,
    SanctionKind,
    UserStatus,
)
from .taxonomy import ReasonCategory, ReasonCode

T = TypeVar("T")

#: Identifiers stay within what every JSON parser reads exactly (JavaScript's safe integers).
MAX_ID = 2**53 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID, strict=True)]

Username = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.\-]+$")]
Password = Annotated[str, StringConstraints(min_length=1, max_length=256)]
Totp = Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")]
#: Text the platform stores may not hold NUL characters (PostgreSQL refuses them, and no
#: person types one).
NO_NUL = r"^[^\x00]*$"
NoteText = Annotated[str, StringConstraints(max_length=2000, pattern=NO_NUL)]
Token = Annotated[str, StringConstraints(min_length=1, max_length=512)]


class _Response(BaseModel):
    model_config = ConfigDict(frozen=True)


class _Request(BaseModel):
    model_config = ConfigDict(extra="ignore")


# --- staff and auth -------------------------------------------------------------------------------


class Moderator(_Response):
    id: int
    username: str
    display_name: str
    role: Role
    totp_enrolled: bool = False


class LoginRequest(_Request):
    username: Username
    password: Password
    totp: Totp | None = None


class RefreshRequest(_Request):
    refresh_token: Token


class TokenPair(_Response):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    refresh_token: str
    refresh_expires_in: int
    moderator: Moderator


class TotpEnrollment(_Response):
    secret: str
    otpauth_uri: str


class TotpConfirm(_Request):
    code: Totp


class ModeratorCreate(_Request):
    username: Username
    display_name: Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=NO_NUL)]
    role: Role
    password: Annotated[str, StringConstraints(min_length=10, max_length=256)]


# --- the platform's users, groups and messages ------------------------------------------------------


class CreditEvent(_Response):
    at: datetime
    delta: int
    score_after: int
    rule: str
    rules_version: str
    decision_id: int | None = None


class Sanction(_Response):
    id: int
    kind: SanctionKind
    user_id: int | None = None
    group_id: int | None = None
    reason_code: ReasonCode | None = None
    starts_at: datetime
    ends_at: datetime | None = None
    decision_id: int | None = None
    active: bool


class UserRef(_Response):
    id: int
    display_name: str
    credit_score: int
    real_name_verified: bool


class PlatformUser(_Response):
    id: int
    display_name: str
    real_name_verified: bool
    #: Personal data is always masked here (王**, 138****1234); revealing is its own audited call.
    real_name_masked: str | None = None
    phone_masked: str | None = None
    credit_score: int
    status: UserStatus
    muted_until: datetime | None = None
    suspended_until: datetime | None = None
    can_create_groups: bool = True
    created_at: datetime
    active_sanctions: list[Sanction] = []
    credit_history: list[CreditEvent] = []
    #: The published credit rules as they apply to this user now (None where not known, as in
    #: a record of what a moderator saw): the highest score, the rule set's version, the
    #: functions limited at the current score (codes of the rules' tiers: no_links,
    #: posting_rate_limited, muted, ...), the score below which further limits apply, and when
    #: the next point comes back (None at the maximum; a moment just past until the platform's
    #: restoration job, run every minute, has given it).
    credit_maximum: int | None = None
    credit_rules_version: str | None = None
    limits: list[str] = []
    tier_floor: int | None = None
    next_restore_at: datetime | None = None


class GroupOfficer(_Response):
    user: UserRef
    is_owner: bool
    admin_rights_suspended_until: datetime | None = None


class OfficerAction(_Response):
    """Something a group's owner or admin did in the group (their own moderation, Art. 9)."""

    id: int
    group_id: int
    actor: UserRef
    #: The actor's role when they acted: "owner" or "admin".
    role: str
    kind: OfficerActionKind
    target_user: UserRef | None = None
    target_message_id: int | None = None
    note: str | None = None
    at: datetime


class Group(_Response):
    id: int
    name: str
    owner: UserRef
    admins: list[GroupOfficer] = []
    member_count: int
    member_cap: int
    category: GroupCategory
    tier: int = Field(ge=1, le=4)
    status: GroupStatus
    restricted_until: datetime | None = None
    muted_until: datetime | None = None
    created_at: datetime
    recent_sanctions: list[Sanction] = []
    #: The owner's and admins' own most recent actions in the group, newest first (see
    #: GET /groups/{id}/officer-actions for all of them).
    officer_actions: list[OfficerAction] = []


class Attachment(_Response):
    id: int
    kind: MessageKind
    name: str
    size: int
    sha256: str
    mime_type: str


class Message(_Response):
    id: int
    group_id: int
    sender_id: int
    sender_name: str
    sent_at: datetime
    kind: MessageKind
    body: str
    attachments: list[Attachment] = []
    deleted: bool = False


class ReporterOutcome(_Response):
    """What the reporter was told about their report, and when (Art. 12; 2019 Provisions Art. 16).
    It names no moderator and no other user."""

    outcome: ReportOutcome
    #: What was done (or withdrawn): the action of the decision behind the outcome.
    action: Action | None = None
    #: The rule the message broke, when it broke one.
    reason_code: ReasonCode | None = None
    #: The words the reporter was given.
    text: str
    at: datetime


class Report(_Response):
    id: int
    reporter_id: int
    reporter_name: str
    reason_code: ReasonCode | None = None
    reason: str
    note: str | None = None
    at: datetime
    #: None until the case is resolved and the reporter is told.
    outcome: ReporterOutcome | None = None


class MemberReport(_Response):
    """A report as its reporter sees it on the members' side: their own words and the outcome."""

    id: int
    reason_code: ReasonCode | None = None
    reason: str
    at: datetime
    #: None while the report is still being handled.
    outcome: ReporterOutcome | None = None


class Signal(_Response):
    id: int
    detector: str
    score: float = Field(ge=0, le=1)
    explanation: str
    rule: str
    suggested_reason: ReasonCode | None = None


# --- cases ----------------------------------------------------------------------------------------


class ClaimInfo(_Response):
    holder_id: int
    holder_username: str
    expires_at: datetime


class CaseSummary(_Response):
    id: int
    status: CaseStatus
    priority: Priority
    suggested_reason: ReasonCode | None = None
    reason_category: ReasonCategory | None = None
    message_id: int
    excerpt: str
    group_id: int
    group_name: str
    group_category: GroupCategory
    group_tier: int
    sender_id: int
    report_count: int
    signal_score: float
    created_at: datetime
    sla_deadline: datetime
    claim: ClaimInfo | None = None
    #: Bumped by every decision or status change; ``expected_version`` of a decision.
    version: int
    #: The global change sequence of the last change to this case (claims included).
    change_seq: int


class CaseDetail(_Response):
    case: CaseSummary
    message: Message
    context_before: list[Message]
    context_after: list[Message]
    has_more_before: bool
    has_more_after: bool
    sender: PlatformUser
    group: Group
    reports: list[Report]
    signals: list[Signal]
    decisions: list[Decision]
    sender_history: list[Decision]
    #: The published SLA rule that set ``case.sla_deadline`` (version, category, severity).
    sla_rule: str | None = None
    #: When the SLA job escalated the case for passing its deadline (None: it has not).
    sla_escalated_at: datetime | None = None


class MessagePage(_Response):
    items: list[Message]
    has_more: bool


class QueueCounts(_Response):
    open: int
    claimed: int
    mine: int
    escalated: int
    appealed: int
    awaiting_second_approval: int
    resolved: int


class ClaimRequest(_Request):
    lease_seconds: int = Field(default=DEFAULT_LEASE_SECONDS, ge=30, le=MAX_LEASE_SECONDS, strict=True)
    takeover: bool = Field(default=False, strict=True)


class CasePage(_Response):
    items: list[CaseSummary]
    next_cursor: str | None = None


class ChangesPage(_Response):
    items: list[CaseSummary]
    #: Pass as ``since`` on the next call.
    next_since: int
    has_more: bool


# --- decisions ------------------------------------------------------------------------------------


class DecisionRequest(_Request):
    case_id: Id
    action: Action
    reason_code: ReasonCode | None = None
    note: NoteText | None = None
    duration_seconds: int | None = Field(default=None, ge=MIN_DURATION, le=MAX_DURATION, strict=True)
    #: For actions against a group's owner or admin: which one (default: the sender).
    target_user_id: Id | None = None
    expected_version: int = Field(ge=0, le=2**31, strict=True)
    #: When the moderator decided (it may have been offline); defaults to when it is recorded.
    decided_at: datetime | None = None


class Effect(_Response):
    kind: str
    subject: str
    detail: str


class Decision(_Response):
    id: int
    idempotency_key: str
    case_id: int
    action: Action
    reason_code: ReasonCode | None = None
    note: str | None = None
    duration_seconds: int | None = None
    target_user_id: int | None = None
    target_group_id: int | None = None
    actor: Moderator
    decided_at: datetime
    recorded_at: datetime
    outcome: Outcome
    proposal_id: int | None = None
    approval_of: int | None = None
    effects: list[Effect] = []
    #: A supervisor's review: None, "confirmed" or "overturned".
    review: str | None = None


class DecisionResult(_Response):
    decision: Decision
    case: CaseSummary


class DecisionContext(_Response):
    """A decision with the case as the platform showed it when the decision was recorded: the
    conversation window, the sender and the group as they were then, and the reports and signals
    known by then. ``recorded`` is False for a decision from before the platform kept these
    records: the conversation, sanctions and credit are then read back by their timestamps, and
    the sender's and group's other fields are as they are now (``as_of`` says which)."""

    decision: Decision
    recorded: bool
    #: The moment the sender and group fields describe.
    as_of: datetime
    #: SHA-256 of the record, also in the decision's audit event; None when not recorded.
    digest: str | None = None
    message: Message
    context_before: list[Message]
    context_after: list[Message]
    sender: PlatformUser
    group: Group
    reports: list[Report]
    signals: list[Signal]


class Proposal(_Response):
    """A drastic action (ban, blacklist, dissolve) awaiting a second supervisor."""

    id: int
    case_id: int
    decision_id: int
    action: Action
    reason_code: ReasonCode | None = None
    note: str | None = None
    proposer: Moderator
    status: str
    created_at: datetime
    expires_at: datetime
    #: Who and what the action touches: members, messages, admins, groups.
    blast_radius: dict[str, int]


class BlastRadius(_Response):
    """What a drastic action would touch, shown before it is proposed."""

    action: Action
    members: int
    messages: int
    admins: int
    groups: int


class ProposalReview(_Request):
    approve: bool = Field(strict=True)
    note: NoteText | None = None


# --- review, appeals, personal data ----------------------------------------------------------------


Reason = Annotated[str, StringConstraints(min_length=2, max_length=2000, pattern=NO_NUL)]


class ReviewRequest(_Request):
    verdict: Literal["confirm", "overturn"]
    reason: Reason


class ReviewView(_Response):
    id: int
    decision_id: int
    verdict: str
    reason: str
    reviewer: Moderator
    at: datetime
    appeal_id: int | None = None
    #: What an overturn reversed ("restored", "lifted", "reopened") and what it could not ("irreversible").
    effects: list[Effect] = []


class ReviewResult(_Response):
    decision: Decision
    review: ReviewView
    case: CaseSummary


class AppealRequest(_Request):
    decision_id: Id
    text: Annotated[str, StringConstraints(min_length=1, max_length=4000, pattern=NO_NUL)]


class AppealView(_Response):
    id: int
    decision_id: int
    case_id: int
    user_id: int
    text: str
    status: str
    created_at: datetime
    original_moderator: Moderator
    decided_by: Moderator | None = None
    decided_at: datetime | None = None
    reason: str | None = None


class AppealDecision(_Request):
    verdict: Literal["uphold", "overturn"]
    reason: Reason


class RevealRequest(_Request):
    reason: Reason


class PersonalData(_Response):
    """Unmasked personal data: only from an audited reveal."""

    user_id: int
    real_name: str | None
    phone: str | None


# --- retention, legal holds, access log, personal-data exports (Art. 14; PIPL Arts 19, 51) ----------------


class LegalHoldRequest(_Request):
    subject_kind: HoldSubject
    subject_id: Id
    reason: Reason


class LegalHold(_Response):
    """Keeps a user's, a group's or a case's personal data from the retention job until released."""

    id: int
    subject_kind: HoldSubject
    subject_id: int
    reason: str
    placed_by: str
    placed_at: datetime
    released_by: str | None = None
    released_at: datetime | None = None


class AccessLogEntry(_Response):
    """One authenticated API request (the route's template, never the URL; no token, no body)."""

    id: int
    at: datetime
    staff_id: int
    username: str
    method: str
    route: str
    status: int
    client: str | None
    duration_ms: float


class RetentionPolicy(_Response):
    personal_data_retention_days: int
    log_retention_days: int


#: At most this many users in one export of personal data.
MAX_PI_EXPORT_USERS = 5000
#: An approval is for now, not for ever (PIPL Art. 6, the minimum necessary): a request not
#: reviewed within the first, or an approved export not downloaded within the second, lapses.
PI_EXPORT_REVIEW_LAPSE = timedelta(days=7)
PI_EXPORT_DOWNLOAD_LAPSE = timedelta(hours=72)


class PiExportRequest(_Request):
    """Ask for the unmasked personal data of several users: a list of user ids, or the senders
    of an incident (as its definition matches now), and why."""

    user_ids: list[Id] | None = Field(default=None, min_length=1, max_length=MAX_PI_EXPORT_USERS)
    incident_id: Id | None = None
    reason: Reason


class PiExportReview(_Request):
    approve: bool = Field(strict=True)
    note: NoteText | None = None


class PiExport(_Response):
    id: int
    status: PiExportStatus
    user_ids: list[int]
    incident_id: int | None
    reason: str
    requested_by: str
    requested_at: datetime
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
    review_note: str | None = None
    downloaded_at: datetime | None = None
    #: when a pending request or an approved export lapses (None once it is decided for good)
    lapses_at: datetime | None = None


class PiExportData(_Response):
    """The one download of an approved export: unmasked names and phones (None where the
    platform holds none, or the retention policy removed them)."""

    export_id: int
    downloaded_at: datetime
    rows: list[PersonalData]


class PublicKey(_Response):
    algorithm: str = "Ed25519"
    key_id: str
    public_key: str


# --- the members' side (used by tests and the demo to act as a platform user) ---------------------


class PostMessageRequest(_Request):
    sender_id: Id
    kind: MessageKind = MessageKind.TEXT
    body: Annotated[str, StringConstraints(min_length=1, max_length=4000, pattern=NO_NUL)]


GroupName = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=NO_NUL)]


class GroupCreateRequest(_Request):
    """A platform user creates a group (and becomes its owner)."""

    creator_id: Id
    name: GroupName
    category: GroupCategory
    #: The member cap asked for; the creator's credit tier and the platform's maximum limit it.
    member_cap: int = Field(default=500, ge=3, le=100_000, strict=True)


class MemberAddRequest(_Request):
    """A user joins a group: invited by ``inviter_id`` (a member), or by themselves (a QR code)."""

    user_id: Id
    inviter_id: Id | None = None


class OfficerActionRequest(_Request):
    """An owner or admin acts in their group. ``target_user_id`` for remove_member, mute_member,
    invite and appoint_admin (the owner only); ``target_message_id`` for remove_message; ``note``
    is the new name for rename_group and the text for announce."""

    actor_id: Id
    kind: OfficerActionKind
    target_user_id: Id | None = None
    target_message_id: Id | None = None
    note: Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=NO_NUL)] | None = None


# --- audit (the accountability issue fills these) ---------------------------------------------------


class AuditEvent(_Response):
    seq: int
    at: datetime
    actor: str
    kind: AuditKind
    subject: str
    payload: dict[str, object]
    prev_hash: str
    hash: str


class JobRun(_Response):
    """One run of the platform's own jobs (see POST /jobs/run)."""

    ran_at: datetime
    #: Per job: how many things it changed.
    changed: dict[str, int]
    #: Per job that failed: the error.
    failed: dict[str, str] = {}


class Checkpoint(_Response):
    seq: int
    hash: str
    signature: str
    key_id: str


class ExportSignRequest(_Request):
    """The head of an export's row chain, for the platform to sign (and to record who
    exported what in the audit chain)."""

    rows: int = Field(ge=0, le=10_000_000, strict=True)
    head: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    description: Annotated[str, StringConstraints(max_length=500, pattern=NO_NUL)] = ""


class ExportSignature(_Response):
    rows: int
    head: str
    signed_at: datetime
    signature: str
    key_id: str
    public_key: str
    #: The audit event that records the export.
    audit_seq: int


class Page(_Response, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


class Health(_Response):
    status: str
    version: str
    database: str


CaseDetail.model_rebuild()


# --- reports to the authorities ---------------------------------------------------------------------------

ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=NO_NUL)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class ReportableRequest(_Request):
    """Mark a decision as one to report to the authorities (or take the mark back)."""

    reportable: bool = Field(strict=True)
    note: Annotated[str, StringConstraints(max_length=2000, pattern=NO_NUL)] | None = None


class ReportableDecision(_Response):
    decision: Decision
    marked_by: str
    marked_at: datetime
    note: str | None = None
    #: The deliveries this decision went out in (ids, oldest first); empty until it is sent.
    deliveries: list[int] = []


class DeliveryRequest(_Request):
    """A record that an evidence package went to an authority: to whom, how, when, and the
    package's SHA-256 (so that the package handed over can be matched later)."""

    decision_ids: list[Id] = Field(min_length=1, max_length=500)
    recipient: ShortText
    channel: ShortText
    reference: Annotated[str, StringConstraints(max_length=200, pattern=NO_NUL)] | None = None
    delivered_at: datetime
    package_sha256: Sha256


class Delivery(_Response):
    id: int
    decision_ids: list[int]
    recipient: str
    channel: str
    reference: str | None = None
    delivered_at: datetime
    package_sha256: str
    recorded_by: str
    recorded_at: datetime
    audit_seq: int


# --- emergency response: incidents -------------------------------------------------------------------------

#: How far back an incident's definition looks, at most.
MAX_INCIDENT_WINDOW_HOURS = 7 * 24


class IncidentDefinition(_Request):
    """What belongs to a wave: messages sent in the last ``window_hours`` that contain any of the
    keywords, match the regular expression, carry one of the media hashes, or come from one of
    the senders (any one is enough). At least one criterion."""

    keywords: list[Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=NO_NUL)]] = Field(
        default=[], max_length=20)
    regex: Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=NO_NUL)] | None = None
    media_hashes: list[Annotated[str, StringConstraints(min_length=1, max_length=64,
                                                        pattern=r"^[0-9A-Za-z]+$")]] = Field(default=[], max_length=20)
    sender_ids: list[Id] = Field(default=[], max_length=500)
    window_hours: int = Field(default=24, ge=1, le=MAX_INCIDENT_WINDOW_HOURS, strict=True)


class IncidentOpen(_Request):
    title: ShortText
    definition: IncidentDefinition


class MatchedGroup(_Response):
    id: int
    name: str
    member_count: int
    messages: int


class MatchedUser(_Response):
    id: int
    display_name: str
    credit_score: int
    status: UserStatus
    messages: int


class MatchedMessage(_Response):
    id: int
    group_id: int
    sender_id: int
    sent_at: datetime
    body: str
    media_hash: str | None = None
    deleted: bool


class IncidentPreview(_Response):
    """Everything an incident's definition matches now (its blast radius), with a digest of the
    exact sets: a stage must name it, so nothing is acted on that was not previewed."""

    messages: int
    groups: int
    users: int
    members_reached: int
    open_cases: int
    digest: str
    top_groups: list[MatchedGroup]
    top_users: list[MatchedUser]
    #: The newest matches first.
    sample: list[MatchedMessage]
    seconds: float


class StageRequest(_Request):
    action: IncidentAction
    reason_code: ReasonCode
    duration_seconds: int | None = Field(default=None, ge=MIN_DURATION, le=MAX_DURATION, strict=True)
    note: NoteText | None = None
    #: The preview's digest: the stage is refused (409) when the matches changed since.
    expected_digest: Sha256


class IncidentStage(_Response):
    seq: int
    action: IncidentAction
    reason_code: ReasonCode
    duration_seconds: int | None = None
    note: str | None = None
    by: str
    applied_at: datetime
    undo_until: datetime
    undone_at: datetime | None = None
    #: What it changed: messages deleted, users sanctioned, groups restricted, cases resolved.
    counts: dict[str, int]
    audit_seq: int


class Incident(_Response):
    id: int
    title: str
    definition: IncidentDefinition
    status: str
    opened_by: str
    opened_at: datetime
    closed_at: datetime | None = None
    stages: list[IncidentStage] = []
    #: The platform's time when it answered (undo windows are in its time, not the workstation's).
    as_of: datetime


# --- personal information: who looked ----------------------------------------------------------------------


class RevealEvent(_Response):
    seq: int
    at: datetime
    moderator: str
    user_id: int
    reason: str


class RevealLog(_Response):
    """Reveals of personal data (PIPL Art. 51), newest first, and how many each staff member made
    in the same window."""

    events: list[RevealEvent]
    by_moderator: dict[str, int]
