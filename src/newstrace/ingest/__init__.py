"""Ingest stage: inputs of every kind a newsroom keeps (text, HTML, RSS/Atom, WARC, CSV,
JSONL; files, directories, stdin) into Documents."""

from newstrace.ingest.inputs import RECORD_FIELDS, IngestProblem, parse_column_map
from newstrace.ingest.languages import is_read
from newstrace.ingest.reading import read_inputs

__all__ = ["RECORD_FIELDS", "IngestProblem", "is_read", "parse_column_map", "read_inputs"]
