"""From ORM rows to contract models: masking, derived status, and nothing else."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from qunguan.contract import models as api
from qunguan.contract.enums import CaseStatus, GroupStatus, Priority, Role, UserStatus

from . import models as db
from .credit import CreditRules


def mask_name(name: str | None) -> str | None:
    if not name:
        return None
    return name[0] + "*" * max(1, len(name) - 1)


def mask_phone(phone: str | None) -> str | None:
    if not phone:
        return None
    digits = phone.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def user_status(user: db.PlatformUser, now: datetime) -> UserStatus:
    if user.status in (UserStatus.BANNED, UserStatus.BLACKLISTED):
        return UserStatus(user.status)
    if user.suspended_until and user.suspended_until > now:
        return UserStatus.SUSPENDED
    if user.muted_until and user.muted_until > now:
        return UserStatus.MUTED
    return UserStatus.ACTIVE


def group_status(group: db.Group, now: datetime) -> GroupStatus:
    if group.status == GroupStatus.DISSOLVED:
        return GroupStatus.DISSOLVED
    if group.muted_until and group.muted_until > now:
        return GroupStatus.MUTED
    if group.restricted_until and group.restricted_until > now:
        return GroupStatus.RESTRICTED
    return GroupStatus.ACTIVE


def claim_live(case: db.Case, now: datetime) -> bool:
    return case.claim_holder_id is not None and case.claim_expires_at is not None and case.claim_expires_at > now


def case_status(case: db.Case, now: datetime) -> CaseStatus:
    if case.status == CaseStatus.OPEN and claim_live(case, now):
        return CaseStatus.CLAIMED
    return CaseStatus(case.status)


def moderator(staff: db.Staff) -> api.Moderator:
    return api.Moderator(
        id=staff.id,
        username=staff.username,
        display_name=staff.display_name,
        role=Role(staff.role),
        totp_enrolled=staff.totp_enrolled,
    )


def case_summary(case: db.Case, now: datetime) -> api.CaseSummary:
    claim = None
    if claim_live(case, now) and case.claim_holder is not None:
        claim = api.ClaimInfo(
            holder_id=case.claim_holder_id,
            holder_username=case.claim_holder.username,
            expires_at=case.claim_expires_at,
        )
    return api.CaseSummary(
        id=case.id,
        status=case_status(case, now),
        priority=Priority(case.priority),
        suggested_reason=case.suggested_reason,
        reason_category=case.reason_category,
        message_id=case.message_id,
        excerpt=case.excerpt,
        group_id=case.group_id,
        group_name=case.group.name,
        group_category=case.group_category,
        group_tier=case.group_tier,
        sender_id=case.sender_id,
        report_count=case.report_count,
        signal_score=case.signal_score,
        created_at=case.created_at,
        sla_deadline=case.sla_deadline,
        claim=claim,
        version=case.version,
        change_seq=case.change_seq,
    )


def attachment(row: db.Attachment) -> api.Attachment:
    return api.Attachment(
        id=row.id, kind=row.kind, name=row.name, size=row.size, sha256=row.sha256, mime_type=row.mime_type
    )


def message(
    row: db.Message, sender_name: str, attachments: list[db.Attachment] | None = None
) -> api.Message:
    return api.Message(
        id=row.id,
        group_id=row.group_id,
        sender_id=row.sender_id,
        sender_name=sender_name,
        sent_at=row.sent_at,
        kind=row.kind,
        body=row.body,
        attachments=[attachment(a) for a in attachments or ()],
        deleted=row.deleted_at is not None,
    )


def sanction(row: db.Sanction, now: datetime) -> api.Sanction:
    active = row.lifted_at is None and (row.ends_at is None or row.ends_at > now)
    return api.Sanction(
        id=row.id,
        kind=row.kind,
        user_id=row.user_id,
        group_id=row.group_id,
        reason_code=row.reason_code,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        decision_id=row.decision_id,
        active=active,
    )


def credit_event(row: db.CreditEvent) -> api.CreditEvent:
    return api.CreditEvent(
        at=row.at,
        delta=row.delta,
        score_after=row.score_after,
        rule=row.rule,
        rules_version=row.rules_version,
        decision_id=row.decision_id,
    )


def user_ref(user: db.PlatformUser) -> api.UserRef:
    return api.UserRef(
        id=user.id,
        display_name=user.display_name,
        credit_score=user.credit_score,
        real_name_verified=user.real_name_verified,
    )


def platform_user(
    user: db.PlatformUser,
    now: datetime,
    sanctions: list[db.Sanction] = (),  # type: ignore[assignment]
    credit: list[db.CreditEvent] = (),  # type: ignore[assignment]
    rules: CreditRules | None = None,
    next_restore_at: datetime | None = None,
) -> api.PlatformUser:
    """With ``rules``: what the published credit rules mean for the user now (see the contract)."""
    standing: dict[str, Any] = {}
    if rules is not None:
        standing = {"credit_maximum": rules.maximum, "credit_rules_version": rules.version,
                    "limits": rules.limits(user.credit_score), "tier_floor": rules.tier_floor(user.credit_score),
                    "next_restore_at": next_restore_at}
    return api.PlatformUser(
        id=user.id,
        display_name=user.display_name,
        real_name_verified=user.real_name_verified,
        real_name_masked=mask_name(user.real_name),
        phone_masked=mask_phone(user.phone),
        credit_score=user.credit_score,
        status=user_status(user, now),
        muted_until=user.muted_until,
        suspended_until=user.suspended_until,
        can_create_groups=user.can_create_groups,
        created_at=user.created_at,
        active_sanctions=[s for s in (sanction(r, now) for r in sanctions) if s.active],
        credit_history=[credit_event(c) for c in credit],
        **standing,
    )


def decision(row: db.Decision) -> api.Decision:
    return api.Decision(
        id=row.id,
        idempotency_key=row.idempotency_key,
        case_id=row.case_id,
        action=row.action,
        reason_code=row.reason_code,
        note=row.note,
        duration_seconds=row.duration_seconds,
        target_user_id=row.target_user_id,
        target_group_id=row.target_group_id,
        actor=moderator(row.actor),
        decided_at=row.decided_at,
        recorded_at=row.recorded_at,
        outcome=row.outcome,
        proposal_id=row.proposal_id,
        approval_of=row.approval_of,
        effects=[api.Effect(**e) for e in row.effects or ()],
        review=row.review,
    )
