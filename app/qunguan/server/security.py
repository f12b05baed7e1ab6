"""Passwords (argon2), access tokens (JWT, HS256, short-lived) and refresh tokens
(opaque, stored hashed, rotating; reuse revokes the family), and TOTP."""

from __future__ import annotations

import hashlib
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verifying against this keeps the time of "no such user" equal to "wrong password".
_DUMMY_HASH = _hasher.hash("qunguan-no-such-user")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class AccessClaims:
    staff_id: int
    role: str
    expires_at: datetime


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def issue_access_token(secret: str, issuer: str, staff_id: int, role: str, now: datetime, ttl: int) -> str:
    payload = {
        "iss": issuer,
        "sub": str(staff_id),
        "role": role,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=ttl)).timestamp()),
        "jti": secrets.token_hex(8),
    }
    return jwt.encode(payload, secret, algorithm="HS256")


def decode_access_token(secret: str, issuer: str, token: str, now: datetime) -> AccessClaims:
    try:
        payload = jwt.decode(
            token,
            secret,
            algorithms=["HS256"],
            issuer=issuer,
            options={"require": ["exp", "sub", "iss"], "verify_exp": False, "verify_iat": False, "verify_nbf": False},
        )
    except jwt.PyJWTError as exc:
        raise TokenInvalid(str(exc)) from exc
    try:
        staff_id = int(payload["sub"])
        expires = int(payload["exp"])
    except (TypeError, ValueError, OverflowError) as exc:
        raise TokenInvalid("bad subject or expiry") from exc
    try:
        expires_at = datetime.fromtimestamp(expires, UTC)
    except (ValueError, OverflowError, OSError):
        expires_at = datetime.max.replace(tzinfo=UTC) if expires > 0 else datetime.min.replace(tzinfo=UTC)
    claims = AccessClaims(staff_id=staff_id, role=str(payload.get("role")), expires_at=expires_at)
    _check_expiry(claims, now)
    return claims


def _check_expiry(claims: AccessClaims, now: datetime) -> None:
    # Expiry is checked against the platform's clock (injectable), not the OS clock.
    if claims.expires_at <= now:
        raise TokenExpired()


class AccessTokens:
    """Verifies access tokens and remembers the claims of the ones that verified, so a client's
    every request does not pay for the HMAC and the JSON again (≈0.2 ms here). What is
    remembered is only what the signature proves, which cannot change for a given token and
    key; expiry is checked against the clock on every use, and the account itself (exists,
    not disabled, its role) is looked up wherever the token is used, as before."""

    def __init__(self, secret: str, issuer: str, capacity: int = 4096) -> None:
        self._secret = secret
        self._issuer = issuer
        self._capacity = capacity
        self._verified: dict[str, AccessClaims] = {}
        self._lock = threading.Lock()

    def verify(self, token: str, now: datetime) -> AccessClaims:
        claims = self._verified.get(token)
        if claims is None:
            claims = decode_access_token(self._secret, self._issuer, token, now)
            with self._lock:
                if len(self._verified) >= self._capacity:
                    self._verified.clear()
                self._verified[token] = claims
            return claims
        _check_expiry(claims, now)
        return claims


def new_refresh_token() -> tuple[str, str]:
    """Return (token, sha256 hex of the token): only the hash is stored."""
    token = secrets.token_urlsafe(32)
    return token, hash_refresh_token(token)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(secret: str, username: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name="Qunguan")


def verify_totp(secret: str, code: str, now: datetime) -> bool:
    return pyotp.TOTP(secret).verify(code, for_time=now, valid_window=1)
