"""The tables as a folder of Parquet files, one per table, with typed columns (days as dates,
offsets as integers, relay chains as lists), written in row groups so a large store never
sits in memory."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newstrace.export.tables import TABLES, Column, Row, table_rows
from newstrace.models import Analysis

# Rows held per table before they are written as a row group: a few megabytes; fewer of
# the documents table, whose rows hold whole texts.
ROW_GROUP_ROWS = 5_000
DOCUMENT_GROUP_ROWS = 200
ARROW_TYPES = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(),
               "date": pa.date32(), "list": pa.list_(pa.string())}


def table_schema(columns: tuple[Column, ...]) -> pa.Schema:
    return pa.schema([(column.name, ARROW_TYPES[column.kind]) for column in columns])


def write_parquet(analyses: Iterable[Analysis], folder: Path) -> dict[str, int]:
    """Write ``folder``/TABLE.parquet for every table; the rows written to each."""
    schemas = {name: table_schema(columns) for name, columns in TABLES.items()}
    pending: dict[str, list[Row]] = {name: [] for name in TABLES}
    counts = dict.fromkeys(TABLES, 0)
    with ExitStack() as files:
        writers = {name: files.enter_context(pq.ParquetWriter(folder / f"{name}.parquet",
                                                              schema))
                   for name, schema in schemas.items()}

        def flush(name: str) -> None:
            writers[name].write_table(pa.Table.from_pylist(pending[name], schema=schemas[name]))
            counts[name] += len(pending[name])
            pending[name] = []

        written_entities: set[str] = set()
        for analysis in analyses:
            for name, rows in table_rows(analysis, written_entities).items():
                pending[name].extend(rows)
                if len(pending[name]) >= (DOCUMENT_GROUP_ROWS if name == "documents"
                                          else ROW_GROUP_ROWS):
                    flush(name)
        for name in TABLES:
            if pending[name]:
                flush(name)
    return counts
