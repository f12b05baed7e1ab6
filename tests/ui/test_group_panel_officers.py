"""The group panel shows the owner's and admins' own actions (Art. 9) as plain text, the group's
tier and members against its cap, and whether the creator is real-name verified: here for the
compliance case the platform opened for a group whose creator is not verified, loaded by the
workstation from the real platform (off the GUI thread) and kept in its cache for offline work."""

from __future__ import annotations

from PySide6.QtCore import Qt

from qunguan.contract import models as api
from qunguan.ui.panels import OFFICER_ACTIONS_SHOWN, GroupPanel

HOSTILE = "<b>x</b>"


def shown(text: str) -> str:
    """A label's text without the bidi isolation marks around names (see ui/text.py)."""
    return text.replace("\u2068", "").replace("\u2069", "")


def _unverified_creator_case(platform) -> int:
    admin = platform.login("admin1")
    users = [admin.get(f"/users/{uid}").json() for uid in range(1, 401)]
    creator = next(u for u in users if not u["real_name_verified"] and u["credit_score"] >= 110
                   and u["status"] == "active" and u["can_create_groups"])
    member = next(u for u in users if u["real_name_verified"] and u["status"] == "active" and u["id"] != creator["id"])
    group = admin.post("/members/groups", json={"creator_id": creator["id"], "name": "夜跑打卡",
                                                "category": "interest", "member_cap": 50})
    assert group.status_code == 201, group.text
    gid = group.json()["id"]

    def act(kind: str, **fields) -> None:
        response = admin.post(f"/members/groups/{gid}/officer-actions",
                              json={"actor_id": creator["id"], "kind": kind, **fields})
        assert response.status_code == 201, response.text

    act("invite", target_user_id=member["id"])
    act("announce", note="今晚八点 " + HOSTILE + " 集合")
    act("rename_group", note=HOSTILE)
    cases = admin.get("/cases", params={"group_id": gid}).json()["items"]
    assert len(cases) == 1
    return cases[0]["id"]


def test_the_group_panel_shows_the_officers_actions_as_plain_text(qtbot, fresh_platform, open_workstation):
    platform = fresh_platform()
    case_id = _unverified_creator_case(platform)
    session = open_workstation(platform, "mod1")
    window = session.window
    window.search.setText(str(case_id))
    qtbot.waitUntil(lambda: window.model.row_of(case_id) >= 0, timeout=10_000)
    window.select_row(window.model.row_of(case_id))
    qtbot.waitUntil(lambda: window.detail is not None and window.detail.case.id == case_id, timeout=15_000)
    panel = window.group_panel
    actions = panel.officer_actions
    lines = shown(actions.text()).splitlines()
    assert len(lines) == 3
    assert "renamed the group: 夜跑打卡 → <b>x</b>" in lines[0]  # newest first, the tags as typed
    assert "announced: 今晚八点 <b>x</b> 集合" in lines[1]
    assert "invited" in lines[2]
    assert all("(owner)" in line for line in lines)
    assert actions.textFormat() == Qt.TextFormat.PlainText
    assert panel.name.textFormat() == Qt.TextFormat.PlainText and shown(panel.name.text()).startswith(HOSTILE)
    assert "2 / 50" in panel.members.text()
    assert "tier 1" in panel.kind.text()
    assert "not real-name verified" in panel.owner.text()
    # The why of the case: the compliance signal.
    assert "not real-name verified" in window.flags.signals.text()
    # Kept for offline work with the rest of the case.
    cached = session.cache.detail(case_id)
    assert cached is not None and [a.kind.value for a in cached.group.officer_actions] == [
        "rename_group", "announce", "invite"]


