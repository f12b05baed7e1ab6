"""Engines and sessions for SQLite (default, WAL) and PostgreSQL (psycopg 3).

Two session factories: ``read`` sessions start a plain transaction; ``write`` sessions on
SQLite start with ``BEGIN IMMEDIATE`` so that concurrent writers queue on the busy timeout
instead of failing to upgrade a read lock.  On PostgreSQL writes that must be ordered lock
the sequencer row instead (see :func:`next_seq`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, bindparam, create_engine, event, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from . import models

_WRITE = "qunguan_write"


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and plain file paths; use psycopg 3 for PostgreSQL."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    url = normalise_url(url)
    if is_sqlite(url):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=pool_size,
            max_overflow=20,
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            # Let SQLAlchemy's "begin" event below decide how transactions start.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            immediate = conn.get_execution_options().get(_WRITE, False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=20, pool_pre_ping=True)


@dataclass
class Database:
    url: str
    engine: Engine
    read: sessionmaker[Session]
    write: sessionmaker[Session]
    #: SQLite has one writer at a time anyway; queueing writers of this process on a lock
    #: spares them SQLite's busy-wait, which sleeps in steps of up to 100 ms.
    _write_lock: threading.Lock | None = None

    @property
    def sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def writing(self) -> Iterator[Session]:
        if self._write_lock is None:
            with self.write() as session, session.begin():
                yield session
            return
        with self._write_lock, self.write() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.read() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str, *, pool_size: int = 10) -> Database:
    url = normalise_url(url)
    engine = make_engine(url, pool_size=pool_size)
    write_engine = engine.execution_options(**{_WRITE: True})
    return Database(
        url=url,
        engine=engine,
        read=sessionmaker(engine, expire_on_commit=False),
        write=sessionmaker(write_engine, expire_on_commit=False),
        _write_lock=threading.Lock() if engine.dialect.name == "sqlite" else None,
    )


_SEQ_TABLE = models.Sequencer.__table__
#: Built once: constructing the statement costs more than running it.
_NEXT_SEQ = (
    update(_SEQ_TABLE).where(_SEQ_TABLE.c.name == bindparam("seq_name"))
    .values(value=_SEQ_TABLE.c.value + 1).returning(_SEQ_TABLE.c.value)
)


def next_seq(session: Session, name: str = "change") -> int:
    """Take the next value of a named sequence. The UPDATE holds the row's lock to the end of
    the transaction, so values commit in the order they were taken (no reader of the change
    feed or the audit chain can skip a lower value that commits later)."""
    value = session.execute(_NEXT_SEQ, {"seq_name": name}).scalar_one_or_none()
    if value is None:
        raise RuntimeError(f"the sequence {name!r} is missing: run `qunguan-platform init-db`")
    return int(value)
