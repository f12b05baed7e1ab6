"""The demo-data generator: sizes, determinism, and the shapes the API and the demo rely on."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qunguan.contract.taxonomy import REASONS, ReasonCode
from qunguan.server import models, schema
from qunguan.server.credit import load_rules
from qunguan.server.db import Database, open_database
from qunguan.server.security import verify_password
from qunguan.server.seed import SCALES, SeedReport, seed

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
CONTEXT = 10


def fresh(path) -> Database:  # type: ignore[no-untyped-def]
    db = open_database(str(path))
    schema.upgrade(db)
    return db


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    db = fresh(tmp_path_factory.mktemp("seed") / "small.db")
    report = seed(db, "small", 7, now=NOW)
    yield db, report
    db.dispose()


def digest(db: Database) -> str:
    """A digest of every seeded row but the staff's (their password hashes are salted)."""
    h = hashlib.sha256()
    tables = (models.PlatformUser, models.Group, models.GroupMember, models.Message, models.Attachment, models.Case,
              models.Report, models.Signal, models.Decision, models.Sanction, models.CreditEvent, models.Sequencer)
    with db.reading() as session:
        for model in tables:
            table = model.__table__
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            h.update(f"{table.name}:{len(rows)}".encode())
            for row in rows:
                h.update(repr(tuple(row)).encode())
    return h.hexdigest()


def count(db: Database, model) -> int:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_small_scale_sizes(seeded):
    db, report = seeded
    assert isinstance(report, SeedReport)
    assert (report.scale, report.seed, report.staff) == ("small", 7, 6)
    assert report.users == count(db, models.PlatformUser) == SCALES["small"].users
    assert report.groups == count(db, models.Group) == SCALES["small"].groups
    assert report.messages == count(db, models.Message)
    assert 1_700 <= report.messages <= 2_400
    assert report.cases == count(db, models.Case)
    assert 130 <= report.cases <= 160
    assert report.decisions == count(db, models.Decision)
    assert 0 < report.seconds < 10
    with db.reading() as session:
        statuses = Counter(session.scalars(select(models.Case.status)).all())
        kinds = Counter(session.scalars(select(models.Message.kind)).all())
        reports_per_case = Counter(
            session.execute(select(models.Report.case_id, func.count()).group_by(models.Report.case_id)).all()
        )
    assert set(statuses) <= {"open", "resolved", "escalated"}
    assert statuses["open"] > report.cases / 2
    assert 0.08 <= statuses["resolved"] / report.cases <= 0.30
    assert report.decisions == statuses["resolved"] + statuses["escalated"]
    assert kinds["text"] > report.messages / 2
    assert kinds["image"] and kinds["link"] and kinds["file"]
    assert len(reports_per_case) == report.cases  # every case has its reports


def test_same_seed_and_now_give_identical_rows_and_another_seed_does_not(seeded, tmp_path):
    db, _ = seeded
    calls: list[tuple[int, int]] = []
    again = fresh(tmp_path / "again.db")
    other = fresh(tmp_path / "other.db")
    try:
        seed(again, "small", 7, now=NOW, progress=lambda done, total: calls.append((done, total)))
        seed(other, "small", 8, now=NOW)
        assert digest(again) == digest(db)
        assert digest(other) != digest(db)
    finally:
        again.dispose()
        other.dispose()
    assert len(calls) >= 3
    assert all(0 <= done <= total for done, total in calls)
    assert calls[-1][0] == calls[-1][1]


def test_the_demo_staff_accounts_exist_with_their_roles(seeded):
    db, _ = seeded
    with db.reading() as session:
        staff = {s.username: s for s in session.scalars(select(models.Staff))}
    roles = {name: s.role for name, s in staff.items()}
    assert roles == {"mod1": "moderator", "mod2": "moderator", "sup1": "supervisor", "sup2": "supervisor",
                     "admin1": "admin", "audit1": "auditor"}
    assert all(s.is_demo and s.display_name and not s.disabled for s in staff.values())
    assert verify_password(staff["mod1"].password_hash, "qunguan-demo")


def test_every_flagged_message_has_a_thread_around_it(seeded):
    db, _ = seeded
    with db.reading() as session:
        rows = session.execute(
            select(models.Message.group_id, models.Message.id, models.Message.sent_at)
            .order_by(models.Message.group_id, models.Message.id)
        ).all()
        cases = session.execute(
            select(models.Case.message_id, models.Case.group_id, models.Case.sender_id, models.Case.created_at)
        ).all()
        messages = {m.id: m for m in session.scalars(select(models.Message))}
    ids_by_group: dict[int, list[int]] = defaultdict(list)
    previous: dict[int, datetime] = {}
    for group_id, message_id, sent_at in rows:
        # Message ids increase with the send time within a group (the API pages context by id).
        assert group_id not in previous or sent_at > previous[group_id]
        previous[group_id] = sent_at
        ids_by_group[group_id].append(message_id)
    assert len({c.message_id for c in cases}) == len(cases)
    for message_id, group_id, sender_id, created_at in cases:
        message = messages[message_id]
        assert (message.group_id, message.sender_id) == (group_id, sender_id)
        assert message.sent_at < created_at <= NOW
        ids = ids_by_group[group_id]
        position = ids.index(message_id)
        assert position >= min(CONTEXT, len(ids))
        assert len(ids) - position - 1 >= CONTEXT


