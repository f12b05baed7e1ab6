"""The personal-data export dialog: one supervisor asks, a second approves, the first saves the
CSV once; an auditor only reads."""

from __future__ import annotations

import csv

from PySide6.QtGui import QAction


def _open_dialog(qtbot, window):
    action = window.findChild(QAction, "piExports")
    assert action is not None
    action.trigger()
    dialog = window.pi_export_dialog
    qtbot.waitExposed(dialog)
    return dialog


def test_request_approve_by_another_and_save_csv(qtbot, platform, open_workstation, tmp_path):
    first = open_workstation(platform, "sup1")
    cases = platform.login("sup1").get("/cases", params={"limit": 20}).json()["items"]
    users = sorted({c["sender_id"] for c in cases})[:3]
    asker = _open_dialog(qtbot, first.window)
    asker.request()  # nothing filled in
    assert "Name the users" in asker.status.text()
    asker.user_ids.setText(", ".join(map(str, users)))
    asker.request()
    assert "reason" in asker.status.text()
    asker.reason.setText("公安机关协查函 2026-118")
    asker.request()
    qtbot.waitUntil(lambda: "sent" in asker.status.text(), timeout=20_000)
    mine = asker.selected()
    assert mine is not None and mine.status == "pending" and mine.user_ids == users
    assert not asker.approve_button.isEnabled()  # one's own request
    assert not asker.save_button.isEnabled()

    second = open_workstation(platform, "sup2")
    approver = _open_dialog(qtbot, second.window)
    qtbot.waitUntil(lambda: any(r.id == mine.id for r in approver.rows), timeout=20_000)
    approver.select(mine.id)
    assert approver.approve_button.isEnabled() and not approver.save_button.isEnabled()
    approver.note.setText("协查函已核实")
    approver.review(True)
    qtbot.waitUntil(lambda: "approved" in approver.status.text(), timeout=20_000)

    asker.refresh()
    qtbot.waitUntil(lambda: asker.selected() is not None and asker.selected().status == "approved", timeout=20_000)
    assert asker.save_button.isEnabled()
    # the approval holds for a time, and the list says until when
    row = next(r for r in range(asker.table.rowCount()) if asker.table.item(r, 0).text() == str(mine.id))
    assert asker.selected().lapses_at is not None and "until" in asker.table.item(row, 1).text()
    path = tmp_path / "export.csv"
    asker.save(mine.id, path)
    qtbot.waitUntil(lambda: "Saved 3 users" in asker.status.text(), timeout=20_000)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["user_id", "real_name", "phone"]
    sup = platform.login("sup2")
    for row in rows[1:]:
        revealed = sup.post(f"/users/{row[0]}/reveal", json={"reason": "check the export"}).json()
        assert row[1:] == [revealed["real_name"] or "", revealed["phone"] or ""]
    assert [int(r[0]) for r in rows[1:]] == users
    qtbot.waitUntil(lambda: asker.selected() is not None and asker.selected().status == "downloaded",
                    timeout=20_000)
    assert not asker.save_button.isEnabled()
    # Once only: the platform refuses a second download, and the file is left as it was.
    asker.save(mine.id, tmp_path / "again.csv")
    qtbot.waitUntil(lambda: "already downloaded" in asker.status.text(), timeout=20_000)
    assert not (tmp_path / "again.csv").exists()


def test_an_auditor_sees_requests_but_cannot_act(qtbot, platform, open_workstation):
    sup = platform.login("sup1")
    user = sup.get("/cases", params={"limit": 1}).json()["items"][0]["sender_id"]
    asked = sup.post("/pi-exports", json={"user_ids": [user], "reason": "auditor's view"}).json()
    window = open_workstation(platform, "audit1").window
    dialog = _open_dialog(qtbot, window)
    assert not dialog.can_act
    assert not dialog.new_box.isVisibleTo(dialog) and not dialog.approve_button.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: any(r.id == asked["id"] for r in dialog.rows), timeout=20_000)
    dialog.select(asked["id"])
    row = dialog.table.currentRow()
    assert dialog.table.item(row, 2).text() == "sup1" and "auditor's view" in dialog.table.item(row, 5).text()
