"""The workstation's local cache: one SQLite file per user and server (WAL), the single
source of truth for the UI.

Writes, from any thread, go through ONE writer: a dedicated thread owns the write
connection and runs jobs from a queue, each in its own transaction (``BEGIN IMMEDIATE``,
``synchronous=FULL`` so that an outbox commit is durable before ``add()`` returns). Reads,
from any thread, use short connections of their own (``query_only``).

Sorting and filtering happen in SQL on indexed columns; rows come back as plain
``CaseRow`` values, never ORM objects.

Schema: ``metadata`` below, created and upgraded by Alembic (``client/migrations``; a test
checks that the migrations give exactly ``metadata``). A file from before Alembic
(``PRAGMA user_version = 1``) is stamped with the first revision and upgraded; a file with
a revision this version does not know is refused, untouched. ``user_version`` is kept as
the number of revisions applied, so that versions before Alembic refuse newer files too.

Encryption: with a key (from the OS keyring), the file is a SQLCipher database; a plain file
is encrypted in place (``sqlcipher_export``) the first time it is opened with a key. Without
a key the file is plain SQLite and ``personal_data`` is False: personal fields (masked real
names and phone numbers) are then left out of what is stored.
"""

from __future__ import annotations

import hashlib
import os
import queue
import re
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from sqlalchemy import (
    BigInteger,
    Column,
    ColumnElement,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    create_engine,
    event,
    func,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool
from sqlalchemy.types import TypeDecorator

from qunguan.contract import models as api
from qunguan.contract.enums import CaseStatus, Priority

from .errors import KnownError

if TYPE_CHECKING:
    from .outbox import Outbox

T = TypeVar("T")

MIGRATIONS = Path(__file__).with_name("migrations")
#: The revision of a file from before Alembic (its ``user_version`` was 1).
LEGACY_REVISION = "0001"
KEY_BYTES = 32
#: Take the planner's statistics (ANALYZE) after this many rows were written.
ANALYZE_AFTER = 1000
#: Up to this many text matches, rows() fetches the matches by id and sorts them.
FEW_TEXT_MATCHES = 3000

QUEUES = ("open", "mine", "offline", "escalated", "appeals", "second_approval", "all")
SORT_KEYS = ("priority", "sla", "category", "group", "reports", "status", "claimed_by", "created")
#: A fixed order of statuses for sorting (ascending); the queue's statuses come first.
STATUS_RANK: dict[str, int] = {
    CaseStatus.OPEN: 0,
    CaseStatus.CLAIMED: 1,
    CaseStatus.ESCALATED: 2,
    CaseStatus.APPEALED: 3,
    CaseStatus.AWAITING_SECOND_APPROVAL: 4,
    CaseStatus.RESOLVED: 5,
}
_ID_TERM = re.compile(r"#?([0-9]{1,15})")


class CacheTooNew(KnownError):
    """The cache file was written by a newer Qunguan; it is left untouched."""


class CacheUnreadable(KnownError):
    """The cache file cannot be opened with the key this workstation holds for it (the key
    was lost from the keyring, or the file is damaged)."""


class CacheClosed(KnownError):
    """The cache was closed (logged out) while work was still arriving."""


# --- schema ----------------------------------------------------------------------------------------------


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Timestamp(TypeDecorator[datetime]):
    """An aware datetime stored as microseconds since the epoch (UTC): exact, compact and
    ordered, so that SLA and creation sorts and lease checks are plain integer comparisons."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> int | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; give a time zone")
        return (value - _EPOCH) // timedelta(microseconds=1)

    def process_result_value(self, value: int | None, dialect: Any) -> datetime | None:
        return None if value is None else _EPOCH + timedelta(microseconds=value)


metadata = MetaData()

cases = Table(
    "cases", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("status", String(32), nullable=False),
    Column("status_rank", Integer, nullable=False),
    Column("priority", Integer, nullable=False),
    Column("sla_deadline", Timestamp, nullable=False),
    Column("reason_code", String(16)),
    Column("category", String(8)),
    Column("group_id", Integer, nullable=False),
    Column("group_name", Text, nullable=False),
    Column("excerpt", Text, nullable=False),
    Column("report_count", Integer, nullable=False),
    Column("claimed_by", String(64)),
    Column("claim_expires_at", Timestamp),
    Column("version", Integer, nullable=False),
    Column("created_at", Timestamp, nullable=False),
    Column("change_seq", BigInteger, nullable=False),
    #: excerpt, group name and reason code, case-folded, one per line (the text search).
    Column("search", Text, nullable=False),
)
for _name, *_cols in (
    ("priority", "priority"), ("sla", "sla_deadline"), ("category", "category", "reason_code"),
    ("group", "group_name"), ("reports", "report_count"), ("status", "status_rank"),
    ("claimed_by", "claimed_by"), ("created", "created_at"),
):
    # (key, id) serves ORDER BY .. LIMIT; status_rank (in every queue's filter) makes counts covered.
    Index(f"ix_cases_sort_{_name}", *(cases.c[c] for c in _cols), cases.c.id, cases.c.status_rank)
Index("ix_cases_group_id", cases.c.group_id, cases.c.status_rank)
#: Covers the text search: a scan of this index is a fraction of a scan of the table.
Index("ix_cases_search", cases.c.status_rank, cases.c.search)

#: The whole CaseSummary as the platform sent it (kept apart so that the queue table stays narrow).
summaries = Table(
    "case_summaries", metadata,
    Column("case_id", Integer, primary_key=True, autoincrement=False),
    Column("change_seq", BigInteger, nullable=False),
    Column("summary_json", Text, nullable=False),
)

details = Table(
    "case_details", metadata,
    Column("case_id", Integer, primary_key=True, autoincrement=False),
    Column("detail_json", Text, nullable=False),
    Column("stored_at", Timestamp, nullable=False),
    #: Taken offline (claimed with a long lease): until when the lease runs.
    Column("offline_until", Timestamp),
)
Index("ix_case_details_offline", details.c.offline_until)

sync_state = Table(
    "sync_state", metadata,
    Column("key", String(32), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

outbox_table = Table(
    "outbox", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("idempotency_key", String(64), nullable=False, unique=True),
    Column("case_id", Integer, nullable=False),
    Column("action", String(32), nullable=False),
    Column("request_json", Text, nullable=False),
    Column("created_at", Timestamp, nullable=False),
    Column("state", String(16), nullable=False),
    Column("error", Text),
    Column("attempts", Integer, nullable=False, default=0),
    Column("updated_at", Timestamp, nullable=False),
    #: On a conflict: the platform's current case (a CaseSummary document).
    #: Once sent: the platform's DecisionResult.
    Column("result_json", Text),
    sqlite_autoincrement=True,  # an undone entry's id is never reused
)
Index("ix_outbox_state", outbox_table.c.state, outbox_table.c.id)
Index("ix_outbox_case", outbox_table.c.case_id, outbox_table.c.state)


#: A decision the platform refused because the case had changed: mine (the outbox entry) and
#: theirs side by side, until the moderator accepts theirs or escalates.
conflicts = Table(
    "conflicts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("outbox_id", Integer, ForeignKey("outbox.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("case_id", Integer, nullable=False),
    Column("theirs_json", Text),
    Column("message", Text, nullable=False),
    Column("detected_at", Timestamp, nullable=False),
    Column("resolution", String(32)),
    Column("resolved_at", Timestamp),
)
Index("ix_conflicts_open", conflicts.c.resolution, conflicts.c.id)


#: Platform documents a supervisor viewed (history pages, decisions with their context), to be
#: read again offline: the newest VIEWED_KEEP of each kind, and none past the retention period.
viewed = Table(
    "viewed", metadata,
    Column("kind", String(16), primary_key=True),
    Column("key", String(512), primary_key=True),
    Column("body_json", Text, nullable=False),
    Column("stored_at", Timestamp, nullable=False),
)
Index("ix_viewed_stored", viewed.c.kind, viewed.c.stored_at)
VIEWED_KEEP = 300


# --- values ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilter:
    """What the queue shows. Empty tuples do not narrow.

    ``text`` is split on whitespace; every term must occur (case-insensitively) in the
    excerpt, the group name or the reason code, or be the case id (``123`` or ``#123``).
    """

    queue: str = "open"
    statuses: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    priorities: tuple[Any, ...] = ()  # Priority values (1..4), Priority members or their names
    group_id: int | None = None
    assigned_to_me: bool = False
    text: str = ""


@dataclass(frozen=True)
class CaseRow:
    """A plain row for the queue table."""

    id: int
    status: str  # a CaseStatus
    priority: Priority
    sla_deadline: datetime
    reason_code: str | None
    category: str | None
    group_id: int
    group_name: str
    excerpt: str
    report_count: int
    claimed_by: str | None
    claim_expires_at: datetime | None
    version: int
    created_at: datetime
    pending_action: str | None


def priority_value(value: Any) -> int:
    """1..4 from a Priority, its value or its name ("urgent")."""
    if isinstance(value, int):
        return int(Priority(value))
    text = str(value).strip()
    if text.isdigit():
        return int(Priority(int(text)))
    try:
        return int(Priority[text.upper()])
    except KeyError:
        raise ValueError(f"{value!r} is not a priority") from None


def summary_values(s: api.CaseSummary) -> dict[str, Any]:
    """A CaseSummary as a row of the cases table."""
    reason = s.suggested_reason.value if s.suggested_reason else None
    return {
        "id": s.id,
        "status": str(s.status),
        "status_rank": STATUS_RANK[s.status],
        "priority": int(s.priority),
        "sla_deadline": s.sla_deadline,
        "reason_code": reason,
        "category": s.reason_category.value if s.reason_category else None,
        "group_id": s.group_id,
        "group_name": s.group_name,
        "excerpt": s.excerpt,
        "report_count": s.report_count,
        "claimed_by": s.claim.holder_username if s.claim else None,
        "claim_expires_at": s.claim.expires_at if s.claim else None,
        "version": s.version,
        "created_at": s.created_at,
        "change_seq": s.change_seq,
        "search": "\n".join((s.excerpt, s.group_name, reason or "")).casefold(),
    }


_UPSERT_CHUNK = 500


def _upserts() -> tuple[Any, Any]:
    stmt = sqlite_insert(cases)
    case_stmt = stmt.on_conflict_do_update(
        index_elements=[cases.c.id], set_={c.name: stmt.excluded[c.name] for c in cases.c if c.name != "id"},
        where=stmt.excluded.change_seq >= cases.c.change_seq,
    )
    stmt = sqlite_insert(summaries)
    json_stmt = stmt.on_conflict_do_update(
        index_elements=[summaries.c.case_id],
        set_={"change_seq": stmt.excluded.change_seq, "summary_json": stmt.excluded.summary_json},
        where=stmt.excluded.change_seq >= summaries.c.change_seq,
    )
    return case_stmt, json_stmt


_CASE_UPSERT, _JSON_UPSERT = _upserts()


def upsert_summaries(conn: Connection, items: Iterable[api.CaseSummary]) -> int:
    """Insert or update cases (Core, executemany). An older copy (lower change_seq) never
    overwrites a newer one. Returns how many summaries were given."""
    n = 0
    items = list(items)
    for start in range(0, len(items), _UPSERT_CHUNK):
        chunk = items[start:start + _UPSERT_CHUNK]
        conn.execute(_CASE_UPSERT, [summary_values(s) for s in chunk])
        conn.execute(_JSON_UPSERT, [{"case_id": s.id, "change_seq": s.change_seq, "summary_json": s.model_dump_json()}
                                    for s in chunk])
        n += len(chunk)
    return n


# --- the one writer -------------------------------------------------------------------------------------


class Writer:
    """A thread that owns the write connection; jobs are ``fn(connection)`` run each in one
    transaction, in the order they were submitted."""

    def __init__(self, engine: Engine, name: str = "qunguan-cache-writer") -> None:
        self._engine = engine
        self._jobs: queue.SimpleQueue[tuple[Future[Any], Callable[[Connection], Any]] | None] = queue.SimpleQueue()
        self._closed = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[[Connection], T]) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise CacheClosed("The local cache is closed.")
            self._jobs.put((future, fn))
        return future

    def call(self, fn: Callable[[Connection], T]) -> T:
        if threading.current_thread() is self._thread:
            raise RuntimeError("a cache write job may not wait for another one")
        return self.submit(fn).result()

    def _run(self) -> None:
        try:
            conn = self._engine.connect()
        except BaseException as exc:  # every job, now and later, learns why
            while (job := self._jobs.get()) is not None:
                if job[0].set_running_or_notify_cancel():
                    job[0].set_exception(exc)
            return
        try:
            while (job := self._jobs.get()) is not None:
                future, fn = job
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    with conn.begin():
                        result = fn(conn)
                except BaseException as exc:
                    future.set_exception(exc)
                else:
                    future.set_result(result)
        finally:
            conn.close()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._jobs.put(None)
        self._thread.join()


def sqlcipher() -> Any | None:
    """The SQLCipher DB-API module, or None where it is not installed."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        return None
    return dbapi2


def _key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError(f"a cache key has {KEY_BYTES} bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""  # a raw key: no passphrase derivation


def is_plain_sqlite(path: Path) -> bool:
    """True for an unencrypted SQLite file (its header is readable)."""
    try:
        with open(path, "rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except FileNotFoundError:
        return False


def _encrypt_in_place(path: Path, key: bytes) -> None:
    """Turn a plain cache file into a SQLCipher one with the same content."""
    module = sqlcipher()
    assert module is not None
    target = path.with_name(path.name + ".encrypting")
    target.unlink(missing_ok=True)
    conn = module.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(target),))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()
    os.chmod(target, 0o600)
    os.replace(target, path)
    for suffix in ("-wal", "-shm"):
        (path.parent / (path.name + suffix)).unlink(missing_ok=True)


def _check_key(path: Path, key: bytes) -> bool:
    """Whether ``key`` opens the (encrypted or empty) file at ``path``."""
    module = sqlcipher()
    assert module is not None
    conn = module.connect(str(path))
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is an answer here, not an error to log
        conn.execute(_key_pragma(key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.DatabaseError:
        return False
    finally:
        conn.close()
    return True


def _engine(path: Path, *, writer: bool, key: bytes | None) -> Engine:
    module = sqlcipher() if key is not None else None
    if key is not None and module is None:
        raise ValueError("a key was given but SQLCipher is not installed")
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool if writer else None,
                           connect_args={"check_same_thread": False, "timeout": 30},
                           **({"module": module} if module is not None else {}))

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        if key is not None:
            cursor.execute(_key_pragma(key))  # first, before anything reads the file
        cursor.execute("PRAGMA busy_timeout = 30000")
        if writer:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")  # every commit (outbox first) is durable
            cursor.execute("PRAGMA foreign_keys = ON")
        else:
            cursor.execute("PRAGMA query_only = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")

    return engine


def _alembic_config(conn: Connection) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None
    return head


# --- the cache ------------------------------------------------------------------------------------------


class Cache:
    def __init__(self, path: Path, *, me: str, clock: Callable[[], datetime] | None = None,
                 key: bytes | None = None) -> None:
        """``key``: 32 bytes to encrypt the file with (SQLCipher); None keeps a plain file
        without personal data in it."""
        from .outbox import Outbox

        self.path = Path(path)
        self.me = me
        self.clock = clock or (lambda: datetime.now(UTC))
        self.encrypted = key is not None
        #: Whether personal fields may be stored (only in an encrypted file).
        self.personal_data = self.encrypted
        _create_file(self.path)
        if key is not None and is_plain_sqlite(self.path):
            _encrypt_in_place(self.path, key)
        elif key is not None and not _check_key(self.path, key):
            raise CacheUnreadable(
                f"The local cache {self.path} cannot be opened with the key this workstation holds for it "
                "(the key may have been removed from the keyring, or the file is damaged). It has not been changed."
            )
        elif key is None and self.path.stat().st_size and not is_plain_sqlite(self.path):
            raise CacheUnreadable(
                f"The local cache {self.path} is encrypted, and this workstation has no key for it "
                "(no secure keyring). It has not been changed."
            )
        self._write_engine = _engine(self.path, writer=True, key=key)
        self._read_engine = _engine(self.path, writer=False, key=key)
        self._writer: Writer | None = Writer(self._write_engine)
        self._opened = False
        self._generation = 0  # bumped after every write
        self._probe_memo: tuple[tuple[QueueFilter, int], list[int] | None] | None = None
        self._unanalyzed = 0  # rows written since the planner's statistics were taken (writer thread only)
        self._analyzed_rows = 0
        try:
            self._writer.call(self._upgrade)
        except BaseException:
            self.close()
            raise
        self._opened = True
        self.outbox: Outbox = Outbox(self)
        self.outbox.recover()

    @staticmethod
    def path_for(data_dir: Path, server_url: str, username: str) -> Path:
        """One file per user and server: readable, and unique by a digest of both."""
        parts = urlsplit(server_url.strip().rstrip("/"))
        server = f"{parts.scheme.lower()}://{(parts.netloc or '').lower()}{parts.path}"
        digest = hashlib.sha256(f"{server}\n{username}".encode()).hexdigest()[:16]
        host = re.sub(r"[^A-Za-z0-9.-]+", "_", parts.hostname or "server")[:40]
        user = re.sub(r"[^A-Za-z0-9._-]+", "_", username)[:40]
        return Path(data_dir) / f"{user}@{host}-{digest}.sqlite3"

    def _upgrade(self, conn: Connection) -> None:
        from alembic import command
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        script = ScriptDirectory(str(MIGRATIONS))
        known = {rev.revision for rev in script.walk_revisions()}
        current = MigrationContext.configure(conn).get_current_revision()
        user_version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
        cfg = _alembic_config(conn)
        if current is None and user_version > 1:
            current = f"user_version {user_version}"  # written by a version after this one
        if current is not None and current not in known:
            raise CacheTooNew(
                f"The local cache {self.path} was written by a newer version of Qunguan (schema {current}; this "
                f"version knows up to {script.get_current_head()}). Update Qunguan, or move the file away to start "
                "with an empty cache; it has not been changed."
            )
        if current is None and user_version == 1:
            command.stamp(cfg, LEGACY_REVISION)  # the schema from before Alembic
        command.upgrade(cfg, "head")
        conn.exec_driver_sql(f"PRAGMA user_version = {len(known)}")
        rows = conn.execute(select(func.count()).select_from(cases)).scalar_one()
        stats = conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").scalar_one()
        if rows >= ANALYZE_AFTER and not stats:
            self._analyze(conn)
        self._analyzed_rows = rows

    def _analyze(self, conn: Connection) -> None:
        conn.exec_driver_sql("ANALYZE")
        self._analyzed_rows = conn.execute(select(func.count()).select_from(cases)).scalar_one()
        self._unanalyzed = 0

    def _wrote(self, conn: Connection, n: int) -> None:
        """The planner picks the sort index over the status index only with statistics: take
        them again whenever the table has grown by half since the last time (and at least
        ANALYZE_AFTER rows), so a first pull of 100k cases analyses about a dozen times."""
        self._unanalyzed += n
        if self._unanalyzed >= max(ANALYZE_AFTER, self._analyzed_rows // 2):
            self._analyze(conn)

    def close(self) -> None:
        if self._writer is not None:
            if self._opened:  # keeps the planner's statistics fresh (cheap; SQLite's advice)
                self._writer.call(lambda conn: conn.exec_driver_sql("PRAGMA optimize"))
            self._writer.close()
            self._writer = None
        self._write_engine.dispose()
        self._read_engine.dispose()

    # --- plumbing ---------------------------------------------------------------------------------

    def write(self, fn: Callable[[Connection], T]) -> T:
        """Run ``fn(connection)`` in one transaction on the writer thread; wait for it."""
        if self._writer is None:
            raise CacheClosed("The local cache is closed.")
        try:
            return self._writer.call(fn)
        finally:
            self._generation += 1  # after the commit: answers kept from before are stale

    def read(self, fn: Callable[[Connection], T]) -> T:
        """Run ``fn(connection)`` in a short read transaction of its own."""
        with self._read_engine.connect() as conn:
            return fn(conn)

    # --- writes -----------------------------------------------------------------------------------

    def store_cases(self, items: Iterable[api.CaseSummary]) -> None:
        items = list(items)
        if items:
            self.write(lambda conn: self._wrote(conn, upsert_summaries(conn, items)))

    def store_detail(self, detail: api.CaseDetail, *, offline_until: datetime | None = None) -> None:
        """Keep a case's full context. ``offline_until``: it was taken offline, with a lease
        to then (retention keeps it at least that long)."""
        if not self.personal_data:
            detail = without_personal_data(detail)

        def job(conn: Connection) -> None:
            upsert_summaries(conn, [detail.case])
            stmt = sqlite_insert(details).values(
                case_id=detail.case.id, detail_json=detail.model_dump_json(), stored_at=self.clock(),
                offline_until=offline_until,
            )
            keep = {"detail_json": stmt.excluded.detail_json, "stored_at": stmt.excluded.stored_at}
            if offline_until is not None:
                keep["offline_until"] = stmt.excluded.offline_until
            conn.execute(stmt.on_conflict_do_update(index_elements=[details.c.case_id], set_=keep))

        self.write(job)

    def set_change_seq(self, seq: int) -> None:
        self.write(lambda conn: _set_seq(conn, seq))

    def store_changes(self, items: Iterable[api.CaseSummary], next_since: int) -> None:
        """A page of /changes and the sequence it reaches, in one transaction."""
        items = list(items)

        def job(conn: Connection) -> None:
            self._wrote(conn, upsert_summaries(conn, items))
            _set_seq(conn, next_since)

        self.write(job)

    def expire_claims(self) -> int:
        """Leases end by themselves (no change is sent for that): forget the ended ones."""
        now = self.clock()

        def job(conn: Connection) -> int:
            ended = and_(cases.c.claim_expires_at.is_not(None), cases.c.claim_expires_at <= now)
            n = conn.execute(update(cases).where(ended, cases.c.status == CaseStatus.CLAIMED.value).values(
                status=CaseStatus.OPEN.value, status_rank=STATUS_RANK[CaseStatus.OPEN])).rowcount
            conn.execute(update(cases).where(ended).values(claimed_by=None, claim_expires_at=None))
            return n

        return self.write(job)

    # --- reads ------------------------------------------------------------------------------------

    def change_seq(self) -> int:
        return self.read(lambda conn: conn.execute(
            select(sync_state.c.value).where(sync_state.c.key == "change_seq")).scalar_one_or_none() or 0)

    def expire_details(self, older_than: timedelta) -> int:
        """Retention: forget cases opened longer ago than ``older_than`` (they hold the
        conversation and the people in it), except those with decisions still in the outbox.
        Returns how many were forgotten."""
        cutoff = self.clock() - older_than
        kept = select(outbox_table.c.case_id).where(outbox_table.c.state != "sent")

        def expire(conn: Connection) -> int:
            still_offline = and_(details.c.offline_until.is_not(None), details.c.offline_until > self.clock())
            result = conn.execute(details.delete().where(details.c.stored_at < cutoff, ~still_offline,
                                                         details.c.case_id.not_in(kept)))
            conn.execute(viewed.delete().where(viewed.c.stored_at < cutoff))
            return int(result.rowcount or 0)

        return self.write(expire)

    def keep_viewed(self, kind: str, key: str, body_json: str) -> None:
        """Keep a document the user viewed (the oldest beyond VIEWED_KEEP of its kind go)."""
        def job(conn: Connection) -> None:
            stmt = sqlite_insert(viewed).values(kind=kind, key=key, body_json=body_json, stored_at=self.clock())
            conn.execute(stmt.on_conflict_do_update(
                index_elements=[viewed.c.kind, viewed.c.key],
                set_={"body_json": stmt.excluded.body_json, "stored_at": stmt.excluded.stored_at}))
            newest = (select(viewed.c.key).where(viewed.c.kind == kind)
                      .order_by(viewed.c.stored_at.desc(), viewed.c.key).limit(VIEWED_KEEP))
            conn.execute(viewed.delete().where(viewed.c.kind == kind, viewed.c.key.not_in(newest)))

        self.write(job)

    def recall_viewed(self, kind: str, key: str) -> tuple[str, datetime] | None:
        """A kept document and when it was fetched, or None."""
        row = self.read(lambda conn: conn.execute(
            select(viewed.c.body_json, viewed.c.stored_at).where(viewed.c.kind == kind, viewed.c.key == key)
        ).one_or_none())
        return None if row is None else (row[0], row[1])

    def offline_cases(self) -> list[int]:
        """Cases taken offline whose lease still runs, soonest to end first."""
        now = self.clock()
        stmt = (select(details.c.case_id).where(details.c.offline_until > now)
                .order_by(details.c.offline_until, details.c.case_id))
        return list(self.read(lambda conn: conn.execute(stmt).scalars().all()))

    @staticmethod
    def purge(path: Path) -> None:
        """Delete a closed cache file with its journal files (logout, when the user asks)."""
        for name in (path.name, path.name + "-wal", path.name + "-shm", path.name + "-journal"):
            (path.parent / name).unlink(missing_ok=True)

    def detail(self, case_id: int) -> api.CaseDetail | None:
        text = self.read(lambda conn: conn.execute(
            select(details.c.detail_json).where(details.c.case_id == case_id)).scalar_one_or_none())
        return None if text is None else api.CaseDetail.model_validate_json(text)

    def summary(self, case_id: int) -> api.CaseSummary | None:
        text = self.read(lambda conn: conn.execute(
            select(summaries.c.summary_json).where(summaries.c.case_id == case_id)).scalar_one_or_none())
        return None if text is None else api.CaseSummary.model_validate_json(text)

    def row(self, case_id: int) -> CaseRow | None:
        found = self.read(lambda conn: _case_rows(conn, select(*_ROW_COLUMNS).where(cases.c.id == case_id)))
        return found[0] if found else None

    def count(self, f: QueueFilter) -> int:
        if f.text.split() and (found := self._text_probe(f)) is not None:
            return len(found)
        where = self._where(f)
        return self.read(lambda conn: conn.execute(select(func.count()).select_from(cases).where(where)).scalar_one())

    def rows(self, f: QueueFilter, sort: str = "priority", descending: bool = True,
             offset: int = 0, limit: int = 200) -> list[CaseRow]:
        stmt = select(*_ROW_COLUMNS).where(self._narrowed(f)).order_by(*_order(sort, descending))
        stmt = stmt.offset(max(offset, 0)).limit(max(limit, 0))
        return self.read(lambda conn: _case_rows(conn, stmt))

    def ids(self, f: QueueFilter, sort: str = "priority", descending: bool = True) -> list[int]:
        stmt = select(cases.c.id).where(self._narrowed(f)).order_by(*_order(sort, descending))
        return list(self.read(lambda conn: conn.execute(stmt).scalars().all()))

    def _narrowed(self, f: QueueFilter) -> ColumnElement[bool]:
        """The filter for a sorted page. A text search that matches few cases is answered by
        their ids (found on the covering search index), then sorted; one that matches many is
        tested while a sort index is scanned, which stops after a page."""
        if f.text.split() and (found := self._text_probe(f)) is not None:
            return cases.c.id.in_(found)
        return self._where(f)

    def _text_probe(self, f: QueueFilter) -> list[int] | None:
        """The ids a text search matches, if there are few (else None). The last answer is
        kept until the next write, so count() then rows() scan once."""
        generation = self._generation
        memo = self._probe_memo
        if memo is not None and memo[0] == (f, generation):
            return memo[1]
        probe = select(cases.c.id).where(self._where(f)).limit(FEW_TEXT_MATCHES + 1)
        found: list[int] | None = list(self.read(lambda conn: conn.execute(probe).scalars().all()))
        if found is not None and len(found) > FEW_TEXT_MATCHES:
            found = None
        self._probe_memo = ((f, generation), found)
        return found

    def queue_counts(self) -> dict[str, int]:
        now = self.clock()
        names = [q for q in QUEUES if q != "all"]
        stmt = select(*(func.count().filter(self._queue(q, now)).label(q) for q in names)).select_from(cases)
        found = self.read(lambda conn: conn.execute(stmt).one())
        return {q: int(found._mapping[q] or 0) for q in names}

    # --- filters ----------------------------------------------------------------------------------

    def _mine(self, now: datetime) -> ColumnElement[bool]:
        return and_(cases.c.claimed_by == self.me, cases.c.claim_expires_at > now,
                    cases.c.status_rank != STATUS_RANK[CaseStatus.RESOLVED])

    def _queue(self, name: str, now: datetime) -> ColumnElement[bool]:
        rank = cases.c.status_rank
        if name == "open":
            return rank.in_((STATUS_RANK[CaseStatus.OPEN], STATUS_RANK[CaseStatus.CLAIMED]))
        if name == "mine":
            return self._mine(now)
        if name == "offline":  # taken offline, lease running, not decided yet
            taken = select(details.c.case_id).where(details.c.offline_until > now)
            return and_(cases.c.id.in_(taken), rank != STATUS_RANK[CaseStatus.RESOLVED])
        if name == "escalated":
            return rank == STATUS_RANK[CaseStatus.ESCALATED]
        if name == "appeals":
            return rank == STATUS_RANK[CaseStatus.APPEALED]
        if name == "second_approval":
            return rank == STATUS_RANK[CaseStatus.AWAITING_SECOND_APPROVAL]
        if name == "all":
            return true()
        raise ValueError(f"unknown queue {name!r}")

    def _where(self, f: QueueFilter) -> ColumnElement[bool]:
        now = self.clock()
        clauses = [self._queue(f.queue, now)]
        if f.statuses:
            clauses.append(cases.c.status_rank.in_(sorted({STATUS_RANK[CaseStatus(s)] for s in f.statuses})))
        if f.categories:
            clauses.append(cases.c.category.in_(sorted({str(c) for c in f.categories})))
        if f.priorities:
            clauses.append(cases.c.priority.in_(sorted({priority_value(p) for p in f.priorities})))
        if f.group_id is not None:
            clauses.append(cases.c.group_id == int(f.group_id))
        if f.assigned_to_me:
            clauses.append(self._mine(now))
        clauses.extend(_text_terms(cases, f.text.casefold().split()))
        return and_(*clauses)


def _text_terms(table: Any, terms: list[str]) -> list[ColumnElement[bool]]:
    """Each term is in the (case-folded) search text, or is the case id. LIKE is used as
    plain substring search: both sides are case-folded, and % _ \\ are escaped."""
    found: list[ColumnElement[bool]] = []
    for term in terms:
        escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clause: ColumnElement[bool] = table.c.search.like(f"%{escaped}%", escape="\\")
        if (number := _ID_TERM.fullmatch(term)) is not None:
            clause = or_(clause, table.c.id == int(number.group(1)))
        found.append(clause)
    return found


_SORT_COLUMNS = {
    "priority": (cases.c.priority,),
    "sla": (cases.c.sla_deadline,),
    "category": (cases.c.category, cases.c.reason_code),
    "group": (cases.c.group_name,),
    "reports": (cases.c.report_count,),
    "status": (cases.c.status_rank,),
    "claimed_by": (cases.c.claimed_by,),
    "created": (cases.c.created_at,),
}


def _order(sort: str, descending: bool) -> list[Any]:
    """ORDER BY the key, then the id, all in one direction (so an index serves it).
    NULLs sort first ascending and last descending (SQLite's order)."""
    try:
        columns = (*_SORT_COLUMNS[sort], cases.c.id)
    except KeyError:
        raise ValueError(f"unknown sort key {sort!r}; one of {', '.join(SORT_KEYS)}") from None
    return [c.desc() if descending else c.asc() for c in columns]


_ROW_COLUMNS = (
    cases.c.id, cases.c.status, cases.c.priority, cases.c.sla_deadline, cases.c.reason_code, cases.c.category,
    cases.c.group_id, cases.c.group_name, cases.c.excerpt, cases.c.report_count, cases.c.claimed_by,
    cases.c.claim_expires_at, cases.c.version, cases.c.created_at,
)


def _case_rows(conn: Connection, stmt: Any) -> list[CaseRow]:
    """Rows of a select of _ROW_COLUMNS, with the action waiting in the outbox for each
    (looked up for this page only, after sorting)."""
    found = conn.execute(stmt).all()
    if not found:
        return []
    ob = outbox_table
    waiting = dict(conn.execute(
        select(ob.c.case_id, ob.c.action)
        .where(ob.c.state.in_(("pending", "sending")), ob.c.case_id.in_([r.id for r in found]))
        .order_by(ob.c.id)  # the newest wins
    ).all())
    return [
        CaseRow(
            id=r.id, status=CaseStatus(r.status), priority=Priority(r.priority), sla_deadline=r.sla_deadline,
            reason_code=r.reason_code, category=r.category, group_id=r.group_id, group_name=r.group_name,
            excerpt=r.excerpt, report_count=r.report_count, claimed_by=r.claimed_by,
            claim_expires_at=r.claim_expires_at, version=r.version, created_at=r.created_at,
            pending_action=waiting.get(r.id),
        )
        for r in found
    ]


WithSender = TypeVar("WithSender", api.CaseDetail, api.DecisionContext)


def without_personal_data(detail: WithSender) -> WithSender:
    """The case detail (or decision context) with the sender's (masked) real name and phone
    number left out: what an unencrypted cache may hold."""
    sender = detail.sender.model_copy(update={"real_name_masked": None, "phone_masked": None})
    return detail.model_copy(update={"sender": sender})


def _set_seq(conn: Connection, seq: int) -> None:
    stmt = sqlite_insert(sync_state).values(key="change_seq", value=int(seq))
    conn.execute(stmt.on_conflict_do_update(index_elements=[sync_state.c.key], set_={"value": stmt.excluded.value}))


def _create_file(path: Path) -> None:
    """The file and its folders, readable by the user only (it holds case data)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
