"""The role matrix: every endpoint x {anonymous, moderator, supervisor, admin, auditor}.

The expectations are written out here, independently of the server's permission table,
and the test fails if the OpenAPI document grows an operation the matrix does not cover."""

from __future__ import annotations

import uuid

import pytest
import requests

from tests.helpers import PASSWORD, new_account
from tests.platform_fixture import SEED_NOW, start_platform

pytestmark = pytest.mark.server

ROLES = ("anonymous", "moderator", "supervisor", "admin", "auditor")
ALL = {"anonymous": 401, "moderator": 200, "supervisor": 200, "admin": 200, "auditor": 200}
PUBLIC = dict.fromkeys(ROLES, 200)


def only(ok: int, *roles: str, denied: int = 403) -> dict[str, int]:
    return {role: (401 if role == "anonymous" else ok if role in roles else denied) for role in ROLES}


# (method, path template, expectations). Paths use {case}, {group}, {user}, {other_case}.
MATRIX: list[tuple[str, str, dict[str, int]]] = [
    ("GET", "/health", PUBLIC),
    ("GET", "/auth/me", ALL),
    ("POST", "/auth/totp", ALL),
    ("GET", "/cases", ALL),
    ("GET", "/cases/counts", ALL),
    ("GET", "/changes", ALL),
    ("GET", "/cases/{case}", ALL),
    ("GET", "/cases/{case}/blast-radius?action=dissolve_group", ALL),
    ("POST", "/cases/{case}/claim", only(200, "moderator", "supervisor", "admin")),
    ("DELETE", "/cases/{case}/claim", only(200, "moderator", "supervisor", "admin")),
    ("GET", "/groups/{group}", ALL),
    ("GET", "/groups/{group}/messages", ALL),
    ("GET", "/users/{user}", ALL),
    ("POST", "/decisions", only(201, "moderator", "supervisor", "admin")),
    ("GET", "/proposals", only(200, "supervisor", "admin", "auditor")),
    # A proposal that does not exist: the permitted get as far as 404.
    ("POST", "/proposals/999999/review", only(404, "supervisor", "admin")),
    ("POST", "/members/groups/{group}/messages", only(201, "admin")),
    ("GET", "/members/groups/{group}/messages", only(200, "admin")),
    # The members' side with a user who does not exist: the permitted get as far as 404.
    ("POST", "/members/groups", only(404, "admin")),
    ("POST", "/members/groups/{group}/members", only(404, "admin")),
    ("POST", "/members/groups/{group}/officer-actions", only(404, "admin")),
    ("GET", "/groups/{group}/officer-actions", ALL),
    ("GET", "/members/reports?reporter_id={user}", only(200, "admin")),
    ("GET", "/moderators", only(200, "admin")),
    ("POST", "/moderators", only(201, "admin")),
    ("POST", "/jobs/run", only(200, "admin")),
    ("GET", "/decisions", only(200, "supervisor", "admin", "auditor")),
    # A decision that does not exist: the permitted get as far as 404.
    ("POST", "/decisions/999999/review", only(404, "supervisor", "admin")),
    ("GET", "/decisions/999999/context", only(404, "supervisor", "admin", "auditor")),
    ("PUT", "/decisions/999999/reportable", only(404, "supervisor", "admin")),
    ("GET", "/reportable", only(200, "supervisor", "admin", "auditor")),
    # Decision 999999 is not marked reportable: the permitted get as far as 422.
    ("POST", "/deliveries", only(422, "supervisor", "admin")),
    ("GET", "/deliveries", only(200, "supervisor", "admin", "auditor")),
    ("GET", "/reveals", only(200, "supervisor", "admin", "auditor")),
    ("GET", "/access-log", only(200, "supervisor", "admin", "auditor")),
    ("GET", "/retention", only(200, "supervisor", "admin", "auditor")),
    ("GET", "/legal-holds", only(200, "supervisor", "admin", "auditor")),
    ("POST", "/legal-holds", only(201, "supervisor", "admin")),
    ("DELETE", "/legal-holds/999999", only(404, "supervisor", "admin")),
    ("GET", "/pi-exports", only(200, "supervisor", "admin", "auditor")),
    ("POST", "/pi-exports", only(201, "supervisor", "admin")),
    ("POST", "/pi-exports/999999/review", only(404, "supervisor", "admin")),
    ("GET", "/pi-exports/999999/data", only(404, "supervisor", "admin")),
    ("POST", "/incident-preview", only(200, "supervisor", "admin", "auditor")),
    ("GET", "/incidents", only(200, "supervisor", "admin", "auditor")),
    # Incident 999999 does not exist: the permitted get as far as 404.
    ("POST", "/incidents", only(201, "supervisor", "admin")),
    ("GET", "/incidents/999999", only(404, "supervisor", "admin", "auditor")),
    ("GET", "/incidents/999999/preview", only(404, "supervisor", "admin", "auditor")),
    ("POST", "/incidents/999999/stages", only(404, "supervisor", "admin")),
    ("POST", "/incidents/999999/stages/1/undo", only(404, "supervisor", "admin")),
    ("POST", "/incidents/999999/close", only(404, "supervisor", "admin")),
    ("GET", "/appeals", only(200, "supervisor", "admin", "auditor")),
    ("POST", "/appeals/999999/decide", only(404, "supervisor", "admin")),
    ("POST", "/members/appeals", only(404, "admin")),
    ("POST", "/users/{user}/reveal", only(200, "supervisor", "admin")),
    ("GET", "/audit", only(200, "supervisor", "admin", "auditor")),
    ("GET", "/audit/checkpoint", only(200, "supervisor", "admin", "auditor")),
    ("GET", "/audit/public-key", PUBLIC),
    ("POST", "/exports/sign", only(200, "supervisor", "admin", "auditor")),
    ("GET", "/stats", only(200, "supervisor", "admin", "auditor")),
]
# Operations that take no token at all (their failures are covered in test_auth).
UNAUTHENTICATED = {("POST", "/auth/login"), ("POST", "/auth/refresh"), ("POST", "/auth/logout"),
                   ("POST", "/auth/totp/confirm")}


