"""Fixtures shared by every test: real platforms over loopback HTTP on real databases."""

from __future__ import annotations

import os

# Qt must never try to reach a display in tests; this has to happen before Qt is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator

import pytest

from tests.platform_fixture import DatabaseFactory, RunningPlatform, platforms


@pytest.fixture(scope="session")
def database_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseFactory]:
    factory = DatabaseFactory(tmp_path_factory.mktemp("platform"))
    yield factory
    factory.drop_all()


@pytest.fixture(scope="session")
def _session_platforms(database_factory: DatabaseFactory) -> Iterator[Callable[..., RunningPlatform]]:
    yield from platforms(database_factory)  # type: ignore[misc]


@pytest.fixture(scope="session")
def platform(_session_platforms: Callable[..., RunningPlatform]) -> RunningPlatform:
    """One platform for the session. Tests on it must not depend on each other: they create
    their own accounts, and claim the cases they act on."""
    return _session_platforms()


@pytest.fixture
def fresh_platform(database_factory: DatabaseFactory) -> Iterator[Callable[..., RunningPlatform]]:
    """Start a platform of its own (optionally with settings) on a fresh copy of the data."""
    yield from platforms(database_factory)  # type: ignore[misc]
