"""retention: legal holds, access log, what the retention job removed, personal-data exports

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 09:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import qunguan.server.models

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
UTC = qunguan.server.models.UTCDateTime


def upgrade() -> None:
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('redacted_at', UTC(), nullable=True))
        batch_op.create_index('ix_messages_sender_sent', ['sender_id', 'sent_at'], unique=False)
    with op.batch_alter_table('platform_users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('personal_data_removed_at', UTC(), nullable=True))
    op.create_table(
        'access_log',
        sa.Column('id', BigId, nullable=False),
        sa.Column('at', UTC(), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('method', sa.String(length=10), nullable=False),
        sa.Column('route', sa.String(length=200), nullable=False),
        sa.Column('status', sa.Integer(), nullable=False),
        sa.Column('client', sa.String(length=64), nullable=True),
        sa.Column('duration_ms', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_access_log_at', 'access_log', ['at'], unique=False)
    op.create_index('ix_access_log_staff_id_id', 'access_log', ['staff_id', 'id'], unique=False)
    op.create_table(
        'legal_holds',
        sa.Column('id', BigId, nullable=False),
        sa.Column('subject_kind', sa.String(length=10), nullable=False),
        sa.Column('subject_id', sa.BigInteger(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('placed_by_id', sa.Integer(), nullable=False),
        sa.Column('placed_at', UTC(), nullable=False),
        sa.Column('released_by_id', sa.Integer(), nullable=True),
        sa.Column('released_at', UTC(), nullable=True),
        sa.ForeignKeyConstraint(['placed_by_id'], ['staff.id'], ),
        sa.ForeignKeyConstraint(['released_by_id'], ['staff.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_legal_holds_active', 'legal_holds', ['released_at', 'subject_kind', 'subject_id'],
                    unique=False)
    op.create_table(
        'pi_exports',
        sa.Column('id', BigId, nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('user_ids', sa.JSON(), nullable=False),
        sa.Column('incident_id', sa.BigInteger(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('requested_by_id', sa.Integer(), nullable=False),
        sa.Column('requested_at', UTC(), nullable=False),
        sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
        sa.Column('reviewed_at', UTC(), nullable=True),
        sa.Column('review_note', sa.Text(), nullable=True),
        sa.Column('downloaded_at', UTC(), nullable=True),
        sa.ForeignKeyConstraint(['requested_by_id'], ['staff.id'], ),
        sa.ForeignKeyConstraint(['reviewed_by_id'], ['staff.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_pi_exports_status', 'pi_exports', ['status'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_pi_exports_status', 'pi_exports')
    op.drop_table('pi_exports')
    op.drop_index('ix_legal_holds_active', 'legal_holds')
    op.drop_table('legal_holds')
    op.drop_index('ix_access_log_staff_id_id', 'access_log')
    op.drop_index('ix_access_log_at', 'access_log')
    op.drop_table('access_log')
    with op.batch_alter_table('platform_users', schema=None) as batch_op:
        batch_op.drop_column('personal_data_removed_at')
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index('ix_messages_sender_sent')
        batch_op.drop_column('redacted_at')
