"""Analysis in worker processes gives the records one process gives, stored in input order."""

from __future__ import annotations

import json
from pathlib import Path

from newstrace.export import analysis_record
from newstrace.pipeline import ingest
from newstrace.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports" / "reports.jsonl"


def records(db: Path, workers: int) -> tuple[list[str], list[str]]:
    store = Store(str(db))
    report = ingest([str(EXAMPLES)], store, workers=workers)
    assert not report.problems
    exported = [json.dumps(analysis_record(a), sort_keys=True) for a in store.analyses()]
    return report.added, exported


def test_two_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    one_added, one = records(tmp_path / "one.db", workers=1)
    two_added, two = records(tmp_path / "two.db", workers=2)
    assert len(one_added) == 6
    assert two_added == one_added  # the same inputs, in input order
    assert two == one
