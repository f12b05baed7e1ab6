"""Offline review in the window: progress on the first full sync, "Take cases offline" with
its progress dialog, deciding them with the platform gone and catching up when it returns
(without a restart), and the Needs attention view with a conflict (mine and theirs side by
side, accept theirs, escalate) and a refused decision (dismiss)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from qunguan.client.checkout import OFFLINE_LEASE
from qunguan.contract import models as api
from qunguan.contract.enums import Action
from tests.helpers import PASSWORD, new_account
from tests.ui.test_workstation import press, wait_case_open


def test_the_first_full_sync_shows_its_progress(qtbot, platform, open_workstation):
    seen: list[tuple[int, int]] = []
    from qunguan.ui.workstation import Workstation

    original = Workstation.__init__

    def spy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        original(self, *args, **kwargs)
        self.syncProgress.connect(lambda done, total: seen.append((done, total)))

    Workstation.__init__ = spy  # type: ignore[method-assign]
    try:
        window = open_workstation(platform, new_account(platform)[0], PASSWORD).window
    finally:
        Workstation.__init__ = original  # type: ignore[method-assign]
    assert seen and seen[0][0] == 0 and seen[-1][0] == seen[-1][1] > 0
    assert not window.first_sync.isVisible()  # gone when done


def test_take_cases_offline_decide_without_the_platform_and_catch_up(qtbot, fresh_platform, open_workstation,
                                                                     database_factory):
    from tests.platform_fixture import start_platform

    platform = fresh_platform()
    session = open_workstation(platform, "mod2")
    window = session.window
    window.take_offline()
    dialog = window.active_dialog
    dialog.count.setValue(4)
    dialog.accept()
    qtbot.waitUntil(lambda: window.checkout is None and "taken offline" in window.message.text(), timeout=30_000)
    taken = sorted(session.cache.offline_cases())
    assert len(taken) == 4
    qtbot.waitUntil(lambda: window.ws.offline_ids == set(taken), timeout=10_000)
    window.queues.setCurrentRow(2)  # "Taken offline"
    window.apply_filters()
    assert window.current_filter().queue == "offline"
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=10_000)

    platform.stop()  # the network is gone
    for _ in range(4):
        detail = wait_case_open(qtbot, window)
        assert detail.case.id in taken
        window.activateWindow()
        qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window.windowHandle(), timeout=5_000)
        press(qtbot, window, Qt.Key.Key_A)
        qtbot.waitUntil(lambda d=detail: d.case.id in {e.case_id for e in session.cache.outbox.pending()},
                        timeout=10_000)
    window.ws.sync_now()
    qtbot.waitUntil(lambda: "offline" in window.connection.text(), timeout=30_000)
    assert session.cache.outbox.pending_count() == 4

    back = start_platform(platform.db_url, database_factory.audit_key)  # the platform returns (new address)
    try:
        from qunguan.client.api import ApiClient

        client = ApiClient(back.url)
        client.use(session.api.tokens)
        window.resume_session(client)
        qtbot.waitUntil(lambda: session.cache.outbox.pending_count() == 0, timeout=30_000)
        qtbot.waitUntil(lambda: "online" in window.connection.text() and "offline" not in window.connection.text(),
                        timeout=30_000)
        checker = back.login("sup1")
        for case_id in taken:
            assert [d["action"] for d in checker.get(f"/cases/{case_id}").json()["decisions"]] == ["approve"]
    finally:
        back.stop()


def test_needs_attention_shows_a_conflict_side_by_side_and_resolves_it(qtbot, fresh_platform, open_workstation):
    platform = fresh_platform()
    user, _ = new_account(platform)
    session = open_workstation(platform, user, PASSWORD, hold_seconds=600)
    window = session.window
    cache = session.cache
    # two cases recorded while "offline"; another moderator changes both on the platform first
    other_user, other = new_account(platform)
    cases = [c for c in other.get("/cases", params={"status": "open", "limit": 20}).json()["items"]
             if not c["claim"]][:2]
    entries = [cache.outbox.add(api.DecisionRequest(case_id=c["id"], action=Action.APPROVE,
                                                    expected_version=c["version"])) for c in cases]
    noted = other.post("/decisions", headers={"Idempotency-Key": "note-first-case-1"}, json={
        "case_id": cases[0]["id"], "action": "note", "note": "seen", "expected_version": cases[0]["version"]})
    warned = other.post("/decisions", headers={"Idempotency-Key": "warn-second-case"}, json={
        "case_id": cases[1]["id"], "action": "warn", "reason_code": "ILL-09", "expected_version": cases[1]["version"]})
    assert noted.status_code == warned.status_code == 201
    window.ws.syncer.hold = OFFLINE_LEASE * 0  # send now
    window.ws.sync_now(pull=True)
    qtbot.waitUntil(lambda: window.attention.isVisible() and window.attention.text().startswith("⚠ 2"),
                    timeout=30_000)

    window.show_attention()
    dialog = window.attention_dialog
    qtbot.waitUntil(lambda: dialog.conflicts.count() == 2, timeout=10_000)
    assert dialog.tabs.tabText(0).endswith("(2)")
    dialog.conflicts.setCurrentRow(1)  # the case the other moderator closed
    assert dialog.selected().case_id == cases[1]["id"]
    assert "Approve" in dialog.mine.text() and "Status: resolved" in dialog.theirs.text()
    assert not dialog.escalate.isEnabled() and dialog.accept_theirs.isEnabled()
    dialog.accept_theirs.click()
    qtbot.waitUntil(lambda: dialog.conflicts.count() == 1, timeout=10_000)

    dialog.conflicts.setCurrentRow(0)  # still open, only noted: escalate it with my note
    assert dialog.escalate.isEnabled() and "Approve" in dialog.note.text()
    dialog.note.setText("I had approved it before the note arrived.")
    dialog.escalate.click()
    qtbot.waitUntil(lambda: dialog.conflicts.count() == 0, timeout=10_000)
    qtbot.waitUntil(lambda: not window.attention.isVisible(), timeout=10_000)
    window.ws.sync_now(pull=True)
    qtbot.waitUntil(lambda: other.get(f"/cases/{cases[0]['id']}").json()["case"]["status"] == "escalated",
                    timeout=30_000)
    assert {e.resolution for e in (cache.outbox.get(x.id) for x in entries)} == {"accepted_theirs", "escalated"}
    assert other_user != user
    dialog.close()
    QApplication.processEvents()
