"""The time to handle a case (SLA, Provisions Art. 12: handle reports promptly), from the
published rule set ``rules/sla.json`` (data, versioned), and the job that escalates the cases
that pass their deadline.

Every place that opens a case (the demo seed, the importer, the members' side) takes its
deadline and the rule's name from :func:`case_sla` (or :func:`sla_deadline` and
:func:`sla_rule`), so a deadline can always be traced to the rule that set it.

Escalation sets the case's status to ``escalated``: the existing meaning of escalation on
this platform (a supervisor must take it; the workstation has an "Escalated" queue that
counts, filters and syncs it with no change on the workstation's side). Its priority rises
one step, so within the supervisors' queue the overdue cases of each priority come first. A
live claim held by someone who may decide escalated cases (a supervisor or admin) is kept;
any other claim is released (its holder's pending decision then meets a version conflict,
shown at the workstation, never lost). Each case is escalated at most once
(``sla_escalated_at``), whatever happens to it later."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import and_, bindparam, case, select, update

from qunguan.contract.enums import (
    AuditKind,
    CaseStatus,
    Priority,
)
from qunguan.contract.taxonomy import REASONS, ReasonCategory, ReasonCode, Severity

from . import audit
from . import models as db
from .db import connection_of, next_seq
from .platform import Platform

RULES_FILE = Path(__file__).with_name("rules") / "sla.json"
#: The severity of a case with no suggested reason (as the importer assumes).
DEFAULT_SEVERITY = Severity.MEDIUM
NO_CATEGORY = "none"


@dataclass(frozen=True)
class SlaRules:
    version: str
    #: category (ILL, NEG, PLT or "none") -> severity -> hours
    hours: dict[str, dict[int, float]]
    group_category_factor: dict[str, float]
    minimum: timedelta

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SlaRules:
        hours = {str(cat): {int(sev): float(h) for sev, h in by_sev.items()} for cat, by_sev in data["hours"].items()}
        for cat in (*(c.value for c in ReasonCategory), NO_CATEGORY):
            missing = [int(s) for s in Severity if int(s) not in hours.get(cat, {})]
            if missing:
                raise ValueError(f"SLA rules {data.get('version')}: no hours for {cat} severity {missing}")
        return cls(
            version=str(data["version"]),
            hours=hours,
            group_category_factor={str(k): float(v) for k, v in data.get("group_category_factor", {}).items()},
            minimum=timedelta(minutes=float(data.get("minimum_minutes", 0))),
        )

    def time_to_handle(self, severity: int, category: str | None, group_category: str | None = None) -> timedelta:
        hours = self.hours[category or NO_CATEGORY][int(severity)]
        hours *= self.group_category_factor.get(group_category or "", 1.0)
        return max(timedelta(hours=hours), self.minimum)

    def rule(self, severity: int, category: str | None, group_category: str | None = None) -> str:
        """The rule's name as stored with the case, e.g. ``sla 2026.1: ILL severity 3, school x0.5``."""
        name = f"sla {self.version}: {category or NO_CATEGORY} severity {int(severity)}"
        factor = self.group_category_factor.get(group_category or "")
        if factor is not None and factor != 1.0:
            name += f", {group_category} x{factor:g}"
        return name[:80]


@cache
def rules() -> SlaRules:
    return SlaRules.from_json(json.loads(RULES_FILE.read_text(encoding="utf-8")))


def sla_deadline(created: datetime, severity: int, category: str | None, group_category: str | None = None,
                 *, rule_set: SlaRules | None = None) -> datetime:
    """When a case opened at ``created`` must be handled by: hours by reason category (ILL, NEG,
    PLT; None for no suggested reason) and severity, scaled by the group category's factor."""
    return created + (rule_set or rules()).time_to_handle(severity, category, group_category)


def sla_rule(severity: int, category: str | None, group_category: str | None = None,
             *, rule_set: SlaRules | None = None) -> str:
    return (rule_set or rules()).rule(severity, category, group_category)


