"""The supervisor's desk against a real platform: who sees it, the history with its filters,
an overturn that restores the platform's state, the two-person approval with two real
logged-in sessions, and "Verify audit trail" passing, then naming the first bad event after
the platform's database was tampered with."""

from __future__ import annotations

import sqlite3

import pytest

from tests.helpers import PASSWORD, decide, new_account, take_open_case


def open_desk(qtbot, window):
    window.show_desk()
    desk = window.desk
    qtbot.addWidget(desk)
    qtbot.waitUntil(lambda: desk.history.rowCount() > 0 or "decisions shown" in desk.history_status.text(),
                    timeout=20_000)
    return desk


def test_moderators_have_no_desk_and_the_platform_refuses_them(qtbot, platform, open_workstation):
    user, session = new_account(platform)
    window = open_workstation(platform, user, PASSWORD).window
    assert window.desk_action is None
    assert session.get("/decisions").status_code == 403
    assert session.get("/audit").status_code == 403


def test_an_auditor_reads_but_cannot_review(qtbot, platform, open_workstation):
    window = open_workstation(platform, "audit1").window
    desk = open_desk(qtbot, window)
    assert not desk.can_review and not desk.overturn.isVisible()
    tabs = [desk.tabs.tabText(i) for i in range(desk.tabs.count())]
    assert tabs == ["Decision history", "Appeals", "Quality", "Reports to authorities", "Audit trail"]
    assert not desk.authority.record.isVisibleTo(desk) and not desk.mark_button.isVisibleTo(desk)


def test_history_filters_and_an_overturn_restores_the_platform(qtbot, fresh_platform, open_workstation):
    platform = fresh_platform()
    user, moderator = new_account(platform)
    case = take_open_case(moderator)
    members = platform.login("admin1")
    decision = decide(moderator, case, "delete_message", reason_code="PLT-02").json()["decision"]

    def visible() -> bool:
        page = members.get(f"/members/groups/{case['group_id']}/messages",
                           params={"before": case["message_id"] + 1, "limit": 3}).json()["items"]
        return case["message_id"] in [m["id"] for m in page]

    assert not visible()
    window = open_workstation(platform, "sup2").window
    desk = open_desk(qtbot, window)
    desk.f_moderator.setText(user)
    desk.search()
    qtbot.waitUntil(lambda: [d.id for d in desk.history.rows] == [decision["id"]], timeout=10_000)
    desk.table.selectRow(0)
    assert "PLT-02" in desk.decision_text.text() and desk.overturn.isEnabled()
    desk.overturn.click()  # no reason yet
    assert "reason" in desk.history_status.text()
    desk.review_reason.setText("转发的是辟谣内容，不违规")
    desk.overturn.click()
    qtbot.waitUntil(lambda: desk.history.rows[0].review == "overturned", timeout=10_000)
    assert "restored" in desk.history_status.text()
    assert visible()  # the message is back on the platform
    assert not desk.overturn.isEnabled()  # reviewed once


def test_two_supervisors_approve_a_dissolution_from_their_desks(qtbot, fresh_platform, open_workstation):
    platform = fresh_platform()
    proposer_session = platform.login("sup1")
    case = take_open_case(proposer_session)
    proposal = decide(proposer_session, case, "dissolve_group", reason_code="PLT-04").json()["decision"]["proposal_id"]
    assert proposal
    own = open_desk(qtbot, open_workstation(platform, "sup1").window)
    qtbot.waitUntil(lambda: own.proposals.count() >= 1, timeout=10_000)
    own.proposals.setCurrentRow([p.id for p in own.proposal_rows].index(proposal))
    assert not own.approve.isEnabled()  # not one's own

    other = open_desk(qtbot, open_workstation(platform, "sup2").window)
    qtbot.waitUntil(lambda: proposal in [p.id for p in other.proposal_rows], timeout=10_000)
    other.proposals.setCurrentRow([p.id for p in other.proposal_rows].index(proposal))
    assert "members" in other.proposal_text.text() and other.approve.isEnabled()
    other.proposal_note.setText("同意解散")
    other.approve.click()
    qtbot.waitUntil(lambda: "applied" in other.proposal_status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: proposal not in [p.id for p in other.proposal_rows], timeout=10_000)
    group = proposer_session.get(f"/groups/{case['group_id']}").json()
    assert group["status"] == "dissolved"


