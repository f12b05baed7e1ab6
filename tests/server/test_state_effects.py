"""After each action the platform's state is what the action says: members see it, and
credit moves by the published rule set (the data file, read here independently)."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from qunguan.contract.taxonomy import ReasonCode
from tests.helpers import decide, new_account

pytestmark = pytest.mark.server

RULES = json.loads(files("qunguan.server").joinpath("rules/credit_rules.json").read_text("utf-8"))


def expected_score(before: int, action: str, party: str, reason: str) -> int:
    delta = RULES["sanctions"][action][party]
    multiplier = RULES["severity_multiplier"][str(int(ReasonCode(reason).info.severity))]
    return max(RULES["minimum"], min(RULES["maximum"], before + round(delta * multiplier)))


@pytest.fixture
def world(platform):
    return _world(platform)


def _world(platform):
    """A moderator holding a fresh case whose sender is an ordinary, unsanctioned member of
    an active group whose owner may post (earlier tests on the shared platform sanction people,
    owners among them), and the admin's session that acts as the platform's members."""
    _, moderator = new_account(platform)
    members = platform.login("admin1")
    for case in moderator.get("/cases", params={"status": "open", "limit": 200}).json()["items"]:
        detail = moderator.get(f"/cases/{case['id']}").json()
        officers = {o["user"]["id"] for o in detail["group"]["admins"]} | {detail["group"]["owner"]["id"]}
        # (and whose credit lets them post: low scores limit posting, see test_credit_rules)
        suitable = (case["sender_id"] not in officers and detail["sender"]["status"] == "active"
                    and detail["sender"]["credit_score"] == RULES["maximum"]
                    and detail["group"]["status"] == "active" and detail["group"]["owner"]["id"] != case["sender_id"])
        if suitable:
            owner = moderator.get(f"/users/{detail['group']['owner']['id']}").json()
            rights = [o for o in detail["group"]["admins"] if o["user"]["id"] == owner["id"]]
            # Active, with every posting right of the credit tiers, and officer powers intact.
            suitable = owner["status"] == "active" and owner["credit_score"] >= 90 and not owner.get("limits") \
                and not any(o.get("admin_rights_suspended_until") for o in rights)
        if suitable:
            claimed = moderator.post(f"/cases/{case['id']}/claim", json={})
            if claimed.status_code == 200:
                return moderator, members, claimed.json(), detail
    raise AssertionError("no suitable case")


def post(members, group_id: int, user_id: int, body: str = "hello", kind: str = "text"):
    return members.post(f"/members/groups/{group_id}/messages", json={"sender_id": user_id, "body": body, "kind": kind})


def test_delete_hides_the_message_from_members(world):
    moderator, members, case, detail = world
    visible = members.get(f"/members/groups/{case['group_id']}/messages",
                          params={"before": case["message_id"] + 1, "limit": 5}).json()["items"]
    assert case["message_id"] in [m["id"] for m in visible]
    response = decide(moderator, case, "delete_message", reason_code="PLT-02")
    assert response.status_code == 201, response.text
    after = members.get(f"/members/groups/{case['group_id']}/messages",
                        params={"before": case["message_id"] + 1, "limit": 5}).json()["items"]
    assert case["message_id"] not in [m["id"] for m in after]
    # Moderators still see it, marked deleted.
    assert moderator.get(f"/cases/{case['id']}").json()["message"]["deleted"] is True
    sender = moderator.get(f"/users/{case['sender_id']}").json()
    assert sender["credit_score"] == expected_score(detail["sender"]["credit_score"], "delete_message", "sender",
                                                    "PLT-02")


@pytest.mark.parametrize(("action", "status"), [("mute", "muted"), ("suspend", "suspended")])
def test_mute_and_suspend_stop_posting_until_they_end(fresh_platform, action, status):
    platform = fresh_platform(access_ttl_seconds=7 * 86_400)
    moderator = platform.login("mod1")
    members = platform.login("admin1")
    # A sender whose credit stays above the tiers that limit posting after the sanction.
    case = next(c for c in moderator.get("/cases", params={"status": "open", "limit": 200}).json()["items"]
                if moderator.get(f"/users/{c['sender_id']}").json()["credit_score"] == RULES["maximum"])
    case = moderator.post(f"/cases/{case['id']}/claim", json={}).json()
    detail = moderator.get(f"/cases/{case['id']}").json()
    assert detail["sender"]["status"] == "active" or pytest.skip("sender already sanctioned")
    assert post(members, case["group_id"], case["sender_id"]).status_code == 201
    response = decide(moderator, case, action, reason_code="PLT-03", duration_seconds=86_400)
    assert response.status_code == 201, response.text
    refused = post(members, case["group_id"], case["sender_id"])
    assert refused.status_code == 403
    assert refused.json()["type"] == "urn:qunguan:problem:posting-refused"
    user = moderator.get(f"/users/{case['sender_id']}").json()
    assert user["status"] == status
    assert user["credit_score"] == expected_score(detail["sender"]["credit_score"], action, "sender", "PLT-03")
    assert user["credit_history"][0]["rule"] == f"sanction.{action}.sender"
    assert user["credit_history"][0]["rules_version"] == RULES["version"]
    platform.clock.advance(86_401)
    assert moderator.get(f"/users/{case['sender_id']}").json()["status"] == "active"
    assert post(members, case["group_id"], case["sender_id"]).status_code == 201


def test_warn_records_a_sanction_and_moves_credit(world):
    moderator, _, case, detail = world
    assert decide(moderator, case, "warn", reason_code="NEG-07").status_code == 201
    user = moderator.get(f"/users/{case['sender_id']}").json()
    assert any(s["kind"] == "warning" for s in user["active_sanctions"])
    assert user["credit_score"] == expected_score(detail["sender"]["credit_score"], "warn", "sender", "NEG-07")


def test_restrict_group_refuses_links_but_not_text(world):
    moderator, members, case, detail = world
    assert decide(moderator, case, "restrict_group", reason_code="PLT-02").status_code == 201
    group = moderator.get(f"/groups/{case['group_id']}").json()
    assert group["status"] == "restricted"
    assert post(members, case["group_id"], case["sender_id"], "http://x.example/", "link").status_code == 403
    assert post(members, case["group_id"], case["sender_id"], "plain words").status_code == 201
    owner = moderator.get(f"/users/{detail['group']['owner']['id']}").json()
    assert owner["credit_score"] == expected_score(detail["group"]["owner"]["credit_score"], "restrict_group",
                                                   "owner", "PLT-02")


def test_mute_group_lets_only_officers_post(world):
    moderator, members, case, detail = world
    assert decide(moderator, case, "mute_group", reason_code="ILL-08", duration_seconds=3600).status_code == 201
    assert moderator.get(f"/groups/{case['group_id']}").json()["status"] == "muted"
    assert post(members, case["group_id"], case["sender_id"]).status_code == 403
    posted = post(members, case["group_id"], detail["group"]["owner"]["id"])
    assert posted.status_code == 201, posted.text


def test_officer_sanctions(world):
    moderator, _, case, detail = world
    owner_id = detail["group"]["owner"]["id"]
    refused = decide(moderator, case, "suspend_admin_rights", reason_code="PLT-02", target_user_id=case["sender_id"])
    assert refused.status_code == 422
    assert refused.json()["type"] == "urn:qunguan:problem:invalid-target"
    done = decide(moderator, case, "suspend_admin_rights", reason_code="PLT-02", target_user_id=owner_id)
    assert done.status_code == 201, done.text
    group = moderator.get(f"/groups/{case['group_id']}").json()
    owner_entry = next(o for o in group["admins"] if o["user"]["id"] == owner_id)
    assert owner_entry["admin_rights_suspended_until"] is not None
    owner = moderator.get(f"/users/{owner_id}").json()
    assert owner["credit_score"] == expected_score(detail["group"]["owner"]["credit_score"], "suspend_admin_rights",
                                                   "target", "PLT-02")


def test_revoke_group_creation(world):
    moderator, _, case, detail = world
    owner_id = detail["group"]["owner"]["id"]
    assert decide(moderator, case, "revoke_group_creation", reason_code="PLT-04",
                  target_user_id=owner_id).status_code == 201
    assert moderator.get(f"/users/{owner_id}").json()["can_create_groups"] is False


def test_approve_changes_nothing_but_the_case(world):
    moderator, members, case, detail = world
    response = decide(moderator, case, "approve")
    assert response.json()["decision"]["outcome"] == "no_violation"
    assert response.json()["case"]["status"] == "resolved"
    user = moderator.get(f"/users/{case['sender_id']}").json()
    assert user["credit_score"] == detail["sender"]["credit_score"]
    assert post(members, case["group_id"], case["sender_id"]).status_code == 201


def test_escalate_hands_the_case_to_supervisors(world, platform):
    moderator, _, case, _ = world
    escalated = decide(moderator, case, "escalate", note="needs a supervisor")
    assert escalated.json()["case"]["status"] == "escalated"
    again = moderator.get(f"/cases/{case['id']}").json()["case"]
    assert decide(moderator, again, "approve").status_code == 403
    supervisor = platform.login("sup2")
    assert supervisor.post(f"/cases/{case['id']}/claim", json={}).status_code == 200
    assert decide(supervisor, again, "warn", reason_code="PLT-02").status_code == 201


def test_dissolve_is_a_proposal_until_a_second_supervisor_approves(world, platform):
    moderator, members, case, detail = world
    preview = moderator.get(f"/cases/{case['id']}/blast-radius", params={"action": "dissolve_group"})
    assert preview.status_code == 200, preview.text
    assert moderator.get(f"/cases/{case['id']}/blast-radius", params={"action": "warn"}).status_code == 422
    proposed = decide(moderator, case, "dissolve_group", reason_code="PLT-04")
    assert proposed.status_code == 201, proposed.text
    decision = proposed.json()["decision"]
    assert decision["outcome"] == "proposed"
    assert proposed.json()["case"]["status"] == "awaiting_second_approval"
    assert moderator.get(f"/groups/{case['group_id']}").json()["status"] != "dissolved"
    sup1, sup2 = platform.login("sup1"), platform.login("sup2")
    proposal = next(p for p in sup1.get("/proposals").json() if p["id"] == decision["proposal_id"])
    assert proposal["blast_radius"]["members"] == detail["group"]["member_count"]
    assert proposal["blast_radius"]["messages"] > 0
    assert {k: v for k, v in preview.json().items() if k != "action"} == proposal["blast_radius"]
    approved = sup2.post(f"/proposals/{proposal['id']}/review", json={"approve": True, "note": "agreed"})
    assert approved.status_code == 200, approved.text
    assert moderator.get(f"/groups/{case['group_id']}").json()["status"] == "dissolved"
    assert members.get(f"/members/groups/{case['group_id']}/messages").status_code == 410
    assert post(members, case["group_id"], detail["group"]["owner"]["id"]).status_code == 410


def test_a_proposer_cannot_approve_their_own_ban(platform):
    _, supervisor = new_account(platform, "supervisor")
    # an active group and sender: other tests on this shared platform dissolve groups
    _, members, case, _ = _world(platform)
    supervisor.post(f"/cases/{case['id']}/claim", json={"takeover": True})
    proposed = decide(supervisor, case, "ban", reason_code="PLT-03").json()["decision"]
    refused = supervisor.post(f"/proposals/{proposed['proposal_id']}/review", json={"approve": True})
    assert refused.status_code == 403
    assert platform.login("sup1").post(f"/proposals/{proposed['proposal_id']}/review",
                                       json={"approve": True}).status_code == 200
    assert supervisor.get(f"/users/{case['sender_id']}").json()["status"] == "banned"
    assert post(members, case["group_id"], case["sender_id"]).status_code == 403
