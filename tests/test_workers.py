"""Analysis in worker processes gives the records one process gives, stored in input order;
a worker that dies fails only the document it held."""

from __future__ import annotations

import gc
import json
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest
from spacy.tokens import Doc

import newstrace.pipeline as pipeline
from newstrace.config import Options
from newstrace.export import analysis_record
from newstrace.models import Analysis, Document
from newstrace.pipeline import (
    Prepared,
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


def test_a_worker_collects_garbage_less_often_than_python_by_default() -> None:
    """An analysis frees nearly all it makes as it drops it: a worker's collector waits for
    `COLLECTED_EVERY` young objects, not Python's 700 (which walked them some four times a
    story, and the whole heap every forty or so)."""
    pool = pipeline.worker_pool(Options(), 1)
    try:
        thresholds = pool.submit(gc.get_threshold).result()
    finally:
        pool.shutdown()
    assert thresholds == pipeline.COLLECTED_EVERY
    assert thresholds[0] >= 10_000


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


def test_a_document_that_kills_its_worker_fails_alone_and_the_rest_are_stored_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batches in flight when a worker dies are analysed again in one fresh process, and
    only the batch that kills it too a document at a time: one process more for that batch
    and one after the document that kills it, not a process a document."""
    places = ["Riga", "Tartu", "Kaunas", "Gdansk", "Turku", "Bergen", "Malmo", "Aarhus"]
    texts = [f"Mayor Ana Kalnis said on Monday that the {places[i % 8]} bridge would "
             f"reopen after {i + 2} weeks of repairs." for i in range(40)]
    texts[20] = f"{MARKER} ended the process that read this line."
    inputs = tmp_path / "reports.jsonl"
    inputs.write_text("".join(json.dumps({"id": f"r{i:02d}", "text": text}) + "\n"
                              for i, text in enumerate(texts)), encoding="utf-8")
    started: list[int] = []

    def counted(options: Options, workers: int) -> ProcessPoolExecutor:
        started.append(workers)
        return dying_pool(options, workers)

    monkeypatch.setattr(pipeline, "worker_pool", counted)
    store = Store(str(tmp_path / "db.db"))
    report = ingest([str(inputs)], store, workers=2)  # batches of 16: 16, 16, 8
    (failed,) = report.problems
    assert "[r20]" in failed.where and failed.message.startswith("[NT006]")
    assert "alone" in failed.message
    others = [f"r{i:02d}" for i in range(40) if i != 20]
    assert [where.split("[")[-1].rstrip("]") for where in report.added] == others
    assert sorted(store.document_ids()) == others  # each once
    # The first pool (two workers), three single processes: the lost batches' one, the
    # one after the poison batch killed it, the one after the poison document did; and the
    # pool started again for what follows.
    assert started == [2, 1, 1, 1, 2]


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


def test_the_writer_does_its_own_waiting_work_while_the_workers_analyse(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the next batch is not analysed yet, the writer is told it is idle (an ingest then
    joins the statements stored so far) before it waits; the analyses still come in input
    order, each once."""
    released = threading.Event()
    idle_calls: list[int] = []

    def slow(batch: list[tuple[str, Document]], options: Options) -> list[Analysis]:
        released.wait(timeout=30)  # analysed only once the writer has been told it is idle
        return [Analysis(document) for _where, document in batch]

    def idle() -> None:
        idle_calls.append(len(idle_calls))
        released.set()

    monkeypatch.setattr(pipeline, "analysed_together", slow)
    documents = [(f"doc{i:02d}", Document(id=f"doc{i:02d}", text=f"Report {i}."))
                 for i in range(40)]
    found = list(pipeline.analysed_in_workers(
        documents, Options(), 1, start=lambda _options, workers: ThreadPoolExecutor(workers),
        idle=idle))
    assert [where for where, _analysis in found] == [where for where, _ in documents]
    assert idle_calls  # told before its first wait, at least
