"""Groups on the members' side (Arts 7-9): caps on members and on groups per person, credit
tiers, real-name verification above 100 members, compliance cases, the owners' and admins'
own actions, and the sanctions against owners and admins (Art. 11) taking effect."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.helpers import decide, new_account
from tests.platform_fixture import RunningPlatform, platforms

pytestmark = pytest.mark.server

PROBLEM = "urn:qunguan:problem:"
MAX_OWNED = 3
_names = itertools.count(1)


class World:
    """A platform of this module's own (so the groups-per-person cap is small and no other
    test's sanctions change the users it picks), its admin session, and its users."""

    def __init__(self, platform: RunningPlatform) -> None:
        self.platform = platform
        self.admin = platform.login("admin1")
        self.users = [self.admin.get(f"/users/{uid}").json() for uid in range(1, 401)]
        self.groups = [self.admin.get(f"/groups/{gid}").json() for gid in range(1, 41)]
        self.taken: set[int] = set()
        self.owners = {g["owner"]["id"] for g in self.groups}

    def user(self, predicate: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """A user no other test of this module took, who owns no group and fits ``predicate``."""
        for user in self.users:
            if user["id"] not in self.taken and user["id"] not in self.owners and user["status"] == "active" \
                    and predicate(user):
                self.taken.add(user["id"])
                return user
        raise AssertionError("no such user in the demo data")

    def creator(self, verified: bool = True) -> dict[str, Any]:
        return self.user(lambda u: u["real_name_verified"] is verified and u["credit_score"] >= 110
                         and u["can_create_groups"])

    def create(self, creator: dict[str, Any], cap: int = 50, name: str | None = None):
        body = {"creator_id": creator["id"], "name": name or f"测试群 {next(_names)}", "category": "interest",
                "member_cap": cap}
        return self.admin.post("/members/groups", json=body)

    def join(self, group_id: int, user_id: int, inviter_id: int | None = None):
        return self.admin.post(f"/members/groups/{group_id}/members",
                               json={"user_id": user_id, "inviter_id": inviter_id})

    def act(self, group_id: int, actor_id: int, kind: str, **fields: Any):
        return self.admin.post(f"/members/groups/{group_id}/officer-actions",
                               json={"actor_id": actor_id, "kind": kind, **fields})

    def compliance_cases(self, group_id: int) -> list[dict[str, Any]]:
        cases = self.admin.get("/cases", params={"group_id": group_id, "limit": 200}).json()["items"]
        found = []
        for case in cases:
            detail = self.admin.get(f"/cases/{case['id']}").json()
            if any(s["detector"] == "compliance" for s in detail["signals"]):
                found.append(detail)
        return found


@pytest.fixture(scope="module")
def world(database_factory) -> Iterator[World]:
    make = platforms(database_factory)
    start = next(make)  # type: ignore[call-overload]
    yield World(start(max_owned_groups=MAX_OWNED))
    next(make, None)  # type: ignore[call-overload]


def refused(response, problem: str, status: int = 403) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["type"] == PROBLEM + problem, body
    return body


# --- creating groups ---------------------------------------------------------------------------------


def test_a_verified_creator_creates_a_group_without_a_case(world):
    creator = world.creator()
    response = world.create(creator, cap=300, name="周末徒步群")
    assert response.status_code == 201, response.text
    group = response.json()
    assert group["owner"]["id"] == creator["id"] and group["owner"]["real_name_verified"] is True
    assert (group["member_count"], group["member_cap"], group["category"], group["tier"]) == (1, 300, "interest", 1)
    shown = world.admin.get(f"/groups/{group['id']}").json()
    assert shown["name"] == "周末徒步群" and shown["admins"][0]["is_owner"] is True
    assert world.compliance_cases(group["id"]) == []


def test_an_unverified_creator_opens_one_compliance_case_per_group(world):
    creator = world.creator(verified=False)
    first = world.create(creator)
    assert first.status_code == 201, first.text
    gid = first.json()["id"]
    found = world.compliance_cases(gid)
    assert len(found) == 1
    detail = found[0]
    assert detail["case"]["status"] == "open" and detail["case"]["suggested_reason"] == "NEG-09"
    assert detail["sender"]["id"] == creator["id"]
    signal = detail["signals"][0]
    assert signal["rule"] == "group.creator_not_verified" and "not real-name verified" in signal["explanation"]
    # Members joining, and the officers acting, open nothing more.
    member = world.user(lambda u: u["real_name_verified"])
    assert world.join(gid, member["id"], creator["id"]).status_code == 201
    assert world.act(gid, creator["id"], "announce", note="欢迎").status_code == 201
    assert len(world.compliance_cases(gid)) == 1
    # The case is in the audit trail.
    events = world.admin.get("/audit", params={"subject": f"case:{detail['case']['id']}"}).json()["items"]
    assert [e["kind"] for e in events] == ["compliance_case"]


def test_revoked_creation_is_refused(world):
    """Revoking the right to create groups (a decision against an owner) stops creation."""
    _, moderator = new_account(world.platform)
    cases = world.admin.get("/cases", params={"status": "open", "limit": 200}).json()["items"]
    for case in cases:
        if moderator.post(f"/cases/{case['id']}/claim", json={}).status_code == 200:
            break
    detail = moderator.get(f"/cases/{case['id']}").json()
    owner = detail["group"]["owner"]
    done = decide(moderator, detail["case"], "revoke_group_creation", reason_code="PLT-03", target_user_id=owner["id"])
    assert done.status_code == 201, done.text
    body = refused(world.create(owner), "group-creation-revoked")
    assert str(owner["id"]) in body["detail"]


def test_low_credit_tiers_limit_creation(world):
    low = world.user(lambda u: u["credit_score"] < 70 and u["can_create_groups"])
    refused(world.create(low), "credit-too-low")
    middle = world.user(lambda u: 70 <= u["credit_score"] < 110 and u["can_create_groups"]
                        and u["real_name_verified"])
    body = refused(world.create(middle, cap=300), "credit-too-low")
    assert "200" in body["detail"]
    assert world.create(middle, cap=200).status_code == 201
    refused(world.create(world.creator(), cap=5000), "validation", status=422)


def test_groups_per_person_cap(world):
    creator = world.creator()
    for _ in range(MAX_OWNED):
        assert world.create(creator).status_code == 201
    body = refused(world.create(creator), "owned-groups-limit")
    assert f"at most {MAX_OWNED}" in body["detail"]


# --- joining and inviting ------------------------------------------------------------------------------


def test_a_full_group_refuses_the_next_member(world):
    creator = world.creator()
    gid = world.create(creator, cap=3).json()["id"]
    a, b, c = (world.user(lambda u: u["real_name_verified"]) for _ in range(3))
    assert world.join(gid, a["id"], creator["id"]).status_code == 201
    joined = world.join(gid, b["id"])
    assert joined.status_code == 201 and joined.json()["member_count"] == 3
    refused(world.join(gid, c["id"], creator["id"]), "group-full")
    assert world.admin.get(f"/groups/{gid}").json()["member_count"] == 3
    assert world.compliance_cases(gid) == []  # full is not over the cap
    assert world.join(gid, a["id"]).status_code == 409


def test_above_100_members_an_invitee_must_be_verified(world):
    live = (world.admin.get(f"/groups/{g['id']}").json() for g in world.groups)
    group = next(g for g in live if 100 <= g["member_count"] < g["member_cap"] and g["status"] != "restricted"
                 and g["owner"]["credit_score"] >= 80
                 and world.admin.get(f"/users/{g['owner']['id']}").json()["status"] == "active")
    unverified = world.user(lambda u: not u["real_name_verified"])
    body = refused(world.join(group["id"], unverified["id"], group["owner"]["id"]), "real-name-required")
    assert "100" in body["detail"]
    verified = world.user(lambda u: u["real_name_verified"])
    joined = world.join(group["id"], verified["id"], group["owner"]["id"])
    assert joined.status_code == 201, joined.text
    assert joined.json()["member_count"] == group["member_count"] + 1
    # An owner inviting is one of the owner's actions.
    latest = world.admin.get(f"/groups/{group['id']}/officer-actions", params={"limit": 1}).json()["items"][0]
    assert (latest["kind"], latest["actor"]["id"], latest["target_user"]["id"]) == (
        "invite", group["owner"]["id"], verified["id"])


def test_an_inviter_below_the_invite_tier_is_refused(world):
    creator = world.creator()
    gid = world.create(creator).json()["id"]
    inviter = world.user(lambda u: u["credit_score"] < 80)
    assert world.join(gid, inviter["id"]).status_code == 201  # joining by themselves is allowed
    invitee = world.user(lambda u: u["real_name_verified"])
    body = refused(world.join(gid, invitee["id"], inviter["id"]), "credit-too-low")
    assert str(inviter["credit_score"]) in body["detail"]


def test_a_group_over_its_cap_opens_one_case_however_often_it_is_found(world):
    group = next(g for g in world.groups if g["member_count"] > g["member_cap"])
    for _ in range(3):
        user = world.user(lambda u: u["real_name_verified"])
        refused(world.join(group["id"], user["id"]), "group-full")
    found = world.compliance_cases(group["id"])
    assert len(found) == 1
    detail = found[0]
    assert detail["signals"][0]["rule"] == "group.over_cap"
    assert f"{group['member_count']} members, over its cap of {group['member_cap']}" in detail["signals"][0][
        "explanation"]
    assert detail["sender"]["id"] == group["owner"]["id"]
    assert world.admin.get(f"/groups/{group['id']}").json()["member_count"] == group["member_count"]


# --- the officers' own actions --------------------------------------------------------------------------


def test_officer_actions_are_recorded_and_listed_newest_first(world):
    owner = world.creator()
    gid = world.create(owner).json()["id"]
    admin, member = world.user(lambda u: u["real_name_verified"]), world.user(lambda u: u["real_name_verified"])
    assert world.act(gid, owner["id"], "invite", target_user_id=admin["id"]).status_code == 201
    assert world.act(gid, owner["id"], "appoint_admin", target_user_id=admin["id"]).status_code == 201
    assert world.join(gid, member["id"], admin["id"]).status_code == 201
    posted = world.admin.post(f"/members/groups/{gid}/messages",
                              json={"sender_id": member["id"], "body": "加我微信领红包"}).json()
    # A member who is no officer is refused; an admin may not appoint admins.
    refused(world.act(gid, member["id"], "announce", note="x"), "not-group-officer")
    refused(world.act(gid, admin["id"], "appoint_admin", target_user_id=member["id"]), "forbidden")
    removed = world.act(gid, admin["id"], "remove_message", target_message_id=posted["id"], note="广告")
    assert removed.status_code == 201, removed.text
    assert removed.json()["target_user"]["id"] == member["id"] and removed.json()["role"] == "admin"
    read = world.admin.get(f"/members/groups/{gid}/messages").json()["items"]
    assert posted["id"] not in [m["id"] for m in read]
    assert world.act(gid, admin["id"], "mute_member", target_user_id=member["id"]).status_code == 201
    assert world.act(gid, owner["id"], "rename_group", note="<b>x</b> 群").status_code == 201
    assert world.admin.get(f"/groups/{gid}").json()["name"] == "<b>x</b> 群"
    assert world.act(gid, admin["id"], "remove_member", target_user_id=member["id"]).status_code == 201
    expected = ["remove_member", "rename_group", "mute_member", "remove_message", "invite", "appoint_admin", "invite"]
    page = world.admin.get(f"/groups/{gid}/officer-actions", params={"limit": 4}).json()
    rest = world.admin.get(f"/groups/{gid}/officer-actions", params={"limit": 4, "cursor": page["next_cursor"]}).json()
    assert [a["kind"] for a in page["items"] + rest["items"]] == expected
    assert rest["next_cursor"] is None
    assert [a["at"] for a in page["items"] + rest["items"]] == sorted(
        (a["at"] for a in page["items"] + rest["items"]), reverse=True)
    group = world.admin.get(f"/groups/{gid}").json()
    assert [a["kind"] for a in group["officer_actions"]] == expected
    assert group["member_count"] == 2
    # Staff read them, a moderator too; a cursor that is not one is refused.
    _, moderator = new_account(world.platform)
    assert moderator.get(f"/groups/{gid}/officer-actions").json()["items"][0]["kind"] == "remove_member"
    assert moderator.get(f"/groups/{gid}/officer-actions", params={"cursor": "abc"}).status_code == 422


def test_the_seed_has_officer_actions_and_neglected_scams(world):
    acted = [g for g in world.groups if g["officer_actions"]]
    assert len(acted) >= len(world.groups) // 3
    scam_groups = {c["group_id"] for c in world.admin.get(
        "/cases", params={"reason_code": "PLT-03", "limit": 200}).json()["items"]}
    warned = {g["id"] for g in world.groups
              if any("诈骗" in (a["note"] or "") or "scam" in (a["note"] or "") for a in g["officer_actions"])}
    assert warned & scam_groups, "some owners acted on a scam"
    assert scam_groups - warned, "some owners did nothing about one"


# --- sanctions against owners and admins take effect -----------------------------------------------------


def _group_with_two_open_cases_and_an_admin(world, moderator) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    cases = world.admin.get("/cases", params={"status": "open", "limit": 200}).json()["items"]
    by_group: dict[int, list[dict[str, Any]]] = {}
    for case in cases:
        by_group.setdefault(case["group_id"], []).append(case)
    for gid, its in sorted(by_group.items(), key=lambda item: -len(item[1])):
        group = world.admin.get(f"/groups/{gid}").json()
        admins = [o for o in group["admins"] if not o["is_owner"] and o["admin_rights_suspended_until"] is None
                  and world.admin.get(f"/users/{o['user']['id']}").json()["status"] == "active"]
        if len(its) < 2 or not admins or group["status"] != "active":
            continue
        claimed = [c for c in its if moderator.post(f"/cases/{c['id']}/claim", json={}).status_code == 200]
        if len(claimed) >= 2:
            return [moderator.get(f"/cases/{c['id']}").json() for c in claimed[:2]], admins[0]["user"]
    raise AssertionError("no group with two open cases and an admin")


def test_suspended_admin_rights_stop_the_officers_powers(world):
    _, moderator = new_account(world.platform)
    (first, second), admin = _group_with_two_open_cases_and_an_admin(world, moderator)
    gid = first["group"]["id"]
    owner = first["group"]["owner"]
    assert world.act(gid, admin["id"], "announce", note="before").status_code == 201
    done = decide(moderator, first["case"], "suspend_admin_rights", reason_code="PLT-03", target_user_id=admin["id"],
                  duration_seconds=7 * 86_400)
    assert done.status_code == 201, done.text
    body = refused(world.act(gid, admin["id"], "announce", note="after"), "admin-rights-suspended")
    assert "suspended until" in body["detail"]
    assert decide(moderator, second["case"], "mute_group", reason_code="PLT-03",
                  duration_seconds=3600).status_code == 201
    post = world.admin.post(f"/members/groups/{gid}/messages", json={"sender_id": admin["id"], "body": "still here"})
    refused(post, "posting-refused")
    owner_post = world.admin.post(f"/members/groups/{gid}/messages", json={"sender_id": owner["id"], "body": "ok"})
    assert owner_post.status_code == 201, owner_post.text


def _claim_one(world, moderator) -> dict[str, Any]:
    cases = world.admin.get("/cases", params={"status": "open", "limit": 200}).json()["items"]
    for case in reversed(cases):
        if moderator.post(f"/cases/{case['id']}/claim", json={}).status_code == 200:
            detail = moderator.get(f"/cases/{case['id']}").json()
            if detail["group"]["owner"]["id"] != detail["sender"]["id"] and detail["group"]["status"] == "active":
                return detail
    raise AssertionError("no case to claim")


def _credit_events(world, user_id: int) -> list[dict[str, Any]]:
    return world.admin.get(f"/users/{user_id}").json()["credit_history"]


def test_lower_credit_and_warn_name_the_owner(world):
    _, moderator = new_account(world.platform)
    detail = _claim_one(world, moderator)
    owner = detail["group"]["owner"]
    sender_credit = detail["sender"]["credit_score"]
    done = decide(moderator, detail["case"], "lower_credit", reason_code="NEG-09", target_user_id=owner["id"])
    assert done.status_code == 201, done.text
    decision = done.json()["decision"]
    assert decision["target_user_id"] == owner["id"]
    latest = _credit_events(world, owner["id"])[0]
    assert (latest["delta"], latest["rule"], latest["decision_id"]) == (
        max(-20, -owner["credit_score"]), "sanction.lower_credit.target", decision["id"])
    assert world.admin.get(f"/users/{owner['id']}").json()["credit_score"] == max(0, owner["credit_score"] - 20)
    assert world.admin.get(f"/users/{detail['sender']['id']}").json()["credit_score"] == sender_credit
    # Lowering a non-officer's credit is refused as an invalid target.
    other = _claim_one(world, moderator)
    wrong = decide(moderator, other["case"], "lower_credit", reason_code="NEG-09", target_user_id=other["sender"]["id"])
    if other["sender"]["id"] not in {o["user"]["id"] for o in other["group"]["admins"]}:
        refused(wrong, "invalid-target", status=422)
        officers = {o["user"]["id"] for o in other["group"]["admins"]} | {other["sender"]["id"]}
        stranger = world.user(lambda u: u["id"] not in officers)
        refused(decide(moderator, other["case"], "warn", reason_code="PLT-02", target_user_id=stranger["id"]),
                "invalid-target", status=422)
    # Warning the owner: the warning and the credit move are the owner's, not the sender's.
    warned_owner = other["group"]["owner"]
    fresh = moderator.get(f"/cases/{other['case']['id']}").json()["case"]
    done = decide(moderator, fresh, "warn", reason_code="PLT-02", target_user_id=warned_owner["id"])
    assert done.status_code == 201, done.text
    user = world.admin.get(f"/users/{warned_owner['id']}").json()
    assert any(s["kind"] == "warning" and s["decision_id"] == done.json()["decision"]["id"]
               for s in user["active_sanctions"])
    assert user["credit_history"][0]["decision_id"] == done.json()["decision"]["id"]
    # recorded under the rule for an officer named, not the sender's
    assert user["credit_history"][0]["rule"] == "sanction.warn.target"


def test_blacklisting_an_admin_applies_to_the_admin_after_approval(world):
    sup1, sup2 = world.platform.login("sup1"), world.platform.login("sup2")
    (first, _), admin = _group_with_two_open_cases_and_an_admin(world, sup1)
    sender = first["sender"]
    proposed = decide(sup1, first["case"], "blacklist", reason_code="PLT-03", target_user_id=admin["id"])
    assert proposed.status_code == 201, proposed.text
    decision = proposed.json()["decision"]
    assert decision["outcome"] == "proposed" and decision["target_user_id"] == admin["id"]
    approved = sup2.post(f"/proposals/{decision['proposal_id']}/review", json={"approve": True, "note": "ok"})
    assert approved.status_code == 200, approved.text
    blacklisted = world.admin.get(f"/users/{admin['id']}").json()
    assert blacklisted["status"] == "blacklisted"
    if admin["id"] != sender["id"]:
        assert blacklisted["credit_history"][0]["rule"] == "sanction.blacklist.target"
    assert world.admin.get(f"/users/{sender['id']}").json()["status"] != "blacklisted" or sender["id"] == admin["id"]
    refused(world.act(first["group"]["id"], admin["id"], "announce", note="x"), "forbidden")


def test_the_platforms_own_check_finds_every_group_over_its_cap_once(fresh_platform):
    platform = fresh_platform()
    admin = platform.login("admin1")
    over = []
    gid = 1
    while (response := admin.get(f"/groups/{gid}")).status_code == 200:
        group = response.json()
        if group["member_count"] > group["member_cap"] and group["status"] != "dissolved":
            over.append(group["id"])
        gid += 1
    assert over, "the demo data has groups over their cap"
    ran = admin.post("/jobs/run").json()
    assert ran["failed"] == {}
    assert ran["changed"]["over_cap_groups"] == len(over)
    assert admin.post("/jobs/run").json()["changed"]["over_cap_groups"] == 0
    for group_id in over:
        cases = admin.get("/cases", params={"group_id": group_id, "limit": 200}).json()["items"]
        found = [d for d in (admin.get(f"/cases/{c['id']}").json() for c in cases)
                 if any(s["rule"] == "group.over_cap" for s in d["signals"])]
        assert len(found) == 1
        assert "periodic check" in found[0]["signals"][0]["explanation"]
