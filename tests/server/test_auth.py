"""Logging in: passwords, lockout, token expiry, refresh rotation and reuse, TOTP."""

from __future__ import annotations

import pyotp
import pytest

from tests.helpers import PASSWORD, new_account

pytestmark = pytest.mark.server


def test_login_returns_tokens_and_the_moderator(platform):
    session = platform.anonymous()
    response = session.login("mod1")
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["moderator"]["username"] == "mod1"
    assert body["moderator"]["role"] == "moderator"
    assert session.get("/auth/me").json()["username"] == "mod1"


@pytest.mark.parametrize("username", ["mod1", "nobody-here"])
def test_wrong_password_and_unknown_user_look_the_same(platform, username):
    response = platform.anonymous().post("/auth/login", json={"username": username, "password": "wrong password"})
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["type"] == "urn:qunguan:problem:invalid-credentials"
    assert problem["detail"] == "Wrong username or password."


def test_no_token_and_garbage_token_are_refused(platform):
    anonymous = platform.anonymous()
    assert anonymous.get("/cases").status_code == 401
    anonymous.headers["Authorization"] = "Bearer not.a.token"
    response = anonymous.get("/cases")
    assert response.status_code == 401
    assert response.json()["type"] == "urn:qunguan:problem:token-invalid"


def test_lockout_after_repeated_failures_then_backoff(fresh_platform):
    platform = fresh_platform(lockout_threshold=3, lockout_base_seconds=60)
    username, _ = new_account(platform)
    anonymous = platform.anonymous()
    for _ in range(2):
        assert anonymous.login(username, "bad password").status_code == 401
    # The third failure locks the account.
    assert anonymous.login(username, "bad password").status_code == 401
    locked = anonymous.login(username, PASSWORD)
    assert locked.status_code == 423
    assert locked.json()["type"] == "urn:qunguan:problem:account-locked"
    assert 55 <= int(locked.headers["Retry-After"]) <= 60
    platform.clock.advance(61)
    # A further failure after the lock ends locks for twice as long.
    assert anonymous.login(username, "bad password").status_code == 401
    relocked = anonymous.login(username, PASSWORD)
    assert relocked.status_code == 423
    assert 110 <= relocked.json()["retry_after"] <= 120
    platform.clock.advance(121)
    assert anonymous.login(username, PASSWORD).status_code == 200
    # Success resets the count: one failure no longer locks.
    assert anonymous.login(username, "bad password").status_code == 401
    assert anonymous.login(username, PASSWORD).status_code == 200


def test_expired_access_token_then_refresh(fresh_platform):
    platform = fresh_platform(access_ttl_seconds=60)
    session = platform.login("mod1")
    assert session.get("/cases/counts").status_code == 200
    platform.clock.advance(61)
    expired = session.get("/cases/counts")
    assert expired.status_code == 401
    assert expired.json()["type"] == "urn:qunguan:problem:token-expired"
    refreshed = session.post("/auth/refresh", json={"refresh_token": session.tokens["refresh_token"]})
    assert refreshed.status_code == 200
    session.use(refreshed.json())
    assert session.get("/cases/counts").status_code == 200


def test_refresh_rotates_and_reuse_revokes_the_family(platform):
    session = platform.login("mod2")
    first = session.tokens["refresh_token"]
    rotated = session.post("/auth/refresh", json={"refresh_token": first})
    assert rotated.status_code == 200
    second = rotated.json()["refresh_token"]
    assert second != first
    # Using the rotated-out token again is theft or a bug: the whole family ends.
    reused = session.post("/auth/refresh", json={"refresh_token": first})
    assert reused.status_code == 401
    assert reused.json()["type"] == "urn:qunguan:problem:token-reused"
    assert session.post("/auth/refresh", json={"refresh_token": second}).status_code == 401
    # Another login of the same user is a different family and is untouched.
    other = platform.login("mod2")
    assert other.post("/auth/refresh", json={"refresh_token": other.tokens["refresh_token"]}).status_code == 200


def test_logout_ends_the_refresh_token(platform):
    session = platform.login("sup2")
    token = session.tokens["refresh_token"]
    assert session.post("/auth/logout", json={"refresh_token": token}).status_code == 204
    assert session.post("/auth/refresh", json={"refresh_token": token}).status_code == 401


def test_refresh_token_expires(fresh_platform):
    platform = fresh_platform(refresh_ttl_seconds=120)
    session = platform.login("mod1")
    platform.clock.advance(121)
    response = session.post("/auth/refresh", json={"refresh_token": session.tokens["refresh_token"]})
    assert response.status_code == 401
    assert response.json()["type"] == "urn:qunguan:problem:token-expired"


def test_totp_enrolment_and_login(fresh_platform):
    platform = fresh_platform()
    username, session = new_account(platform, "supervisor")
    enrolment = session.post("/auth/totp")
    assert enrolment.status_code == 200
    secret = enrolment.json()["secret"]
    assert enrolment.json()["otpauth_uri"].startswith("otpauth://totp/")
    totp = pyotp.TOTP(secret)
    now = platform.clock()
    assert session.post("/auth/totp/confirm", json={"code": "000000" if totp.at(now) != "000000" else "111111"}
                        ).status_code == 422
    confirmed = session.post("/auth/totp/confirm", json={"code": totp.at(now)})
    assert confirmed.status_code == 200
    assert confirmed.json()["totp_enrolled"] is True

    anonymous = platform.anonymous()
    needs = anonymous.login(username, PASSWORD)
    assert needs.status_code == 401
    assert needs.json()["type"] == "urn:qunguan:problem:totp-required"
    wrong_code = "123456" if totp.at(platform.clock()) != "123456" else "654321"
    bad = anonymous.login(username, PASSWORD, totp=wrong_code)
    assert bad.status_code == 401
    assert bad.json()["type"] == "urn:qunguan:problem:totp-invalid"
    # The right password does not help without the code; a wrong password never reveals TOTP.
    assert anonymous.login(username, "bad password", totp=totp.at(platform.clock())).json()["type"] == (
        "urn:qunguan:problem:invalid-credentials"
    )
    good = anonymous.login(username, PASSWORD, totp=totp.at(platform.clock()))
    assert good.status_code == 200