def test_the_panel_lists_the_latest_and_says_when_there_are_none(qtbot):
    owner = api.UserRef(id=7, display_name="群主", credit_score=96, real_name_verified=True)
    other = api.UserRef(id=8, display_name="<i>spam</i>", credit_score=40, real_name_verified=False)
    when = "2026-11-20T08:00:00Z"
    group = {
        "id": 3, "name": "小区业主群", "owner": owner.model_dump(), "member_count": 512, "member_cap": 500,
        "category": "neighbourhood", "tier": 4, "status": "active", "created_at": when,
        "admins": [{"user": owner.model_dump(), "is_owner": True}],
    }
    panel = GroupPanel()
    qtbot.addWidget(panel)
    panel.show_group(api.Group.model_validate(group))
    assert "none on record" in panel.officer_actions.text()
    assert "512 / 500" in panel.members.text() and "over the cap by 12" in panel.members.text()
    assert "real-name verified ✓" in panel.owner.text() and "not" not in panel.owner.text()
    actions = [{"id": n, "group_id": 3, "actor": owner.model_dump(), "role": "owner", "kind": "remove_member",
                "target_user": other.model_dump(), "note": "发诈骗链接", "at": when} for n in range(9, 0, -1)]
    panel.show_group(api.Group.model_validate({**group, "officer_actions": actions}))
    lines = shown(panel.officer_actions.text()).splitlines()
    assert len(lines) == OFFICER_ACTIONS_SHOWN
    assert lines[0].endswith("群主 (owner): removed <i>spam</i> from the group (发诈骗链接)")


def test_a_warning_may_name_the_owner_and_lowering_credit_is_a_group_action(qtbot, platform):
    """The decide dialog's chooser: a warning goes to the sender unless the owner or an admin is
    chosen; the platform then warns that person and moves their credit."""
    import uuid

    from qunguan.client.api import ApiClient
    from qunguan.contract.enums import Action
    from qunguan.ui.decide import DecisionDialog
    from tests.helpers import new_account, take_open_case

    _, session = new_account(platform, "moderator")
    case = take_open_case(session)
    client = ApiClient(platform.url)
    client.login("sup1", "qunguan-demo")
    detail = client.case(case["id"])
    dialog = DecisionDialog(Action.WARN, detail)
    qtbot.addWidget(dialog)
    combo = dialog.person
    assert combo is not None and combo.currentData() is None  # the sender by default
    assert dialog.decision_fields()["target_user_id"] is None
    owner = detail.group.owner
    if owner.id == detail.sender.id:
        assert combo.findData(owner.id) == -1
        return
    combo.setCurrentIndex(combo.findData(owner.id))
    dialog.reasons.set_reason_code("PLT-02")
    assert dialog.ok.isEnabled() and "owner" in shown(dialog.describe())
    assert f"ID {owner.id}" in dialog.target.text()
    fields = dialog.decision_fields()
    assert fields["target_user_id"] == owner.id
    request = api.DecisionRequest(case_id=detail.case.id, action=Action.WARN, expected_version=case["version"],
                                  **{k: v for k, v in fields.items() if v})
    response = session.post("/decisions", json=request.model_dump(mode="json", exclude_none=True),
                            headers={"Idempotency-Key": str(uuid.uuid4())})
    assert response.status_code == 201, response.text
    after = client.user(owner.id)
    assert any(s.kind.value == "warning" and s.decision_id == response.json()["decision"]["id"]
               for s in after.active_sanctions)
    lower = DecisionDialog(Action.LOWER_CREDIT, detail)
    qtbot.addWidget(lower)
    assert lower.officer is not None and lower.person is None


