"""The substring index over message bodies that keyword and regular-expression incident
previews use (see incidents.py).

SQLite: an FTS5 table with the ``trigram`` tokenizer (SQLite 3.34 or newer) over ``messages.body``
as external content: it holds only the index (``detail=none``), not a copy of the bodies, and
triggers keep it in step with every insert, update of a body (retention's redaction) and delete,
whoever writes (members posting, the importer, the seed). Chinese has no spaces between words:
trigrams find any substring of three or more characters. Its ``LIKE`` is answered from the index
and checked against the body; callers check again with their own condition.

PostgreSQL: a GIN index with ``pg_trgm``'s ``gin_trgm_ops`` on ``messages.body``, which ``LIKE``
and ``ILIKE`` use by themselves.

The models do not describe either (SQLAlchemy has no FTS5 tables, and an operator-class GIN index
would be a useless B-tree on SQLite): :func:`is_ours` keeps them out of the schema comparison.
A later migration that rebuilds ``messages`` on SQLite (``batch_alter_table`` with a copy) drops
the triggers with the old table: :func:`ensure` after every upgrade puts them back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

TABLE = "messages_fts"
PG_INDEX = "ix_messages_body_trgm"
#: The shortest substring the index finds (a trigram).
MIN_CHARS = 3

_TRIGGERS = {
    f"{TABLE}_insert": f"""
        CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON messages BEGIN
            INSERT INTO {TABLE}(rowid, body) VALUES (new.id, new.body);
        END""",
    f"{TABLE}_delete": f"""
        CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON messages BEGIN
            INSERT INTO {TABLE}({TABLE}, rowid, body) VALUES ('delete', old.id, old.body);
        END""",
    f"{TABLE}_update": f"""
        CREATE TRIGGER IF NOT EXISTS {TABLE}_update AFTER UPDATE OF body ON messages BEGIN
            INSERT INTO {TABLE}({TABLE}, rowid, body) VALUES ('delete', old.id, old.body);
            INSERT INTO {TABLE}(rowid, body) VALUES (new.id, new.body);
        END""",
}


def is_ours(name: str | None, type_: str) -> bool:
    """Whether a table or index in the database is this index (not described by the models)."""
    if not name:
        return False
    if type_ == "table":
        return name == TABLE or name.startswith(TABLE + "_")
    return type_ == "index" and name == PG_INDEX


def sqlite_supports_trigrams() -> bool:
    """FTS5's trigram tokenizer came with SQLite 3.34."""
    if sqlite3.sqlite_version_info < (3, 34, 0):
        return False
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram', detail='none')")
        return True
    except sqlite3.OperationalError:  # built without FTS5
        return False
    finally:
        probe.close()


def create(connection: Connection) -> bool:
    """Create the index and fill it from the messages there are; False where this database
    cannot have one (keyword previews then scan their time window)."""
    if connection.dialect.name == "sqlite":
        if not sqlite_supports_trigrams():
            return False
        connection.execute(text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(body, content='messages', content_rowid='id', "
            "tokenize='trigram', detail='none')"))
        connection.execute(text(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')"))
        for ddl in _TRIGGERS.values():
            connection.execute(text(ddl))
        return True
    available = connection.execute(text(
        "SELECT installed_version IS NOT NULL, true FROM pg_available_extensions WHERE name = 'pg_trgm'")).first()
    if available is None:
        return False
    if not available[0]:
        savepoint = connection.begin_nested()
        try:
            connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        except Exception:  # not allowed to (pg_trgm is a trusted extension from PostgreSQL 13 on)
            savepoint.rollback()
            return False
        savepoint.commit()
    connection.execute(text(f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON messages USING gin (body gin_trgm_ops)"))
    return True


def drop(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for name in _TRIGGERS:
            connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        connection.execute(text(f"DROP TABLE IF EXISTS {TABLE}"))
    else:
        connection.execute(text(f"DROP INDEX IF EXISTS {PG_INDEX}"))


def exists(connection: Connection) -> bool:
    if connection.dialect.name == "sqlite":
        return connection.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :n"),
                                  {"n": TABLE}).first() is not None
    return connection.execute(text("SELECT 1 FROM pg_indexes WHERE indexname = :n"), {"n": PG_INDEX}
                              ).first() is not None


def ensure(connection: Connection) -> None:
    """Put back the SQLite triggers that a rebuild of ``messages`` by a later migration dropped,
    and rebuild the index from the bodies (whatever changed while there were no triggers)."""
    if connection.dialect.name != "sqlite" or not exists(connection):
        return
    present = {r[0] for r in connection.execute(text(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'messages'"))}
    if set(_TRIGGERS) <= present:
        return
    connection.execute(text(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')"))
    for ddl in _TRIGGERS.values():
        connection.execute(text(ddl))


@contextmanager
def inserting_many(connection: Connection) -> Iterator[list[int]]:
    """For a bulk insert of messages (the seed, the importer): the caller adds the ids it
    inserted to the list this yields, and they are indexed in one statement per run of ids at
    the end. Inside a trigger FTS5 writes a segment of its index per row (≈95 µs a row: 100k
    messages took 9.5 s instead of 0.6 s); the insert trigger is dropped meanwhile, within the
    caller's write transaction (no one else inserts then; a rollback puts it back)."""
    ids: list[int] = []
    if connection.dialect.name != "sqlite" or not exists(connection):
        yield ids
        return
    connection.execute(text(f"DROP TRIGGER IF EXISTS {TABLE}_insert"))
    yield ids
    ids.sort()
    start = 0
    while start < len(ids):
        end = start
        while end + 1 < len(ids) and ids[end + 1] == ids[end] + 1:
            end += 1
        connection.execute(text(f"INSERT INTO {TABLE}(rowid, body) SELECT id, body FROM messages "
                                "WHERE id BETWEEN :lo AND :hi"), {"lo": ids[start], "hi": ids[end]})
        start = end + 1
    connection.execute(text(_TRIGGERS[f"{TABLE}_insert"]))
