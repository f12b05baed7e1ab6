"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

import pytest

from qunguan.server import schema
from qunguan.server.db import open_database

pytestmark = pytest.mark.server


def test_migrations_match_the_models(database_factory):
    db = open_database(database_factory.clone())
    try:
        assert schema.current_revision(db) == schema.head_revision()
        with db.engine.connect() as connection:
            diff = schema.differences(connection)
        assert diff == []
        assert schema.is_initialised(db)
        # Upgrading again is harmless.
        schema.upgrade(db, database_factory.audit_key)
    finally:
        db.dispose()


def test_upgrading_from_the_first_revision_fills_the_history_columns(tmp_path):
    """A database made at revision 0001 with a decision in it upgrades to head, and the
    decision gets the group and reason category that history filters on."""
    from alembic import command
    from sqlalchemy import text

    url = str(tmp_path / "old.db")
    db = open_database(url)
    try:
        config = schema.alembic_config(url)
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0001")
            t = "2026-11-01 09:00:00"
            connection.execute(text(
                "INSERT INTO staff (id, username, display_name, role, password_hash, totp_enrolled, failed_logins, "
                f"disabled, is_demo, created_at) VALUES (1, 'm', 'm', 'moderator', 'x', 0, 0, 0, 0, '{t}')"))
            connection.execute(text(
                "INSERT INTO platform_users (id, display_name, real_name_verified, credit_score, status, "
                f"can_create_groups, created_at) VALUES (1, 'u', 1, 100, 'active', 1, '{t}')"))
            connection.execute(text(
                "INSERT INTO groups (id, name, owner_id, member_count, member_cap, category, tier, status, created_at) "
                f"VALUES (7, 'g', 1, 3, 500, 'work', 2, 'active', '{t}')"))
            connection.execute(text(
                "INSERT INTO messages (id, group_id, sender_id, sent_at, kind, body) "
                f"VALUES (1, 7, 1, '{t}', 'text', 'x')"))
            connection.execute(text(
                "INSERT INTO cases (id, message_id, group_id, sender_id, status, priority, group_category, group_tier, "
                "excerpt, report_count, signal_score, created_at, sla_deadline, version, change_seq) VALUES "
                f"(1, 1, 7, 1, 'resolved', 3, 'work', 2, 'x', 1, 0.5, '{t}', '{t}', 2, 1)"))
            connection.execute(text(
                "INSERT INTO decisions (id, idempotency_key, actor_id, case_id, action, reason_code, decided_at, "
                "recorded_at, outcome, effects) "
                f"VALUES (1, 'k', 1, 1, 'warn', 'PLT-03', '{t}', '{t}', 'applied', '[]')"))
        schema.upgrade(db, tmp_path / "key.pem")
        assert schema.current_revision(db) == schema.head_revision()
        with db.engine.connect() as connection:
            row = connection.execute(text("SELECT group_id, reason_category, review FROM decisions")).one()
        assert tuple(row) == (7, "PLT", None)
    finally:
        db.dispose()