def test_verify_audit_trail_passes_then_names_the_first_altered_event(qtbot, fresh_platform, open_workstation,
                                                                      database_factory):
    if database_factory.is_postgres:
        pytest.skip("tampers with the SQLite file")
    platform = fresh_platform()
    _, moderator = new_account(platform)
    for _ in range(2):
        decide(moderator, take_open_case(moderator), "approve")
    window = open_workstation(platform, "audit1").window
    desk = open_desk(qtbot, window)
    desk.verify.click()
    qtbot.waitUntil(lambda: desk.verdict.text().startswith("PASS"), timeout=30_000)
    assert int(desk.verdict.text().split()[1]) >= 5
    with sqlite3.connect(platform.db_url) as conn:
        conn.execute("UPDATE audit_events SET actor = 'someone-else' WHERE seq = 3")
    conn.close()
    desk.verify.click()
    qtbot.waitUntil(lambda: desk.verdict.text().startswith("FAIL"), timeout=30_000)
    assert "event 3" in desk.verdict.text() and "altered" in desk.verdict.text()


def _tamper(lines: list[str], kind: str) -> list[str]:
    import csv
    import io

    data = [i for i, line in enumerate(lines) if i > 0 and line and not line.startswith("#")]
    first, second = data[1], data[2]
    if kind == "edited":
        lines[first] = lines[first].replace("approve", "warn", 1) if "approve" in lines[first] \
            else lines[first].replace(",", ",x", 1)
    elif kind == "deleted":
        del lines[first]
    elif kind == "reordered":
        lines[first], lines[second] = lines[second], lines[first]
    elif kind == "truncated":
        lines = lines[: data[-1]]  # the last row and the trailer gone
    elif kind == "truncated_rows":
        del lines[data[-1]]  # the last row gone, the trailer kept
    elif kind == "resigned":  # rows edited and every hash recomputed: only the signature can tell
        from qunguan.client.export import row_hash
        from qunguan.contract.audit import GENESIS

        prev = GENESIS
        for i in data:
            cells = next(csv.reader(io.StringIO(lines[i])))[:-1]
            cells[-1] = "rewritten"
            prev = row_hash(prev, cells)
            out = io.StringIO()
            csv.writer(out, lineterminator="").writerow([*cells, prev])
            lines[i] = out.getvalue()
        lines = [f"#head,{prev}" if line.startswith("#head,") else line for line in lines]
    return lines


def test_a_csv_export_verifies_and_each_tampering_is_caught(qtbot, fresh_platform, open_workstation, tmp_path):
    import subprocess
    import sys

    from qunguan.client.export import verify_export

    platform = fresh_platform()
    _, moderator = new_account(platform)
    for action in ("approve", "approve", "warn", "approve"):
        extra = {"reason_code": "PLT-02"} if action != "approve" else {}
        decide(moderator, take_open_case(moderator), action, **extra)
    desk = open_desk(qtbot, open_workstation(platform, "sup1").window)
    path = tmp_path / "history.csv"
    desk.export_csv(path)
    qtbot.waitUntil(lambda: "Exported" in desk.history_status.text(), timeout=30_000)
    clean = verify_export(path)
    assert clean.ok and clean.rows >= 4, clean
    public_key = platform.anonymous().get("/audit/public-key").json()["public_key"]
    assert verify_export(path, public_key_b64=public_key).ok
    events = platform.login("audit1").get("/audit", params={"limit": 1000}).json()["items"]
    assert any(e["kind"] == "export" and e["actor"] == "sup1" for e in events)
    cli = subprocess.run([sys.executable, "-m", "qunguan", "verify-export", str(path)], capture_output=True,
                         text=True, timeout=60)
    assert cli.returncode == 0 and cli.stdout.startswith("OK"), cli.stderr

    original = path.read_text(encoding="utf-8").split("\n")
    expected = {"edited": "row 2", "deleted": "row 2", "reordered": "row 2", "truncated": "truncated",
                "truncated_rows": "removed from the end", "resigned": "signature"}
    for kind, words in expected.items():
        bad = tmp_path / f"{kind}.csv"
        bad.write_text("\n".join(_tamper(list(original), kind)), encoding="utf-8")
        verdict = verify_export(bad)
        assert not verdict.ok and words in verdict.reason, (kind, verdict)
        cli = subprocess.run([sys.executable, "-m", "qunguan", "verify-export", str(bad)], capture_output=True,
                             text=True, timeout=60)
        assert cli.returncode == 1 and "FAILED" in cli.stderr


