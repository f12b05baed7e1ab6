"""The sender's credit: the panel shows the score against the rules' maximum, the functions
limited at it (in words) and when the next point comes back; after a warning, or the points the
restoration job gave back, on the real platform, its Credit history… lists each change, the score
after it and the published rule that made it, in words and as its code, with the rule set's
version, newest first."""

from __future__ import annotations

from datetime import timedelta

from qunguan.client.api import ApiClient
from qunguan.ui.formats import date_time
from qunguan.ui.panels import SenderPanel
from tests.helpers import decide, new_account, take_open_case
from tests.server.test_credit_rules import PERIOD, RULES, USER, import_users


def test_the_credit_history_names_the_rule(qtbot, platform):
    _, moderator = new_account(platform)
    case = take_open_case(moderator)
    decision = decide(moderator, case, "warn", reason_code="PLT-02").json()["decision"]
    client = ApiClient(platform.url)
    client.login("sup1", "qunguan-demo")
    user = client.user(case["sender_id"])
    ours = [e for e in user.credit_history if e.decision_id == decision["id"]]
    assert ours and ours[0].delta <= 0  # (the shared platform may have taken this sender to 0 already)
    panel = SenderPanel()
    qtbot.addWidget(panel)
    panel.show_user(user, [])
    panel.credit_button.click()
    dialog = panel.credit_dialog
    assert dialog is not None and dialog.isVisible()
    table = dialog.table
    assert table.rowCount() == len(user.credit_history) >= 1
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    mine = next(r for r in rows if r[6] == str(decision["id"]))
    assert mine[1] == f"{ours[0].delta:+d}" and mine[2] == str(ours[0].score_after)
    assert mine[3] == "Warn (sender)"  # the rule in words, then its code
    assert mine[4] == ours[0].rule and "warn" in mine[4] and mine[5] == ours[0].rules_version
    dialog.close()


def test_the_panel_shows_score_against_maximum_limits_and_restorations(qtbot, fresh_platform, tmp_path):
    platform = fresh_platform()
    created = platform.clock() - timedelta(seconds=2 * PERIOD + 3600)
    score = RULES.limit_floor("no_links") - 5  # links limited
    import_users(platform, tmp_path, {USER + 900: score}, created=created)
    assert platform.login("admin1").post("/jobs/run").json()["changed"]["restore_credit"] >= 1
    client = ApiClient(platform.url)
    client.login("sup1", "qunguan-demo")
    user = client.user(USER + 900)
    assert user.credit_score == score + 2 and "no_links" in user.limits
    panel = SenderPanel()
    qtbot.addWidget(panel)
    panel.show_user(user, [])
    credit = panel.credit.text()
    assert f"{score + 2} / {RULES.maximum}" in credit
    next_at = created + timedelta(seconds=3 * PERIOD)
    assert date_time(next_at) in credit
    limits = panel.limits.text()
    assert "no links or files" in limits and "no_links" not in limits  # words, not the code
    assert "posting rate limited" not in limits
    panel.credit_button.click()
    dialog = panel.credit_dialog
    assert dialog is not None and dialog.isVisible()
    assert f"{score + 2} / {RULES.maximum}" in dialog.summary.text() and RULES.version in dialog.summary.text()
    table = dialog.table
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert len(rows) == 2
    for row, after in zip(rows, (score + 2, score + 1), strict=True):  # newest first
        assert row[1] == "+1" and row[2] == str(after)
        assert row[3].startswith("Restored") and row[4] == RULES.restore_rule and row[5] == RULES.version
        assert row[6] == "—"
    dialog.close()