def test_the_matrix_covers_every_operation(platform):
    document = requests.get(f"{platform.api}/openapi.json", timeout=10).json()
    operations = {
        (method.upper(), path.removeprefix("/api/v1"))
        for path, item in document["paths"].items()
        for method in item
    }
    covered = {(m, p.replace("{case}", "{case_id}").replace("{group}", "{group_id}").replace("{user}", "{user_id}")
                .replace("proposals/999999", "proposals/{proposal_id}")
                .replace("decisions/999999", "decisions/{decision_id}")
                .replace("appeals/999999", "appeals/{appeal_id}").replace("incidents/999999", "incidents/{incident_id}")
                .replace("legal-holds/999999", "legal-holds/{hold_id}")
                .replace("pi-exports/999999", "pi-exports/{export_id}")
                .replace("stages/1/", "stages/{stage}/").split("?")[0]) for m, p, _ in MATRIX}
    assert operations - UNAUTHENTICATED == covered


@pytest.fixture(scope="module")
def matrix_platform(database_factory):
    """A platform of its own: other tests' sanctions (a dissolved group, a muted owner) must
    not change what the matrix expects."""
    platform = start_platform(database_factory.clone(), database_factory.audit_key)
    # The matrix's own POST /jobs/run escalates every open case past its SLA deadline (at the real
    # clock, days after the seed: all of them). Run the jobs once first, at the seed's time, so half
    # the queue stays open and what the rows expect does not depend on the order they run in.
    platform.clock.advance((SEED_NOW - platform.clock()).total_seconds())
    assert platform.login("admin1").post("/jobs/run").status_code == 200
    yield platform
    platform.stop()


@pytest.fixture(scope="module")
def sessions(matrix_platform):
    platform = matrix_platform
    result = {"anonymous": platform.anonymous()}
    for role in ROLES[1:]:
        _, result[role] = new_account(platform, role, prefix=f"rm{role[:3]}")
    return result


