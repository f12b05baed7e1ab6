"""Import a platform export (JSON Lines, see :mod:`qunguan.contract.imports`): groups, users,
messages with their attachments, and reports, which open cases.

All or nothing.  The file is read and checked line by line first (JSON, schema, ids that
appear twice); then, in the one write transaction that will hold the rows, every line is
checked against the platform (ids already taken, references to groups, users and messages
that are neither in the file nor on the platform, the order of messages within a group).
Only a file without a single bad line is written, with Core bulk inserts, and an ``import``
event is appended to the audit chain in the same transaction.  Any exception rolls the
whole transaction back.

What the rows become:

* users start ``active``; ``credit_score`` defaults to the credit rules' initial score;
* a group's owner and admins become its members (roles ``owner`` and ``admin``, joined when
  the group was created), and so does everyone who posts in it (role ``member``, joined at
  their first message); a group's ``member_count`` is raised to the members it is known
  to have, and an existing group's count grows by the posters it gains;
* reports of a message without a case open one (status ``open``), as :mod:`.seed` builds
  them: the suggested reason is the reports' most common ``reason_code`` (ties go to the
  more severe, then the lower code; none if no report has a code), severity comes from it
  (medium without one), the priority from severity, group tier and report count, the SLA
  deadline is the published rule's hours (rules/sla.json, by reason category, severity and
  group category; see :mod:`.sla`) after the first report, which is also when the case was
  created;
* reports of a message that already has a case join it: its ``report_count`` grows and it
  gets a new ``change_seq`` (its priority, status and version stay as they are).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from qunguan.contract.enums import AuditKind
from qunguan.contract.imports import IMPORT_RECORD, GroupRecord, MessageRecord, ReportRecord, UserRecord
from qunguan.contract.models import NO_NUL
from qunguan.contract.taxonomy import REASONS, ReasonCode, Severity

from . import audit, models, text_index
from .credit import load_rules
from .db import Database, next_seq
from .seed import excerpt_of
from .sla import case_sla

#: How many bad lines an :class:`ImportFailed` lists; it counts the rest.
MAX_ERRORS = 100
#: Rows per bulk insert, and ids per ``IN (...)`` lookup.
BATCH = 5_000
CHUNK = 500
#: Times up to this far ahead of the importer's clock are taken as clock skew, not refused.
CLOCK_SKEW = timedelta(minutes=5)
DEFAULT_SEVERITY = Severity.MEDIUM
TYPES = ("group", "user", "message", "report")


@dataclass
class ImportReport:
    file: str
    sha256: str
    users: int = 0
    groups: int = 0
    members: int = 0
    messages: int = 0
    attachments: int = 0
    reports: int = 0
    cases_opened: int = 0
    cases_updated: int = 0
    audit_seq: int = 0
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        return {"users": self.users, "groups": self.groups, "members": self.members, "messages": self.messages,
                "attachments": self.attachments, "reports": self.reports, "cases_opened": self.cases_opened,
                "cases_updated": self.cases_updated}


class ImportFailed(Exception):
    """The file was refused and nothing was applied. ``errors`` holds (line, reason) pairs in
    line order, at most :data:`MAX_ERRORS` of them; ``more`` counts the rest.  Line 0 is
    about the file as a whole."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        ordered = sorted(errors, key=lambda e: e[0])
        self.errors = ordered[:MAX_ERRORS]
        self.more = len(ordered) - len(self.errors)
        more = f" (and {self.more} more)" if self.more else ""
        super().__init__(f"{len(ordered)} problem(s) in the file{more}; nothing was imported")


# --- reading the file -----------------------------------------------------------------------------


@dataclass
class _Parsed:
    name: str
    sha256: str = ""
    size: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    users: dict[int, tuple[int, UserRecord]] = field(default_factory=dict)
    groups: dict[int, tuple[int, GroupRecord]] = field(default_factory=dict)
    messages: dict[int, tuple[int, MessageRecord]] = field(default_factory=dict)
    reports: dict[int, tuple[int, ReportRecord]] = field(default_factory=dict)
    #: Ids of lines that were refused but say what they are: references to them are not
    #: reported again (the line itself is).
    declared: dict[str, set[int]] = field(default_factory=lambda: {t: set() for t in TYPES})
    #: (type, id) -> the first line that has it.
    first_line: dict[tuple[str, int], int] = field(default_factory=dict)

    @property
    def records(self) -> int:
        return len(self.users) + len(self.groups) + len(self.messages) + len(self.reports)

    def known(self, kind: str, ident: int) -> bool:
        return (kind, ident) in self.first_line


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key {key!r} appears twice")
        out[key] = value
    return out


