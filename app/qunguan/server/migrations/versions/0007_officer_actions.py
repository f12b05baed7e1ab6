"""the group officers' own moderation actions (owners and admins), and member-side group creation

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 09:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import qunguan.server.models

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table(
        'officer_actions',
        sa.Column('id', BigId, nullable=False),
        sa.Column('group_id', BigId, nullable=False),
        sa.Column('actor_id', BigId, nullable=False),
        sa.Column('role', sa.String(length=10), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('target_user_id', BigId, nullable=True),
        sa.Column('target_message_id', sa.BigInteger(), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('at', qunguan.server.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['actor_id'], ['platform_users.id'], ),
        sa.ForeignKeyConstraint(['group_id'], ['groups.id'], ),
        sa.ForeignKeyConstraint(['target_user_id'], ['platform_users.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_officer_actions_actor_id', 'officer_actions', ['actor_id'], unique=False)
    op.create_index('ix_officer_actions_group_id_id', 'officer_actions', ['group_id', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_officer_actions_group_id_id', 'officer_actions')
    op.drop_index('ix_officer_actions_actor_id', 'officer_actions')
    op.drop_table('officer_actions')
