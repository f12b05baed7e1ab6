"""The decision dialogs over real case data from the reference platform: reason search, what
OK needs, durations, the drastic confirmation, untrusted names, links and the shortcut sheet."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer, QUrl
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget

from qunguan.contract import models as api
from qunguan.contract.enums import DAY, Action
from qunguan.contract.taxonomy import ReasonCode
from qunguan.ui.confirm import DrasticConfirmDialog
from qunguan.ui.decide import DecisionDialog
from qunguan.ui.links import LinkDialog, confirm_link
from qunguan.ui.reasons import ReasonPicker, label_for_action
from qunguan.ui.reveal import RevealDialog
from qunguan.ui.shortcuts import SHORTCUTS, ShortcutSheet, key_for, key_text
from qunguan.ui.text import FSI, PDI
from tests.helpers import new_account, take_open_case

HOSTILE_NAME = "<b>x</b> <img src=\"http://127.0.0.1:9/p.png\"> \u202eمرحبا\u202c 群"


def fetch_detail(session: Any, case_id: int | None = None) -> api.CaseDetail:
    if case_id is None:
        case_id = session.get("/cases?status=open&limit=1").json()["items"][0]["id"]
    response = session.get(f"/cases/{case_id}")
    assert response.status_code == 200, response.text
    return api.CaseDetail.model_validate(response.json())


@pytest.fixture(scope="module")
def detail(platform) -> api.CaseDetail:
    return fetch_detail(platform.login("mod1"))


def blast_radius(platform, detail: api.CaseDetail, action: Action) -> api.BlastRadius:
    response = platform.login("mod1").get(f"/cases/{detail.case.id}/blast-radius", params={"action": action.value})
    assert response.status_code == 200, response.text
    return api.BlastRadius.model_validate(response.json())


def with_group_name(detail: api.CaseDetail, name: str) -> api.CaseDetail:
    return detail.model_copy(update={"group": detail.group.model_copy(update={"name": name})})


def shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# --- the reason picker ------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["诈骗", "scam", "plt-03", "PLT-03", "plt03"])
def test_reason_picker_finds_a_reason_by_code_english_or_chinese(qtbot, query):
    picker = shown(qtbot, ReasonPicker())
    with qtbot.waitSignal(picker.reasonChanged, check_params_cb=lambda code: code == "PLT-03"):
        if query.isascii():
            qtbot.keyClicks(picker.search, query)
        else:  # Chinese arrives from an input method as a committed string
            commit = QInputMethodEvent()
            commit.setCommitString(query)
            QApplication.sendEvent(picker.search, commit)
    assert picker.search.text() == query
    assert picker.reason_code() is ReasonCode.PLT_03
    visible = [picker.list.item(r).text() for r in range(picker.list.count()) if not picker.list.item(r).isHidden()]
    assert visible and all("PLT-03" in text for text in visible)
    assert "诈骗" in visible[0] and "Fraud or scam" in visible[0]  # both languages


def test_reason_picker_moves_with_arrows_while_typing(qtbot):
    picker = shown(qtbot, ReasonPicker())
    picker.activateWindow()
    picker.search.setFocus()
    qtbot.waitUntil(picker.search.hasFocus)
    qtbot.keyClicks(picker.search, "NEG")
    assert picker.reason_code() is ReasonCode.NEG_01
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.reason_code() is ReasonCode.NEG_03
    qtbot.keyClick(picker.search, Qt.Key.Key_Up)
    assert picker.reason_code() is ReasonCode.NEG_02
    assert picker.search.hasFocus() and picker.search.text() == "NEG"
    qtbot.keyClicks(picker.search, "zzz")  # nothing matches: nothing is chosen
    assert picker.reason_code() is None and picker.empty.isVisible()
    picker.set_reason_code("ILL-08")
    assert picker.reason_code() is ReasonCode.ILL_08 and picker.search.text() == ""


# --- the decision dialog -------------------------------------------------------------------------------


def test_ok_needs_a_reason_and_says_what_happens(qtbot, detail):
    dialog = shown(qtbot, DecisionDialog(Action.WARN, detail))
    assert dialog.reasons.reason_code() == detail.case.suggested_reason
    dialog.reasons.set_reason_code(None)
    assert not dialog.ok.isEnabled()
    assert dialog.missing.isVisible()
    dialog.reasons.set_reason_code(ReasonCode.PLT_03)
    assert dialog.ok.isEnabled()
    tip = dialog.ok.toolTip()
    assert label_for_action(Action.WARN) in tip and "PLT-03" in tip
    assert detail.sender.display_name in tip
    assert dialog.decision_fields() == {"reason_code": ReasonCode.PLT_03, "note": None, "duration_seconds": None,
                                        "target_user_id": None}


def test_each_action_needs_what_it_takes(qtbot, detail):
    escalate = shown(qtbot, DecisionDialog(Action.ESCALATE, detail))
    escalate.reasons.set_reason_code(None)
    assert escalate.ok.isEnabled()  # escalating needs no reason
    note = shown(qtbot, DecisionDialog(Action.NOTE, detail))
    assert not note.ok.isEnabled()  # a note needs its text
    note.note.set_text("asked the group owner to check")
    assert note.ok.isEnabled() and note.decision_fields()["note"] == "asked the group owner to check"
    restrict = shown(qtbot, DecisionDialog(Action.RESTRICT_GROUP, detail))
    assert restrict.officer is None and restrict.decision_fields()["target_user_id"] is None
    assert str(detail.group.id) in restrict.target.text()


def test_enter_accepts_and_escape_cancels(qtbot, detail):
    dialog = DecisionDialog(Action.DELETE_MESSAGE, detail)
    qtbot.addWidget(dialog)
    dialog.reasons.set_reason_code(ReasonCode.PLT_02)
    dialog.open()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.reasons.search, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted

    cancelled = DecisionDialog(Action.DELETE_MESSAGE, detail)
    qtbot.addWidget(cancelled)
    cancelled.open()
    qtbot.waitExposed(cancelled)
    with qtbot.waitSignal(cancelled.rejected):
        qtbot.keyClick(cancelled.reasons.search, Qt.Key.Key_Escape)

    blocked = DecisionDialog(Action.DELETE_MESSAGE, detail)
    qtbot.addWidget(blocked)
    blocked.reasons.set_reason_code(None)
    blocked.open()
    qtbot.waitExposed(blocked)
    with qtbot.assertNotEmitted(blocked.accepted, wait=100):
        qtbot.keyClick(blocked.reasons.search, Qt.Key.Key_Return)
    assert blocked.isVisible()


def test_note_is_limited_and_templates_fill_reason_and_note(qtbot, detail):
    dialog = shown(qtbot, DecisionDialog(Action.DELETE_MESSAGE, detail))
    dialog.note.edit.setPlainText("x" * 2500)
    assert len(dialog.decision_fields()["note"]) == 2000
    dialog.note.edit.setPlainText("  ")
    assert dialog.decision_fields()["note"] is None
    index = next(i for i in range(dialog.templates.count()) if "PLT-04" in dialog.templates.itemText(i))
    dialog.templates.setCurrentIndex(index)
    dialog.templates.activated.emit(index)
    fields = dialog.decision_fields()
    assert fields["reason_code"] is ReasonCode.PLT_04 and fields["note"]


def test_durations_give_the_right_seconds(qtbot, detail):
    dialog = shown(qtbot, DecisionDialog(Action.MUTE, detail))
    chooser = dialog.duration
    assert chooser is not None
    assert dialog.decision_fields()["duration_seconds"] == 86400  # 1 day is the default
    chooser.findChild(QWidget, "days7").click()
    assert dialog.decision_fields()["duration_seconds"] == 7 * DAY
    chooser.findChild(QWidget, "days30").click()
    assert dialog.decision_fields()["duration_seconds"] == 30 * DAY
    chooser.days.setValue(2)
    chooser.hours.setValue(5)
    assert chooser.custom.isChecked()
    assert dialog.decision_fields()["duration_seconds"] == 2 * DAY + 5 * 3600
    assert "Ends" in chooser.ends.text() or "结束" in chooser.ends.text()
    assert "2" in dialog.ok.toolTip()
    chooser.days.setValue(0)
    chooser.hours.setValue(0)
    assert not dialog.ok.isEnabled()  # zero is not a duration
    chooser.hours.setValue(1)
    assert dialog.ok.isEnabled() and dialog.decision_fields()["duration_seconds"] == 3600

    optional = shown(qtbot, DecisionDialog(Action.MUTE_GROUP, detail))
    assert optional.duration is not None and optional.duration.forever is not None
    optional.duration.forever.click()
    assert optional.decision_fields()["duration_seconds"] is None
    assert shown(qtbot, DecisionDialog(Action.WARN, detail)).duration is None


def test_the_platform_accepts_what_the_dialog_collects(qtbot, platform):
    _, session = new_account(platform, "moderator")
    case = take_open_case(session)
    detail = fetch_detail(session, case["id"])
    dialog = shown(qtbot, DecisionDialog(Action.MUTE, detail))
    dialog.duration.findChild(QWidget, "days7").click()
    dialog.reasons.set_reason_code(ReasonCode.PLT_02)
    dialog.note.set_text("repeated adverts")
    fields = {k: v for k, v in dialog.decision_fields().items() if v is not None}
    request = api.DecisionRequest(case_id=detail.case.id, action=Action.MUTE, expected_version=case["version"],
                                  **fields)
    response = session.post("/decisions", json=request.model_dump(mode="json", exclude_none=True),
                            headers={"Idempotency-Key": str(uuid.uuid4())})
    assert response.status_code == 201, response.text
    decision = response.json()["decision"]
    assert decision["duration_seconds"] == 7 * DAY and decision["reason_code"] == "PLT-02"
    assert decision["note"] == "repeated adverts"


def test_group_officer_actions_choose_the_owner_or_an_admin(qtbot, platform):
    _, session = new_account(platform, "moderator")
    case = take_open_case(session)
    detail = fetch_detail(session, case["id"])
    dialog = shown(qtbot, DecisionDialog(Action.SUSPEND_ADMIN_RIGHTS, detail))
    combo = dialog.officer
    assert combo is not None
    ids = [combo.itemData(i) for i in range(1, combo.count())]
    assert detail.group.owner.id in ids
    assert set(ids) == {detail.group.owner.id} | {o.user.id for o in detail.group.admins}
    combo.setCurrentIndex(0)
    assert not dialog.ok.isEnabled()
    combo.setCurrentIndex(ids.index(detail.group.owner.id) + 1)
    assert dialog.ok.isEnabled()
    fields = dialog.decision_fields()
    assert fields["target_user_id"] == detail.group.owner.id and fields["duration_seconds"] == DAY
    request = api.DecisionRequest(case_id=detail.case.id, action=Action.SUSPEND_ADMIN_RIGHTS,
                                  expected_version=case["version"], **{k: v for k, v in fields.items() if v})
    response = session.post("/decisions", json=request.model_dump(mode="json", exclude_none=True),
                            headers={"Idempotency-Key": str(uuid.uuid4())})
    assert response.status_code == 201, response.text
    assert response.json()["decision"]["target_user_id"] == detail.group.owner.id


# --- the drastic confirmation -----------------------------------------------------------------------


def test_drastic_confirm_needs_the_exact_name_and_the_radius(qtbot, platform, detail):
    dialog = shown(qtbot, DrasticConfirmDialog(Action.DISSOLVE_GROUP, detail, None))
    confirm, typed = dialog.findChild(QWidget, "confirm"), dialog.findChild(QWidget, "typed")
    radius_label = dialog.findChild(QLabel, "radius")
    assert "…" in radius_label.text()
    assert not confirm.isEnabled()
    typed.setText(detail.group.name)
    assert not confirm.isEnabled()  # the radius is not loaded yet
    radius = blast_radius(platform, detail, Action.DISSOLVE_GROUP)
    dialog.set_radius(radius)
    assert confirm.isEnabled()
    assert QLocale().toString(radius.members) in radius_label.text()
    assert QLocale().toString(radius.messages) in radius_label.text()
    for wrong in (detail.group.name + " ", detail.group.name[:-1], detail.group.name.upper() + "x", ""):
        typed.setText(wrong)
        assert not confirm.isEnabled(), wrong
    typed.setText(detail.group.name)
    assert confirm.isEnabled()
    assert "second supervisor" in dialog.proposal.text() or "主管" in dialog.proposal.text()
    dialog.set_radius_error("the platform is offline")
    assert not confirm.isEnabled() and "offline" in radius_label.text()
    dialog.set_radius(radius)
    dialog.reasons.set_reason_code(None)
    assert not confirm.isEnabled()
    dialog.reasons.set_reason_code(ReasonCode.PLT_04)
    assert confirm.isEnabled()
    assert dialog.decision_fields() == {"reason_code": ReasonCode.PLT_04, "note": None, "duration_seconds": None,
                                        "target_user_id": None}
    dialog.hide()
    dialog.open()
    qtbot.waitExposed(dialog)
    typed.setText("wrong")
    with qtbot.assertNotEmitted(dialog.accepted, wait=100):
        qtbot.keyClick(typed, Qt.Key.Key_Return)
    typed.setText(detail.group.name)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(typed, Qt.Key.Key_Return)


def test_ban_asks_for_the_users_name(qtbot, platform, detail):
    radius = blast_radius(platform, detail, Action.BAN)
    dialog = shown(qtbot, DrasticConfirmDialog(Action.BAN, detail, radius))
    confirm, typed = dialog.findChild(QWidget, "confirm"), dialog.findChild(QWidget, "typed")
    assert dialog.reasons.reason_code() == detail.case.suggested_reason
    dialog.reasons.set_reason_code(ReasonCode.PLT_03)
    typed.setText(detail.group.name)
    assert not confirm.isEnabled()
    typed.setText(detail.sender.display_name)
    assert confirm.isEnabled()
    with pytest.raises(ValueError):
        DrasticConfirmDialog(Action.WARN, detail, None)
    wrong = shown(qtbot, DrasticConfirmDialog(Action.BLACKLIST, detail, None))
    wrong.set_radius(radius)  # an answer for another action is not taken
    wrong.findChild(QWidget, "typed").setText(detail.sender.display_name)
    assert not wrong.findChild(QWidget, "confirm").isEnabled()


# --- untrusted names -----------------------------------------------------------------------------------


def test_hostile_group_names_show_literally(qtbot, platform, detail):
    hostile = with_group_name(detail, HOSTILE_NAME)
    decide = shown(qtbot, DecisionDialog(Action.RESTRICT_GROUP, hostile))
    drastic = shown(qtbot, DrasticConfirmDialog(Action.DISSOLVE_GROUP, hostile,
                                                blast_radius(platform, detail, Action.DISSOLVE_GROUP)))
    for dialog in (decide, drastic):
        label = dialog.findChild(QLabel, "target")
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert "<b>x</b>" in label.text() and "<img src=" in label.text()
        assert "\u202e" not in label.text() and "U+202E" in label.text()  # shown, not obeyed
        assert "مرحبا" in label.text() and FSI in label.text() and PDI in label.text()
        for other in dialog.findChildren(QLabel):
            if "<b>x</b>" in other.text():
                assert other.textFormat() == Qt.TextFormat.PlainText, other.objectName()
    assert "<b>x</b>" in decide.ok.toolTip()
    drastic.reasons.set_reason_code(ReasonCode.PLT_03)
    drastic.findChild(QWidget, "typed").setText(HOSTILE_NAME)
    assert drastic.findChild(QWidget, "confirm").isEnabled()


# --- reveal --------------------------------------------------------------------------------------------


def test_reveal_needs_a_reason_of_two_characters(qtbot, detail):
    dialog = shown(qtbot, RevealDialog(None, detail.sender.display_name))
    assert "audit" in dialog.audit.text() or "审计" in dialog.audit.text()
    for text in ("", " ", "  x  "):
        dialog.edit.setText(text)
        assert not dialog.ok.isEnabled(), text
    dialog.edit.setText("  police request 42  ")
    assert dialog.ok.isEnabled() and dialog.reason() == "police request 42"


# --- links ---------------------------------------------------------------------------------------------


def run_modal(qtbot, parent: QWidget, find: type, action: Any) -> dict[str, Any]:
    """Call ``action`` on the first modal of type ``find`` opened under ``parent``, then close it."""
    seen: dict[str, Any] = {"tries": 0}

    def handle() -> None:
        dialog = parent.findChild(find)
        if dialog is None or not dialog.isVisible():
            seen["tries"] += 1
            if seen["tries"] > 300:  # not the expected dialog: close whatever is open, the test then fails
                for other in parent.findChildren(QDialog):
                    other.reject()
                return
            QTimer.singleShot(10, handle)
            return
        try:
            seen["dialog"] = dialog
            seen["text"] = dialog.url.toPlainText() if isinstance(dialog, LinkDialog) else dialog.text()
            seen["default"] = getattr(dialog, "cancel", None) and dialog.cancel.isDefault()
        finally:
            action(dialog)

    QTimer.singleShot(0, handle)
    return seen


@pytest.fixture
def parent(qtbot) -> QWidget:
    return shown(qtbot, QWidget())


def test_link_shows_the_whole_url_and_opens_nothing_when_cancelled(qtbot, parent):
    url = "https://example.com/" + "very-long-path/" * 20 + "?q=" + "a" * 200 + "#end"
    opened: list[QUrl] = []
    seen = run_modal(qtbot, parent, LinkDialog, lambda d: d.cancel.click())
    assert confirm_link(parent, url, opener=opened.append) is False
    assert opened == []
    assert seen["text"] == url and seen["default"]
    assert "example.com" in seen["dialog"].site.text()


def test_link_opens_through_the_opener_when_accepted(qtbot, parent):
    url = "http://example.org/路径?a=1&b=<script>"
    opened: list[QUrl] = []
    seen = run_modal(qtbot, parent, LinkDialog, lambda d: d.open_button.click())
    assert confirm_link(parent, url, opener=opened.append) is True
    assert seen["text"] == url
    assert len(opened) == 1 and opened[0].scheme() == "http" and opened[0].host() == "example.org"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(document.cookie)", "http://",
                                 "ftp://example.com/x", "smb://example.com/share", "file://example.com/etc/passwd"])
def test_other_schemes_are_refused(qtbot, parent, url):
    opened: list[QUrl] = []
    seen = run_modal(qtbot, parent, QMessageBox, lambda box: box.accept())
    assert confirm_link(parent, url, opener=opened.append) is False
    assert opened == []
    assert url in seen["text"] and seen["dialog"].textFormat() == Qt.TextFormat.PlainText
    assert parent.findChild(LinkDialog) is None


# --- shortcuts -----------------------------------------------------------------------------------------


def test_the_shortcut_sheet_lists_every_key_and_closes_with_question_mark(qtbot):
    sheet = ShortcutSheet()
    qtbot.addWidget(sheet)
    sheet.open()
    qtbot.waitExposed(sheet)
    sheet.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is sheet)
    keys = [sheet.table.item(row, 0).text() for row in range(sheet.table.rowCount())]
    assert keys == [key_text(key) for key, _, _ in SHORTCUTS]
    for key in ("j", "k", "a", "d", "w", "m", "s", "g", "e", "n", "z", "r", "Ctrl+F", "F5", "?"):
        assert key_text(key) in keys, key
    assert all(sheet.table.item(row, 1).text() for row in range(sheet.table.rowCount()))
    with qtbot.waitSignal(sheet.finished):
        qtbot.keyClick(sheet.table, Qt.Key.Key_Question)
    assert not sheet.isVisible()

    again = ShortcutSheet()
    qtbot.addWidget(again)
    again.open()
    qtbot.waitExposed(again)
    with qtbot.waitSignal(again.rejected):
        qtbot.keyClick(again.table, Qt.Key.Key_Escape)


def test_shortcuts_can_be_remapped(qtbot):
    assert key_for("next") == "j"
    assert key_for("next", {"next": "Ctrl+J"}) == "Ctrl+J"
    assert key_for("next", {"next": ""}) == "j"
    with pytest.raises(KeyError):
        key_for("no-such-action")
    sheet = ShortcutSheet(overrides={"next": "Ctrl+J"})
    qtbot.addWidget(sheet)
    row = [action_id for _, action_id, _ in SHORTCUTS].index("next")
    assert sheet.table.item(row, 0).text() == key_text("Ctrl+J")
