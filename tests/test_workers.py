"""Analysis in worker processes gives the records one process gives, stored in input order;
a worker that dies fails only the document it held."""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest
from spacy.tokens import Doc

import newstrace.pipeline as pipeline
from newstrace.config import Options
from newstrace.export import analysis_record
from newstrace.ingest import IngestProblem
from newstrace.models import Analysis, Document
from newstrace.pipeline import (
    Prepared,
    analysed_in_workers,
    analysed_together,
    analysis_within_limits,
    ingest,
)
from newstrace.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports" / "reports.jsonl"


def records(db: Path, workers: int) -> tuple[list[str], list[str]]:
    store = Store(str(db))
    report = ingest([str(EXAMPLES)], store, workers=workers)
    assert not report.problems
    exported = [json.dumps(analysis_record(a), sort_keys=True) for a in store.analyses()]
    return report.added, exported


def test_two_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    one_added, one = records(tmp_path / "one.db", workers=0)
    two_added, two = records(tmp_path / "two.db", workers=2)
    assert len(one_added) == 6
    assert two_added == one_added  # the same inputs, in input order
    assert two == one


def die_on_marker(options: Options) -> None:
    """A worker's start (run in the spawned process): its analysis ends the process on a
    document holding the marker, as a killed or out-of-memory worker ends."""
    import os

    import newstrace.pipeline as worker_pipeline

    prepare = worker_pipeline.prepare

    def dying(document: Document, options: Options) -> Prepared | Analysis:
        if MARKER in document.text:
            os._exit(1)
        return prepare(document, options)

    worker_pipeline.prepare = dying


def dying_pool(options: Options, workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                               initializer=die_on_marker, initargs=(options,))


MARKER = "Zzyzx"


def test_a_dying_worker_fails_its_own_document_only() -> None:
    texts = ["Mayor Ana Kalnis said the bridge would open in May.",
             f"{MARKER} ended the process that read this line.",
             "Minister Jonas Varga said the port fees would rise."]
    documents = [(f"doc{i}", Document(text=text)) for i, text in enumerate(texts)]
    results = list(analysed_in_workers(documents, Options(), 2, start=dying_pool))
    assert [where for where, _ in results] == ["doc0", "doc1", "doc2"]
    (failed,) = [(where, r) for where, r in results if isinstance(r, IngestProblem)]
    assert failed[0] == "doc1" and "[NT006]" in failed[1].message
    assert all(isinstance(r, Analysis) and r.quotes for where, r in results if where != "doc1")


def test_documents_analysed_together_are_analysed_as_each_alone(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker's batch: parsed together, each record as alone; a document in a language not
    read, one over the size limit and one whose extraction fails are each their own result;
    a parse of the batch that fails leaves each document to be analysed alone."""
    texts = ["Mayor Ana Kalnis said the bridge would open in May.\n\nPort Fees Rise Again",
             "Der Bürgermeister sagte, die Brücke werde im Mai eröffnet.",
             "Minister Jonas Varga said the port fees would rise. " * 40,
             f"{MARKER} is a name the extraction below refuses.",
             "The union said on Monday that 300 dock workers would strike."]
    documents = [(f"doc{i}", Document(text=text, language="de" if i == 1 else None))
                 for i, text in enumerate(texts)]
    options = Options(max_document_chars=1000)
    extract = pipeline.extract

    def failing(prepared: Prepared, doc: Doc, options: Options, *lap: object) -> Analysis:
        if MARKER in prepared.document.text:
            raise ValueError("no reading")
        return extract(prepared, doc, options, *lap)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "extract", failing)
    alone = [analysis_within_limits(document, options, where) for where, document in documents]
    expected = [json.dumps(analysis_record(r), sort_keys=True) if isinstance(r, Analysis)
                else r.message for r in alone]
    assert ["NT005" in e for e in expected] == [False, False, True, False, False]
    assert "analysis failed: ValueError: no reading" in expected[3]

    def exported() -> list[str]:
        return [json.dumps(analysis_record(r), sort_keys=True) if isinstance(r, Analysis)
                else r.message for r in analysed_together(documents, options)]

    assert exported() == expected

    def broken(*_args: object) -> list[Doc]:
        raise MemoryError("the batch is too much")

    monkeypatch.setattr(pipeline, "annotate_many", broken)
    assert exported() == expected