def test_groups_members_and_caps(seeded):
    db, _ = seeded
    with db.reading() as session:
        groups = list(session.scalars(select(models.Group)))
        members = session.execute(select(models.GroupMember.group_id, models.GroupMember.user_id,
                                         models.GroupMember.role)).all()
        senders = set(session.execute(select(models.Message.group_id, models.Message.sender_id).distinct()).all())
    roles: dict[int, Counter[str]] = defaultdict(Counter)
    for group_id, _, role in members:
        roles[group_id][role] += 1
    member_pairs = {(g, u) for g, u, _ in members}
    assert any(g.member_count > g.member_cap for g in groups), "some groups are over their cap"
    assert {g.member_cap for g in groups} <= {200, 500, 2000}
    for g in groups:
        assert g.status == "active"
        assert 1 <= g.tier <= 4
        assert g.category in {"work", "family", "school", "trading", "fan_club", "neighbourhood", "interest"}
        assert roles[g.id]["owner"] == 1 and (g.id, g.owner_id) in member_pairs
        assert roles[g.id]["admin"] <= 3
        assert g.member_count >= sum(roles[g.id].values())
    assert senders <= member_pairs, "everyone who posts in a group is a member of it"
    assert sum(re.search(r"[\u4e00-\u9fff]", g.name) is not None for g in groups) > len(groups) / 2


def test_the_scam_wave_spans_many_groups_with_one_image(seeded):
    db, report = seeded
    with db.reading() as session:
        flagged = session.execute(
            select(models.Message, models.Case).join(models.Case, models.Case.message_id == models.Message.id)
        ).all()
        signals: dict[int, set[str]] = defaultdict(set)
        for case_id, detector in session.execute(select(models.Signal.case_id, models.Signal.detector)):
            signals[case_id].add(detector)
        attachments = {a.message_id: a for a in session.scalars(select(models.Attachment))}
    by_hash: dict[str, set[int]] = defaultdict(set)
    for message, _ in flagged:
        if message.media_hash:
            by_hash[message.media_hash].add(message.group_id)
    wave_hash, wave_groups = max(by_hash.items(), key=lambda item: len(item[1]))
    assert len(wave_groups) >= 10
    assert report.scam_wave_groups >= len(wave_groups)
    wave = [(m, c) for m, c in flagged if m.media_hash == wave_hash or "tz-vip888.example" in m.body]
    assert len(wave) == report.scam_wave_cases
    senders = {m.sender_id for m, _ in wave}
    assert 5 <= len(senders) <= 20
    for message, case in wave:
        assert case.suggested_reason == "PLT-03" and case.status == "open"
        assert NOW - timedelta(hours=6) < message.sent_at < NOW
        assert "keyword" in signals[case.id]
        if message.kind == "image":
            assert "image_hash" in signals[case.id]
            assert attachments[message.id].mime_type == "image/jpeg"
        else:
            assert message.kind == "link" and "http://tz-vip888.example/" in message.body
    # Ordinary images have hashes of their own.
    with db.reading() as session:
        images = session.execute(
            select(models.Message.media_hash).where(models.Message.kind == "image")
        ).scalars().all()
    assert all(images) and len(set(images)) > len(images) / 2


