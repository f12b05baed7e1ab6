"""`qunguan-platform import`: a platform export goes in whole, or not at all."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from qunguan.server import audit, importer, models
from qunguan.server.db import open_database
from qunguan.server.importer import ImportFailed, import_file
from tests.platform_fixture import start_platform

pytestmark = pytest.mark.server

# Ids far above the small seeded data set's.
USER, GROUP, MESSAGE, REPORT = 700_000, 700_000, 7_000_000, 7_100_000
SCAM = "内部渠道 低价iPhone 先付定金 http://cx-bank-help.example/verify 加我微信 " + "详" * 200


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "qunguan.server.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=120, env={**os.environ})


def run_import(path: Path, url: str, key: Path) -> subprocess.CompletedProcess[str]:
    return cli("import", path, "--db", url, "--audit-key", key)


def write_jsonl(path: Path, lines: list[dict[str, Any] | str]) -> Path:
    text = "".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n" for line in lines)
    path.write_text(text, encoding="utf-8")
    return path


def iso(at: datetime) -> str:
    return at.isoformat()


def snapshot(url: str) -> dict[str, Any]:
    """Row counts of every table, the sequencers, and what an update in place would change."""
    db = open_database(url)
    try:
        with db.reading() as session:
            state: dict[str, Any] = {
                table.name: session.scalar(select(func.count()).select_from(table))
                for table in models.Base.metadata.sorted_tables
            }
            state["sequencers"] = dict(session.execute(select(models.Sequencer.name, models.Sequencer.value)).all())
            state["case reports"] = session.scalar(select(func.sum(models.Case.report_count)))
            state["case change_seq"] = session.scalar(select(func.max(models.Case.change_seq)))
            state["group members"] = session.scalar(select(func.sum(models.Group.member_count)))
            return state
    finally:
        db.dispose()


def seeded_facts(url: str) -> dict[str, Any]:
    """An open case of the seed, and a seeded group to post into."""
    db = open_database(url)
    try:
        with db.reading() as session:
            case = session.execute(select(models.Case).where(models.Case.status == "open")
                                   .order_by(models.Case.id).limit(1)).scalar_one()
            group = session.get(models.Group, 1)
            assert group is not None
            return {"case_id": case.id, "case_message": case.message_id, "case_reports": case.report_count,
                    "case_change_seq": case.change_seq, "group_id": group.id, "group_members": group.member_count}
    finally:
        db.dispose()


def user(n: int, now: datetime, **extra: Any) -> dict[str, Any]:
    return {"type": "user", "id": USER + n, "display_name": f"导入用户{n}", "real_name_verified": False,
            "created_at": iso(now - timedelta(days=200)), **extra}


def good_export(now: datetime, facts: dict[str, Any]) -> list[dict[str, Any] | str]:
    """A new trading group (owner, admin, a scammer, a reporter), three messages (two reported),
    a post in a seeded group, and one more report on a seeded case. Lines are deliberately out
    of order: reports before their messages, messages before their group."""
    t0 = now - timedelta(hours=3)
    group = {"type": "group", "id": GROUP + 1, "name": "导入测试·二手交易群", "owner_id": USER + 1, "member_count": 2,
             "member_cap": 500, "category": "trading", "tier": 3, "created_at": iso(now - timedelta(days=100)),
             "admins": [USER + 2]}
    return [
        {"type": "report", "id": REPORT + 1, "message_id": MESSAGE + 1, "reporter_id": USER + 4, "reason": "诈骗链接",
         "reason_code": "PLT-03", "at": iso(t0 + timedelta(minutes=5))},
        {"type": "message", "id": MESSAGE + 1, "group_id": GROUP + 1, "sender_id": USER + 3, "sent_at": iso(t0),
         "kind": "link", "body": SCAM},
        user(1, now, real_name="王建国", phone="13800001111", real_name_verified=True, credit_score=110),
        user(2, now),
        user(3, now),
        user(4, now, created_at="2026-03-01T08:00:00+08:00"),
        group,
        {"type": "report", "id": REPORT + 2, "message_id": MESSAGE + 1, "reporter_id": USER + 2, "reason": "骗子",
         "reason_code": "PLT-03", "note": "已经有人被骗", "at": iso(t0 + timedelta(minutes=7))},
        {"type": "report", "id": REPORT + 3, "message_id": MESSAGE + 1, "reporter_id": USER + 1, "reason": "广告",
         "reason_code": "PLT-02", "at": iso(t0 + timedelta(minutes=9))},
        {"type": "message", "id": MESSAGE + 2, "group_id": GROUP + 1, "sender_id": USER + 1,
         "sent_at": iso(t0 + timedelta(minutes=10)), "kind": "file", "body": "[文件] 群规.pdf",
         "attachments": [{"name": "群规.pdf", "size": 20480, "sha256": "ab" * 32, "mime_type": "application/pdf",
                          "kind": "file"}]},
        "",  # blank lines are skipped
        {"type": "message", "id": MESSAGE + 3, "group_id": GROUP + 1, "sender_id": USER + 3,
         "sent_at": iso(t0 + timedelta(minutes=20)), "kind": "text", "body": "你们 懂的"},
        {"type": "report", "id": REPORT + 4, "message_id": MESSAGE + 3, "reporter_id": USER + 4,
         "reason": "不知道算不算", "at": iso(t0 + timedelta(minutes=30))},
        {"type": "message", "id": MESSAGE + 4, "group_id": facts["group_id"], "sender_id": USER + 3,
         "sent_at": iso(now - timedelta(hours=1)), "kind": "text", "body": "大家好，我是新来的"},
        {"type": "report", "id": REPORT + 5, "message_id": facts["case_message"], "reporter_id": USER + 4,
         "reason": "我也举报", "reason_code": "PLT-03", "at": iso(now - timedelta(minutes=30))},
    ]


def test_a_good_export_imports_and_shows_on_the_platform(database_factory, tmp_path):
    url = database_factory.clone()
    key = database_factory.audit_key
    now = datetime.now(UTC).replace(microsecond=0)
    facts = seeded_facts(url)
    path = write_jsonl(tmp_path / "good.jsonl", good_export(now, facts))

    result = run_import(path, url, key)
    assert result.returncode == 0, result.stderr
    assert "4 users, 1 groups" in result.stdout
    assert "5 reports; 2 cases opened, 1 updated" in result.stdout

    platform = start_platform(url, key)
    try:
        admin = platform.login("admin1")
        page = admin.get("/cases", params={"group_id": GROUP + 1})
        assert page.status_code == 200, page.text
        cases = {c["message_id"]: c for c in page.json()["items"]}
        assert set(cases) == {MESSAGE + 1, MESSAGE + 3}

        scam = cases[MESSAGE + 1]
        first_report = now - timedelta(hours=3) + timedelta(minutes=5)
        assert scam["status"] == "open"
        assert scam["suggested_reason"] == "PLT-03" and scam["reason_category"] == "PLT"  # 2 x PLT-03, 1 x PLT-02
        assert scam["report_count"] == 3
        assert scam["priority"] == 3  # high severity (6) + tier 3 (2) + 3 reports (1) = 9 points
        assert scam["group_tier"] == 3 and scam["group_category"] == "trading"
        assert scam["sender_id"] == USER + 3 and scam["signal_score"] == 0 and scam["version"] == 1
        assert datetime.fromisoformat(scam["created_at"]) == first_report
        assert datetime.fromisoformat(scam["sla_deadline"]) == first_report + timedelta(hours=2)
        assert scam["excerpt"].startswith("内部渠道 低价iPhone") and len(scam["excerpt"]) == 140

        vague = cases[MESSAGE + 3]
        assert vague["suggested_reason"] is None and vague["reason_category"] is None
        assert vague["report_count"] == 1 and vague["priority"] == 2  # medium (4) + tier 3 (2) = 6 points
        assert datetime.fromisoformat(vague["sla_deadline"]) - datetime.fromisoformat(vague["created_at"]) == \
            timedelta(hours=12)
        assert scam["change_seq"] != vague["change_seq"]

        detail = admin.get(f"/cases/{scam['id']}").json()
        assert [r["id"] for r in detail["reports"]] == [REPORT + 1, REPORT + 2, REPORT + 3]
        assert {r["reporter_name"] for r in detail["reports"]} == {"导入用户1", "导入用户2", "导入用户4"}
        assert detail["reports"][1]["note"] == "已经有人被骗"
        assert detail["message"]["body"].startswith("内部渠道")
        assert [m["id"] for m in detail["context_after"]] == [MESSAGE + 2, MESSAGE + 3]
        assert detail["context_after"][0]["attachments"][0]["sha256"] == "ab" * 32
        assert detail["sender"]["credit_score"] == 120  # the rules' initial score when left out

        group = admin.get(f"/groups/{GROUP + 1}").json()
        assert group["name"] == "导入测试·二手交易群" and group["owner"]["id"] == USER + 1
        assert group["owner"]["credit_score"] == 110
        assert {(o["user"]["id"], o["is_owner"]) for o in group["admins"]} == {(USER + 1, True), (USER + 2, False)}
        assert group["member_count"] == 3  # owner, admin and the poster

        seeded = admin.get(f"/cases/{facts['case_id']}").json()["case"]
        assert seeded["report_count"] == facts["case_reports"] + 1
        assert seeded["change_seq"] > facts["case_change_seq"]
        reports = admin.get(f"/cases/{facts['case_id']}").json()["reports"]
        assert REPORT + 5 in [r["id"] for r in reports]
        assert admin.get(f"/groups/{facts['group_id']}").json()["member_count"] == facts["group_members"] + 1

        # The id sequences moved past the imported ids (PostgreSQL): the platform's own next message follows them.
        posted = admin.post(f"/members/groups/{GROUP + 1}/messages",
                            json={"sender_id": USER + 1, "body": "以后请大家注意"})
        assert posted.status_code == 201, posted.text
        assert posted.json()["id"] > MESSAGE + 4
    finally:
        platform.stop()

    db = open_database(url)
    try:
        with db.reading() as session:
            events = session.execute(select(models.AuditEvent).where(models.AuditEvent.kind == "import")).scalars()
            (event,) = list(events)
            assert event.actor == "import" and event.subject == "file:good.jsonl"
            assert event.payload["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
            assert event.payload["messages"] == 4 and event.payload["reports"] == 5
            assert event.payload["cases_opened"] == 2 and event.payload["cases_updated"] == 1
    finally:
        db.dispose()
    verified = cli("verify-audit", "--db", url, "--audit-key", key)
    assert verified.returncode == 0, verified.stderr

    # The same file again: every record is already there, and nothing changes.
    before = snapshot(url)
    again = run_import(path, url, key)
    assert again.returncode == 2
    assert f"line 2: message {MESSAGE + 1} already exists on the platform" in again.stderr
    assert "nothing was imported" in again.stderr
    assert snapshot(url) == before


def test_bad_lines_are_named_and_nothing_is_applied(database_factory, tmp_path):
    url = database_factory.clone()
    key = database_factory.audit_key
    now = datetime.now(UTC).replace(microsecond=0)
    facts = seeded_facts(url)
    good = good_export(now, facts)
    t = iso(now - timedelta(hours=2))
    bad: dict[int, tuple[dict[str, Any] | str, str]] = {
        # line number in the file -> (the line, what its reason must say)
        3: ('{"type": "user", "id": 1, "display_name": "半行', "malformed JSON"),
        6: ({"type": "channel", "id": 5, "name": "频道"}, "unknown type 'channel'"),
        9: ({"type": "group", "id": GROUP + 9, "owner_id": USER + 1, "member_count": 1, "member_cap": 10,
             "category": "work", "tier": 1, "created_at": t, "admins": []}, "missing field 'name'"),
        12: ({"type": "message", "id": MESSAGE + 90, "group_id": 777_777_777, "sender_id": USER + 1, "sent_at": t,
              "kind": "text", "body": "你好"}, "group 777777777 is neither in the file nor on the platform"),
        14: (user(2, now, display_name="同一个人"), f"duplicate user id {USER + 2}"),
        16: ({**user(5, now), "created_at": "2026-11-20T09:00:00"}, "'created_at' has no timezone offset"),
        18: ({"type": "message", "id": MESSAGE + 91, "group_id": GROUP + 1, "sender_id": USER + 1,
              "sent_at": iso(now - timedelta(minutes=5)), "kind": "text", "body": "空\u0000字符"},
             "'body' contains a NUL character"),
        19: ({"type": "message", "id": MESSAGE + 92, "group_id": facts["group_id"], "sender_id": USER + 1,
              "sent_at": "2026-10-01T08:00:00+08:00", "kind": "text", "body": "迟到的旧消息"},
             "before the newest message of group"),
        20: ({**user(6, now), "id": 1}, "user 1 already exists on the platform"),
    }
    lines: list[dict[str, Any] | str] = []
    for line in good:
        while len(lines) + 1 in bad:
            lines.append(bad[len(lines) + 1][0])
        lines.append(line)
    while len(lines) + 1 in bad:
        lines.append(bad[len(lines) + 1][0])
    path = write_jsonl(tmp_path / "bad.jsonl", lines)
    before = snapshot(url)

    result = run_import(path, url, key)

    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.rstrip().endswith("nothing was imported")
    reasons: dict[int, list[str]] = {}
    for match in re.finditer(r"^line (\d+): (.*)$", result.stderr, re.MULTILINE):
        reasons.setdefault(int(match[1]), []).append(match[2])
    assert set(reasons) == set(bad), result.stderr
    for number, (_, expected) in bad.items():
        assert any(expected in reason for reason in reasons[number]), (number, reasons[number])
    assert snapshot(url) == before


def test_a_failure_while_writing_applies_nothing(database_factory, tmp_path, monkeypatch):
    url = database_factory.clone()
    now = datetime.now(UTC).replace(microsecond=0)
    path = write_jsonl(tmp_path / "good.jsonl", good_export(now, seeded_facts(url)))
    before = snapshot(url)
    calls = {"n": 0}
    real_append = audit.append

    def fail_late(*args: Any, **kwargs: Any) -> int:
        """Let everything be written, then fail when the audit event is appended."""
        calls["n"] += 1
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(audit, "append", fail_late)
    db = open_database(url)
    try:
        with pytest.raises(RuntimeError, match="the disk is full"):
            import_file(db, path, now)
        assert calls["n"] == 1
        assert snapshot(url) == before

        # Nothing was wrong with the file: without the fault it goes in.
        monkeypatch.setattr(audit, "append", real_append)
        report = import_file(db, path, now)
        assert (report.users, report.groups, report.messages, report.reports) == (4, 1, 4, 5)
    finally:
        db.dispose()
    assert snapshot(url) != before


def test_errors_are_capped_and_counted(database_factory, tmp_path):
    url = database_factory.clone()
    path = write_jsonl(tmp_path / "junk.jsonl", [f"not json {n}" for n in range(importer.MAX_ERRORS + 25)])
    db = open_database(url)
    try:
        with pytest.raises(ImportFailed) as failed:
            import_file(db, path, datetime.now(UTC))
    finally:
        db.dispose()
    assert len(failed.value.errors) == importer.MAX_ERRORS and failed.value.more == 25
    assert failed.value.errors[0] == (1, "malformed JSON: Expecting value (column 1)")

    result = run_import(path, url, database_factory.audit_key)
    assert result.returncode == 2
    assert "... and 25 more" in result.stderr
    empty = run_import(write_jsonl(tmp_path / "empty.jsonl", ["", "  "]), url, database_factory.audit_key)
    assert empty.returncode == 2 and "the file holds no records" in empty.stderr
