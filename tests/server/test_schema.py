"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from qunguan.server import schema
from qunguan.server.db import open_database
from qunguan.server.models import Base

pytestmark = pytest.mark.server


def test_migrations_match_the_models(database_factory):
    db = open_database(database_factory.clone())
    try:
        assert schema.current_revision(db) == schema.head_revision()
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
        assert schema.is_initialised(db)
        # Upgrading again is harmless.
        schema.upgrade(db, database_factory.audit_key)
    finally:
        db.dispose()
