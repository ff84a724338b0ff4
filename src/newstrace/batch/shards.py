"""A partition's analyses as one Parquet shard, written whole or not at all.

A shard holds a row per document analysed: its position in the partition, its id, the
input it came from, and either the analysis or the problem that stopped it. The analysis
is JSON naming each record's type (`analysis_json`), so that `analysis_from_json` gives
back the very records `pipeline.analyse` returned, and any tool that reads Parquet and
JSON can read it.
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


def analysis_json(analysis: Analysis) -> str:
    """The analysis as JSON, each record with its type's name. ASCII: a lone surrogate (a
    JSON "\\ud800" in an input) stays an escape."""
    return json.dumps(analysis, default=_encoded)


def analysis_from_json(text: str) -> Analysis:
    """`analysis_json` undone: the very records it was given."""
    found: Analysis = json.loads(text, object_hook=_decoded)
    return found


def _encoded(value: Any) -> Any:
    """A data model record as a JSON value with its type's name (json.dumps's `default`:
    asked for each record and date, the lists and dicts in between are json's own)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {TYPE_KEY: type(value).__name__,
                **{f.name: getattr(value, f.name) for f in fields(value)}}
    if isinstance(value, date):
        return {TYPE_KEY: "date", "iso": value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not part of the data model")


def _decoded(value: dict[str, Any]) -> Any:
    """`_encoded` undone (json.loads's `object_hook`: given each JSON object, innermost
    first)."""
    name = value.pop(TYPE_KEY, None)
    if name is None:
        return value
    if name == "date":
        return date.fromisoformat(value["iso"])
    return MODEL_TYPES[name](**value)


def write_shard(path: Path, rows: Iterable[ShardRow]) -> None:
    """Write the rows as `path`, atomically: under a temporary name, synced, then renamed
    (two workers finishing the same partition write the same shard)."""
    records = [{"position": position, "where": where,
                "document_id": found.document.id if isinstance(found, Analysis) else None,
                "problem": found.message if isinstance(found, IngestProblem) else None,
                "analysis": analysis_json(found) if isinstance(found, Analysis) else None}
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
                                 else analysis_from_json(row["analysis"]))
    return rows