def _body(method: str, path: str, session, case: dict, user_id: int) -> dict | None:
    if path == "/decisions":
        current = session.get(f"/cases/{case['id']}").json().get("case", case) if "Authorization" in session.headers \
            else case
        return {"case_id": case["id"], "action": "note", "note": "role matrix", "expected_version": current["version"]}
    if path.endswith("/claim") and method == "POST":
        return {}
    if path == "/members/appeals":
        return {"decision_id": 999999, "text": "role matrix"}
    if path == "/members/groups":
        return {"creator_id": 999999, "name": "role matrix", "category": "work", "member_cap": 50}
    if path.endswith("/members"):
        return {"user_id": 999999}
    if path.endswith("/officer-actions") and method == "POST":
        return {"actor_id": 999999, "kind": "announce", "note": "role matrix"}
    if path.startswith("/members/"):
        return {"sender_id": user_id, "body": "hello from the role matrix"}
    if path == "/moderators":
        return {"username": f"rm{uuid.uuid4().hex[:8]}", "display_name": "x", "role": "moderator",
                "password": PASSWORD}
    if path.startswith("/proposals/"):
        return {"approve": True, "note": "x"}
    if path in ("/incidents", "/incident-preview"):
        definition = {"keywords": ["role-matrix-nothing-matches"]}
        return {"title": "role matrix", "definition": definition} if path == "/incidents" else definition
    if path.endswith("/stages"):
        return {"action": "delete_messages", "reason_code": "PLT-03", "expected_digest": "0" * 64}
    if path.startswith("/incidents/"):
        return None
    if path.endswith("/reportable"):
        return {"reportable": True, "note": "role matrix"}
    if path == "/deliveries":
        return {"decision_ids": [999999], "recipient": "x", "channel": "x", "package_sha256": "0" * 64,
                "delivered_at": "2026-01-01T00:00:00Z"}
    if path.startswith("/decisions/"):
        return {"verdict": "confirm", "reason": "role matrix"}
    if path.startswith("/appeals/"):
        return {"verdict": "uphold", "reason": "role matrix"}
    if path == "/legal-holds":
        return {"subject_kind": "user", "subject_id": user_id, "reason": "role matrix"}
    if path == "/pi-exports":
        return {"user_ids": [user_id], "reason": "role matrix"}
    if path.endswith("/review") and path.startswith("/pi-exports/"):
        return {"approve": True}
    if path.endswith("/reveal"):
        return {"reason": "role matrix"}
    if path == "/exports/sign":
        return {"rows": 0, "head": "0" * 64, "description": "role matrix"}
    return None


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(matrix_platform, sessions, role):
    platform = matrix_platform
    admin = platform.login("admin1")
    cases = admin.get("/cases", params={"status": "open", "limit": 100}).json()["items"]
    # Each role works on a case of its own, so claims do not collide between roles.
    case = cases[ROLES.index(role) * 7]
    detail = admin.get(f"/cases/{case['id']}").json()
    owner = detail["group"]["owner"]["id"]
    session = sessions[role]
    failures = []
    for method, template, expected in MATRIX:
        path = template.format(case=case["id"], group=case["group_id"], user=case["sender_id"])
        body = _body(method, template, session, case, owner)
        keyed = template == "/decisions" or template.endswith("/stages")
        headers = {"Idempotency-Key": str(uuid.uuid4())} if keyed else {}
        response = session.request(method, path, json=body, headers=headers)
        if response.status_code != expected[role]:
            failures.append(f"{method} {path}: {response.status_code} (expected {expected[role]}) "
                            f"{response.text[:200]}")
        if response.status_code >= 400:
            assert response.headers["content-type"].startswith("application/problem+json"), path
    assert not failures, "\n".join(failures)


def test_an_actor_in_the_body_is_ignored(matrix_platform, sessions):
    platform = matrix_platform
    session = sessions["moderator"]
    me = session.get("/auth/me").json()
    sup = platform.login("sup1").me
    case = session.get("/cases", params={"status": "open", "limit": 100}).json()["items"][40]
    response = session.post(
        "/decisions",
        json={"case_id": case["id"], "action": "note", "note": "who am I", "expected_version": case["version"],
              "actor": sup, "actor_id": sup["id"], "actor_username": "sup1"},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 201, response.text
    assert response.json()["decision"]["actor"]["id"] == me["id"]
    assert response.json()["decision"]["actor"]["username"] == me["username"]
    claim = session.post(f"/cases/{case['id']}/claim", json={"holder_id": sup["id"]})
    assert claim.json()["claim"]["holder_id"] == me["id"]
