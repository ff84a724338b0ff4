"""A partition's analyses as one Parquet shard, written whole or not at all.

A shard holds a row per document analysed: its position in the partition, its id, the
input it came from, and either the analysis or the problem that stopped it. The analysis
is JSON naming each record's type (`encoded`), so that `decoded` gives back the very
records `pipeline.analyse` returned, and any tool that reads Parquet and JSON can read it.
A shard is written under a temporary name and renamed: a run killed while writing leaves
no shard, never half of one.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newstrace.ingest import IngestProblem
from newstrace.models import Analysis, Document, Entity, Event, Mention, Quote, Span, Story, Timex

SHARD_SCHEMA = pa.schema([
    ("position", pa.int32()),  # the document's place among its partition's inputs
    ("document_id", pa.string()),
    ("where", pa.string()),
    ("problem", pa.string()),  # why it has no analysis; null when it has one
    ("analysis", pa.string()),  # JSON (`encoded`); null for a problem
])
# The key naming a record's type in the JSON; no field of the data model is named so.
TYPE_KEY = "__type__"
MODEL_TYPES: dict[str, type] = {cls.__name__: cls for cls in (
    Analysis, Document, Story, Span, Mention, Entity, Quote, Timex, Event)}

# A row: the document's position in its partition, its input, and what became of it.
ShardRow = tuple[int, str, Analysis | IngestProblem]


def shard_path(out: Path, name: str) -> Path:
    return out / f"part-{name}.parquet"


def encoded(value: Any) -> Any:
    """The data model's records as JSON values, each record with its type's name."""
    if is_dataclass(value) and not isinstance(value, type):
        return {TYPE_KEY: type(value).__name__,
                **{f.name: encoded(getattr(value, f.name)) for f in fields(value)}}
    if isinstance(value, date):
        return {TYPE_KEY: "date", "iso": value.isoformat()}
    if isinstance(value, list):
        return [encoded(item) for item in value]
    if isinstance(value, dict):
        return {key: encoded(item) for key, item in value.items()}
    return value


def decoded(value: Any) -> Any:
    """`encoded` undone."""
    if isinstance(value, list):
        return [decoded(item) for item in value]
    if not isinstance(value, dict):
        return value
    name = value.get(TYPE_KEY)
    if name == "date":
        return date.fromisoformat(value["iso"])
    items = {key: decoded(item) for key, item in value.items() if key != TYPE_KEY}
    return MODEL_TYPES[name](**items) if name is not None else items


def write_shard(path: Path, rows: Iterable[ShardRow]) -> None:
    """Write the rows as `path`, atomically: under a temporary name, synced, then renamed
    (two workers finishing the same partition write the same shard)."""
    records = [{"position": position, "where": where,
                "document_id": found.document.id if isinstance(found, Analysis) else None,
                "problem": found.message if isinstance(found, IngestProblem) else None,
                # ASCII JSON: a lone surrogate (a JSON "\ud800" in an input) stays an escape
                "analysis": json.dumps(encoded(found)) if isinstance(found, Analysis) else None}
               for position, where, found in rows]
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(pa.Table.from_pylist(records, schema=SHARD_SCHEMA), temporary,
                       compression="zstd")
        with temporary.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def read_shard(path: Path) -> dict[int, tuple[str, Analysis | IngestProblem]]:
    """Each row of a shard by its position: the input's name and its analysis or problem."""
    rows: dict[int, tuple[str, Analysis | IngestProblem]] = {}
    for row in pq.read_table(path, schema=SHARD_SCHEMA).to_pylist():
        where = row["where"]
        rows[row["position"]] = (where, IngestProblem(where, row["problem"])
                                 if row["analysis"] is None
                                 else decoded(json.loads(row["analysis"])))
    return rows
