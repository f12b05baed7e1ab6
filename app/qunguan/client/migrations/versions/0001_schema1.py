"""The cache as it was before Alembic (``PRAGMA user_version = 1``): cases, their summaries
and details, the sync position and the outbox. A file of that version is stamped with this
revision and upgraded from here.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

#: Timestamps are microseconds since the epoch (UTC).
TS = sa.BigInteger

SORTS = (
    ("priority", "priority"), ("sla", "sla_deadline"), ("category", "category", "reason_code"),
    ("group", "group_name"), ("reports", "report_count"), ("status", "status_rank"),
    ("claimed_by", "claimed_by"), ("created", "created_at"),
)


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("status_rank", sa.Integer, nullable=False),
        sa.Column("priority", sa.Integer, nullable=False),
        sa.Column("sla_deadline", TS, nullable=False),
        sa.Column("reason_code", sa.String(16)),
        sa.Column("category", sa.String(8)),
        sa.Column("group_id", sa.Integer, nullable=False),
        sa.Column("group_name", sa.Text, nullable=False),
        sa.Column("excerpt", sa.Text, nullable=False),
        sa.Column("report_count", sa.Integer, nullable=False),
        sa.Column("claimed_by", sa.String(64)),
        sa.Column("claim_expires_at", TS),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("change_seq", sa.BigInteger, nullable=False),
        sa.Column("search", sa.Text, nullable=False),
    )
    for name, *columns in SORTS:  # (as SQL: "status" repeats status_rank, which op.create_index refuses)
        op.execute(f"CREATE INDEX ix_cases_sort_{name} ON cases ({', '.join([*columns, 'id', 'status_rank'])})")
    op.create_index("ix_cases_group_id", "cases", ["group_id", "status_rank"])
    op.create_index("ix_cases_search", "cases", ["status_rank", "search"])
    op.create_table(
        "case_summaries",
        sa.Column("case_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("change_seq", sa.BigInteger, nullable=False),
        sa.Column("summary_json", sa.Text, nullable=False),
    )
    op.create_table(
        "case_details",
        sa.Column("case_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("detail_json", sa.Text, nullable=False),
        sa.Column("stored_at", TS, nullable=False),
    )
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("value", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("idempotency_key", sa.String(64), nullable=False, unique=True),
        sa.Column("case_id", sa.Integer, nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("request_json", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("current_json", sa.Text),
        sa.Column("result_json", sa.Text),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_outbox_state", "outbox", ["state", "id"])
    op.create_index("ix_outbox_case", "outbox", ["case_id", "state"])


def downgrade() -> None:
    for table in ("outbox", "sync_state", "case_details", "case_summaries", "cases"):
        op.drop_table(table)
