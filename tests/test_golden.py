"""Golden exports: the whole analysis of fixed inputs, compared exactly.

A safety net for moving code: any change of behaviour shows here as a difference, to be either
explained in its commit (and the golden files written anew) or undone. Write them anew with

    NEWSTRACE_WRITE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

The seeds live in ../shared and are not ours to copy, so a golden record keeps offsets, kinds,
ids and names, never the text the offsets point at.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import SEEDS
from newstrace.export import analysis_record
from newstrace.models import Document
from newstrace.pipeline import analyse

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "data" / "golden"
REPO = HERE.parent
WRITE = os.environ.get("NEWSTRACE_WRITE_GOLDEN") == "1"


def _jsonl(path: Path) -> Iterator[Document]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            published = record.get("published")
            yield Document(text=record["text"], id=record.get("id", ""),
                           title=record.get("title"), outlet=record.get("outlet"),
                           published=date.fromisoformat(published) if published else None)


def _seeds() -> Iterator[Document]:
    for name, published in (("000_e24d5f9e5822f34f.txt", date(2025, 3, 7)),
                            ("001_8eacbb188f3962ce.txt", date(2024, 7, 18))):
        yield Document(text=(SEEDS / name).read_text(encoding="utf-8"), id=name,
                       published=published)


INPUTS = {
    "seeds": _seeds,
    "examples": lambda: _jsonl(REPO / "examples" / "reports" / "reports.jsonl"),
    "events-heldout": lambda: _jsonl(HERE / "data" / "events" / "heldout.jsonl"),
    "events-reports": lambda: _jsonl(HERE / "data" / "events" / "reports.jsonl"),
}


def _without_text(value: Any) -> Any:
    """The value with every span's text left out (its offsets stay)."""
    if isinstance(value, dict):
        spanlike = "start" in value and "end" in value
        return {key: _without_text(item) for key, item in value.items()
                if not (key == "text" and spanlike)}
    if isinstance(value, list):
        return [_without_text(item) for item in value]
    return value


def _golden_records(name: str) -> list[dict[str, Any]]:
    records = []
    for document in INPUTS[name]():
        record = analysis_record(analyse(document))
        del record["text"]  # the input's own
        records.append(_without_text(record))
    return records


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_analysis_matches_its_golden_export(name: str) -> None:
    path = GOLDEN / f"{name}.jsonl"
    records = _golden_records(name)
    if WRITE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n"
                                for r in records), encoding="utf-8")
    expected = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(expected)
    for got, want in zip(records, expected, strict=True):
        got = json.loads(json.dumps(got, ensure_ascii=False))  # tuples as lists, as stored
        for field in sorted(set(got) | set(want)):
            assert got.get(field) == want.get(field), (
                f"{want['document']['id']}: {field} differs from {path.name}")
