"""SQLAlchemy 2 typed models of the reference platform.

One schema for SQLite and PostgreSQL.  Times are stored as naive UTC and returned aware
(``UTCDateTime``), so the two databases behave the same.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[datetime]):
    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


# SQLite only autoincrements INTEGER PRIMARY KEY; PostgreSQL gets BIGINT identities.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class Staff(Base):
    """A moderator, supervisor, admin or auditor of the platform."""

    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enrolled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]


class RefreshToken(Base):
    __tablename__ = "refresh_tokens"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    family_id: Mapped[str] = mapped_column(String(36), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    issued_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class ServerSecret(Base):
    """Secrets every worker must share (the access-token signing key)."""

    __tablename__ = "server_secrets"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class Sequencer(Base):
    """Gap-free, commit-ordered counters. Writers lock the row (``FOR UPDATE``), which also
    serialises the writes that must be ordered (the change feed, later the audit chain)."""

    __tablename__ = "sequencer"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class PlatformUser(Base):
    __tablename__ = "platform_users"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    display_name: Mapped[str] = mapped_column(String(100))
    real_name: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(32))
    real_name_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    credit_score: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="active")
    muted_until: Mapped[datetime | None]
    suspended_until: Mapped[datetime | None]
    can_create_groups: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    #: When the retention job removed the real name and phone of this user, gone quiet (retention.py).
    personal_data_removed_at: Mapped[datetime | None]


class Group(Base):
    __tablename__ = "groups"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    owner_id: Mapped[int] = mapped_column(ForeignKey("platform_users.id"), index=True)
    member_count: Mapped[int] = mapped_column(Integer)
    member_cap: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(20))
    tier: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="active")
    restricted_until: Mapped[datetime | None]
    muted_until: Mapped[datetime | None]
    dissolved_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    owner: Mapped[PlatformUser] = relationship(lazy="joined")


class GroupMember(Base):
    """Known members: the owner, the admins and everyone who has posted."""

    __tablename__ = "group_members"
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("platform_users.id"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(10), default="member")  # owner | admin | member
    joined_at: Mapped[datetime]
    admin_suspended_until: Mapped[datetime | None]


class OfficerActionRow(Base):
    """Something a group's owner or admin did in the group through the platform (Art. 9): who,
    in which role then, what, to whom or which message, when."""

    __tablename__ = "officer_actions"
    __table_args__ = (Index("ix_officer_actions_group_id_id", "group_id", "id"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("platform_users.id"), index=True)
    role: Mapped[str] = mapped_column(String(10))  # owner | admin
    kind: Mapped[str] = mapped_column(String(20))
    target_user_id: Mapped[int | None] = mapped_column(ForeignKey("platform_users.id"))
    target_message_id: Mapped[int | None] = mapped_column(BigInteger)
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_group_id_id", "group_id", "id"),
        # An incident's window (the messages of the last hours).
        Index("ix_messages_sent_at", "sent_at"),
        # A user's latest message (retention: who has gone quiet).
        Index("ix_messages_sender_sent", "sender_id", "sent_at"),
        # An incident's media hashes (bodies have a substring index of their own: see text_index.py).
        Index("ix_messages_media_hash", "media_hash"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"))
    sender_id: Mapped[int] = mapped_column(ForeignKey("platform_users.id"), index=True)
    sent_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(10))
    body: Mapped[str] = mapped_column(Text)
    media_hash: Mapped[str | None] = mapped_column(String(64))
    deleted_at: Mapped[datetime | None]
    deleted_by_decision_id: Mapped[int | None] = mapped_column(BigInteger)
    #: When the retention job removed its body, media hash and attachments (see retention.py).
    redacted_at: Mapped[datetime | None]


class Attachment(Base):
    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    mime_type: Mapped[str] = mapped_column(String(100))


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_queue", "status", "priority", "sla_deadline", "id"),
        Index("ix_cases_order", "priority", "sla_deadline", "id"),
        Index("ix_cases_group", "group_id", "priority"),
        Index("ix_cases_claim", "claim_holder_id", "claim_expires_at"),
        # Statistics by day: created, resolved, and SLA deadlines.
        Index("ix_cases_created_at", "created_at"),
        Index("ix_cases_resolved_at", "resolved_at"),
        Index("ix_cases_sla_deadline", "sla_deadline"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), unique=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"))
    sender_id: Mapped[int] = mapped_column(ForeignKey("platform_users.id"), index=True)
    #: Stored status: open | escalated | resolved | appealed | awaiting_second_approval.
    #: "claimed" is derived from a live lease on an open case.
    status: Mapped[str] = mapped_column(String(30))
    priority: Mapped[int] = mapped_column(Integer)
    suggested_reason: Mapped[str | None] = mapped_column(String(6))
    reason_category: Mapped[str | None] = mapped_column(String(3), index=True)
    group_category: Mapped[str] = mapped_column(String(20))
    group_tier: Mapped[int] = mapped_column(Integer)
    excerpt: Mapped[str] = mapped_column(String(200))
    report_count: Mapped[int] = mapped_column(Integer, default=0)
    signal_score: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime]
    sla_deadline: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    claim_holder_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    claim_expires_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    #: The published SLA rule that set sla_deadline (rules/sla.json's version, category, severity).
    sla_rule: Mapped[str | None] = mapped_column(String(80))
    #: When the SLA job escalated the case for passing its deadline (once per case).
    sla_escalated_at: Mapped[datetime | None]

    message: Mapped[Message] = relationship(lazy="joined")
    group: Mapped[Group] = relationship(lazy="joined")
    claim_holder: Mapped[Staff | None] = relationship(lazy="joined")


class Report(Base):
    __tablename__ = "reports"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("platform_users.id"), index=True)
    reason_code: Mapped[str | None] = mapped_column(String(6))
    reason: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    #: What the reporter was told (a ReportOutcome), in which words, when, and from which decision.
    outcome: Mapped[str | None] = mapped_column(String(20))
    outcome_action: Mapped[str | None] = mapped_column(String(30))
    outcome_reason: Mapped[str | None] = mapped_column(String(6))
    outcome_text: Mapped[str | None] = mapped_column(Text)
    outcome_at: Mapped[datetime | None]
    outcome_decision_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    at: Mapped[datetime]


class Signal(Base):
    __tablename__ = "signals"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    detector: Mapped[str] = mapped_column(String(40))
    score: Mapped[float] = mapped_column(Float)
    explanation: Mapped[str] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(String(200))
    suggested_reason: Mapped[str | None] = mapped_column(String(6))


class Decision(Base):
    __tablename__ = "decisions"
    __table_args__ = (
        UniqueConstraint("actor_id", "idempotency_key", name="uq_decisions_actor_key"),
        Index("ix_decisions_target_user", "target_user_id", "recorded_at"),
        # Decision history: newest first, by each filter.
        Index("ix_decisions_actor_id_id", "actor_id", "id"),
        Index("ix_decisions_action_id", "action", "id"),
        Index("ix_decisions_reason_id", "reason_code", "id"),
        Index("ix_decisions_category_id", "reason_category", "id"),
        Index("ix_decisions_group_id_id", "group_id", "id"),
        Index("ix_decisions_outcome_id", "outcome", "id"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(100))
    actor_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    action: Mapped[str] = mapped_column(String(30))
    reason_code: Mapped[str | None] = mapped_column(String(6))
    note: Mapped[str | None] = mapped_column(Text)
    duration_seconds: Mapped[int | None] = mapped_column(BigInteger)
    target_user_id: Mapped[int | None] = mapped_column(BigInteger)
    target_group_id: Mapped[int | None] = mapped_column(BigInteger)
    #: The case's group and the reason's category, kept here for the history filters.
    group_id: Mapped[int | None] = mapped_column(BigInteger)
    reason_category: Mapped[str | None] = mapped_column(String(3))
    #: None until a supervisor reviews it: "confirmed" or "overturned".
    review: Mapped[str | None] = mapped_column(String(12))
    decided_at: Mapped[datetime]
    recorded_at: Mapped[datetime] = mapped_column(index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    proposal_id: Mapped[int | None] = mapped_column(BigInteger)
    approval_of: Mapped[int | None] = mapped_column(BigInteger)
    effects: Mapped[list[Any]] = mapped_column(JSON, default=list)

    actor: Mapped[Staff] = relationship(lazy="joined")


class DecisionSnapshot(Base):
    """What the platform showed about a case when a decision on it was recorded: the ids of the
    conversation window and which of them were deleted, and the sender's and group's changeable
    fields (credit, status, members, tier, officers). Message bodies, attachments, sanctions and
    credit events are kept by the platform anyway and are read back as of the decision's time.
    Its SHA-256 is in the decision's audit event."""

    __tablename__ = "decision_snapshots"
    decision_id: Mapped[int] = mapped_column(BigId, ForeignKey("decisions.id"), primary_key=True)
    case_version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class IdempotencyRecord(Base):
    """The first response to a keyed request, replayed for a retry with the same body."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("actor_id", "key", name="uq_idempotency_actor_key"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    key: Mapped[str] = mapped_column(String(100))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]


class Sanction(Base):
    __tablename__ = "sanctions"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("platform_users.id"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id"), index=True)
    reason_code: Mapped[str | None] = mapped_column(String(6))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    lifted_at: Mapped[datetime | None]
    decision_id: Mapped[int | None] = mapped_column(BigInteger)


class CreditEvent(Base):
    __tablename__ = "credit_events"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("platform_users.id"), index=True)
    at: Mapped[datetime]
    delta: Mapped[int] = mapped_column(Integer)
    score_after: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(60))
    rules_version: Mapped[str] = mapped_column(String(20))
    decision_id: Mapped[int | None] = mapped_column(BigInteger)


class Proposal(Base):
    """A drastic action awaiting a second supervisor's approval (two-person rule)."""

    __tablename__ = "proposals"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    action: Mapped[str] = mapped_column(String(30))
    proposer_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    blast_radius: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AuditEvent(Base):
    """One link of the audit chain. ``seq`` comes from the ``audit`` sequencer, whose row lock
    keeps appends in one line across workers."""

    __tablename__ = "audit_events"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    subject: Mapped[str] = mapped_column(String(100), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditCheckpoint(Base):
    __tablename__ = "audit_checkpoints"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(200))
    key_id: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime]


