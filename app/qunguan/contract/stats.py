"""Statistics for supervisors (``GET /stats``): backlog, throughput, decision mix, each
moderator's counts and agreement with reviews, and SLA breaches, day by day.

Definitions (every time is UTC, every day a UTC calendar day):

* A case is *unresolved* while it has no resolution time: it is open (claimed or not),
  escalated or awaiting a second approval. An appealed case was resolved once and counts as
  resolved here (its appeal is a queue of its own). A case whose approval was overturned is
  open again and counts as unresolved from its creation on (its earlier resolution is not kept).
* Decisions are the recorded decision rows, as in ``GET /decisions``: a drastic action
  that needed a second approval counts twice (the proposal and the approval), each for its
  own author. They are placed in time by when the platform recorded them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: The longest window ``GET /stats`` covers, in days.
MAX_STATS_DAYS = 366
#: The window when none is given, in days before ``until``.
DEFAULT_STATS_DAYS = 30


class _Response(BaseModel):
    model_config = ConfigDict(frozen=True)


class BacklogNow(_Response):
    """Cases by status now, split as in ``GET /cases/counts``: ``open`` has no live claim,
    ``claimed`` is an open case under a live claim (the two together are the stored status
    "open")."""

    open: int
    claimed: int
    escalated: int
    appealed: int
    awaiting_second_approval: int
    resolved: int
    #: Unresolved cases (open, claimed, escalated, awaiting a second approval) whose SLA deadline has passed.
    overdue: int


class DayStats(_Response):
    """One UTC day of the window. The first and last day count only what falls inside the
    window."""

    day: date
    #: Cases created that day.
    created: int
    #: Cases resolved that day (by their current resolution time).
    resolved: int
    #: Unresolved cases at the end of the day (at ``until`` for the window's last day): created
    #: before then and not resolved by then.
    backlog_end: int
    #: Cases whose SLA deadline fell that day (and had passed) while they were still unresolved.
    sla_breaches: int
    #: Decisions recorded that day, by action (actions with none are left out).
    decisions_by_action: dict[str, int] = Field(default_factory=dict)


class ModeratorStats(_Response):
    """One staff member's decisions in the window. Every active moderator is listed (with
    zeros if idle), and anyone else who decided something in the window."""

    moderator_id: int
    username: str
    display_name: str
    role: str
    decisions: int
    by_action: dict[str, int] = Field(default_factory=dict)
    #: By reason code; decisions without one (approve, escalate, note) are left out.
    by_reason: dict[str, int] = Field(default_factory=dict)
    #: Of the window's decisions, how many a supervisor has reviewed, confirmed and overturned.
    reviewed: int
    confirmed: int
    overturned: int
    #: confirmed / reviewed; null when none were reviewed.
    agreement: float | None = None
    #: Median seconds from a case's creation to this moderator's decision on it; null without decisions.
    median_seconds_to_decision: float | None = None


class Stats(_Response):
    #: The window is [since, until), in UTC.
    since: datetime
    until: datetime
    bucket: Literal["day"] = "day"
    backlog_now: BacklogNow
    days: list[DayStats]
    #: Decisions in the window by reason code (decisions without one are left out).
    reason_mix: dict[str, int] = Field(default_factory=dict)
    #: Decisions in the window by reason category (ILL, NEG, PLT).
    category_mix: dict[str, int] = Field(default_factory=dict)
    moderators: list[ModeratorStats]
