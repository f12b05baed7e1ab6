"""Alembic environment for the workstation's local cache (run by ``qunguan.client.cache``
on its writer connection, inside the transaction that opens the file)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, render_as_batch=False)
with context.begin_transaction():
    context.run_migrations()
