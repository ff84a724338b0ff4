"""The tables as a folder of CSV files, one per table (`documents.csv`, `mentions.csv` ...),
written a document at a time. Cells are spreadsheet-safe as the API's CSV is: lists as JSON,
a value a spreadsheet would run as a formula behind a quote mark."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path

from newstrace.export.tables import TABLES, table_rows
from newstrace.models import Analysis
from newstrace.serve.common import csv_cell


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