def case_sla(created: datetime, reason: ReasonCode | str | None, group_category: str | None,
             severity: int | None = None) -> tuple[datetime, str]:
    """(deadline, rule name) of a case opened at ``created`` with a suggested reason (or none);
    the severity defaults to the reason's in the taxonomy. For every path that opens a case."""
    code = ReasonCode(reason) if reason else None
    if severity is None:
        severity = int(REASONS[code].severity) if code else int(DEFAULT_SEVERITY)
    category = code.category.value if code else None
    return (sla_deadline(created, severity, category, group_category),
            sla_rule(severity, category, group_category))


# --- the escalation job ----------------------------------------------------------------------------------

#: Cases escalated in one transaction: the change sequence's lock (which decisions wait for) is
#: held for one batch at a time, however large the backlog.
BATCH = 500

_CASES = db.Case.__table__
_SEQ = db.Sequencer.__table__
#: A block of change-sequence values in one round trip (one per case: every workstation's
#: /changes then pages through them like any other change).
_TAKE_SEQS = (update(_SEQ).where(_SEQ.c.name == "change").values(value=_SEQ.c.value + bindparam("n"))
              .returning(_SEQ.c.value))


def _overdue(now: Any) -> Any:
    c = _CASES.c
    return and_(c.status == CaseStatus.OPEN.value, c.sla_escalated_at.is_(None), c.resolved_at.is_(None),
                c.sla_deadline < now)


_FIND = (
    select(_CASES.c.id)
    .where(_overdue(bindparam("now")))
    .order_by(_CASES.c.sla_deadline, _CASES.c.id)
    .limit(bindparam("batch"))
    .with_for_update(of=_CASES)
)
#: Built once, run as one executemany per batch. Conditional: a case decided or escalated
#: meanwhile is left alone (the sequence's lock already orders this with decisions and with
#: another worker's run; the condition is the backstop).
_ESCALATE = (
    update(_CASES)
    .where(_CASES.c.id == bindparam("b_id"), _overdue(bindparam("b_now")))
    .values(priority=case((_CASES.c.priority >= int(Priority.URGENT), _CASES.c.priority), else_=_CASES.c.priority + 1),
            sla_escalated_at=bindparam("b_now"), change_seq=bindparam("b_seq"))
)


def escalate_overdue(platform: Platform, now: datetime) -> int:
    """Escalate every open (claimed or not) case whose SLA deadline has passed, once: priority
    one step up and the escalation's time set, each case its own change (so every workstation's
    /changes sees it), one audit event per batch naming the cases. Returns how many.

    The case stays open, in the moderators' queue, with its claim: an overdue backlog moved to
    the few who may take escalated cases would only be later still (and in the demo, whose
    seeded backlog is days old, half the queue would leave the moderators a minute after start).
    The version is not bumped, so a moderator deciding the case meanwhile is not refused as
    stale: nothing they saw changed. Supervisors see overdue work in the queue's SLA column and
    in the SLA figures of the quality charts."""
    total = 0
    while True:
        with platform.db.writing() as session:
            next_seq(session)  # the sequence's row lock orders this batch with decisions and another worker
            connection = connection_of(session)
            rows = connection.execute(_FIND, {"now": now, "batch": BATCH}).all()
            if not rows:
                return total
            top = int(connection.execute(_TAKE_SEQS, {"n": len(rows)}).scalar_one())
            params = [{"b_id": row.id, "b_now": now, "b_seq": seq}
                      for seq, row in enumerate(rows, start=top - len(rows) + 1)]
            connection.execute(_ESCALATE, params)
            escalated = [row.id for row in rows]
            audit.append(session, "system", AuditKind.SLA_ESCALATED, "sla:escalation",
                         {"cases": escalated, "rules_version": rules().version, "at": now}, now)
            total += len(escalated)
        if len(rows) < BATCH:
            return total
