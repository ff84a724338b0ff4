"""How many inputs an ingest run will read, estimated before it starts, for its progress bar.

The estimate must cost little next to the run itself (spaCy parses about 15 reports a
second): files are counted, and record files (JSONL, CSV) by their lines, never parsed. Kinds
whose record count is only known by reading them through (web archives, feeds, stdin) make
the total unknown: the bar then shows the count and the rate without a time left.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from newstrace.ingest.reading import STDIN, expand_paths
from newstrace.ingest.sniff import JSONL_SUFFIXES

# One file, one document.
SINGLE_DOCUMENT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".shtml")
# One record a row after the header; a quoted field may span lines, so rows are read with csv.
DELIMITER_OF_SUFFIX = {".csv": ",", ".tsv": "\t"}


def estimate_total(paths: Iterable[str]) -> int | None:
    """The number of inputs (documents and records) the paths hold, or None when any of
    them is of a kind that cannot be counted cheaply."""
    total = 0
    # The files the run will read: a folder's files of the kinds read, as the readers walk it.
    for name in expand_paths(list(paths), lambda _path: None):
        if name == STDIN:
            return None
        count = inputs_in(Path(name))
        if count is None:
            return None
        total += count
    return total


def inputs_in(file: Path) -> int | None:
    """The inputs one file holds; a file that cannot be read is one input (reported as
    failed by the run), a kind that cannot be counted without reading it through is None."""
    suffix = file.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:  # one record a non-empty line
            with file.open("rb") as lines:
                return sum(1 for line in lines if line.strip())
        if suffix in DELIMITER_OF_SUFFIX:
            with file.open(encoding="utf-8", errors="replace", newline="") as rows:
                records = sum(1 for row in csv.reader(rows, delimiter=DELIMITER_OF_SUFFIX[suffix])
                              if any(field.strip() for field in row))
                return max(records - 1, 0)  # the header names the columns
    except OSError:
        return 1
    except csv.Error:  # a field longer than csv's limit: the reader decides what it is
        return None
    if suffix in SINGLE_DOCUMENT_SUFFIXES or not file.exists():
        return 1
    return None
