"""Creating and upgrading the platform's database with Alembic."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, select

from . import models, text_index
from .audit import Signer
from .config import default_key_path
from .db import Database, normalise_url

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return cfg


def upgrade(db: Database, audit_key: Path | None = None) -> None:
    """Bring the schema to the newest revision, then make sure what every worker shares
    exists: the token signing key and the sequencers in the database, and the audit
    checkpoint key in its file (outside the database)."""
    Signer.create(audit_key or default_key_path(db.url))
    cfg = alembic_config(db.url)
    with db.engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
        text_index.ensure(connection)
    with db.writing() as session:
        if session.get(models.ServerSecret, "jwt") is None:
            session.add(models.ServerSecret(name="jwt", value=secrets.token_urlsafe(48)))
        for name in ("change", "audit"):
            if session.get(models.Sequencer, name) is None:
                session.add(models.Sequencer(name=name, value=0))


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """What a comparison with the models looks at: not the text index, which they do not describe."""
    return not text_index.is_ours(name, type_)


def differences(connection: Connection) -> list[Any]:
    """How the database's schema differs from the models' (empty: they match)."""
    context = MigrationContext.configure(connection, opts={"include_name": include_name})
    return compare_metadata(context, models.Base.metadata)


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def is_initialised(db: Database) -> bool:
    try:
        with db.reading() as session:
            session.execute(select(models.ServerSecret).limit(1))
    except Exception:
        return False
    return current_revision(db) == head_revision()
