"""Many rows in one statement (a DBAPI ``executemany``), at the driver's cost on SQLite.

SQLAlchemy builds the parameters of an ``executemany`` row by row (`construct_params`:
some 3 µs a row, and a writer stores some 130 rows a news story). On SQLite the statement is
compiled here once for a table and its columns, each value converted by the same bind
processors SQLAlchemy would apply (JSON, dates, bytes), and the rows handed to the driver as
tuples: the same statement, the same values, as `conn.execute(insert(table), rows)`. Other
databases go through SQLAlchemy as before (on PostgreSQL its "insertmanyvalues" batches
rows into few statements, which matters more than building them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Column, Table, insert, select
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.dml import UpdateBase

# A driver statement, what reads its parameters' values from a row (in order, as a tuple),
# and the bind processor of each value that has one, by its place.
Ready = tuple[str, Callable[[Mapping[str, Any]], tuple[Any, ...]],
              tuple[tuple[int, Callable[[Any], Any]], ...]]
# Each dialect's (an engine's) statements compiled, by key and columns.
_COMPILED: WeakKeyDictionary[Dialect, dict[tuple[Any, ...], Ready]] = WeakKeyDictionary()


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert the rows (mappings with the same columns) into ``table``, in one statement."""
    if rows:
        execute_many(conn, ("insert", table), lambda: insert(table), rows)


def execute_many(conn: Connection, key: tuple[Any, ...], statement: Callable[[], UpdateBase],
                 rows: Sequence[dict[str, Any]]) -> None:
    """``conn.execute(statement(), rows)``; on SQLite the statement is compiled once for
    ``key`` (what names it: the same key, the same statement) and the rows' columns."""
    if not rows:
        return
    dialect = conn.dialect
    if dialect.name != "sqlite" or not dialect.positional:
        conn.execute(statement(), list(rows))
        return
    columns = tuple(rows[0])
    known = _COMPILED.setdefault(dialect, {})
    found = known.get((key, columns))
    if found is None:
        found = known[key, columns] = _compiled(dialect, columns, statement())
    sql, values_of, processors = found
    values = list(map(values_of, rows))
    if processors:
        for at, row_values in enumerate(values):
            converted = list(row_values)
            for place, process in processors:
                converted[place] = process(converted[place])
            values[at] = tuple(converted)
    conn.exec_driver_sql(sql, values)


def _compiled(dialect: Dialect, columns: tuple[str, ...], statement: UpdateBase) -> Ready:
    compiled = statement.compile(dialect=dialect, column_keys=list(columns))
    if not isinstance(compiled, SQLCompiler) or compiled.literal_execute_params \
            or compiled.post_compile_params or compiled.insert_prefetch \
            or compiled.update_prefetch:
        raise ValueError(f"{compiled.string}: not a statement of plain parameters")
    processors = compiled._bind_processors  # noqa: SLF001 - as SQLAlchemy's executemany does
    names = list(compiled.positiontup or ())
    converted = []
    for place, name in enumerate(names):
        process = processors.get(name)
        if process is not None and not callable(process):  # a tuple's, which none here is
            raise ValueError(f"{compiled.string}: {name} is no plain parameter")
        if process is not None:
            converted.append((place, process))
    if len(names) > 1:
        return compiled.string, itemgetter(*names), tuple(converted)
    return compiled.string, lambda row: tuple(row[name] for name in names), tuple(converted)


def select_in(conn: Connection, columns: Sequence[Column[Any]],
              *where: tuple[Column[Any], Sequence[Any]]) -> list[tuple[Any, ...]]:
    """The ``columns`` (of one table, of types read back as the driver gives them: text and
    integers) of the rows whose each ``where`` column holds one of its values, as tuples.
    On SQLite a statement written here and run by the driver (SQLAlchemy's IN list costs
    some 2 µs a value to build and expand); elsewhere SQLAlchemy's."""
    if any(not values for _column, values in where):
        return []
    if conn.dialect.name != "sqlite" or not conn.dialect.positional:
        return [tuple(row) for row in conn.execute(select(*columns).where(
            *(column.in_(values) for column, values in where)))]
    quote = conn.dialect.identifier_preparer.quote
    table = columns[0].table
    if not isinstance(table, Table) or any(column.table is not table for column, _ in where):
        raise ValueError("select_in reads one table")
    sql = (f"SELECT {', '.join(quote(column.name) for column in columns)} "
           f"FROM {quote(table.name)} WHERE " + " AND ".join(
               f"{quote(column.name)} IN ({', '.join('?' * len(values))})"
               for column, values in where))
    return [tuple(row) for row in conn.exec_driver_sql(
        sql, tuple(value for _column, values in where for value in values))]
