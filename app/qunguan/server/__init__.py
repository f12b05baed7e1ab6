"""The Qunguan reference platform: the moderation API that the workstation talks to.

FastAPI + SQLAlchemy 2 + Alembic; SQLite by default (WAL), PostgreSQL at scale.  The
workstation never imports this package; the demo launcher starts it and talks HTTP.
"""