def test_an_appeal_is_decided_by_someone_other_than_the_original_moderator(qtbot, fresh_platform, open_workstation):
    platform = fresh_platform()
    sup1 = platform.login("sup1")
    case = take_open_case(sup1)
    decision = decide(sup1, case, "warn", reason_code="PLT-02").json()["decision"]
    appeal = platform.login("admin1").post("/members/appeals", json={
        "decision_id": decision["id"], "text": "我只是转发了辟谣信息 <b>不是</b>诈骗"})
    assert appeal.status_code == 201, appeal.text
    appeal_id = appeal.json()["id"]

    own = open_desk(qtbot, open_workstation(platform, "sup1").window)
    qtbot.waitUntil(lambda: appeal_id in [a.id for a in own.appeal_rows], timeout=10_000)
    own.appeal_list.setCurrentRow([a.id for a in own.appeal_rows].index(appeal_id))
    assert not own.uphold.isEnabled() and not own.overturn_appeal.isEnabled()
    assert "<b>不是</b>" in own.appeal_text.text()  # shown as plain text

    other = open_desk(qtbot, open_workstation(platform, "sup2").window)
    qtbot.waitUntil(lambda: appeal_id in [a.id for a in other.appeal_rows], timeout=10_000)
    other.appeal_list.setCurrentRow([a.id for a in other.appeal_rows].index(appeal_id))
    other.appeal_reason.setText("转发辟谣不违规")
    other.overturn_appeal.click()
    qtbot.waitUntil(lambda: "overturned" in other.appeal_status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: appeal_id not in [a.id for a in other.appeal_rows], timeout=10_000)
    body = sup1.get(f"/cases/{case['id']}").json()
    assert [d["review"] for d in body["decisions"] if d["id"] == decision["id"]] == ["overturned"]

    other.f_moderator.setText("sup1")
    other.search()
    qtbot.waitUntil(lambda: other.history.rows and {d.actor.username for d in other.history.rows} == {"sup1"},
                    timeout=10_000)
    other.table.selectRow([d.id for d in other.history.rows].index(decision["id"]))
    qtbot.waitUntil(lambda: other.trail.count() >= 2, timeout=10_000)  # claim, decision, appeal, overturn
    texts = [other.trail.item(i).text() for i in range(other.trail.count())]
    assert any("decision" in t for t in texts) and any("overturn" in t for t in texts), texts


def _not_blank(path) -> bool:
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    return not image.isNull() and len(colours) > 20


def test_quality_figures_charts_and_a_sample_for_re_review(qtbot, fresh_platform, open_workstation, tmp_path,
                                                          themed):
    platform = fresh_platform()
    user, moderator = new_account(platform)
    for action in ("approve", "warn", "approve", "mute", "approve", "approve"):
        extra = {"reason_code": "PLT-02"} if action == "warn" else {}
        if action == "mute":
            extra = {"reason_code": "PLT-03", "duration_seconds": 86400}
        decide(moderator, take_open_case(moderator), action, **extra)
    desk = open_desk(qtbot, open_workstation(platform, "sup1").window)
    quality = desk.quality
    qtbot.waitUntil(lambda: quality.stats is not None, timeout=20_000)
    names = [quality.table.item(r, 0).text() for r in range(quality.table.rowCount())]
    row = names.index(user)
    assert quality.table.item(row, 1).text() == "6"
    desk.tabs.setCurrentWidget(quality)
    desk.show()
    qtbot.waitExposed(desk)
    saved = quality.save_charts(tmp_path)
    assert [p.name for p in saved] == ["qunguan-decisions-per-day.png", "qunguan-backlog.png", "qunguan-reason-mix.png"]
    assert all(_not_blank(p) for p in saved)
    # the charts follow the theme: Qt Charts' own dark theme on the window's colours, and back
    from PySide6.QtCharts import QChart

    from qunguan.ui.theme import DARK, LIGHT

    for name, t, chart_theme in (("dark", DARK, QChart.ChartTheme.ChartThemeDark),
                                 ("light", LIGHT, QChart.ChartTheme.ChartThemeLight)):
        themed(name)
        for view in (quality.per_day, quality.backlog, quality.mix):
            assert view.chart().theme() == chart_theme, name
            assert view.chart().backgroundBrush().color().name() == t.colours["base"]

    quality.rate.setValue(50)
    quality.sample(seed=7)
    qtbot.waitUntil(lambda: "sample" in desk.history_status.text(), timeout=20_000)
    sample = desk.history.rows
    assert sample and all(d.review is None and d.outcome.value in ("applied", "no_violation") for d in sample)


def test_the_pdf_report_renders_and_carries_the_signed_head(qtbot, fresh_platform, open_workstation, tmp_path):
    import subprocess

    platform = fresh_platform()
    user, moderator = new_account(platform)
    case = take_open_case(moderator)
    decide(moderator, case, "warn", reason_code="PLT-02", note="<b>粗体</b> & <img src=x>")
    desk = open_desk(qtbot, open_workstation(platform, "sup1").window)
    desk.f_moderator.setText(user)
    path = tmp_path / "history.pdf"
    desk.export_pdf(path)
    qtbot.waitUntil(lambda: "Exported" in desk.history_status.text(), timeout=30_000)
    assert path.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
                   check=True, timeout=60)
    page = next(tmp_path.glob("page*.png"))
    assert _not_blank(page)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout
    flat = "".join(text.split())
    head = desk.history_status.text().split("head ")[1][:16]
    assert head in flat and "Decisions1" in flat
    assert "<b>粗体</b>&<imgsrc=x>" in flat  # the note as text, never as markup
