"""Engines and sessions for SQLite (default, WAL) and PostgreSQL (psycopg 3).

Two session factories: ``read`` sessions start a plain transaction; ``write`` sessions on
SQLite start with ``BEGIN IMMEDIATE`` so that concurrent writers queue on the busy timeout
instead of failing to upgrade a read lock.  On PostgreSQL writes that must be ordered lock
the sequencer row instead (see :func:`next_seq`).
"""

from __future__ import annotations

import threading
from collections import namedtuple
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Dialect, Engine, bindparam, create_engine, event, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql import Executable, Insert, TextClause, Update

from qunguan.contract.problems import ProblemType

from . import models
from .errors import ProblemError

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
            # Straight on the driver: every transaction starts here, and going through
            # exec_driver_sql costs more than the statement (≈70 µs on the development machine).
            conn.connection.driver_connection.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")

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
    #: The engine write transactions use (BEGIN IMMEDIATE on SQLite).
    write_engine: Engine | None = None

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
    def write_connection(self) -> Iterator[Connection]:
        """A write transaction on a Core connection, without an ORM session (which costs
        ≈0.2 ms a transaction on the development machine): committed when the block ends,
        rolled back if it raises. The same lock and BEGIN IMMEDIATE as ``writing``."""
        engine = self.write_engine or self.engine
        if self._write_lock is None:
            with engine.begin() as connection:
                yield connection
            return
        with self._write_lock, engine.begin() as connection:
            yield connection

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
        write_engine=write_engine,
    )


_SEQ_TABLE = models.Sequencer.__table__
#: Built once: constructing the statement costs more than running it.
_NEXT_SEQ = (
    update(_SEQ_TABLE).where(_SEQ_TABLE.c.name == bindparam("seq_name"))
    .values(value=_SEQ_TABLE.c.value + 1).returning(_SEQ_TABLE.c.value)
)
_next_seq: Prepared  # set below, once Prepared is defined


def connection_of(session: Session | Connection) -> Connection:
    """The connection a session (or a connection) runs its transaction on."""
    return session.connection() if isinstance(session, Session) else session


def next_seq(session: Session | Connection, name: str = "change") -> int:
    """Take the next value of a named sequence. The UPDATE holds the row's lock to the end of
    the transaction, so values commit in the order they were taken (no reader of the change
    feed or the audit chain can skip a lower value that commits later)."""
    # A Core statement on the session's connection: nothing pending in the session is flushed
    # for it (Session.execute does not autoflush for plain Core statements either).
    value = _next_seq.scalar(connection_of(session), {"seq_name": name})
    if value is None:
        raise RuntimeError(f"the sequence {name!r} is missing: run `qunguan-platform init-db`")
    return int(value)


@dataclass
class _Plan:
    sql: str
    #: (compiled name, key in the caller's parameters, fixed value or _REQUIRED, processor),
    #: in the order the driver takes them.
    binds: list[tuple[str, str, Any, Callable[[Any], Any] | None]]
    #: Positional (qmark, format) or named (pyformat) parameters.
    positional: bool
    names: list[str] | None
    result_types: list[Any] | None
    #: Whether the statement gives rows (a SELECT, or RETURNING); None: ask the cursor.
    returns_rows: bool | None
    row: Any = None
    processors: list[Callable[[Any], Any] | None] | None = None


_REQUIRED = object()
_CURSOR = "qunguan_cursor"


