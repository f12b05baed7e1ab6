"""The state one platform process holds: settings, database, the token signing key."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from . import models
from .audit import Signer
from .config import Settings, key_path
from .credit import CreditRules, load_rules
from .db import Database
from .security import AccessTokens


@dataclass
class Platform:
    settings: Settings
    db: Database
    jwt_secret: str
    rules: CreditRules
    signer: Signer
    #: Access tokens this process has verified (see AccessTokens).
    tokens: AccessTokens = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.tokens = AccessTokens(self.jwt_secret, self.settings.issuer)

    def now(self) -> datetime:
        return self.settings.clock()

    @classmethod
    def open(cls, settings: Settings, db: Database) -> Platform:
        with db.reading() as session:
            secret = session.get(models.ServerSecret, "jwt")
            if secret is None:
                raise RuntimeError("the database is not initialised: run `qunguan-platform init-db` first")
        path = key_path(settings)
        if not path.exists():
            raise RuntimeError(f"the audit signing key {path} is missing: run `qunguan-platform init-db` first")
        return cls(settings=settings, db=db, jwt_secret=secret.value, rules=load_rules(), signer=Signer.load(path))
