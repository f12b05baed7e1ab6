"""The moderator's main window end to end: a real platform over loopback HTTP, a real
cache file, the real outbox and sync engine, driven from the keyboard."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel

from qunguan.contract import models as api
from qunguan.contract.enums import Action
from tests.helpers import take_open_case


def focus_target(window):
    """Where a keystroke goes: the active dialog's focused widget, or the queue table."""
    dialog = window.active_dialog
    if dialog is not None and dialog.isVisible():
        return dialog.focusWidget() or dialog
    window.activateWindow()
    return window.table


def press(qtbot, window, key, text: str | None = None) -> None:
    qtbot.keyClick(focus_target(window), key)


def type_text(widget, text: str) -> None:
    """Type any text, Chinese included, as key events (QTest only types ASCII; a person would
    use an input method, which delivers the same text)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def wait_case_open(qtbot, window, *, claimed_by: str | None = None) -> api.CaseDetail:
    qtbot.waitUntil(lambda: window.detail is not None
                    and window.detail.case.id == window.model.case_at(window.table.currentIndex().row()).id,
                    timeout=20_000)
    if claimed_by is not None:
        def held() -> bool:
            row = window.model.case_at(window.table.currentIndex().row())
            return row is not None and row.claimed_by == claimed_by
        qtbot.waitUntil(held, timeout=20_000)
    assert window.detail is not None
    return window.detail


def decided_on_server(session, case_id: int) -> list[dict]:
    return session.get(f"/cases/{case_id}").json()["decisions"]


def choose_reason_if_needed(qtbot, window, code: str = "PLT-02") -> None:
    """Keyboard only: if the dialog has no reason yet, type one into its search field."""
    dialog = window.active_dialog
    if dialog.decision_fields().get("reason_code") is None:
        qtbot.keyClicks(dialog.reasons.search, code)
        qtbot.waitUntil(lambda: dialog.decision_fields().get("reason_code") is not None, timeout=5_000)


def test_a_keyboard_only_session_claims_and_decides_five_cases(qtbot, fresh_platform, open_workstation):
    platform = fresh_platform()
    session = open_workstation(platform, "mod1")
    window = session.window
    done: dict[int, Action] = {}
    for key, action in ((Qt.Key.Key_A, Action.APPROVE), (Qt.Key.Key_D, Action.DELETE_MESSAGE),
                        (Qt.Key.Key_W, Action.WARN), (Qt.Key.Key_M, Action.MUTE), (Qt.Key.Key_E, Action.ESCALATE)):
        detail = wait_case_open(qtbot, window, claimed_by="mod1")
        assert detail.case.id not in done
        press(qtbot, window, key)
        if action is not Action.APPROVE:
            qtbot.waitUntil(lambda: window.active_dialog is not None
                            and window.active_dialog.isVisible(), timeout=5_000)
            choose_reason_if_needed(qtbot, window)
            press(qtbot, window, Qt.Key.Key_Return)
        done[detail.case.id] = action
        # the next case is selected at once; the decided one stays in place, faded
        qtbot.waitUntil(lambda d=detail: window.detail is None or window.detail.case.id != d.case.id, timeout=5_000)
        assert window.model.is_done(detail.case.id)
    supervisor = platform.login("sup1")
    qtbot.waitUntil(lambda: all(decided_on_server(supervisor, c) for c in done), timeout=30_000)
    qtbot.waitUntil(lambda: session.cache.outbox.pending_count() == 0, timeout=30_000)
    for case_id, action in done.items():
        decisions = decided_on_server(supervisor, case_id)
        assert [d["action"] for d in decisions] == [action.value], (case_id, decisions)
        assert decisions[0]["actor"]["username"] == "mod1"
    qtbot.waitUntil(lambda: window.pending.text().startswith("0"), timeout=10_000)
    assert session.cache.outbox.attention() == []


def test_undo_takes_a_decision_back_while_it_is_in_the_outbox(qtbot, fresh_platform, open_workstation):
    platform = fresh_platform()
    session = open_workstation(platform, "mod2", hold_seconds=600)
    window = session.window
    detail = wait_case_open(qtbot, window, claimed_by="mod2")
    press(qtbot, window, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: session.cache.outbox.pending_count() == 1, timeout=10_000)
    assert window.model.is_done(detail.case.id)
    press(qtbot, window, Qt.Key.Key_Z)
    qtbot.waitUntil(lambda: session.cache.outbox.pending_count() == 0, timeout=10_000)
    qtbot.waitUntil(lambda: not window.model.is_done(detail.case.id), timeout=5_000)
    assert window.detail is None or window.model.case_at(window.table.currentIndex().row()).id == detail.case.id
    window.ws.sync_now()
    qtbot.waitUntil(lambda: not window.ws._syncing, timeout=10_000)
    assert decided_on_server(platform.login("sup1"), detail.case.id) == []


def test_a_case_held_by_another_is_shown_and_only_a_supervisor_may_take_it_over(qtbot, fresh_platform,
                                                                                 open_workstation):
    platform = fresh_platform()
    other = platform.login("mod2")
    held = take_open_case(other)
    session = open_workstation(platform, "sup1")
    window = session.window
    window.search.setText(str(held["id"]))
    qtbot.waitUntil(lambda: window.model.row_of(held["id"]) >= 0, timeout=10_000)
    window.select_row(window.model.row_of(held["id"]))
    qtbot.waitUntil(lambda: window.held_by_other == "mod2", timeout=10_000)
    assert "mod2" in window.flags.holder.text()
    assert window.takeover.isVisibleTo(window)
    press(qtbot, window, Qt.Key.Key_A)  # refused locally: the case is someone else's
    assert not window.model.is_done(held["id"])
    assert window.ws.cache.outbox.pending_count() == 0
    window.ws.take_over(held["id"])
    qtbot.waitUntil(lambda: window.held_by_other is None, timeout=10_000)
    assert other.get(f"/cases/{held['id']}").json()["case"]["claim"]["holder_username"] == "sup1"


def test_a_moderator_sees_no_takeover_and_no_reveal(qtbot, fresh_platform, open_workstation):
    platform = fresh_platform()
    held = take_open_case(platform.login("mod2"))
    window = open_workstation(platform, "mod1").window
    window.search.setText(str(held["id"]))
    qtbot.waitUntil(lambda: window.model.row_of(held["id"]) >= 0, timeout=10_000)
    window.select_row(window.model.row_of(held["id"]))
    qtbot.waitUntil(lambda: window.held_by_other == "mod2", timeout=10_000)
    assert not window.takeover.isVisibleTo(window)
    assert not window.sender_panel.reveal.isVisibleTo(window)


def test_every_label_of_untrusted_text_is_plain(qtbot, fresh_platform, open_workstation):
    window = open_workstation(fresh_platform(), "mod1").window
    wait_case_open(qtbot, window)
    labels = window.findChildren(QLabel)
    assert labels
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels
               if label.objectName() in {"senderName", "groupName", "reports", "signals", "caseHeader",
                                         "groupOwner", "groupAdmins", "statusMessage"})
    assert not any(label.openExternalLinks() for label in labels)


def test_help_lists_the_options():
    result = subprocess.run([sys.executable, "-m", "qunguan", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for option in ("--demo", "--as", "--server", "--lang"):
        assert option in result.stdout



def test_dissolve_shows_the_blast_radius_needs_the_typed_name_and_a_second_supervisor(qtbot, fresh_platform,
                                                                                        open_workstation):
    platform = fresh_platform()
    session = open_workstation(platform, "sup1")
    window = session.window
    detail = wait_case_open(qtbot, window, claimed_by="sup1")
    press(qtbot, window, Qt.Key.Key_G)
    qtbot.waitUntil(window.group_menu.isVisible, timeout=5_000)
    actions = window.group_menu.actions()
    for _ in range(3):  # restrict, mute group, dissolve
        qtbot.keyClick(window.group_menu, Qt.Key.Key_Down)
    assert window.group_menu.activeAction() is actions[2]
    qtbot.keyClick(window.group_menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.active_dialog is not None and window.active_dialog.isVisible(), timeout=5_000)
    dialog = window.active_dialog
    assert dialog.objectName() == "drasticDialog"
    qtbot.waitUntil(lambda: str(detail.group.member_count) in dialog.radius_label.text(), timeout=10_000)
    choose_reason_if_needed(qtbot, window, "PLT-04")
    qtbot.keyClicks(dialog.typed, "not the name")
    assert not dialog.confirm.isEnabled()
    dialog.typed.clear()
    type_text(dialog.typed, detail.group.name)
    assert dialog.confirm.isEnabled()
    qtbot.keyClick(dialog.typed, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.active_dialog is None, timeout=5_000)
    assert "second supervisor" in window.message.text() or window.model.is_done(detail.case.id)
    qtbot.waitUntil(lambda: session.cache.outbox.pending_count() == 0, timeout=30_000)
    sup1, sup2 = platform.login("sup1"), platform.login("sup2")
    qtbot.waitUntil(lambda: decided_on_server(sup1, detail.case.id) != [], timeout=30_000)
    assert session.cache.outbox.attention() == []
    [decision] = decided_on_server(sup1, detail.case.id)
    assert decision["outcome"] == "proposed" and decision["action"] == "dissolve_group"
    assert sup1.get(f"/groups/{detail.group.id}").json()["status"] != "dissolved"
    own = sup1.post(f"/proposals/{decision['proposal_id']}/review", json={"approve": True})
    assert own.status_code == 403
    second = sup2.post(f"/proposals/{decision['proposal_id']}/review", json={"approve": True, "note": "agreed"})
    assert second.status_code == 200, second.text
    assert sup1.get(f"/groups/{detail.group.id}").json()["status"] == "dissolved"


def test_an_ended_session_asks_for_a_login_and_keeps_the_work(qtbot, fresh_platform, open_workstation):
    from qunguan.client.api import ApiClient
    from tests.platform_fixture import DEMO_PASSWORD

    platform = fresh_platform()
    session = open_workstation(platform, "mod1", hold_seconds=600)
    window = session.window
    detail = wait_case_open(qtbot, window, claimed_by="mod1")
    press(qtbot, window, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: session.cache.outbox.pending_count() == 1, timeout=10_000)
    # the platform ends the session: the refresh token is revoked and the access token runs out
    session.api.session.post(f"{platform.api}/auth/logout", json={"refresh_token": session.api.tokens.refresh_token})
    platform.clock.advance(16 * 60)
    with qtbot.waitSignal(window.sessionExpired, timeout=20_000):
        window.ws.sync_now(pull=True)
    assert session.cache.outbox.pending_count() == 1  # nothing lost
    fresh = ApiClient(platform.url)
    fresh.login("mod1", DEMO_PASSWORD)
    window.ws.syncer.hold = timedelta(0)  # send now
    window.resume_session(fresh)
    supervisor = platform.login("sup1")
    qtbot.waitUntil(lambda: decided_on_server(supervisor, detail.case.id) != [], timeout=30_000)


def test_a_supervisor_reveals_personal_data_with_a_reason_and_the_platform_audits_it(qtbot, fresh_platform,
                                                                                      open_workstation):
    platform = fresh_platform()
    window = open_workstation(platform, "sup2").window
    detail = wait_case_open(qtbot, window)
    assert "(revealed)" not in window.sender_panel.personal.text()
    qtbot.mouseClick(window.sender_panel.reveal, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.active_dialog is not None and window.active_dialog.isVisible(), timeout=5_000)
    dialog = window.active_dialog
    assert not dialog.ok.isEnabled()
    type_text(dialog.edit, "向公安机关报案")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "(revealed)" in window.sender_panel.personal.text(), timeout=10_000)
    events = platform.login("sup1").get("/audit", params={"limit": 500}).json()["items"]
    reveals = [e for e in events if e["kind"] == "reveal" and e["actor"] == "sup2"]
    assert reveals and reveals[-1]["subject"] == f"user:{detail.sender.id}"
    assert "向公安机关报案" in str(reveals[-1]["payload"])


def test_the_window_keeps_working_when_the_platform_disappears(qtbot, fresh_platform, open_workstation):
    platform = fresh_platform()
    session = open_workstation(platform, "mod1")
    window = session.window
    first = wait_case_open(qtbot, window, claimed_by="mod1")
    qtbot.waitUntil(lambda: not window.ws._prefetching, timeout=10_000)  # the next cases are cached
    platform.stop()
    press(qtbot, window, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: window.detail is not None and window.detail.case.id != first.case.id, timeout=5_000)
    qtbot.waitUntil(lambda: session.cache.outbox.pending_count() == 1, timeout=10_000)
    window.ws.sync_now()
    qtbot.waitUntil(lambda: "offline" in window.connection.text(), timeout=30_000)
    assert window.pending.text().startswith("1")
    assert session.cache.outbox.pending()[0].case_id == first.case.id