def _lines(path: Path, parsed: _Parsed) -> Iterator[tuple[int, bytes]]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            digest.update(raw)
            parsed.size += len(raw)
            yield number, raw
    parsed.sha256 = digest.hexdigest()


def _read(path: Path) -> _Parsed:
    parsed = _Parsed(name=path.name)
    tables: dict[str, dict[int, tuple[int, Any]]] = {
        "group": parsed.groups, "user": parsed.users, "message": parsed.messages, "report": parsed.reports,
    }
    try:
        for number, raw in _lines(path, parsed):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                parsed.errors.append((number, f"not UTF-8 text (byte {exc.start + 1} of the line)"))
                continue
            line = line.rstrip("\r\n")
            if number == 1:
                line = line.removeprefix("\ufeff")
            if not line.strip():
                continue
            try:
                data = json.loads(line, object_pairs_hook=_no_duplicate_keys)
            except json.JSONDecodeError as exc:
                parsed.errors.append((number, f"malformed JSON: {exc.msg} (column {exc.colno})"))
                continue
            except ValueError as exc:
                parsed.errors.append((number, f"malformed JSON: {exc}"))
                continue
            if not isinstance(data, dict):
                parsed.errors.append((number, f"expected a JSON object, found {type(data).__name__}"))
                continue
            kind, ident = data.get("type"), data.get("id")
            try:
                record = IMPORT_RECORD.validate_json(line)
            except ValidationError as exc:
                parsed.errors.append((number, describe(exc)))
                if kind in TYPES and type(ident) is int and ident > 0:
                    _first(parsed, kind, ident, number)
                    parsed.declared[kind].add(ident)
                continue
            if _first(parsed, record.type, record.id, number):
                tables[record.type][record.id] = (number, record)
    except OSError as exc:
        raise ImportFailed([(0, f"cannot read {path}: {exc.strerror or exc}")]) from exc
    if not parsed.records and not parsed.errors:
        parsed.errors.append((0, "the file holds no records"))
    return parsed


def _first(parsed: _Parsed, kind: str, ident: int, number: int) -> bool:
    """Note that line ``number`` has (kind, ident); refuse it if an earlier line had it."""
    earlier = parsed.first_line.get((kind, ident))
    if earlier is None:
        parsed.first_line[(kind, ident)] = number
        return True
    parsed.errors.append((number, f"duplicate {kind} id {ident}: line {earlier} has it already"))
    return False


# --- plain words for pydantic's errors ------------------------------------------------------------

_SHOULD = re.compile(r"^(?:Input|String|List|Value|Dictionary|Object)\s+should\b")


