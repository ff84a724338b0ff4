"""The tables as a folder of CSV files, one per table (`documents.csv`, `mentions.csv` ...),
written a document at a time. Cells are spreadsheet-safe (`csv_cell`, which the API's CSV
uses too): lists as JSON, a value a spreadsheet would run as a formula behind a quote mark."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from newstrace.export.tables import TABLES, table_rows
from newstrace.models import Analysis

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value for a CSV cell: lists and mappings as JSON (pandas and scripts read them
    back), a string a spreadsheet would run as a formula behind a quote mark."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(analyses: Iterable[Analysis], folder: Path) -> dict[str, int]:
    """Write ``folder``/TABLE.csv for every table; the rows written to each."""
    counts = dict.fromkeys(TABLES, 0)
    with ExitStack() as files:
        writers = {}
        for name, columns in TABLES.items():
            handle = files.enter_context(
                (folder / f"{name}.csv").open("w", encoding="utf-8", newline=""))
            writers[name] = csv.writer(handle)
            writers[name].writerow([column.name for column in columns])
        written_entities: set[str] = set()
        for analysis in analyses:
            for name, rows in table_rows(analysis, written_entities).items():
                writers[name].writerows([csv_cell(row[column.name]) for column in TABLES[name]]
                                        for row in rows)
                counts[name] += len(rows)
    return counts
