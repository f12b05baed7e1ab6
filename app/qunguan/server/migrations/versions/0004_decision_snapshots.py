"""decision snapshots: what the platform showed about a case when a decision was recorded

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 06:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'decision_snapshots',
        sa.Column('decision_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('case_version', sa.Integer(), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], ),
        sa.PrimaryKeyConstraint('decision_id'),
    )


def downgrade() -> None:
    op.drop_table('decision_snapshots')
