"""Documents a supervisor viewed (decision-history pages, decisions with their context), kept so
that they can be read again offline.

Revision ID: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "viewed",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("key", sa.String(512), primary_key=True),
        sa.Column("body_json", sa.Text, nullable=False),
        sa.Column("stored_at", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_viewed_stored", "viewed", ["kind", "stored_at"])


def downgrade() -> None:
    op.drop_index("ix_viewed_stored", "viewed")
    op.drop_table("viewed")
