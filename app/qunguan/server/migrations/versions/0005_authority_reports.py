"""reports to the authorities: decisions marked reportable, and deliveries of evidence packages

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 06:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import qunguan.server.models

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table(
        'reportable_decisions',
        sa.Column('decision_id', BigId, nullable=False),
        sa.Column('marked_by_id', sa.Integer(), nullable=False),
        sa.Column('marked_at', qunguan.server.models.UTCDateTime(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], ),
        sa.ForeignKeyConstraint(['marked_by_id'], ['staff.id'], ),
        sa.PrimaryKeyConstraint('decision_id'),
    )
    op.create_index('ix_reportable_decisions_marked_at', 'reportable_decisions', ['marked_at'], unique=False)
    op.create_table(
        'deliveries',
        sa.Column('id', BigId, nullable=False),
        sa.Column('decision_ids', sa.JSON(), nullable=False),
        sa.Column('recipient', sa.String(length=200), nullable=False),
        sa.Column('channel', sa.String(length=200), nullable=False),
        sa.Column('reference', sa.String(length=200), nullable=True),
        sa.Column('delivered_at', qunguan.server.models.UTCDateTime(), nullable=False),
        sa.Column('package_sha256', sa.String(length=64), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=False),
        sa.Column('recorded_at', qunguan.server.models.UTCDateTime(), nullable=False),
        sa.Column('audit_seq', sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['staff.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'delivered_decisions',
        sa.Column('delivery_id', BigId, nullable=False),
        sa.Column('decision_id', BigId, nullable=False),
        sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], ),
        sa.ForeignKeyConstraint(['delivery_id'], ['deliveries.id'], ),
        sa.PrimaryKeyConstraint('delivery_id', 'decision_id'),
    )
    op.create_index('ix_delivered_decisions_decision_id', 'delivered_decisions', ['decision_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_delivered_decisions_decision_id', 'delivered_decisions')
    op.drop_table('delivered_decisions')
    op.drop_table('deliveries')
    op.drop_index('ix_reportable_decisions_marked_at', 'reportable_decisions')
    op.drop_table('reportable_decisions')
