"""A decision opened from the history shows what its moderator saw (the sender as they were
before the decision's mute, the conversation, the record checked against the audit event), and
pages and decisions already viewed can be read again with the platform gone."""

from __future__ import annotations

from tests.helpers import decide, new_account
from tests.ui.test_supervisor import open_desk


def _quiet_case(session) -> dict:
    for item in session.get("/cases", params={"status": "open", "limit": 100}).json()["items"]:
        user = session.get(f"/users/{item['sender_id']}").json()
        if user["status"] == "active" and not user["active_sanctions"]:
            claimed = session.post(f"/cases/{item['id']}/claim", json={})
            if claimed.status_code == 200:
                return claimed.json()
    raise AssertionError("no quiet open case")


def test_a_decision_opens_as_its_moderator_saw_it_and_reads_offline(qtbot, fresh_platform, open_workstation):
    platform = fresh_platform()
    user, moderator = new_account(platform)
    case = _quiet_case(moderator)
    decision = decide(moderator, case, "mute", reason_code="PLT-03", duration_seconds=86_400).json()["decision"]
    assert moderator.get(f"/users/{case['sender_id']}").json()["status"] == "muted"

    desk = open_desk(qtbot, open_workstation(platform, "sup1").window)
    desk.f_moderator.setText(user)
    desk.search()
    qtbot.waitUntil(lambda: [d.id for d in desk.history.rows] == [decision["id"]], timeout=10_000)
    desk.table.selectRow(0)
    view = desk.open_decision(0)
    qtbot.waitUntil(lambda: view.loaded is not None, timeout=15_000)
    assert "as the platform showed it" in view.basis.text()
    assert view.check.text().startswith("✓")
    assert view.sender_panel.status.text() == "active"  # it is "muted" now: the mute came with the decision
    flagged = view.conversation.model.flagged_row()
    assert flagged >= 0 and view.conversation.model.rowCount() > 1
    assert view.trail.count() >= 2  # the claim and the decision at least
    assert view.kept.text() == ""
    view.close()

    platform.stop()
    desk.search()
    qtbot.waitUntil(lambda: "cannot be reached" in desk.history_status.text(), timeout=20_000)
    assert [d.id for d in desk.history.rows] == [decision["id"]]
    desk.table.selectRow(0)
    offline = desk.open_decision(0)
    qtbot.waitUntil(lambda: offline.loaded is not None, timeout=20_000)
    assert "cannot be reached" in offline.kept.text()
    assert offline.sender_panel.status.text() == "active" and offline.check.text().startswith("✓")
    offline.close()


def test_mark_package_and_record_a_delivery_from_the_desk(qtbot, fresh_platform, open_workstation, tmp_path):
    from qunguan.client.evidence import verify_package

    platform = fresh_platform()
    user, moderator = new_account(platform)
    decision = decide(moderator, _quiet_case(moderator), "delete_message", reason_code="PLT-03").json()["decision"]
    desk = open_desk(qtbot, open_workstation(platform, "sup1").window)
    desk.f_moderator.setText(user)
    desk.search()
    qtbot.waitUntil(lambda: [d.id for d in desk.history.rows] == [decision["id"]], timeout=10_000)
    desk.table.selectRow(0)
    desk.review_reason.setText("涉嫌诈骗")
    desk.mark_button.click()
    tab = desk.authority
    qtbot.waitUntil(lambda: decision["id"] in [r.decision.id for r in tab.rows], timeout=10_000)
    assert tab.table.item(0, 0).text() == str(decision["id"])
    tab.table.selectRow(0)
    tab.export_package(tmp_path / "evidence.zip")
    qtbot.waitUntil(lambda: tab.package is not None, timeout=20_000)
    assert verify_package(tab.package.path).ok and tab.record.isEnabled()
    tab.record.click()  # nobody said to whom yet
    assert "to whom" in tab.status.text()
    tab.form.recipient.setText("市网信办")
    tab.form.channel.setText("加密邮件")
    sha = tab.package.sha256
    tab.record.click()
    qtbot.waitUntil(lambda: "recorded in the audit trail" in tab.status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: tab.deliveries.count() == 1, timeout=10_000)
    assert sha[:16] in tab.deliveries.item(0).text() and "市网信办" in tab.deliveries.item(0).text()
    assert decision["id"] not in [r.decision.id for r in tab.rows]  # no longer "not yet delivered"
    delivered = moderator.get("/deliveries")
    assert delivered.status_code == 403  # moderators see none of it


def test_category_and_group_filters_match_the_platform(qtbot, fresh_platform, open_workstation):
    platform = fresh_platform()
    _, moderator = new_account(platform)
    case = _quiet_case(moderator)
    decide(moderator, case, "warn", reason_code="PLT-02")
    desk = open_desk(qtbot, open_workstation(platform, "sup2").window)
    desk.f_category.setCurrentIndex(desk.f_category.findData("PLT"))
    desk.f_group.setText(str(case["group_id"]))
    desk.search()
    expected = platform.login("sup2").get("/decisions", params={"category": "PLT", "group_id": case["group_id"],
                                                                "limit": 100}).json()["items"]
    qtbot.waitUntil(lambda: [d.id for d in desk.history.rows] == [d["id"] for d in expected], timeout=10_000)
    assert expected and all(d.reason_code.value.startswith("PLT") for d in desk.history.rows)
    assert desk.filters()["since"] is None  # no dates unless asked for
    desk.f_dated.setChecked(True)
    assert desk.filters()["since"] is not None and desk.f_since.isEnabled()


def test_an_auditor_reads_the_reveal_log(qtbot, platform, open_workstation):
    from tests.helpers import take_open_case

    _, moderator = new_account(platform)
    case = take_open_case(moderator)
    reason = "核实身份 QG-88"
    assert platform.login("sup1").post(f"/users/{case['sender_id']}/reveal", json={"reason": reason}).status_code == 200
    desk = open_desk(qtbot, open_workstation(platform, "audit1").window)
    desk.reveal_who.setText("sup1")
    desk.load_reveals()
    qtbot.waitUntil(lambda: desk.reveal_table.rowCount() > 0, timeout=10_000)
    rows = [[desk.reveal_table.item(r, c).text() for c in range(4)] for r in range(desk.reveal_table.rowCount())]
    assert any(r[1] == "sup1" and r[2] == str(case["sender_id"]) and reason in r[3] for r in rows)
    assert "sup1" in desk.reveal_counts.text()
