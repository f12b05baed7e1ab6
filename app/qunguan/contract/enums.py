"""Enumerations shared by the platform and the workstation."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum


class Role(StrEnum):
    MODERATOR = "moderator"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    AUDITOR = "auditor"


class Permission(StrEnum):
    READ_QUEUE = "read_queue"
    READ_CASE = "read_case"
    CLAIM = "claim"
    TAKEOVER = "takeover"
    DECIDE = "decide"
    APPROVE = "approve"
    READ_HISTORY = "read_history"
    READ_AUDIT = "read_audit"
    MANAGE_MODERATORS = "manage_moderators"
    SIMULATE_MEMBERS = "simulate_members"
    REVEAL_PERSONAL = "reveal_personal"
    RUN_JOBS = "run_jobs"
    #: Place and release legal holds (data the retention job must keep).
    HOLD_DATA = "hold_data"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.MODERATOR: frozenset({Permission.READ_QUEUE, Permission.READ_CASE, Permission.CLAIM, Permission.DECIDE}),
    Role.SUPERVISOR: frozenset(
        {
            Permission.READ_QUEUE,
            Permission.READ_CASE,
            Permission.CLAIM,
            Permission.TAKEOVER,
            Permission.DECIDE,
            Permission.APPROVE,
            Permission.READ_HISTORY,
            Permission.READ_AUDIT,
            Permission.REVEAL_PERSONAL,
            Permission.HOLD_DATA,
        }
    ),
    Role.ADMIN: frozenset(Permission),
    # Auditors read; they never change a case.
    Role.AUDITOR: frozenset(
        {Permission.READ_QUEUE, Permission.READ_CASE, Permission.READ_HISTORY, Permission.READ_AUDIT}
    ),
}


def role_can(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


class CaseStatus(StrEnum):
    OPEN = "open"
    CLAIMED = "claimed"
    ESCALATED = "escalated"
    RESOLVED = "resolved"
    APPEALED = "appealed"
    AWAITING_SECOND_APPROVAL = "awaiting_second_approval"


class Priority(IntEnum):
    LOW = 1
    NORMAL = 2
    HIGH = 3
    URGENT = 4


class MessageKind(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    LINK = "link"
    FILE = "file"


class GroupCategory(StrEnum):
    WORK = "work"
    FAMILY = "family"
    SCHOOL = "school"
    TRADING = "trading"
    FAN_CLUB = "fan_club"
    NEIGHBOURHOOD = "neighbourhood"
    INTEREST = "interest"


class GroupStatus(StrEnum):
    ACTIVE = "active"
    RESTRICTED = "restricted"
    MUTED = "muted"
    DISSOLVED = "dissolved"


class UserStatus(StrEnum):
    ACTIVE = "active"
    MUTED = "muted"
    SUSPENDED = "suspended"
    BANNED = "banned"
    BLACKLISTED = "blacklisted"


class Action(StrEnum):
    APPROVE = "approve"
    DELETE_MESSAGE = "delete_message"
    WARN = "warn"
    MUTE = "mute"
    SUSPEND = "suspend"
    BAN = "ban"
    BLACKLIST = "blacklist"
    RESTRICT_GROUP = "restrict_group"
    MUTE_GROUP = "mute_group"
    DISSOLVE_GROUP = "dissolve_group"
    SUSPEND_ADMIN_RIGHTS = "suspend_admin_rights"
    REVOKE_GROUP_CREATION = "revoke_group_creation"
    LOWER_CREDIT = "lower_credit"
    ESCALATE = "escalate"
    NOTE = "note"

    @property
    def spec(self) -> ActionSpec:
        return ACTIONS[self]


class ActionTarget(StrEnum):
    NONE = "none"
    MESSAGE = "message"
    USER = "user"
    GROUP = "group"
    GROUP_OFFICER = "group_officer"  # the group's owner or one of its admins


@dataclass(frozen=True, slots=True)
class ActionSpec:
    action: Action
    target: ActionTarget
    needs_reason: bool
    #: "required", "optional" or "none": whether the action takes a duration.
    duration: str
    two_person: bool
    resolves_case: bool
    en: str
    zh: str


ACTIONS: dict[Action, ActionSpec] = {
    spec.action: spec
    for spec in (
        ActionSpec(Action.APPROVE, ActionTarget.NONE, False, "none", False, True,
                   "Approve: no violation; the message stays", "通过（未违规），消息保留"),
        ActionSpec(Action.DELETE_MESSAGE, ActionTarget.MESSAGE, True, "none", False, True,
                   "Delete the message for all members and tell its author", "删除消息（所有成员不可见）并告知发布者"),
        ActionSpec(Action.WARN, ActionTarget.USER, True, "none", False, True,
                   "Warn the sender; the message stays", "警告发布者，消息保留"),
        ActionSpec(Action.MUTE, ActionTarget.USER, True, "required", False, True,
                   "Mute the sender in every group for a time", "对发布者限时禁言（所有群）"),
        ActionSpec(Action.SUSPEND, ActionTarget.USER, True, "required", False, True,
                   "Suspend the sender's account for a time", "限时暂停发布者账号"),
        ActionSpec(Action.BAN, ActionTarget.USER, True, "none", True, True,
                   "Close the sender's account (needs a second approval)", "封禁发布者账号（需双人复核）"),
        ActionSpec(Action.BLACKLIST, ActionTarget.USER, True, "none", True, True,
                   "Blacklist the sender and report (needs a second approval)",
                   "将发布者列入黑名单并报告（需双人复核）"),
        ActionSpec(Action.RESTRICT_GROUP, ActionTarget.GROUP, True, "optional", False, True,
                   "Restrict the group: no invites, links or files", "限制群功能：禁止邀请、链接和文件"),
        ActionSpec(Action.MUTE_GROUP, ActionTarget.GROUP, True, "optional", False, True,
                   "Mute the whole group: only owner and admins may post", "全员禁言：仅群主和管理员可发言"),
        ActionSpec(Action.DISSOLVE_GROUP, ActionTarget.GROUP, True, "none", True, True,
                   "Dissolve the group (needs a second approval)", "解散群组（需双人复核）"),
        ActionSpec(Action.SUSPEND_ADMIN_RIGHTS, ActionTarget.GROUP_OFFICER, True, "optional", False, True,
                   "Suspend the admin rights of the group's owner or admin", "暂停群主或管理员的管理权限"),
        ActionSpec(Action.REVOKE_GROUP_CREATION, ActionTarget.GROUP_OFFICER, True, "none", False, True,
                   "Revoke the right to create groups", "取消建群资格"),
        ActionSpec(Action.LOWER_CREDIT, ActionTarget.GROUP_OFFICER, True, "none", False, True,
                   "Lower the credit of the group's owner or admin", "降低群主或管理员的信用分"),
        ActionSpec(Action.ESCALATE, ActionTarget.NONE, False, "none", False, False,
                   "Escalate the case to a supervisor", "升级给主管处理"),
        ActionSpec(Action.NOTE, ActionTarget.NONE, False, "none", False, False,
                   "Add a note to the case; nothing else changes", "为案件添加备注，不做其他处理"),
    )
}

DRASTIC_ACTIONS: frozenset[Action] = frozenset(a for a, s in ACTIONS.items() if s.two_person)
#: Actions on the sender that may instead name the group's owner or one of its admins
#: (``target_user_id``): they answer for their group (Arts 9 and 11).
OFFICER_TARGETABLE: frozenset[Action] = frozenset({Action.WARN, Action.BAN, Action.BLACKLIST})


class Outcome(StrEnum):
    APPLIED = "applied"
    NO_VIOLATION = "no_violation"
    PROPOSED = "proposed"
    ESCALATED = "escalated"
    NOTED = "noted"


class ReportOutcome(StrEnum):
    """What a reporter was told about their report (Provisions Art. 12; 2019 Provisions Art. 16)."""

    #: The message broke the rules and something was done (which: the outcome's action).
    ACTION_TAKEN = "action_taken"
    #: The message was found not to break the rules.
    NO_VIOLATION = "no_violation"
    #: What was done was withdrawn on review (an overturn or an undone incident stage).
    REVERSED = "reversed"
    #: The case was opened again after an overturn; a new outcome follows.
    REOPENED = "reopened"


class SanctionKind(StrEnum):
    WARNING = "warning"
    MUTE = "mute"
    SUSPENSION = "suspension"
    BAN = "ban"
    BLACKLIST = "blacklist"
    GROUP_RESTRICTION = "group_restriction"
    GROUP_MUTE = "group_mute"
    GROUP_DISSOLUTION = "group_dissolution"
    ADMIN_RIGHTS_SUSPENSION = "admin_rights_suspension"
    GROUP_CREATION_REVOKED = "group_creation_revoked"


class AuditKind(StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    CLAIM = "claim"
    RELEASE = "release"
    DECISION = "decision"
    PROPOSAL = "proposal"
    APPROVAL = "approval"
    OVERTURN = "overturn"
    CONFIRM = "confirm"
    REVEAL = "reveal"
    IMPORT = "import"
    APPEAL = "appeal"
    ACCOUNT = "account"
    PROPOSAL_EXPIRED = "proposal_expired"
    EXPORT = "export"
    REPORT_MARKED = "report_marked"
    REPORT_DELIVERED = "report_delivered"
    INCIDENT_OPENED = "incident_opened"
    INCIDENT_STAGE = "incident_stage"
    INCIDENT_UNDONE = "incident_undone"
    INCIDENT_CLOSED = "incident_closed"
    RETENTION = "retention"
    LEGAL_HOLD = "legal_hold"
    LEGAL_HOLD_RELEASED = "legal_hold_released"
    PI_EXPORT_REQUESTED = "pi_export_requested"
    PI_EXPORT_REVIEWED = "pi_export_reviewed"
    PI_EXPORT_DOWNLOADED = "pi_export_downloaded"
    PI_EXPORT_LAPSED = "pi_export_lapsed"
    COMPLIANCE_CASE = "compliance_case"
    #: The SLA job escalated the cases past their deadline (payload: their ids).
    SLA_ESCALATED = "sla_escalated"
    #: The credit job gave points back (payload: how many users and points, the rules version).
    CREDIT_RESTORED = "credit_restored"


class HoldSubject(StrEnum):
    """What a legal hold keeps: a user's messages and identity, a group's messages and its
    members' identities, or a case's message, its conversation window and its sender's identity."""

    USER = "user"
    GROUP = "group"
    CASE = "case"


class PiExportStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    DOWNLOADED = "downloaded"
    #: not reviewed, or not downloaded, in time (PI_EXPORT_*_LAPSE in models): ask again
    LAPSED = "lapsed"


class OfficerActionKind(StrEnum):
    """What a group's owner or admin did in their group (their own moderation, Art. 9)."""

    REMOVE_MESSAGE = "remove_message"
    REMOVE_MEMBER = "remove_member"
    MUTE_MEMBER = "mute_member"
    INVITE = "invite"
    RENAME_GROUP = "rename_group"
    ANNOUNCE = "announce"
    APPOINT_ADMIN = "appoint_admin"


class IncidentAction(StrEnum):
    """What one stage of an incident does to everything its definition matches."""

    DELETE_MESSAGES = "delete_messages"
    MUTE_SENDERS = "mute_senders"
    SUSPEND_SENDERS = "suspend_senders"
    RESTRICT_GROUPS = "restrict_groups"


#: Durations, in seconds.
DAY = 86_400
MIN_DURATION = 60
MAX_DURATION = 3650 * DAY
MUTE_PRESETS_DAYS = (1, 7, 30)
DEFAULT_LEASE_SECONDS = 15 * 60
MAX_LEASE_SECONDS = 3 * DAY  # offline check-out
MAX_PAGE = 200
DEFAULT_PAGE = 50
MAX_CONTEXT = 100
DEFAULT_CONTEXT = 10
