"""Staff accounts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from qunguan.contract.enums import Role
from qunguan.contract.problems import ProblemType

from . import models
from .errors import ProblemError
from .security import hash_password


def create_staff(
    session: Session, username: str, display_name: str, role: Role, password: str, now: datetime,
    *, is_demo: bool = False, password_hash: str | None = None,
) -> models.Staff:
    """Create an account. ``password_hash`` lets a caller that creates many accounts with
    one password (the demo data) hash it once."""
    if session.execute(select(models.Staff.id).where(models.Staff.username == username)).first():
        raise ProblemError(409, ProblemType.CONFLICT, f"The username {username!r} is taken.")
    staff = models.Staff(
        username=username, display_name=display_name, role=role.value,
        password_hash=password_hash or hash_password(password),
        created_at=now, is_demo=is_demo, failed_logins=0, totp_enrolled=False, disabled=False,
    )
    session.add(staff)
    session.flush()
    return staff