class Prepared:
    """A Core statement run straight on the DBAPI cursor of the caller's connection, inside its
    transaction. It is compiled by SQLAlchemy once per dialect (and per set of columns given to
    an INSERT or UPDATE), and every bound value and result column goes through SQLAlchemy's own
    conversion for its type, so times, JSON and booleans are stored and read exactly as through
    ``Connection.execute``. What is skipped is the per-call machinery (execution context,
    events, result objects): ≈0.1 ms a statement on the development machine, ten times what
    the driver takes, and a decision runs fifteen statements.

    Only plain statements: no expanding IN, and an INSERT must name every column that has a
    Python-side default (checked when it is compiled). Driver errors are not wrapped in
    SQLAlchemy's exception classes."""

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._plans: dict[tuple[str, frozenset[str] | None], _Plan] = {}
        self._dml = isinstance(statement, Insert | Update)

    def _plan(self, dialect: Dialect, keys: frozenset[str] | None) -> _Plan:
        plan = self._plans.get((dialect.name, keys))
        if plan is None:
            plan = self._plans[(dialect.name, keys)] = self._compile(dialect, keys)
        return plan

    def _compile(self, dialect: Dialect, keys: frozenset[str] | None) -> _Plan:
        statement = self.statement
        if isinstance(statement, Insert | Update):
            table = statement.table
            for column in table.columns:  # type: ignore[attr-defined]
                missing = keys is None or column.key not in keys
                if isinstance(statement, Insert) and missing and column.default is not None:
                    raise ValueError(f"{table}.{column.key} has a Python-side default: give it a value")
                if isinstance(statement, Update) and column.onupdate is not None:
                    raise ValueError(f"{table}.{column.key} has an onupdate: not supported here")
        compiled = statement.compile(dialect=dialect, column_keys=sorted(keys) if keys is not None else None)
        if compiled.post_compile_params or compiled.literal_execute_params or compiled.escaped_bind_names:
            raise ValueError(f"not a plain statement: {compiled.string}")
        by_name = {name: bind for bind, name in compiled.bind_names.items()}
        positional = compiled.positiontup is not None
        order = list(compiled.positiontup) if positional else list(by_name)
        binds = []
        for name in order:
            bind = by_name[name]
            fixed = _REQUIRED if bind.required else bind.effective_value
            binds.append((name, bind.key, fixed, bind.type.dialect_impl(dialect).bind_processor(dialect)))
        columns = getattr(statement, "exported_columns", None)
        if isinstance(statement, TextClause) or columns is None or not len(columns):
            names, types = None, None
        else:
            names, types = list(columns.keys()), [column.type for column in columns]
        returns_rows = None if isinstance(statement, TextClause) else names is not None
        return _Plan(sql=compiled.string, binds=binds, positional=positional, names=names, result_types=types,
                     returns_rows=returns_rows)

    def _parameters(self, plan: _Plan, params: dict[str, Any]) -> Sequence[Any] | dict[str, Any]:
        values = []
        for _, key, fixed, process in plan.binds:
            value = params[key] if fixed is _REQUIRED else params.get(key, fixed)
            values.append(process(value) if process is not None else value)
        if plan.positional:
            return values
        return {name: value for (name, _, _, _), value in zip(plan.binds, values, strict=True)}

    @staticmethod
    def _cursor(connection: Connection) -> Any:
        """One cursor per DBAPI connection, kept in its ``info`` (which SQLAlchemy empties
        when that connection is closed or invalidated): making one costs more than using it."""
        if not connection.in_transaction():
            connection.begin()  # as Connection.execute would (autobegin)
        info = connection.info
        cursor = info.get(_CURSOR)
        if cursor is None:
            cursor = info[_CURSOR] = connection.connection.cursor()
        return cursor

    def execute(self, connection: Connection, params: dict[str, Any] | None = None) -> list[Any]:
        """Run once; returns the rows (named tuples) if the statement returns any."""
        params = params or {}
        dialect = connection.dialect
        plan = self._plan(dialect, frozenset(params) if self._dml else None)
        cursor = self._cursor(connection)
        cursor.execute(plan.sql, self._parameters(plan, params))
        returns_rows = plan.returns_rows
        if returns_rows is None:
            returns_rows = cursor.description is not None
        if not returns_rows:
            return []
        raw = cursor.fetchall()
        if plan.row is None:
            # The cursor's description is read once per statement (psycopg builds it anew on
            # every access).
            self._describe(plan, dialect, cursor.description)
        make, processors = plan.row._make, plan.processors
        assert processors is not None
        if not any(processors):
            return [make(row) for row in raw]
        return [make([p(v) if p is not None else v for p, v in zip(processors, row, strict=True)]) for row in raw]

    def executemany(self, connection: Connection, rows: list[dict[str, Any]]) -> None:
        """Run once per row (the rows all give the same parameters); returns nothing."""
        if not rows:
            return
        plan = self._plan(connection.dialect, frozenset(rows[0]) if self._dml else None)
        self._cursor(connection).executemany(plan.sql, [self._parameters(plan, row) for row in rows])

    def first(self, connection: Connection, params: dict[str, Any] | None = None) -> Any:
        rows = self.execute(connection, params)
        return rows[0] if rows else None

    def scalar(self, connection: Connection, params: dict[str, Any] | None = None) -> Any:
        row = self.first(connection, params)
        return row[0] if row is not None else None

    @staticmethod
    def _describe(plan: _Plan, dialect: Dialect, description: Sequence[Any]) -> None:
        names = plan.names or [column[0] for column in description]
        if len(names) != len(description):  # pragma: no cover - a statement changed under us
            raise RuntimeError("result columns do not match the statement")
        types = plan.result_types or [None] * len(names)
        plan.processors = [
            type_.dialect_impl(dialect).result_processor(dialect, column[1]) if type_ is not None else None
            for type_, column in zip(types, description, strict=True)
        ]
        plan.row = namedtuple("Row", names, rename=True)  # type: ignore[misc]


_next_seq = Prepared(_NEXT_SEQ)


_Row = TypeVar("_Row")


def one_or_404(session: Session, model: type[_Row], row_id: int, noun: str, *, for_update: bool = False) -> _Row:
    """The ``model`` row ``row_id`` (locked with ``for_update``), or a 404 problem "There is no
    {noun} {row_id}." The one lookup by id of every API that names a row in its path or body."""
    if for_update:
        row = session.execute(select(model).where(model.id == row_id)  # type: ignore[attr-defined]
                              .with_for_update(of=model)).unique().scalar_one_or_none()
    else:
        row = session.get(model, row_id)
    if row is None:
        raise ProblemError(404, ProblemType.NOT_FOUND, f"There is no {noun} {row_id}.")
    return row