def test_a_blacklisting_may_name_an_admin_with_its_own_blast_radius(qtbot, platform):
    """The drastic dialog's chooser: choosing an admin asks for the admin's blast radius and name."""
    import pytest

    from qunguan.client.api import ApiClient
    from qunguan.client.errors import ServerProblem
    from qunguan.contract.enums import Action
    from qunguan.ui.confirm import DrasticConfirmDialog

    client = ApiClient(platform.url)
    client.login("sup1", "qunguan-demo")
    page = client.cases(status="open", limit=100)
    detail = next(d for d in (client.case(c.id) for c in page.items)
                  if any(not o.is_owner and o.user.id != d.sender.id for o in d.group.admins))
    admin = next(o.user for o in detail.group.admins if not o.is_owner and o.user.id != detail.sender.id)
    dialog = DrasticConfirmDialog(Action.BLACKLIST, detail, None)
    qtbot.addWidget(dialog)
    assert dialog.current_target() is None and shown(dialog.target.text()) == detail.sender.display_name
    dialog.set_radius(client.blast_radius(detail.case.id, "blacklist"))
    with qtbot.waitSignal(dialog.targetChanged) as changed:
        dialog.person.setCurrentIndex(dialog.person.findData(admin.id))
    assert changed.args == [admin.id]
    assert dialog.radius is None and not dialog.confirm.isEnabled()  # the sender's radius is gone
    radius = client.blast_radius(detail.case.id, "blacklist", user_id=admin.id)
    assert radius.admins >= 1  # they administer this group at least
    dialog.set_radius(radius)
    dialog.reasons.set_reason_code("PLT-03")
    dialog.typed.setText(detail.sender.display_name)
    assert not dialog.confirm.isEnabled() or admin.display_name == detail.sender.display_name
    dialog.typed.setText(admin.display_name)
    assert dialog.confirm.isEnabled()
    assert dialog.decision_fields()["target_user_id"] == admin.id
    with pytest.raises(ServerProblem) as refused:
        stranger = next(u for u in range(1, 401) if u != detail.sender.id
                        and u not in {o.user.id for o in detail.group.admins} and u != detail.group.owner.id)
        client.blast_radius(detail.case.id, "blacklist", user_id=stranger)
    assert refused.value.status == 422 and refused.value.problem_type.endswith("invalid-target")


def test_the_workstation_proposes_blacklisting_an_admin(qtbot, fresh_platform, open_workstation):
    """From the case to the proposal: B ▸ Blacklist, choose the group's admin, their blast radius
    loads (off the GUI thread), their name typed back; a second supervisor's approval blacklists
    the admin, not the sender."""
    from qunguan.contract.enums import Action
    from tests.ui.test_workstation import type_text

    platform = fresh_platform()
    sup2 = platform.login("sup2")
    candidates = sup2.get("/cases", params={"status": "open", "limit": 100}).json()["items"]
    detail = next(d for d in (sup2.get(f"/cases/{c['id']}").json() for c in candidates)
                  if any(not o["is_owner"] and o["user"]["id"] != d["sender"]["id"] for o in d["group"]["admins"]))
    admin = next(o["user"] for o in detail["group"]["admins"]
                 if not o["is_owner"] and o["user"]["id"] != detail["sender"]["id"])
    case_id = detail["case"]["id"]
    session = open_workstation(platform, "sup1")
    window = session.window
    window.search.setText(str(case_id))
    qtbot.waitUntil(lambda: window.model.row_of(case_id) >= 0, timeout=10_000)
    window.select_row(window.model.row_of(case_id))
    qtbot.waitUntil(lambda: window.detail is not None and window.detail.case.id == case_id, timeout=15_000)
    qtbot.waitUntil(lambda: window.model.case_at(window.model.row_of(case_id)).claimed_by == "sup1", timeout=15_000)
    window.act(Action.BLACKLIST)
    qtbot.waitUntil(lambda: window.active_dialog is not None and window.active_dialog.isVisible(), timeout=5_000)
    dialog = window.active_dialog
    qtbot.waitUntil(lambda: dialog.radius is not None, timeout=10_000)
    dialog.person.setCurrentIndex(dialog.person.findData(admin["id"]))
    qtbot.waitUntil(lambda: dialog.radius is not None, timeout=10_000)  # the admin's, asked for anew
    assert "admin" in dialog.person.currentText()
    dialog.reasons.set_reason_code("PLT-03")
    type_text(dialog.typed, admin["display_name"])
    assert dialog.confirm.isEnabled()
    dialog.confirm.click()
    qtbot.waitUntil(lambda: window.active_dialog is None, timeout=5_000)
    qtbot.waitUntil(lambda: sup2.get(f"/cases/{case_id}").json()["decisions"] != [], timeout=30_000)
    decisions = sup2.get(f"/cases/{case_id}").json()["decisions"]
    assert [(d["action"], d["outcome"], d["target_user_id"]) for d in decisions] == [
        ("blacklist", "proposed", admin["id"])]
    approved = sup2.post(f"/proposals/{decisions[0]['proposal_id']}/review", json={"approve": True})
    assert approved.status_code == 200, approved.text
    assert sup2.get(f"/users/{admin['id']}").json()["status"] == "blacklisted"
    assert sup2.get(f"/users/{detail['sender']['id']}").json()["status"] == detail["sender"]["status"]
