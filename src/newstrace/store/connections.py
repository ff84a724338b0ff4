"""The connection a read goes through: one held open for a whole answer (`one_snapshot`),
so that its statements see one state of the store and share one pooled connection, else
one for the read alone. The store's own readers and the views' queries both read here, so
an answer never holds two pooled connections at once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol

from sqlalchemy.engine import Connection, Engine


class HasEngine(Protocol):
    @property
    def engine(self) -> Engine: ...


# The connection the reads of one answer share, while `one_snapshot` holds it open.
_SNAPSHOT: ContextVar[Connection | None] = ContextVar("newstrace_snapshot", default=None)


@contextmanager
def one_snapshot(store: HasEngine) -> Iterator[None]:
    """Every read of ``store`` in the block (on this thread, through `reading_connection`)
    on one connection in one transaction: an answer made of several statements shows one
    state of the store (SQLite's read transaction; PostgreSQL's repeatable read), and pays
    for one connection and one BEGIN (a server's answer reads through five to ten)."""
    with store.engine.connect() as conn:
        if conn.dialect.name == "postgresql":  # else each statement sees the latest commit
            conn.execution_options(isolation_level="REPEATABLE READ")
        token = _SNAPSHOT.set(conn)
        try:
            yield
        finally:
            _SNAPSHOT.reset(token)


@contextmanager
def reading_connection(store: HasEngine) -> Iterator[Connection]:
    """A connection to read ``store`` with: the one `one_snapshot` holds open, else one of
    its own for the block."""
    shared = _SNAPSHOT.get()
    if shared is not None and shared.engine is store.engine:
        yield shared
        return
    with store.engine.connect() as conn:
        yield conn
