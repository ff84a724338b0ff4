"""Ingest stage: read plain text files and JSONL records into Documents."""

from newstrace.ingest.readers import IngestProblem, read_inputs

__all__ = ["IngestProblem", "read_inputs"]
