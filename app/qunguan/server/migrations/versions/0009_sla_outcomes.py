"""SLA by category and severity, escalation, outcomes told to reporters

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 09:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import qunguan.server.models

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sla_rule', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('sla_escalated_at', qunguan.server.models.UTCDateTime(), nullable=True))
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('outcome', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('outcome_action', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('outcome_reason', sa.String(length=6), nullable=True))
        batch_op.add_column(sa.Column('outcome_text', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('outcome_at', qunguan.server.models.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('outcome_decision_id', sa.BigInteger(), nullable=True))
        batch_op.create_index('ix_reports_reporter_id', ['reporter_id'], unique=False)
        batch_op.create_index('ix_reports_outcome_decision_id', ['outcome_decision_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index('ix_reports_outcome_decision_id')
        batch_op.drop_index('ix_reports_reporter_id')
        batch_op.drop_column('outcome_decision_id')
        batch_op.drop_column('outcome_at')
        batch_op.drop_column('outcome_text')
        batch_op.drop_column('outcome_reason')
        batch_op.drop_column('outcome_action')
        batch_op.drop_column('outcome')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('sla_escalated_at')
        batch_op.drop_column('sla_rule')