class AccessLogEntry(Base):
    """One authenticated API request: who, which route (its template, never the URL), the
    answer's status, when and from where. Never a token, a password or a body."""

    __tablename__ = "access_log"
    __table_args__ = (Index("ix_access_log_staff_id_id", "staff_id", "id"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    staff_id: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(10))
    route: Mapped[str] = mapped_column(String(200))
    status: Mapped[int] = mapped_column(Integer)
    client: Mapped[str | None] = mapped_column(String(64))
    duration_ms: Mapped[float] = mapped_column(Float)


class LegalHold(Base):
    """Personal data of a user, a group or a case that the retention job must keep (an
    investigation, a court order) until the hold is released."""

    __tablename__ = "legal_holds"
    __table_args__ = (Index("ix_legal_holds_active", "released_at", "subject_kind", "subject_id"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    subject_kind: Mapped[str] = mapped_column(String(10))  # user | group | case
    subject_id: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(Text)
    placed_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    placed_at: Mapped[datetime]
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    released_at: Mapped[datetime | None]

    placed_by: Mapped[Staff] = relationship(lazy="joined", foreign_keys=[placed_by_id])
    released_by: Mapped[Staff | None] = relationship(lazy="joined", foreign_keys=[released_by_id])


class PiExport(Base):
    """A request to export the unmasked personal data of several users: asked by one
    supervisor, approved or rejected by another, downloaded once by the one who asked."""

    __tablename__ = "pi_exports"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    status: Mapped[str] = mapped_column(String(12), index=True)  # pending|approved|rejected|downloaded
    user_ids: Mapped[list[Any]] = mapped_column(JSON)
    incident_id: Mapped[int | None] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(Text)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    requested_at: Mapped[datetime]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    reviewed_at: Mapped[datetime | None]
    review_note: Mapped[str | None] = mapped_column(Text)
    downloaded_at: Mapped[datetime | None]

    requested_by: Mapped[Staff] = relationship(lazy="joined", foreign_keys=[requested_by_id])
    reviewed_by: Mapped[Staff | None] = relationship(lazy="joined", foreign_keys=[reviewed_by_id])


class Review(Base):
    """A supervisor's confirm or overturn of a decision (or the outcome of an appeal)."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    verdict: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(Text)
    appeal_id: Mapped[int | None] = mapped_column(BigInteger)
    at: Mapped[datetime]
    effects: Mapped[list[Any]] = mapped_column(JSON, default=list)

    reviewer: Mapped[Staff] = relationship(lazy="joined")


class Appeal(Base):
    """A platform user's appeal against a decision about them."""

    __tablename__ = "appeals"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("platform_users.id"))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="open", index=True)
    created_at: Mapped[datetime]
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    decided_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(Text)


class ReportableMark(Base):
    """A decision marked for reporting to the authorities (Art. 12 of the provisions)."""

    __tablename__ = "reportable_decisions"
    decision_id: Mapped[int] = mapped_column(BigId, ForeignKey("decisions.id"), primary_key=True)
    marked_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    marked_at: Mapped[datetime] = mapped_column(index=True)
    note: Mapped[str | None] = mapped_column(Text)

    marked_by: Mapped[Staff] = relationship(lazy="joined")


class Delivery(Base):
    """An evidence package handed to an authority: to whom, how, when, and its SHA-256."""

    __tablename__ = "deliveries"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    decision_ids: Mapped[list[Any]] = mapped_column(JSON)
    recipient: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(200))
    reference: Mapped[str | None] = mapped_column(String(200))
    delivered_at: Mapped[datetime]
    package_sha256: Mapped[str] = mapped_column(String(64))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    recorded_at: Mapped[datetime]
    audit_seq: Mapped[int] = mapped_column(BigInteger)

    recorded_by: Mapped[Staff] = relationship(lazy="joined")


