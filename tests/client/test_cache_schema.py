"""The cache file itself: Alembic migrations (an upgrade from a stored file of the schema
before Alembic, the migrations giving exactly the models, a newer file refused untouched)
and encryption (SQLCipher with a raw key: nothing readable on disk, a plain file encrypted in
place, the wrong key refused without damage, integrity checks)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from qunguan.client import cache as cache_module
from qunguan.client.cache import Cache, CacheTooNew, CacheUnreadable, head_revision, is_plain_sqlite
from qunguan.client.outbox import CONFLICT, FAILED, PENDING

FIXTURE = Path(__file__).with_name("fixtures") / "cache_schema1.sqlite3"
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
KEY = bytes(range(32))


def _fixture_copy(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, path)
    path.chmod(0o600)
    return path


def _sqlcipher(path: Path, key: bytes = KEY) -> sqlcipher.Connection:
    conn = sqlcipher.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


@pytest.mark.parametrize("key", [KEY, None], ids=["encrypted", "plain"])
def test_a_file_of_the_schema_before_alembic_is_upgraded_with_its_data(tmp_path, key):
    path = _fixture_copy(tmp_path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'").fetchone()[0] == 0
    conn.close()
    cache = Cache(path, me="mod1", clock=lambda: NOW, key=key)
    try:
        assert cache.count(cache_module.QueueFilter(queue="all")) == 30
        assert cache.change_seq() == 30
        assert cache.summary(5).id == 5
        states = {e.case_id: e.state for e in [*cache.outbox.pending(), *cache.outbox.attention()]}
        assert states == {1: CONFLICT, 2: FAILED, 3: PENDING, 4: PENDING}
        conflict = next(e for e in cache.outbox.attention() if e.state == CONFLICT)
        assert conflict.current().version == 9  # moved from outbox.current_json into conflicts
        assert cache.outbox.dismiss(conflict.id)
    finally:
        cache.close()
    assert is_plain_sqlite(path) is (key is None)
    conn = _sqlcipher(path) if key else sqlite3.connect(path)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT resolution FROM conflicts").fetchall() == [("accepted_theirs",)]
    finally:
        conn.close()


def test_the_migrations_give_exactly_the_models(tmp_path):
    path = tmp_path / "new.sqlite3"
    Cache(path, me="mod1").close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), cache_module.metadata)
    engine.dispose()
    assert diff == []


@pytest.mark.parametrize("how", ["alembic", "user_version"])
def test_a_newer_file_is_refused_and_left_alone(tmp_path, how):
    path = tmp_path / "c.sqlite3"
    Cache(path, me="mod1").close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        if how == "alembic":
            conn.execute("UPDATE alembic_version SET version_num = 'f00d_from_the_future'")
        else:  # how a version before Alembic marks it, and how this one marks it for them
            conn.execute("DROP TABLE alembic_version")
            conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(CacheTooNew, match="newer version of Qunguan"):
        Cache(path, me="mod1")
    assert path.read_bytes() == before


def test_the_schema_marks_itself_for_versions_before_alembic(tmp_path):
    path = tmp_path / "c.sqlite3"
    Cache(path, me="mod1").close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] > 1  # what they refuse as newer
    conn.close()


def test_an_encrypted_cache_has_nothing_readable_on_disk_and_checks_clean(tmp_path):
    from tests.benchmarks.bench_cache import synthetic

    path = tmp_path / "c.sqlite3"
    cache = Cache(path, me="mod1", key=KEY)
    items = synthetic(200)
    cache.store_cases(items)
    cache.close()
    raw = b"".join(f.read_bytes() for f in tmp_path.iterdir())
    assert not is_plain_sqlite(path)
    for item in items[:50]:
        assert item.group_name.encode() not in raw and item.excerpt.encode() not in raw
    conn = _sqlcipher(path)
    try:
        assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    reopened = Cache(path, me="mod1", key=KEY)
    try:
        assert reopened.count(cache_module.QueueFilter(queue="all")) == 200
    finally:
        reopened.close()


def test_the_wrong_key_or_no_key_is_refused_and_the_file_left_alone(tmp_path):
    path = tmp_path / "c.sqlite3"
    Cache(path, me="mod1", key=KEY).close()
    before = path.read_bytes()
    with pytest.raises(CacheUnreadable, match="cannot be opened with the key"):
        Cache(path, me="mod1", key=bytes(32))
    with pytest.raises(CacheUnreadable, match="encrypted"):
        Cache(path, me="mod1", key=None)
    assert path.read_bytes() == before
    Cache(path, me="mod1", key=KEY).close()
