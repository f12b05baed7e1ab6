"""incidents: emergency response to a wave, acted on in stages; messages by time

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 06:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import qunguan.server.models

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.create_index('ix_messages_sent_at', ['sent_at'], unique=False)
    op.create_table(
        'incidents',
        sa.Column('id', BigId, nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('definition', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('opened_by_id', sa.Integer(), nullable=False),
        sa.Column('opened_at', qunguan.server.models.UTCDateTime(), nullable=False),
        sa.Column('closed_at', qunguan.server.models.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['opened_by_id'], ['staff.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_incidents_status', 'incidents', ['status'], unique=False)
    op.create_table(
        'incident_stages',
        sa.Column('id', BigId, nullable=False),
        sa.Column('incident_id', BigId, nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('idempotency_key', sa.String(length=100), nullable=False),
        sa.Column('action', sa.String(length=30), nullable=False),
        sa.Column('reason_code', sa.String(length=6), nullable=False),
        sa.Column('duration_seconds', sa.BigInteger(), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('by_id', sa.Integer(), nullable=False),
        sa.Column('applied_at', qunguan.server.models.UTCDateTime(), nullable=False),
        sa.Column('undo_until', qunguan.server.models.UTCDateTime(), nullable=False),
        sa.Column('undone_at', qunguan.server.models.UTCDateTime(), nullable=True),
        sa.Column('changed', sa.JSON(), nullable=False),
        sa.Column('audit_seq', sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(['by_id'], ['staff.id'], ),
        sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('incident_id', 'idempotency_key', name='uq_incident_stages_key'),
    )
    op.create_index('ix_incident_stages_incident_id', 'incident_stages', ['incident_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_incident_stages_incident_id', 'incident_stages')
    op.drop_table('incident_stages')
    op.drop_index('ix_incidents_status', 'incidents')
    op.drop_table('incidents')
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index('ix_messages_sent_at')