class DeliveredDecision(Base):
    """Which decisions went out in which delivery (one row per pair)."""

    __tablename__ = "delivered_decisions"
    delivery_id: Mapped[int] = mapped_column(BigId, ForeignKey("deliveries.id"), primary_key=True)
    decision_id: Mapped[int] = mapped_column(BigId, ForeignKey("decisions.id"), primary_key=True, index=True)


class Incident(Base):
    """An emergency (a scam or rumour spreading through many groups), defined by keywords, a
    regular expression, media hashes or senders, and acted on in stages."""

    __tablename__ = "incidents"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10), index=True)  # open | closed
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]

    opened_by: Mapped[Staff] = relationship(lazy="joined")


class IncidentStageRow(Base):
    """One bulk action of an incident: its targets as previewed, and exactly what it changed
    (so that undo reverses that and nothing else)."""

    __tablename__ = "incident_stages"
    __table_args__ = (UniqueConstraint("incident_id", "idempotency_key", name="uq_incident_stages_key"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    incident_id: Mapped[int] = mapped_column(BigId, ForeignKey("incidents.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    idempotency_key: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(30))
    reason_code: Mapped[str] = mapped_column(String(6))
    duration_seconds: Mapped[int | None] = mapped_column(BigInteger)
    note: Mapped[str | None] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    applied_at: Mapped[datetime]
    undo_until: Mapped[datetime]
    undone_at: Mapped[datetime | None]
    changed: Mapped[dict[str, Any]] = mapped_column(JSON)
    audit_seq: Mapped[int] = mapped_column(BigInteger)

    by: Mapped[Staff] = relationship(lazy="joined")
