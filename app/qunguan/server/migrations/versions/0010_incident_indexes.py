"""faster incident previews: media hash and text indexes

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 09:20:00

Media hashes get a B-tree index (in the models). Message bodies get a substring index that the
models do not describe (see qunguan.server.text_index): an FTS5 trigram table kept in step by
triggers on SQLite, a pg_trgm GIN index on PostgreSQL; both are filled here from the messages
there are.
"""

from __future__ import annotations

from alembic import op

from qunguan.server import text_index

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.create_index('ix_messages_media_hash', ['media_hash'], unique=False)
    text_index.create(op.get_bind())


def downgrade() -> None:
    text_index.drop(op.get_bind())
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index('ix_messages_media_hash')
