"""The members' side of the reference platform: posting and reading as a platform user.

Tests and the demo use it to see what a decision changed for the people in a group."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qunguan.contract import models as api
from qunguan.contract.enums import GroupStatus, MessageKind, UserStatus
from qunguan.contract.problems import ProblemType

from . import membership, views
from . import models as db
from .cases import get_group, get_user, message_views, messages_around
from .errors import ProblemError
from .platform import Platform

#: The window ``posting_rate_per_minute`` counts in.
RATE_WINDOW = timedelta(minutes=1)


def _refused(detail: str) -> ProblemError:
    return ProblemError(403, ProblemType.POSTING_REFUSED, detail, title="Posting refused")


def _gone(group: db.Group) -> ProblemError:
    return ProblemError(410, ProblemType.GONE, f"Group {group.id} has been dissolved.")


def _check_credit_limits(platform: Platform, session: Session, user: db.PlatformUser, kind: MessageKind,
                         now: datetime) -> None:
    """The functions the published credit rules limit at the user's score (Art. 7): at 0 the user
    is muted; below a tier's floor links and files, or the posting rate, are limited. (Group
    creation and invitations are limited where groups are created and members invited.)"""
    rules = platform.rules
    score = user.credit_score
    limits = rules.limits(score)

    def refused(limit: str, what: str) -> ProblemError:
        return _refused(f"User {user.id}'s credit score is {score}, below {rules.limit_floor(limit)}: {what} "
                        f"(credit limit {limit}, rules {rules.version}).")

    if "muted" in limits:
        raise refused("muted", "they may not post")
    if "no_links" in limits and kind in (MessageKind.LINK, MessageKind.FILE):
        raise refused("no_links", "links and files may not be posted")
    if "posting_rate_limited" in limits:
        # Serialise this user's posts, so that two at once cannot both pass the count.
        session.execute(select(db.PlatformUser.id).where(db.PlatformUser.id == user.id).with_for_update())
        rate = rules.posting_rate_per_minute
        recent = session.scalar(select(func.count()).select_from(db.Message).where(
            db.Message.sender_id == user.id, db.Message.sent_at > now - RATE_WINDOW))
        if (recent or 0) >= rate:
            raise refused("posting_rate_limited", f"at most {rate} messages a minute may be posted")


def post(platform: Platform, group_id: int, request: api.PostMessageRequest) -> api.Message:
    now = platform.now()
    with platform.db.writing() as session:
        group = get_group(session, group_id)
        user = get_user(session, request.sender_id)
        if views.group_status(group, now) is GroupStatus.DISSOLVED:
            raise _gone(group)
        status = views.user_status(user, now)
        if status is not UserStatus.ACTIVE:
            raise _refused(f"User {user.id} is {status.value} and may not post.")
        _check_credit_limits(platform, session, user, request.kind, now)
        member = session.get(db.GroupMember, (group.id, user.id))
        # An officer whose admin rights are suspended posts as any member would.
        officer = membership.officer_powers(member, now)
        group_state = views.group_status(group, now)
        if group_state is GroupStatus.MUTED and not officer:
            raise _refused(f"Group {group.id} is muted: only the owner and admins may post.")
        if group_state is GroupStatus.RESTRICTED and request.kind in (MessageKind.LINK, MessageKind.FILE):
            raise _refused(f"Group {group.id} is restricted: links and files may not be posted.")
        if member is None:
            if group.member_count >= group.member_cap:
                raise _refused(f"Group {group.id} is full ({group.member_count}/{group.member_cap}).")
            session.add(db.GroupMember(group_id=group.id, user_id=user.id, role="member", joined_at=now))
            group.member_count += 1
        message = db.Message(group_id=group.id, sender_id=user.id, sent_at=now, kind=request.kind, body=request.body)
        session.add(message)
        session.flush()
        return message_views(session, [message])[0]


def read(platform: Platform, group_id: int, before: int | None, limit: int) -> api.MessagePage:
    """What members see: deleted messages are gone; a dissolved group is gone."""
    now: datetime = platform.now()
    with platform.db.reading() as session:
        group = get_group(session, group_id)
        if views.group_status(group, now) is GroupStatus.DISSOLVED:
            raise _gone(group)
        rows, more = messages_around(session, group_id, before=before, after=None, limit=limit,
                                     include_deleted=False)
        return api.MessagePage(items=message_views(session, rows), has_more=more)

