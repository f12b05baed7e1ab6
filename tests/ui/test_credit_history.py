"""The sender's credit history: after a warning on the real platform, the panel's Credit
history… lists the change, the score after it and the published rule (with its version) that
made it, newest first."""

from __future__ import annotations

from qunguan.client.api import ApiClient
from qunguan.ui.panels import SenderPanel
from tests.helpers import decide, new_account, take_open_case


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
    mine = next(r for r in rows if r[5] == str(decision["id"]))
    assert mine[1] == f"{ours[0].delta:+d}" and mine[2] == str(ours[0].score_after)
    assert mine[3] == ours[0].rule and "warn" in mine[3] and mine[4] == ours[0].rules_version
    dialog.close()
