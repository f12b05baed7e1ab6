"""The members' side of the reference platform: posting and reading as a platform user.

Tests and the demo use it to see what a decision changed for the people in a group."""

from __future__ import annotations

from datetime import datetime

from qunguan.contract import models as api
from qunguan.contract.enums import GroupStatus, MessageKind, UserStatus
from qunguan.contract.problems import ProblemType

from . import models as db
from . import views
from .cases import get_group, get_user, message_views, messages_around
from .errors import ProblemError
from .platform import Platform


def _refused(detail: str) -> ProblemError:
    return ProblemError(403, ProblemType.POSTING_REFUSED, detail, title="Posting refused")


def _gone(group: db.Group) -> ProblemError:
    return ProblemError(410, ProblemType.GONE, f"Group {group.id} has been dissolved.")


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
        member = session.get(db.GroupMember, (group.id, user.id))
        officer = member is not None and member.role in ("owner", "admin")
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

