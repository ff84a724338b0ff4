"""Shared fixtures: the seeds beside the checkout, a fresh database (SQLite, and
PostgreSQL for the storage, API, web and write tests), the analyser."""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from newstrace.config import Options
from newstrace.models import Analysis, Document, Quote
from newstrace.pipeline import analyse
from newstrace.store import Store
from newstrace.store.store import engine_for

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from postgres_server import ThrowawayServer, drop_schema, new_schema  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
# The databases the storage, API, web and write tests run against.
DATABASES = ["sqlite", "postgresql"]
SCHEMAS = itertools.count(1)


@pytest.fixture
def fresh_db(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")


@pytest.fixture
def store(fresh_db: str) -> Store:
    return Store(fresh_db)


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """A PostgreSQL database the tests may fill: NEWSTRACE_TEST_PG (a URL) when set, else a
    throwaway server started for the session (never skipped: missing binaries fail)."""
    given = os.environ.get("NEWSTRACE_TEST_PG")
    if given:
        yield given
        return
    try:
        server = ThrowawayServer().start()
    except RuntimeError as error:
        pytest.fail(f"PostgreSQL for the tests: {error}", pytrace=False)
    try:
        yield server.url
    finally:
        server.stop()


@contextmanager
def postgres_schema(server_url: str) -> Iterator[str]:
    """A URL to a new, empty schema of the test database, dropped afterwards."""
    name = f"test_{os.getpid()}_{next(SCHEMAS)}"
    try:
        yield new_schema(server_url, name)
    finally:
        drop_schema(server_url, name)


@contextmanager
def database(kind: str, folder: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, empty database of ``kind`` (one of DATABASES)."""
    if kind == "sqlite":
        yield str(folder / "test.db")
        return
    with postgres_schema(request.getfixturevalue("postgres")) as url:
        yield url


@pytest.fixture(params=DATABASES)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, then a PostgreSQL schema."""
    with database(request.param, tmp_path, request) as url:
        yield url


@pytest.fixture
def db_store(db_url: str) -> Store:
    return Store(db_url)


def write_old(db: str, script: str) -> None:
    """A database as an older newstrace left it: ``script``'s statements (SQL that SQLite
    and PostgreSQL both read)."""
    engine = engine_for(db)
    with engine.begin() as conn:
        for statement in script.split(";"):
            if statement.strip():
                conn.exec_driver_sql(statement)
    engine.dispose()


def run(text: str, published: str | None = "2025-03-07", outlet: str | None = None,
        options: Options | None = None) -> Analysis:
    return analyse(Document(
        text=text, published=date.fromisoformat(published) if published else None, outlet=outlet
    ), options)


def name_of(analysis: Analysis, entity_id: str | None) -> str | None:
    entity = analysis.entity(entity_id)
    return entity.name if entity else None


def quote_of(analysis: Analysis, words: str) -> Quote:
    """The one quote whose content holds ``words``."""
    text = analysis.document.text
    found = [q for q in analysis.quotes if words in q.content.text(text)]
    assert len(found) == 1, [q.content.text(text) for q in analysis.quotes]
    return found[0]


def speaker_of(text: str, words: str) -> str | None:
    """The speaker's name of the one quote holding ``words`` in an undated report."""
    analysis = run(text, published=None)
    return name_of(analysis, quote_of(analysis, words).speaker)


def event_actors(analysis: Analysis, etype: str) -> list[str | None]:
    """The actor's name of each event of a type (None for an event without one)."""
    return [name_of(analysis, e.argument("actor")) for e in analysis.events if e.type == etype]