def _field(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _got(value: Any) -> str:
    if isinstance(value, dict | list):
        return ""
    shown = repr(value)
    return f" (got {shown[:60]}{'…' if len(shown) > 60 else ''})"


def _one(error: Any) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    if loc and loc[0] in TYPES:
        loc = loc[1:]
    name = _field(loc)
    ctx = error.get("ctx") or {}
    if kind == "union_tag_invalid":
        return f"unknown type {ctx.get('tag')!r} (expected one of: {', '.join(TYPES)})"
    if kind == "union_tag_not_found":
        return f"no \"type\" field (expected one of: {', '.join(TYPES)})"
    if kind == "json_invalid":
        return f"malformed JSON: {ctx.get('error', error['msg'])}"
    if not name and kind in ("dict_type", "model_type", "model_attributes_type"):
        return "expected a JSON object"
    if kind == "missing":
        return f"missing field '{name}'"
    if kind == "extra_forbidden":
        return f"unknown field '{name}'"
    if kind == "timezone_aware":
        return f"'{name}' has no timezone offset (write e.g. 2026-11-20T09:00:00+08:00 or ...Z)"
    if kind.startswith("datetime_"):
        return f"'{name}' is not an ISO 8601 date and time with an offset{_got(error['input'])}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == NO_NUL:
            return f"'{name}' contains a NUL character"
        if name.endswith("sha256"):
            return f"'{name}' must be 64 lowercase hex digits{_got(error['input'])}"
    if kind == "enum":
        expected = str(ctx.get("expected", ""))
        hint = f" (expected {expected})" if len(expected) <= 120 else ""
        return f"'{name}' has an unknown value {error['input']!r}{hint}"
    if kind == "value_error":
        message = str(error["msg"]).removeprefix("Value error, ")
        return f"'{name}': {message}" if name else message
    message = _SHOULD.sub("should", str(error["msg"]))
    if name:
        return f"'{name}' {message}{_got(error['input'])}"
    return message


def describe(exc: ValidationError) -> str:
    """A pydantic error in plain words naming the fields, e.g. ``missing field 'name'``."""
    return "; ".join(dict.fromkeys(_one(error) for error in exc.errors(include_url=False)))


# --- checking against the platform ----------------------------------------------------------------


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for i in range(0, len(ordered), CHUNK):
        yield ordered[i:i + CHUNK]


def _existing(session: Session, column: Any, ids: Iterable[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(ids):
        found.update(session.scalars(select(column).where(column.in_(chunk))))
    return found


@dataclass
class _DbMessage:
    id: int
    group_id: int
    sender_id: int
    sent_at: datetime
    body: str


@dataclass
class _GroupInfo:
    tier: int
    category: str
    created_at: datetime


def _group_infos(session: Session, ids: Iterable[int]) -> dict[int, _GroupInfo]:
    g = models.Group
    found: dict[int, _GroupInfo] = {}
    for chunk in _chunks(ids):
        for gid, tier, category, created in session.execute(
            select(g.id, g.tier, g.category, g.created_at).where(g.id.in_(chunk))
        ):
            found[gid] = _GroupInfo(tier, category, created)
    return found


class _Plan:
    """Everything the import will write, worked out and checked in one session."""

    def __init__(self, session: Session, parsed: _Parsed, now: datetime) -> None:
        self.session = session
        self.p = parsed
        self.now = now
        self.errors: list[tuple[int, str]] = []
        self.rules = load_rules()

    def fail(self, line: int, reason: str) -> None:
        self.errors.append((line, reason))

    # --- the checks ---------------------------------------------------------------------------

    def check(self) -> list[tuple[int, str]]:
        p = self.p
        s = self.session
        self._taken("user", p.users, models.PlatformUser.id)
        self._taken("group", p.groups, models.Group.id)
        self._taken("message", p.messages, models.Message.id)
        self._taken("report", p.reports, models.Report.id)

        wanted_users = {r.owner_id for _, r in p.groups.values()}
        wanted_users.update(a for _, r in p.groups.values() for a in r.admins)
        wanted_users.update(r.sender_id for _, r in p.messages.values())
        wanted_users.update(r.reporter_id for _, r in p.reports.values())
        self.db_users = _existing(s, models.PlatformUser.id, (u for u in wanted_users if not p.known("user", u)))

        wanted_groups = {r.group_id for _, r in p.messages.values() if not p.known("group", r.group_id)}
        self.db_groups = _group_infos(s, wanted_groups)

        wanted_messages = {r.message_id for _, r in p.reports.values() if not p.known("message", r.message_id)}
        self.db_messages: dict[int, _DbMessage] = {}
        for chunk in _chunks(wanted_messages):
            m = models.Message
            for mid, gid, sender, sent_at, body in s.execute(
                select(m.id, m.group_id, m.sender_id, m.sent_at, m.body).where(m.id.in_(chunk))
            ):
                self.db_messages[mid] = _DbMessage(mid, gid, sender, sent_at, body)

        for line, user in p.users.values():
            self._not_future(line, "created_at", user.created_at)
            score = user.credit_score
            if score is not None and not self.rules.minimum <= score <= self.rules.maximum:
                self.fail(line, f"'credit_score' {score} is outside the platform's range "
                                f"{self.rules.minimum}-{self.rules.maximum}")
        for line, group in p.groups.values():
            self._not_future(line, "created_at", group.created_at)
            self._user(line, "owner", group.owner_id)
            for admin in group.admins:
                self._user(line, "admin", admin)
        for line, message in p.messages.values():
            self._not_future(line, "sent_at", message.sent_at)
            self._user(line, "sender", message.sender_id)
            created = self._group_created(message.group_id)
            if created is None:
                if not self._declared("group", message.group_id):
                    self.fail(line, f"group {message.group_id} is neither in the file nor on the platform")
            elif message.sent_at < created:
                self.fail(line, f"message {message.id} was sent ({_iso(message.sent_at)}) before its group "
                                f"{message.group_id} was created ({_iso(created)})")
        self._order()
        for line, report in p.reports.values():
            self._not_future(line, "at", report.at)
            self._user(line, "reporter", report.reporter_id)
            sent = self._message_sent(report.message_id)
            if sent is None:
                if not self._declared("message", report.message_id):
                    self.fail(line, f"message {report.message_id} is neither in the file nor on the platform")
            elif report.at < sent:
                self.fail(line, f"report {report.id} is dated {_iso(report.at)}, before message "
                                f"{report.message_id} was sent ({_iso(sent)})")
        return self.errors

    def _taken(self, kind: str, records: dict[int, tuple[int, Any]], column: Any) -> None:
        for ident in sorted(_existing(self.session, column, records)):
            self.fail(records[ident][0], f"{kind} {ident} already exists on the platform")

    def _declared(self, kind: str, ident: int) -> bool:
        return ident in self.p.declared[kind]

    def _user(self, line: int, role: str, uid: int) -> None:
        if not self.p.known("user", uid) and uid not in self.db_users:
            self.fail(line, f"{role} {uid} is neither a user in the file nor on the platform")

    def _not_future(self, line: int, name: str, at: datetime) -> None:
        if at > self.now + CLOCK_SKEW:
            self.fail(line, f"'{name}' {_iso(at)} is in the future (now is {_iso(self.now)})")

    def _group_created(self, gid: int) -> datetime | None:
        if gid in self.p.groups:
            return self.p.groups[gid][1].created_at
        info = self.db_groups.get(gid)
        return info.created_at if info else None

    def _message_sent(self, mid: int) -> datetime | None:
        if mid in self.p.messages:
            return self.p.messages[mid][1].sent_at
        known = self.db_messages.get(mid)
        return known.sent_at if known else None

    def _order(self) -> None:
        """Within a group, message ids increase with ``sent_at``: the new messages among
        themselves, and after the newest message the group already has."""
        by_group: dict[int, list[tuple[int, MessageRecord]]] = defaultdict(list)
        for line, message in self.p.messages.values():
            by_group[message.group_id].append((line, message))
        newest: dict[int, tuple[int, datetime]] = {}
        for chunk in _chunks(g for g in by_group if g in self.db_groups):
            for gid, top_id, top_sent in self.session.execute(
                select(models.Message.group_id, func.max(models.Message.id), func.max(models.Message.sent_at))
                .where(models.Message.group_id.in_(chunk)).group_by(models.Message.group_id)
            ):
                newest[gid] = (top_id, top_sent)
        for gid, items in by_group.items():
            items.sort(key=lambda item: item[1].id)
            top = newest.get(gid)
            previous: tuple[int, MessageRecord] | None = None
            for line, message in items:
                if top is not None and message.id < top[0]:
                    self.fail(line, f"message {message.id} would go before message {top[0]}, the newest of group "
                                    f"{gid} on the platform: new messages of a group need higher ids")
                elif top is not None and message.sent_at < top[1]:
                    self.fail(line, f"message {message.id} was sent at {_iso(message.sent_at)}, before the newest "
                                    f"message of group {gid} on the platform ({_iso(top[1])}): ids must increase "
                                    "with sent_at")
                elif previous is not None and message.sent_at < previous[1].sent_at:
                    self.fail(line, f"message {message.id} was sent at {_iso(message.sent_at)}, before message "
                                    f"{previous[1].id} of the same group (line {previous[0]}, sent "
                                    f"{_iso(previous[1].sent_at)}): ids must increase with sent_at")
                if previous is None or message.sent_at >= previous[1].sent_at:
                    previous = (line, message)

    # --- the writes ---------------------------------------------------------------------------

    def _insert(self, table: Any, rows: list[dict[str, Any]]) -> None:
        for i in range(0, len(rows), BATCH):
            self.session.execute(insert(table), rows[i:i + BATCH])

    def write(self, report: ImportReport) -> None:
        p = self.p
        s = self.session
        users = [r for _, r in sorted(p.users.values(), key=lambda v: v[1].id)]
        groups = [r for _, r in sorted(p.groups.values(), key=lambda v: v[1].id)]
        messages = [r for _, r in sorted(p.messages.values(), key=lambda v: v[1].id)]
        reports = [r for _, r in sorted(p.reports.values(), key=lambda v: v[1].id)]

        self._insert(models.PlatformUser.__table__, [{
            "id": u.id, "display_name": u.display_name, "real_name": u.real_name, "phone": u.phone,
            "real_name_verified": u.real_name_verified,
            "credit_score": self.rules.initial if u.credit_score is None else u.credit_score,
            "status": "active", "muted_until": None, "suspended_until": None, "can_create_groups": True,
            "created_at": u.created_at,
        } for u in users])

        # Members: the officers of new groups, then first-time posters.
        members: dict[tuple[int, int], dict[str, Any]] = {}
        for g in groups:
            members[(g.id, g.owner_id)] = {"group_id": g.id, "user_id": g.owner_id, "role": "owner",
                                           "joined_at": g.created_at, "admin_suspended_until": None}
            for admin in g.admins:
                members[(g.id, admin)] = {"group_id": g.id, "user_id": admin, "role": "admin",
                                          "joined_at": g.created_at, "admin_suspended_until": None}
        posters = {(m.group_id, m.sender_id) for m in messages}
        already: set[tuple[int, int]] = set()
        old_groups = sorted({gid for gid, _ in posters if gid not in p.groups})
        for chunk in _chunks(old_groups):
            gm = models.GroupMember
            already.update((gid, uid) for gid, uid in s.execute(
                select(gm.group_id, gm.user_id).where(gm.group_id.in_(chunk))))
        joined: dict[int, int] = Counter()
        for m in messages:  # in id order, so the first message sets joined_at
            key = (m.group_id, m.sender_id)
            if key in members or key in already:
                continue
            members[key] = {"group_id": m.group_id, "user_id": m.sender_id, "role": "member",
                            "joined_at": m.sent_at, "admin_suspended_until": None}
            joined[m.group_id] += 1

        member_total: dict[int, int] = Counter(gid for gid, _ in members)
        self._insert(models.Group.__table__, [{
            "id": g.id, "name": g.name, "owner_id": g.owner_id, "member_count": max(g.member_count, member_total[g.id]),
            "member_cap": g.member_cap, "category": g.category.value, "tier": g.tier, "status": "active",
            "restricted_until": None, "muted_until": None, "dissolved_at": None, "created_at": g.created_at,
        } for g in groups])
        self._insert(models.GroupMember.__table__, list(members.values()))
        groups_table = models.Group.__table__
        for gid in sorted(g for g in joined if g not in p.groups):
            s.execute(update(groups_table).where(groups_table.c.id == gid)
                      .values(member_count=groups_table.c.member_count + joined[gid]))

        with text_index.inserting_many(s.connection()) as indexed:  # bodies indexed in bulk
            self._insert(models.Message.__table__, [{
                "id": m.id, "group_id": m.group_id, "sender_id": m.sender_id, "sent_at": m.sent_at,
                "kind": m.kind.value, "body": m.body, "media_hash": m.media_hash, "deleted_at": None,
                "deleted_by_decision_id": None,
            } for m in messages])
            indexed.extend(m.id for m in messages)
        attachments = [{
            "message_id": m.id, "kind": a.kind.value, "name": a.name, "size": a.size, "sha256": a.sha256,
            "mime_type": a.mime_type,
        } for m in messages for a in m.attachments]
        self._insert(models.Attachment.__table__, attachments)

        case_of = self._cases(reports, report)
        self._insert(models.Report.__table__, [{
            "id": r.id, "case_id": case_of[r.message_id], "reporter_id": r.reporter_id,
            "reason_code": r.reason_code.value if r.reason_code else None, "reason": r.reason, "note": r.note,
            "at": r.at,
        } for r in reports])

        report.users, report.groups, report.members = len(users), len(groups), len(members)
        report.messages, report.attachments, report.reports = len(messages), len(attachments), len(reports)

    def _cases(self, reports: list[ReportRecord], report: ImportReport) -> dict[int, int]:
        """Open a case for each reported message without one, count the reports of those with
        one; return message id -> case id."""
        s = self.session
        cases = models.Case.__table__
        by_message: dict[int, list[ReportRecord]] = defaultdict(list)
        for r in reports:
            by_message[r.message_id].append(r)
        case_of: dict[int, int] = {}
        for chunk in _chunks(mid for mid in by_message if mid not in self.p.messages):
            case_of.update({mid: cid for cid, mid in s.execute(
                select(cases.c.id, cases.c.message_id).where(cases.c.message_id.in_(chunk)))})
        for mid in sorted(case_of):
            s.execute(update(cases).where(cases.c.id == case_of[mid]).values(
                report_count=cases.c.report_count + len(by_message[mid]), change_seq=next_seq(s)))
        report.cases_updated = len(case_of)

        missing = sorted(mid for mid in by_message if mid not in case_of)
        group_info = {gid: _GroupInfo(g.tier, g.category.value, g.created_at) for gid, (_, g) in self.p.groups.items()}
        group_info.update(self.db_groups)
        need = {self.db_messages[mid].group_id for mid in missing if mid in self.db_messages} - set(group_info)
        group_info.update(_group_infos(s, need))
        rows: list[dict[str, Any]] = []
        for mid in missing:
            if mid in self.p.messages:
                m = self.p.messages[mid][1]
                message = _DbMessage(m.id, m.group_id, m.sender_id, m.sent_at, m.body)
            else:
                message = self.db_messages[mid]
            group = group_info[message.group_id]
            its = by_message[mid]
            reason = _suggested(its)
            severity = REASONS[reason].severity if reason else DEFAULT_SEVERITY
            created = min(r.at for r in its)
            deadline, sla_rule = case_sla(created, reason, group.category, int(severity))
            rows.append({
                "message_id": mid, "group_id": message.group_id, "sender_id": message.sender_id, "status": "open",
                "priority": _priority(severity, group.tier, len(its)),
                "suggested_reason": reason.value if reason else None,
                "reason_category": reason.value[:3] if reason else None, "group_category": group.category,
                "group_tier": group.tier, "excerpt": excerpt_of(message.body), "report_count": len(its),
                "signal_score": 0.0, "created_at": created,
                "sla_deadline": deadline, "sla_rule": sla_rule, "resolved_at": None,
                "claim_holder_id": None, "claim_expires_at": None, "version": 1, "change_seq": next_seq(s),
            })
        for i in range(0, len(rows), BATCH):
            for cid, mid in s.execute(insert(cases).returning(cases.c.id, cases.c.message_id), rows[i:i + BATCH]):
                case_of[mid] = cid
        report.cases_opened = len(rows)
        return case_of


def _suggested(reports: list[ReportRecord]) -> ReasonCode | None:
    counts = Counter(r.reason_code for r in reports if r.reason_code is not None)
    if not counts:
        return None
    return min(counts, key=lambda code: (-counts[code], -int(REASONS[code].severity), code.value))


def _priority(severity: Severity, tier: int, reports: int) -> int:
    """The priority of a new case, as :mod:`.seed` computes it."""
    points = 2 * int(severity) + (tier - 1) + min(reports, 8) // 3
    return 1 if points <= 4 else 2 if points <= 6 else 3 if points <= 9 else 4


def _iso(at: datetime) -> str:
    return at.isoformat()


def _advance_sequences(session: Session, tables: Iterable[str]) -> None:
    """After explicit ids on PostgreSQL, move each id sequence past the largest id (never back)."""
    for name in tables:
        sequence = session.scalar(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": name})
        if sequence:
            session.execute(text(
                f"SELECT setval('{sequence}', GREATEST((SELECT COALESCE(MAX(id), 1) FROM {name}), "
                f"(SELECT last_value FROM {sequence})))"
            ))


def import_file(db: Database, path: Path, now: datetime) -> ImportReport:
    """Import one export file, all or nothing. Raises :class:`ImportFailed` (nothing applied)
    when any line is bad; any other exception also leaves the database as it was."""
    if now.tzinfo is None:
        raise ValueError("now must be a timezone-aware datetime")
    started = time.perf_counter()
    parsed = _read(Path(path))
    result = ImportReport(file=parsed.name, sha256=parsed.sha256)
    if parsed.errors:
        # Still name the lines that fail against the platform, without taking the write lock.
        with db.reading() as session:
            raise ImportFailed(parsed.errors + _Plan(session, parsed, now).check())
    with db.writing() as session:
        plan = _Plan(session, parsed, now)
        errors = plan.check()
        if errors:
            raise ImportFailed(errors)
        plan.write(result)
        if session.get_bind().dialect.name == "postgresql":
            _advance_sequences(session, ("platform_users", "groups", "messages", "reports"))
        result.audit_seq = audit.append(
            session, "import", AuditKind.IMPORT, f"file:{parsed.name}"[:100],
            {"file": parsed.name, "sha256": parsed.sha256, "bytes": parsed.size, **result.counts()}, now,
        )
    result.seconds = time.perf_counter() - started
    return result
