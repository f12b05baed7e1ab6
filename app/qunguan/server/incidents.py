"""Emergency response (Art. 5 of the provisions): an incident is a wave (a scam or rumour
spreading through many groups) defined by keywords, a regular expression, media hashes or a
set of senders, over the messages of the last hours.

A supervisor previews everything the definition matches (messages, groups, users, open cases:
the blast radius) and then acts in stages, each one action with one reason over what was
previewed: the stage names the preview's digest and is refused when the matches changed. A
stage is applied once (its Idempotency-Key), records exactly what it changed, and can be undone
within UNDO_WINDOW. Opening, every stage, every undo and closing are events in the audit chain;
open incidents are listed for every supervisor (the workstation pages them).

Matching (:func:`match`) asks an index for each criterion: media hashes, senders, and for
keywords the substring index over bodies (see text_index.py), each limited to the window by
``sent_at``. A regular expression is tested in Python, never inside the database, where a bad one
would hold a connection, on the window's messages that contain its longest required literal, and
within a time limit (``Settings.incident_regex_seconds``).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import regex
from sqlalchemy import column, select, update
from sqlalchemy import table as sa_table
from sqlalchemy.orm import Session

from qunguan.contract import models as api
from qunguan.contract.enums import (
    Action,
    AuditKind,
    CaseStatus,
    IncidentAction,
    Outcome,
    SanctionKind,
)
from qunguan.contract.problems import ProblemType
from qunguan.contract.taxonomy import ReasonCode

from . import audit, outcomes, text_index, views
from . import models as db
from .db import next_seq, one_or_404
from .deps import Actor
from .errors import ProblemError
from .platform import Platform

UNDO_WINDOW = timedelta(minutes=10)
DEFAULT_DURATION = timedelta(days=7)
TOP = 50
SAMPLE = 200
#: How long one preview may test a regular expression unless the platform's settings say.
REGEX_SECONDS = 5.0
#: A stage's credit moves as the single decision it stands for.
_CREDIT_ACTION = {
    IncidentAction.DELETE_MESSAGES: Action.DELETE_MESSAGE, IncidentAction.MUTE_SENDERS: Action.MUTE,
    IncidentAction.SUSPEND_SENDERS: Action.SUSPEND, IncidentAction.RESTRICT_GROUPS: Action.RESTRICT_GROUP,
}
_OPEN = (CaseStatus.OPEN, CaseStatus.ESCALATED, CaseStatus.APPEALED)


def _bad(detail: str) -> ProblemError:
    return ProblemError(422, ProblemType.VALIDATION, detail, title="Invalid incident")


def compile_definition(definition: api.IncidentDefinition) -> Any:
    """Check a definition; its regular expression compiled (None without one).

    A regular expression is Python's ``re`` syntax (checked by ``re``, whose errors the supervisor
    sees) and is matched by the ``regex`` package in its ``re``-compatible mode, which can stop a
    search at a deadline and lets the process's other threads run meanwhile: ``re`` holds the
    interpreter's lock for the whole of one search, so a catastrophic pattern (nested repetition
    such as ``(a|aa)+$``) would stop the whole worker, not just its own request."""
    if not (definition.keywords or definition.regex or definition.media_hashes or definition.sender_ids):
        raise _bad("Say what belongs to the incident: keywords, a regular expression, media hashes or senders.")
    if definition.regex is None:
        return None
    try:
        re.compile(definition.regex)
    except re.error as exc:
        raise _bad(f"The regular expression does not compile: {exc}.") from exc
    try:
        return regex.compile(definition.regex)
    except regex.error as exc:
        raise _bad(f"The regular expression does not compile: {exc}.") from exc


def _too_slow(limit: float) -> ProblemError:
    # Short enough for the workstation's status line (it shows 200 characters of a problem).
    return ProblemError(
        422, ProblemType.PATTERN_TOO_SLOW,
        f"The regular expression took longer than {limit:g} s and was stopped. Make it more specific: include a "
        "plain piece of 3+ characters, avoid nested repetition such as (a+)+, or shorten the window.",
        title="Pattern too slow")


@dataclass(frozen=True)
class Match:
    messages: list[tuple[int, int, int, datetime, str, str | None, bool]]  # id, group, sender, at, body, hash, gone
    digest: str

    @property
    def message_ids(self) -> list[int]:
        return [m[0] for m in self.messages]

    @property
    def group_ids(self) -> list[int]:
        return sorted({m[1] for m in self.messages})

    @property
    def user_ids(self) -> list[int]:
        return sorted({m[2] for m in self.messages})


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _piece(text: str) -> str | None:
    """The longest part of ``text`` without LIKE's special characters, if the text index can
    look it up (three characters or more): a message containing ``text`` contains it."""
    longest = max(re.split(r"[%_\\]", text), key=len)
    return longest if len(longest) >= text_index.MIN_CHARS else None


def required_literal(source: str) -> str | None:
    """A piece of plain text that every match of the regular expression contains (the longest
    such run of literal characters, found by the standard library's parser of ``re`` syntax),
    or None: none of three characters or more, or the pattern ignores case (the text index folds
    case its own way)."""
    try:
        from re import _constants as sre  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        tree = _parser.parse(source)
    except Exception:  # another Python's internals: no shortcut, the window is scanned
        return None
    if tree.state.flags & re.IGNORECASE:
        return None
    repeats = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
    atomic = getattr(sre, "ATOMIC_GROUP", object())
    runs: list[str] = []

    def walk(items: Any) -> bool:  # False: the pattern ignores case somewhere we look
        current: list[str] = []
        for op, av in items:
            if op is sre.LITERAL:
                current.append(chr(av))
                continue
            runs.append("".join(current))
            current = []
            inner = None  # anything else (a|b, [..], ., ^, lookarounds, x?, x*, back-references) promises no text
            if op is sre.SUBPATTERN:  # a group: (...), (?:...), (?P<n>...), (?s:...)
                if av[1] & re.IGNORECASE:
                    return False
                inner = av[3]
            elif op in repeats and av[0] >= 1:  # x+, x{2,}: x is there at least once
                inner = av[2]
            elif op is atomic:
                inner = av
            if inner is not None and not walk(inner):
                return False
        runs.append("".join(current))
        return True

    if not walk(tree):
        return None
    pieces = [p for p in (_piece(r) for r in runs if r) if p]
    return max(pieces, key=len) if pieces else None


def _indexed(session: Session) -> bool:
    """Whether this SQLite database has the FTS5 trigram index (PostgreSQL's trigram index is
    used by the planner for LIKE by itself)."""
    connection = session.connection()
    return connection.dialect.name == "sqlite" and text_index.exists(connection)


_FTS = sa_table(text_index.TABLE, column("rowid"), column("body"))


def _containing(piece: str) -> Any:
    """Messages whose body contains ``piece`` (ASCII case aside), from the SQLite text index."""
    return db.Message.__table__.c.id.in_(select(_FTS.c.rowid).where(_FTS.c.body.like(f"%{piece}%")))


def match(session: Session, definition: api.IncidentDefinition, now: datetime, *,
          regex_seconds: float = REGEX_SECONDS) -> Match:
    """What the definition matches: the messages of the window that match any of its criteria.

    Each criterion is one query on an index: media hashes and senders on theirs, each keyword
    on the text index (SQLite: the FTS5 trigram table gives the candidates, the keyword's own
    ILIKE decides; a keyword without three plain characters scans the window; PostgreSQL: pg_trgm
    serves the ILIKE), each with the window. A regular expression is tested in Python (never in
    the database, where a bad one would hold a connection) on the window's messages, only those
    containing its longest required literal when it has one; past ``regex_seconds`` the preview is
    refused (:data:`ProblemType.PATTERN_TOO_SLOW`)."""
    pattern = compile_definition(definition)
    deadline = time.monotonic() + regex_seconds
    since = now - timedelta(hours=definition.window_hours)
    table = db.Message.__table__
    columns = (table.c.id, table.c.group_id, table.c.sender_id, table.c.sent_at, table.c.body, table.c.media_hash,
               table.c.deleted_at.is_not(None))
    in_window = table.c.sent_at >= since
    indexed = _indexed(session)
    found: dict[int, tuple[int, int, int, datetime, str, str | None, bool]] = {}

    def collect(*where: Any) -> None:
        for row in session.execute(select(*columns).where(in_window, *where)):
            found[row[0]] = tuple(row)  # type: ignore[assignment]

    for keyword in definition.keywords:
        has = table.c.body.ilike(_like(keyword), escape="\\")
        piece = _piece(keyword) if indexed else None
        if piece:
            collect(_containing(piece), has)
        else:
            collect(has)
    if definition.media_hashes:
        collect(table.c.media_hash.in_(definition.media_hashes))
    if definition.sender_ids:
        collect(table.c.sender_id.in_(definition.sender_ids))
    if pattern is not None:
        literal = required_literal(definition.regex or "")
        candidates = select(table.c.id, table.c.body).where(in_window)
        if literal and indexed:
            candidates = candidates.where(_containing(literal))
        elif literal:
            candidates = candidates.where(table.c.body.like(f"%{literal}%"))
        hits: list[int] = []
        search, clock = pattern.search, time.monotonic
        with session.execute(candidates.execution_options(yield_per=5000)) as rows:  # PostgreSQL: a server cursor
            for part in rows.partitions():
                for mid, body in part:
                    if mid in found:  # matched already by another criterion
                        continue
                    left = deadline - clock()
                    if left <= 0:
                        raise _too_slow(regex_seconds)
                    try:
                        hit = search(body, timeout=left)
                    except TimeoutError as exc:
                        raise _too_slow(regex_seconds) from exc
                    if hit:
                        hits.append(mid)
        for start in range(0, len(hits), 900):
            for row in session.execute(select(*columns).where(table.c.id.in_(hits[start:start + 900]))):
                found[row[0]] = tuple(row)  # type: ignore[assignment]
    messages = [found[mid] for mid in sorted(found)]
    digest = hashlib.sha256(",".join(str(m[0]) for m in messages).encode()).hexdigest()
    return Match(messages, digest)


def preview(session: Session, definition: api.IncidentDefinition, now: datetime, *,
            regex_seconds: float = REGEX_SECONDS) -> api.IncidentPreview:
    started = time.perf_counter()
    found = match(session, definition, now, regex_seconds=regex_seconds)
    by_group = Counter(m[1] for m in found.messages)
    by_user = Counter(m[2] for m in found.messages)
    group_table = db.Group.__table__
    groups: dict[int, tuple[str, int]] = {}
    group_ids = found.group_ids
    for start in range(0, len(group_ids), 900):
        groups.update((gid, (name, members)) for gid, name, members in session.execute(
            select(group_table.c.id, group_table.c.name, group_table.c.member_count)
            .where(group_table.c.id.in_(group_ids[start:start + 900]))))
    top_users = [uid for uid, _ in by_user.most_common(TOP)]
    users = {u.id: u for u in session.execute(select(db.PlatformUser).where(db.PlatformUser.id.in_(top_users)))
             .scalars()} if top_users else {}
    return api.IncidentPreview(
        messages=len(found.messages), groups=len(by_group), users=len(by_user),
        members_reached=sum(members for _, members in groups.values()),
        open_cases=len(_open_case_ids(session, found.message_ids)), digest=found.digest,
        top_groups=[api.MatchedGroup(id=gid, name=groups[gid][0], member_count=groups[gid][1], messages=n)
                    for gid, n in by_group.most_common(TOP)],
        top_users=[api.MatchedUser(id=uid, display_name=users[uid].display_name, credit_score=users[uid].credit_score,
                                   status=views.user_status(users[uid], now), messages=by_user[uid])
                   for uid in top_users],
        sample=[api.MatchedMessage(id=m[0], group_id=m[1], sender_id=m[2], sent_at=m[3], body=m[4][:500],
                                   media_hash=m[5], deleted=m[6]) for m in reversed(found.messages[-SAMPLE:])],
        seconds=round(time.perf_counter() - started, 4),
    )


def preview_definition(platform: Platform, definition: api.IncidentDefinition) -> api.IncidentPreview:
    with platform.db.reading() as session:
        return preview(session, definition, platform.now(),
                       regex_seconds=platform.settings.incident_regex_seconds)


def _open_case_ids(session: Session, message_ids: list[int]) -> list[int]:
    """The open cases of these messages. The status is tested here, not in the query: with it
    there, SQLite walks every open case by ``ix_cases_queue`` for each chunk of 900 message ids
    (0.4 s a chunk on the large data) instead of looking the messages up."""
    cases = db.Case.__table__
    found: list[int] = []
    for start in range(0, len(message_ids), 900):
        found += [cid for cid, status in session.execute(select(cases.c.id, cases.c.status).where(
            cases.c.message_id.in_(message_ids[start:start + 900]))) if status in _OPEN]
    return found


def _open_cases(session: Session, message_ids: list[int], *, lock: bool = False) -> list[db.Case]:
    ids = _open_case_ids(session, message_ids)
    cases: list[db.Case] = []
    for start in range(0, len(ids), 900):
        stmt = select(db.Case).where(db.Case.id.in_(ids[start:start + 900])).order_by(db.Case.id)
        cases += session.execute(stmt.with_for_update(of=db.Case) if lock else stmt).unique().scalars().all()
    return [c for c in cases if c.status in _OPEN]  # read again under the lock


# --- incidents -----------------------------------------------------------------------------------------


def _stage_view(row: db.IncidentStageRow) -> api.IncidentStage:
    counts = {k: len(v) for k, v in row.changed.items() if isinstance(v, list) and k != "previous"}
    return api.IncidentStage(seq=row.seq, action=row.action, reason_code=row.reason_code,
                             duration_seconds=row.duration_seconds, note=row.note, by=row.by.username,
                             applied_at=row.applied_at, undo_until=row.undo_until, undone_at=row.undone_at,
                             counts=counts, audit_seq=row.audit_seq)


def _view(session: Session, row: db.Incident, now: datetime) -> api.Incident:
    stages = session.execute(select(db.IncidentStageRow).where(db.IncidentStageRow.incident_id == row.id)
                             .order_by(db.IncidentStageRow.seq)).scalars()
    return api.Incident(id=row.id, title=row.title, definition=api.IncidentDefinition.model_validate(row.definition),
                        status=row.status, opened_by=row.opened_by.username, opened_at=row.opened_at,
                        closed_at=row.closed_at, stages=[_stage_view(s) for s in stages], as_of=now)


def _get(session: Session, incident_id: int, *, for_update: bool = False) -> db.Incident:
    return one_or_404(session, db.Incident, incident_id, "incident", for_update=for_update)


def open_incident(platform: Platform, actor: Actor, body: api.IncidentOpen) -> api.Incident:
    compile_definition(body.definition)
    now = platform.now()
    with platform.db.writing() as session:
        next_seq(session)
        row = db.Incident(title=body.title, definition=body.definition.model_dump(mode="json"), status="open",
                          opened_by_id=actor.id, opened_at=now)
        session.add(row)
        session.flush()
        audit.append(session, actor.username, AuditKind.INCIDENT_OPENED, f"incident:{row.id}",
                     {"title": body.title, "definition": row.definition}, now)
        session.flush()
        session.refresh(row)
        return _view(session, row, now)


def list_incidents(platform: Platform, status: str | None) -> list[api.Incident]:
    with platform.db.reading() as session:
        stmt = select(db.Incident)
        if status:
            stmt = stmt.where(db.Incident.status == status)
        now = platform.now()
        return [_view(session, r, now) for r in
                session.execute(stmt.order_by(db.Incident.id.desc()).limit(100)).scalars()]


def get_incident(platform: Platform, incident_id: int) -> api.Incident:
    with platform.db.reading() as session:
        return _view(session, _get(session, incident_id), platform.now())


def preview_incident(platform: Platform, incident_id: int) -> api.IncidentPreview:
    with platform.db.reading() as session:
        row = _get(session, incident_id)
        return preview(session, api.IncidentDefinition.model_validate(row.definition), platform.now(),
                       regex_seconds=platform.settings.incident_regex_seconds)


def close_incident(platform: Platform, actor: Actor, incident_id: int) -> api.Incident:
    now = platform.now()
    with platform.db.writing() as session:
        next_seq(session)
        row = _get(session, incident_id, for_update=True)
        if row.status != "closed":
            row.status, row.closed_at = "closed", now
            audit.append(session, actor.username, AuditKind.INCIDENT_CLOSED, f"incident:{row.id}", {}, now)
        session.flush()
        return _view(session, row, now)


# --- stages --------------------------------------------------------------------------------------------


def apply_stage(platform: Platform, actor: Actor, incident_id: int, key: str, body: api.StageRequest
                ) -> tuple[int, api.Incident]:
    """Apply one stage (or, for a key already used, return the incident as it is: once)."""
    if body.action in (IncidentAction.MUTE_SENDERS, IncidentAction.SUSPEND_SENDERS,
                       IncidentAction.RESTRICT_GROUPS) and body.duration_seconds is None:
        raise _bad(f"{body.action.value} needs a duration.")
    now = platform.now()
    with platform.db.writing() as session:
        seq = next_seq(session)
        row = _get(session, incident_id, for_update=True)
        done = session.execute(select(db.IncidentStageRow).where(
            db.IncidentStageRow.incident_id == incident_id, db.IncidentStageRow.idempotency_key == key)
        ).scalar_one_or_none()
        if done is not None:
            if (done.action, done.reason_code) != (body.action.value, body.reason_code.value):
                raise ProblemError(422, ProblemType.IDEMPOTENCY_MISMATCH,
                                   "This Idempotency-Key was already used for a different stage.",
                                   title="Idempotency key reused")
            return 200, _view(session, row, now)
        if row.status != "open":
            raise ProblemError(409, ProblemType.CONFLICT, f"Incident {incident_id} is closed.")
        found = match(session, api.IncidentDefinition.model_validate(row.definition), now,
                      regex_seconds=platform.settings.incident_regex_seconds)
        if found.digest != body.expected_digest:
            raise ProblemError(409, ProblemType.CONFLICT,
                               "What the incident matches changed since the preview: preview again before acting.")
        stages = session.execute(select(db.IncidentStageRow.seq).where(db.IncidentStageRow.incident_id == incident_id)
                                 ).scalars().all()
        changed = _act(session, platform, actor, row, found, body, now, seq, len(stages) + 1)
        stage = db.IncidentStageRow(
            incident_id=incident_id, seq=len(stages) + 1, idempotency_key=key, action=body.action.value,
            reason_code=body.reason_code.value, duration_seconds=body.duration_seconds, note=body.note,
            by_id=actor.id, applied_at=now, undo_until=now + UNDO_WINDOW, changed=changed, audit_seq=0)
        session.add(stage)
        summary = {k: len(v) for k, v in changed.items() if isinstance(v, list) and k != "previous"}
        stage.audit_seq = audit.append(
            session, actor.username, AuditKind.INCIDENT_STAGE, f"incident:{incident_id}",
            {"stage": stage.seq, "action": body.action.value, "reason": body.reason_code.value, "note": body.note,
             "duration": body.duration_seconds, "digest": found.digest, "counts": summary,
             "messages": changed["messages"], "users": changed["users"], "groups": changed["groups"],
             "cases": changed["cases"]}, now)
        session.flush()
        return 201, _view(session, row, now)


def _act(session: Session, platform: Platform, actor: Actor, incident: db.Incident, found: Match,
         body: api.StageRequest, now: datetime, seq: int, stage_seq: int) -> dict[str, Any]:
    action, reason = body.action, ReasonCode(body.reason_code)
    until = now + (timedelta(seconds=body.duration_seconds) if body.duration_seconds else DEFAULT_DURATION)
    changed: dict[str, Any] = {"messages": [], "users": [], "groups": [], "cases": [], "decisions": [],
                               "sanctions": [], "credit": [], "previous": {}}
    messages = db.Message.__table__
    if action is IncidentAction.DELETE_MESSAGES:
        live = [m[0] for m in found.messages if not m[6]]
        for start in range(0, len(live), 900):
            chunk = live[start:start + 900]
            session.execute(update(messages).where(messages.c.id.in_(chunk), messages.c.deleted_at.is_(None))
                            .values(deleted_at=now))
        changed["messages"] = live
        parties = sorted({m[2] for m in found.messages if not m[6]})
    elif action in (IncidentAction.MUTE_SENDERS, IncidentAction.SUSPEND_SENDERS):
        parties = found.user_ids
        kind = SanctionKind.MUTE if action is IncidentAction.MUTE_SENDERS else SanctionKind.SUSPENSION
        field = "muted_until" if kind is SanctionKind.MUTE else "suspended_until"
        for user in session.execute(select(db.PlatformUser).where(db.PlatformUser.id.in_(parties))).scalars():
            previous = getattr(user, field)
            changed["previous"][str(user.id)] = previous.isoformat() if previous else None
            setattr(user, field, max(previous or now, until))
            sanction = db.Sanction(kind=kind, user_id=user.id, reason_code=reason, starts_at=now, ends_at=until)
            session.add(sanction)
            session.flush()
            changed["sanctions"].append(sanction.id)
            changed["users"].append(user.id)
    else:  # restrict groups
        parties = []
        for group in session.execute(select(db.Group).where(db.Group.id.in_(found.group_ids))).scalars():
            changed["previous"][str(group.id)] = group.restricted_until.isoformat() if group.restricted_until else None
            group.restricted_until = max(group.restricted_until or now, until)
            sanction = db.Sanction(kind=SanctionKind.GROUP_RESTRICTION, group_id=group.id, reason_code=reason,
                                   starts_at=now, ends_at=until)
            session.add(sanction)
            session.flush()
            changed["sanctions"].append(sanction.id)
            changed["groups"].append(group.id)
            parties.append(group.owner_id)
    credit_action = _CREDIT_ACTION[action]
    party = "owner" if action is IncidentAction.RESTRICT_GROUPS else "sender"
    moves = [m for m in platform.rules.moves(credit_action.value, reason) if m.party == party and m.delta]
    for user in session.execute(select(db.PlatformUser).where(db.PlatformUser.id.in_(parties))).scalars():
        for move in moves:
            before = user.credit_score
            user.credit_score = platform.rules.clamp(before + move.delta)
            event = db.CreditEvent(user_id=user.id, at=now, delta=user.credit_score - before,
                                   score_after=user.credit_score, rule=f"incident.{move.rule}",
                                   rules_version=platform.rules.version, decision_id=None)
            session.add(event)
            session.flush()
            changed["credit"].append(event.id)
    # The wave's open cases leave the queues: one decision each, recorded as the stage's.
    if action is IncidentAction.DELETE_MESSAGES or action is IncidentAction.MUTE_SENDERS \
            or action is IncidentAction.SUSPEND_SENDERS:
        for case in _open_cases(session, found.message_ids, lock=True):
            decision = db.Decision(
                idempotency_key=f"incident:{incident.id}:{stage_seq}:{case.id}", actor_id=actor.id, case_id=case.id,
                action=credit_action, reason_code=reason, note=body.note or incident.title,
                duration_seconds=body.duration_seconds, target_user_id=case.sender_id, group_id=case.group_id,
                reason_category=reason.category.value, decided_at=now, recorded_at=now, outcome=Outcome.APPLIED,
                effects=[{"kind": "incident", "subject": f"incident:{incident.id}",
                          "detail": f"stage {stage_seq}: {action.value}"}])
            session.add(decision)
            session.flush()
            case.status, case.resolved_at = CaseStatus.RESOLVED, now
            outcomes.record(session, case.id, decision.id, credit_action, reason, now)  # tell the reporters
            case.claim_holder_id = case.claim_expires_at = None
            case.version += 1
            case.change_seq = seq
            changed["cases"].append(case.id)
            changed["decisions"].append(decision.id)
    return changed


def undo_stage(platform: Platform, actor: Actor, incident_id: int, stage_seq: int) -> api.Incident:
    now = platform.now()
    with platform.db.writing() as session:
        seq = next_seq(session)
        incident = _get(session, incident_id, for_update=True)
        stage = session.execute(select(db.IncidentStageRow).where(
            db.IncidentStageRow.incident_id == incident_id, db.IncidentStageRow.seq == stage_seq)
            .with_for_update(of=db.IncidentStageRow)).unique().scalar_one_or_none()
        if stage is None:
            raise ProblemError(404, ProblemType.NOT_FOUND, f"Incident {incident_id} has no stage {stage_seq}.")
        if stage.undone_at is not None:
            raise ProblemError(409, ProblemType.CONFLICT, f"Stage {stage_seq} was already undone.")
        if now > stage.undo_until:
            raise ProblemError(409, ProblemType.CONFLICT,
                               f"Stage {stage_seq}'s undo window ended at {stage.undo_until.isoformat()}; "
                               "overturn its decisions one by one from the history instead.")
        changed = stage.changed
        messages = db.Message.__table__
        ids = changed["messages"]
        for start in range(0, len(ids), 900):
            session.execute(update(messages).where(messages.c.id.in_(ids[start:start + 900]),
                                                   messages.c.deleted_by_decision_id.is_(None))
                            .values(deleted_at=None))
        previous = changed.get("previous", {})
        for sanction in session.execute(select(db.Sanction).where(db.Sanction.id.in_(changed["sanctions"]))).scalars():
            sanction.lifted_at = now
            before = previous.get(str(sanction.user_id if sanction.user_id is not None else sanction.group_id))
            restored = datetime.fromisoformat(before) if before else None
            if sanction.user_id is not None:
                user = session.get(db.PlatformUser, sanction.user_id)
                assert user is not None
                field = "muted_until" if sanction.kind == SanctionKind.MUTE else "suspended_until"
                setattr(user, field, restored)
            elif sanction.group_id is not None:
                group = session.get(db.Group, sanction.group_id)
                assert group is not None
                group.restricted_until = restored
        for event in session.execute(select(db.CreditEvent).where(db.CreditEvent.id.in_(changed["credit"]))).scalars():
            user = session.get(db.PlatformUser, event.user_id)
            assert user is not None
            before = user.credit_score
            user.credit_score = platform.rules.clamp(before - event.delta)
            session.add(db.CreditEvent(user_id=user.id, at=now, delta=user.credit_score - before,
                                       score_after=user.credit_score, rule=f"undo.{event.rule}",
                                       rules_version=platform.rules.version, decision_id=None))
        undone = list(session.execute(select(db.Decision).where(db.Decision.id.in_(changed["decisions"]))).scalars())
        for decision in undone:
            decision.review = "overturned"
        reopened: set[int] = set()
        for case in session.execute(select(db.Case).where(db.Case.id.in_(changed["cases"]))
                                    .with_for_update(of=db.Case)).unique().scalars():
            if case.status == CaseStatus.RESOLVED:
                case.status, case.resolved_at = CaseStatus.OPEN, None
                case.version += 1
                case.change_seq = seq
                reopened.add(case.id)
        for decision in undone:  # the reporters the stage told are told it was withdrawn
            outcomes.withdraw(session, decision.id, reopened=decision.case_id in reopened, now=now)
        stage.undone_at = now
        audit.append(session, actor.username, AuditKind.INCIDENT_UNDONE, f"incident:{incident_id}",
                     {"stage": stage_seq, "counts": {k: len(v) for k, v in changed.items()
                                                     if isinstance(v, list)}}, now)
        session.flush()
        return _view(session, incident, now)
