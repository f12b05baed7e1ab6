"""Conflicts get a table of their own (mine and theirs side by side, and what the moderator
chose: accept theirs or escalate); offline check-out marks the cases taken offline and
until when their lease runs.

Data: every outbox entry in "conflict" moves its platform copy (``current_json``) into a
conflict row; the column then goes.

Revision ID: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conflicts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("outbox_id", sa.Integer, sa.ForeignKey("outbox.id", ondelete="CASCADE"), nullable=False,
                  unique=True),
        sa.Column("case_id", sa.Integer, nullable=False),
        #: The platform's case when it refused mine (a CaseSummary document), if it said.
        sa.Column("theirs_json", sa.Text),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("detected_at", sa.BigInteger, nullable=False),
        #: None while open; "accepted_theirs" or "escalated" once the moderator chose.
        sa.Column("resolution", sa.String(32)),
        sa.Column("resolved_at", sa.BigInteger),
    )
    op.create_index("ix_conflicts_open", "conflicts", ["resolution", "id"])
    op.execute(
        "INSERT INTO conflicts (outbox_id, case_id, theirs_json, message, detected_at) "
        "SELECT id, case_id, current_json, coalesce(error, 'The case changed on the platform.'), updated_at "
        "FROM outbox WHERE state = 'conflict'"
    )
    op.drop_column("outbox", "current_json")  # SQLite >= 3.35 drops a plain column in place
    op.add_column("case_details", sa.Column("offline_until", sa.BigInteger))
    op.create_index("ix_case_details_offline", "case_details", ["offline_until"])


def downgrade() -> None:
    op.drop_index("ix_case_details_offline", "case_details")
    op.drop_column("case_details", "offline_until")
    op.add_column("outbox", sa.Column("current_json", sa.Text))
    op.execute(
        "UPDATE outbox SET current_json = (SELECT theirs_json FROM conflicts WHERE conflicts.outbox_id = outbox.id)"
    )
    op.drop_index("ix_conflicts_open", "conflicts")
    op.drop_table("conflicts")