def test_cases_agree_with_their_reports_signals_and_decisions(seeded):
    db, _ = seeded
    with db.reading() as session:
        cases = list(session.scalars(select(models.Case)))
        groups = {g.id: g for g in session.scalars(select(models.Group))}
        messages = {m.id: m for m in session.scalars(select(models.Message))}
        reports: dict[int, list[models.Report]] = defaultdict(list)
        for r in session.scalars(select(models.Report)):
            reports[r.case_id].append(r)
        signals: dict[int, list[models.Signal]] = defaultdict(list)
        for s in session.scalars(select(models.Signal)):
            signals[s.case_id].append(s)
        decisions = {d.case_id: d for d in session.scalars(select(models.Decision))}
        moderators = set(session.scalars(select(models.Staff.id).where(models.Staff.role == "moderator")))
    # The published SLA rules (rules/sla.json), read here independently of the server's code.
    sla = json.loads((Path(schema.__file__).parent / "rules" / "sla.json").read_text(encoding="utf-8"))
    for case in cases:
        group, message = groups[case.group_id], messages[case.message_id]
        reason = ReasonCode(case.suggested_reason)
        assert case.reason_category == case.suggested_reason[:3]
        assert (case.group_category, case.group_tier) == (group.category, group.tier)
        assert 1 <= case.priority <= 4
        assert case.excerpt and message.body.startswith(case.excerpt.rstrip("…")[:20])
        hours = sla["hours"][case.reason_category][str(int(REASONS[reason].severity))]
        hours *= sla["group_category_factor"].get(case.group_category, 1)
        assert case.sla_deadline - case.created_at == max(timedelta(hours=hours),
                                                          timedelta(minutes=sla["minimum_minutes"]))
        assert case.sla_rule.startswith(f"sla {sla['version']}: {case.reason_category} severity ")
        assert case.claim_holder_id is None
        assert 1 <= case.report_count <= 8 and case.report_count == len(reports[case.id])
        for r in reports[case.id]:
            assert message.sent_at < r.at <= case.created_at and r.reporter_id != case.sender_id and r.reason
        assert 1 <= len(signals[case.id]) <= 3
        assert case.signal_score == max(s.score for s in signals[case.id])
        assert all(0 <= s.score <= 1 and s.explanation and s.rule for s in signals[case.id])
        decision = decisions.get(case.id)
        if case.status == "open":
            assert decision is None and case.version == 1 and case.resolved_at is None
            continue
        assert decision is not None and case.version == 2
        assert decision.idempotency_key == f"seed-{case.id}" and decision.actor_id in moderators
        assert case.created_at < decision.decided_at <= decision.recorded_at < NOW
        if case.status == "escalated":
            assert decision.action == "escalate" and decision.outcome == "escalated"
            continue
        assert case.resolved_at == decision.recorded_at
        assert decision.action in {"approve", "delete_message", "warn", "mute"}
        assert decision.outcome == ("no_violation" if decision.action == "approve" else "applied")
        assert (decision.duration_seconds is not None) == (decision.action == "mute")
        if decision.action != "approve":
            assert decision.target_user_id == case.sender_id and decision.reason_code == case.suggested_reason
            assert any(e["kind"] == "credit" and e["detail"].startswith("credit ") for e in decision.effects)
        deleted = decision.action == "delete_message"
        assert (message.deleted_at is not None) == deleted
        assert message.deleted_by_decision_id == (decision.id if deleted else None)


def test_credit_histories_explain_the_scores(seeded):
    db, _ = seeded
    rules = load_rules()
    with db.reading() as session:
        users = {u.id: u for u in session.scalars(select(models.PlatformUser))}
        events: dict[int, list[models.CreditEvent]] = defaultdict(list)
        for e in session.scalars(select(models.CreditEvent).order_by(models.CreditEvent.id)):
            events[e.user_id].append(e)
        sanctioned = set(session.scalars(select(models.Sanction.user_id)))
    assert sanctioned and sanctioned <= set(events)
    for uid, user in users.items():
        history = events.get(uid, [])
        score = rules.initial
        for event in history:
            assert event.rules_version == rules.version and event.at <= NOW
            assert event.score_after == rules.clamp(score + event.delta)
            assert event.rule.startswith(("sanction.", "restore."))
            score = event.score_after
        assert user.credit_score == score
    scores = [u.credit_score for u in users.values()]
    assert sum(s >= 100 for s in scores) > 0.8 * len(scores)
    assert min(scores) < 60


def test_personal_data_looks_real(seeded):
    db, _ = seeded
    with db.reading() as session:
        users = list(session.scalars(select(models.PlatformUser)))
    phones = [u.phone for u in users if u.phone]
    assert phones and all(re.fullmatch(r"1[358]\d{9}", p) for p in phones)
    assert 0.65 <= sum(u.real_name_verified for u in users) / len(users) <= 0.95
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", u.real_name) for u in users if u.real_name)
    assert sum(re.search(r"[\u4e00-\u9fff]", u.display_name) is not None for u in users) > len(users) / 2
    assert any(re.fullmatch(r"[A-Za-z ]+", u.display_name) for u in users)


def test_change_sequence_is_distinct_and_matches_the_sequencer(seeded):
    db, report = seeded
    with db.reading() as session:
        seqs = session.scalars(select(models.Case.change_seq).order_by(models.Case.id)).all()
        value = session.scalar(select(models.Sequencer.value).where(models.Sequencer.name == "change"))
    assert seqs == list(range(1, report.cases + 1))
    assert value == max(seqs)


def test_seeding_twice_is_refused(seeded):
    db, report = seeded
    with pytest.raises(ValueError, match=r"already has \d+ platform users"):
        seed(db, "small", 7, now=NOW)
    assert count(db, models.PlatformUser) == report.users
    assert count(db, models.Staff) == 6


def test_bad_arguments_are_refused(seeded):
    db, _ = seeded
    with pytest.raises(ValueError, match="unknown scale"):
        seed(db, "huge")
    with pytest.raises(ValueError, match="timezone-aware"):
        seed(db, "small", now=datetime(2026, 1, 1))  # naive on purpose
