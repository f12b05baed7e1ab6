"""Telling reporters the outcome of their reports (Provisions Art. 12; 2019 Provisions Art. 16).

When a case is resolved (a decision, an approved proposal, an incident stage), each of its
reports records what the reporter is told: an outcome (:class:`ReportOutcome`), the action
behind it, the rule broken, the words, and the time. An overturn or an undone incident stage
changes it: "reversed" when the case stays resolved, "reopened" when it goes back to the
queue (the next decision tells them again).

The words name no moderator and no other user: only what was done and which rule the message
broke. The members' side (``GET /members/reports``) shows a reporter their reports with it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.orm import Session

from qunguan.contract import models as api
from qunguan.contract.enums import Action, ReportOutcome
from qunguan.contract.problems import ProblemType
from qunguan.contract.taxonomy import REASONS, ReasonCode

from . import models as db
from .db import Prepared, connection_of
from .errors import ProblemError
from .platform import Platform

#: What was done, in the reporter's words ("We ...").
_DONE: dict[Action, str] = {
    Action.DELETE_MESSAGE: "removed the message",
    Action.WARN: "warned the person who sent it",
    Action.MUTE: "stopped the person who sent it from posting for a time",
    Action.SUSPEND: "suspended the sender's account for a time",
    Action.BAN: "closed the sender's account",
    Action.BLACKLIST: "closed the sender's account",
    Action.RESTRICT_GROUP: "restricted the group's functions",
    Action.MUTE_GROUP: "stopped the whole group from posting for a time",
    Action.DISSOLVE_GROUP: "dissolved the group",
    Action.SUSPEND_ADMIN_RIGHTS: "suspended the rights of a group administrator responsible",
    Action.REVOKE_GROUP_CREATION: "took away the right to create groups from the person responsible",
}
_DONE_OTHER = "took action under the platform's rules"


def told(outcome: ReportOutcome, action: Action | str | None, reason: ReasonCode | str | None) -> str:
    """The words a reporter is given for an outcome."""
    act = Action(action) if action else None
    code = ReasonCode(reason) if reason else None
    rule = f" ({REASONS[code].en})" if code else ""
    if outcome is ReportOutcome.NO_VIOLATION:
        return ("Thank you for your report. We reviewed the message and found that it does not break "
                "the rules, so it stays.")
    if outcome is ReportOutcome.ACTION_TAKEN:
        done = _DONE.get(act, _DONE_OTHER) if act else _DONE_OTHER
        return (f"Thank you for your report. We reviewed the message and found that it breaks the "
                f"rules{rule}. We {done}.")
    if outcome is ReportOutcome.REVERSED:
        return ("We reviewed the earlier decision on the message you reported again, and withdrew "
                "the action taken.")
    return "We are reviewing the message you reported again. We will tell you the outcome."


def outcome_of(action: Action) -> ReportOutcome:
    return ReportOutcome.NO_VIOLATION if action is Action.APPROVE else ReportOutcome.ACTION_TAKEN


_REPORTS = db.Report.__table__
_RECORD = Prepared(update(_REPORTS).where(_REPORTS.c.case_id == bindparam("for_case")))
_WITHDRAW = Prepared(update(_REPORTS).where(_REPORTS.c.outcome_decision_id == bindparam("for_decision")))


def values(action: Action, reason: ReasonCode | str | None, decision_id: int | None, now: datetime) -> dict[str, Any]:
    """The report columns that record telling the reporter the outcome of ``action``."""
    outcome = outcome_of(action)
    reason_code = None if outcome is ReportOutcome.NO_VIOLATION or not reason else str(reason)
    return {"outcome": outcome.value, "outcome_action": action.value, "outcome_reason": reason_code,
            "outcome_text": told(outcome, action, reason_code), "outcome_at": now,
            "outcome_decision_id": decision_id}


def record(session: Session | Connection, case_id: int, decision_id: int, action: Action,
           reason: ReasonCode | str | None, now: datetime) -> None:
    """The case was resolved by ``decision_id``: tell each of its reporters, in the caller's transaction."""
    _RECORD.execute(connection_of(session), {"for_case": case_id, **values(Action(action), reason, decision_id, now)})


def withdraw(session: Session | Connection, decision_id: int, *, reopened: bool, now: datetime) -> None:
    """``decision_id`` was overturned (or its incident stage undone): tell the reporters it told."""
    outcome = ReportOutcome.REOPENED if reopened else ReportOutcome.REVERSED
    _WITHDRAW.execute(connection_of(session), {
        "for_decision": decision_id, "outcome": outcome.value, "outcome_text": told(outcome, None, None),
        "outcome_at": now,
    })


def view(row: Any) -> api.ReporterOutcome | None:
    """The outcome of a report row (None if the reporter has not been told anything yet)."""
    if row.outcome is None:
        return None
    return api.ReporterOutcome(outcome=row.outcome, action=row.outcome_action, reason_code=row.outcome_reason,
                               text=row.outcome_text or "", at=row.outcome_at)


def for_reporter(platform: Platform, reporter_id: int, limit: int) -> list[api.MemberReport]:
    """A reporter's own reports, newest first, each with what they were told."""
    with platform.db.reading() as session:
        if session.get(db.PlatformUser, reporter_id) is None:
            raise ProblemError(404, ProblemType.NOT_FOUND, f"There is no user {reporter_id}.")
        rows = session.execute(
            select(db.Report).where(db.Report.reporter_id == reporter_id)
            .order_by(db.Report.at.desc(), db.Report.id.desc()).limit(limit)
        ).scalars()
        return [api.MemberReport(id=r.id, reason_code=r.reason_code, reason=r.reason, at=r.at, outcome=view(r))
                for r in rows]
