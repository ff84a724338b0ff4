"""Wires the stages: clean -> annotate -> extract -> resolve, one document at a time, or a
worker's batch of documents with their parses in one `nlp.pipe` batch (`analysed_together`).

`analyse` is a pure function of the document and the options, so a batch run on a cluster
and a laptop run give the same output.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import date
from multiprocessing import get_context
from typing import Any, TypeVar

from spacy.tokens import Doc
from sqlalchemy.exc import SQLAlchemyError

from newstrace.annotate import annotate, annotate_many
from newstrace.annotate.nlp import get_nlp
from newstrace.clean import analysis_view, find_boilerplate, find_datelines, split_stories
from newstrace.config import Options
from newstrace.errors import NewstraceError, StoreError, WorkerStopped
from newstrace.extract.attribution import find_quotes
from newstrace.extract.attribution.model.scorer import attribution_model
from newstrace.extract.events import find_events
from newstrace.extract.mentions import find_mentions, gazetteer_mentions
from newstrace.extract.timexes import NAME_TYPES, find_timexes
from newstrace.gazetteer.loader import load_gazetteer
from newstrace.gazetteer.reference import Gazetteer
from newstrace.ingest import IngestProblem, is_read, read_inputs
from newstrace.limits import check_size, time_budget
from newstrace.models import Analysis, Document, Span, Story
from newstrace.resolve.copies import Report, Reports, Signed, WireCopies
from newstrace.resolve.crossdoc import link_analysis, linked_keys
from newstrace.resolve.entities import resolve_entities
from newstrace.resolve.published import stated_publication_date
from newstrace.resolve.publishers import credited_publisher, credits_at, publisher_entities
from newstrace.store import Store


class StageTimer:
    """Seconds spent per stage, summed over documents (for `make bench`; bench/stages.py
    counts processor time: ``clock=time.process_time``)."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self.seconds: dict[str, float] = {}
        self.clock = clock
        self._last = clock()

    def lap(self, stage: str) -> None:
        now = self.clock()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now


@dataclass
class Prepared:
    """A document cleaned and ready for the parse: what `extract` reads beside it."""

    document: Document
    gazetteer: Gazetteer
    datelines: list[tuple[Span, str | None]]
    view: str  # the text the parser reads (datelines blanked, same offsets)
    boilerplate: list[Span]
    stories: list[Story]

    def names(self, first: Doc) -> list[Span]:
        """The gazetteer's names in the first reading (kept as written in a headline parsed
        again: `annotate`)."""
        return [m.span for m in gazetteer_mentions(first, self.gazetteer)]


def analyse(
    document: Document, options: Options | None = None, timer: StageTimer | None = None
) -> Analysis:
    options = options or Options()
    lap = timer.lap if timer else (lambda _stage: None)
    if timer:
        timer.lap("idle")  # restart the clock: time between documents is not a stage's
    prepared = prepare(document, options)
    if isinstance(prepared, Analysis):
        return prepared
    lap("clean")
    doc = annotate(prepared.view, prepared.names)
    lap("annotate")
    return extract(prepared, doc, options, lap)


def prepare(document: Document, options: Options) -> Prepared | Analysis:
    """The clean stage: datelines, the parser's view, boilerplate, stories, a stated
    publication date; a document in a language the extractors do not read is done here."""
    document = replace(document)  # the caller's record stays as it was given
    if not is_read(document.language):
        return Analysis(document)  # stored and flagged: the extractors read English only
    gazetteer = load_gazetteer(tuple(options.gazetteer_files))
    text = document.text
    datelines = find_datelines(text, gazetteer.is_outlet)
    view = analysis_view(text, [span for span, _ in datelines])
    boilerplate = find_boilerplate(text)
    stories = split_stories(text, boilerplate, gazetteer.is_outlet)
    if document.published is None:  # a stamp in the text, never a reported event's date
        document.published = stated_publication_date(text)
    return Prepared(document, gazetteer, datelines, view, boilerplate, stories)


def extract(prepared: Prepared, doc: Doc, options: Options,
            lap: Callable[[str], None] = lambda _stage: None) -> Analysis:
    """The stages after the parse: mentions and entities, publishers, timexes, quotes and
    events."""
    document, gazetteer, boilerplate, stories = (
        prepared.document, prepared.gazetteer, prepared.boilerplate, prepared.stories)
    text = document.text
    mentions = [
        m for m in find_mentions(doc, gazetteer)
        if not any(b.overlaps(m.span) for b in boilerplate)
    ]
    for mention in mentions:
        mention.text = mention.span.text(text)  # the original characters, not the view's
    entities = resolve_entities(doc, mentions, gazetteer, document.published,
                                [story.span for story in stories])
    if document.outlet is None:
        document.outlet = credited_publisher(text, stories, gazetteer, prepared.datelines)
    publishers = publisher_entities(document, stories, entities, gazetteer)
    lap("entities")
    names = [m.span for e in entities if e.type in NAME_TYPES for m in e.mentions]
    timexes = find_timexes(prepared.view, document.published, names)
    for timex in timexes:
        timex.text = timex.span.text(text)
    lap("timexes")
    credits_of = credits_at(publishers)
    quotes = find_quotes(doc, entities, timexes, credits_of, [s.span for s in stories],
                         attribution_model(options.attribution_model), boilerplate)
    lap("quotes")
    events = find_events(doc, entities, timexes, [story.span for story in stories], gazetteer,
                         quotes)
    lap("events")
    return Analysis(document, stories, boilerplate, entities, quotes, events, timexes)


@dataclass
class IngestReport:
    """What one ingest run did, input by input (each named by file, line or record)."""

    read: int = 0  # inputs read: documents and failures
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # the same content is stored already
    # stored, and linked to the stored documents it republishes (wire copy)
    near_duplicates: list[str] = field(default_factory=list)
    # stored without extraction (a language the extractors do not read), with the reason
    not_analysed: list[IngestProblem] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)
    # files in a directory given that are of no kind newstrace reads (images, PDFs ...)
    not_read: list[str] = field(default_factory=list)


def ingest(
    paths: list[str],
    store: Store,
    published: date | None = None,
    outlet: str | None = None,
    options: Options | None = None,
    progress: Callable[[str], None] = lambda _: None,
    columns: Mapping[str, str] | None = None,
    workers: int = 0,
) -> IngestReport:
    """Read, analyse and store every input; a bad input is reported and the run goes on.
    `columns` maps field names to the columns of CSV and JSONL inputs (`--map`); `workers`
    processes analyse while this one reads and stores, in input order (0: this process
    analyses too)."""
    report = IngestReport()
    options = options or Options()
    inputs = read_inputs(paths, published, outlet, columns, report.not_read.append,
                         options.max_document_chars)
    return ingest_read(inputs, store, report, options, progress, workers)


def ingest_read(
    inputs: Iterable[Document | IngestProblem], store: Store, report: IngestReport,
    options: Options, progress: Callable[[str], None] = lambda _: None, workers: int = 0,
) -> IngestReport:
    """Analyse and store documents already read (by `read_inputs`, or from an HTTP
    request's body), into ``report``."""
    new = new_documents(inputs, store, report, progress)
    store_analyses(analysed(new, options, workers, idle=store.settle_groups), store, report,
                   progress, STORED_AT_ONCE)
    return report


# Analyses an ingest stores in one transaction: one commit and one update of the counts for
# them all. A crash loses at most these (never stored: a run started again analyses them again).
STORED_AT_ONCE = 16


def store_analyses(
    found_in_order: Iterable[tuple[str, Analysis | IngestProblem]], store: Store,
    report: IngestReport, progress: Callable[[str], None] = lambda _: None, at_once: int = 1,
    committed: Callable[[int], None] = lambda _count: None,
) -> None:
    """Store each analysis (or report its problem) in the order given, one writer: compared
    with the stored reports for wire copy, then saved with its signature and links, linked
    to the stored entities, ``at_once`` to a transaction (the next ones are asked for before
    those are stored). ``committed`` is told how many more of those given are done (stored,
    skipped or reported) once their transaction is committed. Content stored already is
    skipped. `ingest` and `newstrace batch` store through here, so both store the same
    records for the same inputs. At the end the statements are joined (`Store.settle_groups`:
    what this run stored, and anything a run killed before it left pending); until then a
    page shows a new quote as a statement of its own."""
    try:
        _store_batches(found_in_order, store, report, progress, committed, at_once)
    except Exception:
        # What was committed before a failure is settled all the same (else it waits for the
        # next run); the failure, not a second one, is what the run reports. (Not on an
        # interrupt: who stops a run wants it stopped.)
        with contextlib.suppress(Exception):
            store.settle_groups()
        raise
    store.settle_groups()


def _store_batches(found_in_order: Iterable[tuple[str, Analysis | IngestProblem]],
                   store: Store, report: IngestReport, progress: Callable[[str], None],
                   committed: Callable[[int], None], at_once: int) -> None:
    wire: WireCopies | None = None  # the index of stored signatures, built once, when needed
    not_compared = ""
    for found in _batches(found_in_order, at_once):
        if any(isinstance(analysis, Analysis) for _where, analysis in found):
            wire, not_compared = _wire_index(wire, store)
        try:
            stored = _stored_together(found, store, wire, not_compared)
        except SQLAlchemyError:
            # Rolled back, and the index holds what was: each document in a transaction
            # of its own, as a run stores them when a clash with another writer is retried,
            # each recorded once committed (should one fail, those before it are reported).
            wire = None
            for one in found:
                wire, outcome = _stored_alone(one, store, wire)
                _record(report, one[0], outcome)
                progress(one[0])
                committed(1)
            continue
        for (where, _found), outcome in zip(found, stored, strict=True):
            _record(report, where, outcome)
            progress(where)
        committed(len(found))


# What became of one analysis: its problem, "skipped" (the content was stored already), or
# stored (the document, whether it is a near-duplicate, why it was not compared for wire copy).
Stored = tuple[Document, bool, str]
Outcome = IngestProblem | str | Stored


def _stored_together(found: list[tuple[str, Analysis | IngestProblem]], store: Store,
                     wire: WireCopies | None, not_compared: str) -> list[Outcome]:
    """The analyses stored in one transaction; each one indexed for wire copy once stored
    in it, so that a later one in the same transaction is compared with it."""
    outcomes: dict[int, Outcome] = {}
    ready: list[tuple[int, str, Analysis]] = []
    for index, (where, analysis) in enumerate(found):
        if isinstance(analysis, IngestProblem):
            outcomes[index] = analysis
            continue
        try:
            store.check(analysis.document)
        except NewstraceError as error:
            outcomes[index] = IngestProblem(where, str(error))
            continue
        ready.append((index, where, analysis))
    with store.saving() as saving:
        saving.expect([analysis for _, _, analysis in ready],
                      {key for _, _, analysis in ready for key in linked_keys(analysis.entities)})
        for index, where, analysis in ready:
            document = analysis.document
            copies, why = _copies(wire, analysis, not_compared, saving.reports)
            try:
                if not saving.save(analysis, link=link_analysis, copies=copies):
                    outcomes[index] = "skipped"  # another run stored the same content first
                    continue
            except StoreError as error:  # another content under its id: nothing written
                outcomes[index] = IngestProblem(where, str(error))
                continue
            if wire is not None and copies is not None:
                wire.add(copies)
            outcomes[index] = (document, _copied(copies, document), why)
    return [outcomes[index] for index in range(len(found))]


def _stored_alone(one: tuple[str, Analysis | IngestProblem], store: Store,
                  wire: WireCopies | None) -> tuple[WireCopies | None, Outcome]:
    """One analysis stored in a transaction of its own (`Store.save`, which tries a clash
    with another writer again); the index of stored signatures, built if need be."""
    where, analysis = one
    if isinstance(analysis, IngestProblem):
        return wire, analysis
    wire, not_compared = _wire_index(wire, store)
    copies, why = _copies(wire, analysis, not_compared)
    try:
        # linked in the saving transaction: another run may be storing entities
        if not store.save(analysis, link=link_analysis, copies=copies):
            return wire, "skipped"  # another run stored the same content first
    except NewstraceError as error:
        return wire, IngestProblem(where, str(error))
    if wire is not None and copies is not None:
        wire.add(copies)
    return wire, (analysis.document, _copied(copies, analysis.document), why)


def _copies(wire: WireCopies | None, analysis: Analysis, not_compared: str,
            reports: Reports | None = None) -> tuple[Signed | None, str]:
    """The document's wire-copy signature and links, or why there are none."""
    if wire is None:
        return None, not_compared
    document = analysis.document
    try:
        return wire.find(Report(document.id, document.text, analysis.boilerplate,
                                document.published), reports), ""
    except (NewstraceError, SQLAlchemyError) as error:
        return None, _not_compared(error)


def _wire_index(wire: WireCopies | None, store: Store) -> tuple[WireCopies | None, str]:
    """The index of stored signatures (built once, when first needed), or why there is none."""
    try:
        return wire or WireCopies(store), ""
    except (NewstraceError, SQLAlchemyError) as error:
        return None, _not_compared(error)


def _not_compared(error: Exception) -> str:
    return (f"stored, but not compared with the stored reports for wire copy ({error}); "
            "the next run compares it")


def _copied(copies: Signed | None, document: Document) -> bool:
    """Whether the document republishes a stored one (it is the copy of a link)."""
    return copies is not None and any(link.document_id == document.id
                                      for link in copies.links)


def _record(report: IngestReport, where: str, outcome: Outcome) -> None:
    if isinstance(outcome, IngestProblem):
        report.problems.append(outcome)
        return
    if isinstance(outcome, str):
        report.skipped.append(where)
        return
    document, copied, not_compared = outcome
    report.added.append(where)
    if not is_read(document.language):
        report.not_analysed.append(IngestProblem(
            where, f"stored without extraction: language {document.language} "
                   "(the extractors read English)"))
    if not_compared:
        report.problems.append(IngestProblem(where, not_compared))
    elif copied:
        report.near_duplicates.append(where)


def new_documents(
    items: Iterable[Document | IngestProblem], store: Store, report: IngestReport,
    progress: Callable[[str], None],
) -> Iterator[tuple[str, Document]]:
    """The documents not stored yet, each with the name of its input; what was read as a
    problem, or is stored already, goes to the report. Whether they are stored is read
    `STORED_AT_ONCE` documents at a time (a query for them all)."""
    for batch in _batches(items, STORED_AT_ONCE):
        found = [item for item in batch if not isinstance(item, IngestProblem)]
        try:
            standings: Iterator[str] | NewstraceError = iter(store.standings(found))
        except NewstraceError as error:
            standings = error
        for item in batch:
            report.read += 1
            if isinstance(item, IngestProblem):
                report.problems.append(item)
                progress(item.where)
                continue
            where = where_of(item)
            if isinstance(standings, NewstraceError):
                report.problems.append(IngestProblem(where, str(standings)))
                progress(where)
                continue
            standing = next(standings)
            if standing == "new":
                yield where, item
                continue
            if standing == "stored":
                report.skipped.append(where)
            else:
                report.problems.append(IngestProblem(
                    where, f"[NT003] id {item.id!r} is already stored with other content; "
                           "nothing was overwritten"))
            progress(where)


# Inputs that hold many documents, whose file alone does not say which one went wrong.
MANY_DOCUMENT_KINDS = {"jsonl", "csv", "rss", "atom", "warc"}


def where_of(document: Document) -> str:
    """The input a document came from, as a person finds it: the file, and the record's id
    in a file of many."""
    if document.file and document.source_kind in MANY_DOCUMENT_KINDS:
        return f"{document.file} [{document.url or document.id}]"
    return document.file or document.id


def analysis_within_limits(
    document: Document, options: Options, where: str
) -> Analysis | IngestProblem:
    """`analyse` within the size and time limits of the options; a failure is a problem
    named by its input, never an exception (one bad document must not stop a batch)."""
    try:
        check_size(document.text, options.max_document_chars, where)
        with time_budget(options.time_budget, where):
            return analyse(document, options)
    except Exception as error:  # noqa: BLE001 - one bad document must not stop a batch
        return _problem(where, error)


def _problem(where: str, error: Exception) -> IngestProblem:
    if isinstance(error, NewstraceError):
        return IngestProblem(where, str(error))
    return IngestProblem(where, f"analysis failed: {type(error).__name__}: {error}")


def analysed_together(
    documents: Sequence[tuple[str, Document]], options: Options
) -> list[Analysis | IngestProblem]:
    """`analysis_within_limits` of each document, their parses in `nlp.pipe`'s batches (a
    worker's share: the same analyses in less time). Each document's cleaning and its
    extraction keep its own time budget, and the parse of them all has all their budgets;
    should that parse fail or run past them, each document is analysed again alone, within
    its own limits, so that only a document that fails alone fails."""
    done: dict[int, Analysis | IngestProblem] = {}
    ready: list[tuple[int, Prepared]] = []
    for index, (where, document) in enumerate(documents):
        try:
            check_size(document.text, options.max_document_chars, where)
            with time_budget(options.time_budget, where):
                prepared = prepare(document, options)
        except Exception as error:  # noqa: BLE001 - one bad document must not stop a batch
            done[index] = _problem(where, error)
            continue
        if isinstance(prepared, Analysis):
            done[index] = prepared
        else:
            ready.append((index, prepared))
    try:
        with time_budget(options.time_budget * len(ready), "the parse of a batch"):
            docs = annotate_many([p.view for _, p in ready], [p.names for _, p in ready])
    except Exception:  # noqa: BLE001 - each document alone finds the one at fault
        docs = None
    for position, (index, prepared) in enumerate(ready):
        where, document = documents[index]
        if docs is None:
            done[index] = analysis_within_limits(document, options, where)
            continue
        try:
            with time_budget(options.time_budget, where):
                done[index] = extract(prepared, docs[position], options)
        except Exception as error:  # noqa: BLE001 - one bad document must not stop a batch
            done[index] = _problem(where, error)
    return [done[index] for index in range(len(documents))]


def analysed(
    documents: Iterable[tuple[str, Document]], options: Options, workers: int = 0,
    idle: Callable[[], object] = lambda: None,
) -> Iterator[tuple[str, Analysis | IngestProblem]]:
    """Each document's analysis (or the problem that stopped it), in input order, computed
    in `workers` processes while this one goes on (0: here, one document at a time), which
    calls `idle` when it would wait for them (`_first_of`)."""
    check_setup(options)
    if workers > 0:
        settle()
        yield from analysed_in_workers(documents, options, workers, idle=idle)
        return
    get_nlp()  # loaded before the first document's time budget starts
    settle()
    for where, document in documents:
        yield where, analysis_within_limits(document, options, where)


# Documents a worker analyses at once (`analysed_together`: their parses in one `nlp.pipe`
# batch), and batches handed out ahead of the one being stored, per worker: every process
# has the next batch at hand while the writer stores, and memory holds a few batches only.
BATCH_DOCUMENTS = 16
AHEAD_PER_WORKER = 2

PoolStarter = Callable[[Options, int], ProcessPoolExecutor]
Batch = list[tuple[str, Document]]


def analysed_in_workers(
    documents: Iterable[tuple[str, Document]], options: Options, workers: int,
    start: PoolStarter | None = None, idle: Callable[[], object] = lambda: None,
) -> Iterator[tuple[str, Analysis | IngestProblem]]:
    """`analysed` in worker processes (spawned: each loads its own model once, `warm_up`),
    a batch of documents at a time. When a worker dies (killed, out of memory) the batches
    then in flight are analysed again (`analysed_again`: only a document that stops its
    process alone fails, NT006); the pool starts again for the rest."""
    start = start or worker_pool
    ahead: deque[tuple[Batch, Future[list[Analysis | IngestProblem]]]] = deque()
    pool = start(options, workers)
    try:
        for batch in _batches(documents, BATCH_DOCUMENTS):
            ahead.append((batch, pool.submit(analysed_together, batch, options)))
            while len(ahead) >= workers * AHEAD_PER_WORKER:
                pool = yield from _first_of(ahead, pool, options, workers, start, idle)
        while ahead:
            pool = yield from _first_of(ahead, pool, options, workers, start, idle)
    finally:
        pool.shutdown(cancel_futures=True)


Item = TypeVar("Item")


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _first_of(
    ahead: deque[tuple[Batch, Future[list[Analysis | IngestProblem]]]],
    pool: ProcessPoolExecutor, options: Options, workers: int, start: PoolStarter,
    idle: Callable[[], object],
) -> Generator[tuple[str, Analysis | IngestProblem], None, ProcessPoolExecutor]:
    batch, future = ahead.popleft()
    if not future.done():
        # The writer's work that can wait for a pause (ingest: joining the statements stored
        # so far) is done while the workers analyse, not left to the end of the run.
        idle()
    try:
        found = future.result()
    except BrokenProcessPool:
        pool.shutdown(cancel_futures=True)
    else:
        for (where, _document), result in zip(batch, found, strict=True):
            yield where, result
        return pool
    lost = [batch, *(other for other, _lost in ahead)]
    ahead.clear()
    yield from analysed_again(lost, options, start)
    return start(options, workers)


def analysed_again(
    lost: Iterable[Batch], options: Options, start: PoolStarter | None = None,
) -> Iterator[tuple[str, Analysis | IngestProblem]]:
    """The batches a worker held when it died (killed, out of memory: which document it
    held no one knows), in order, in one fresh worker process: each batch whole, and a
    batch that stops that process too a document at a time, so that only a document that
    stops the process alone fails (NT006). The process is started again only when it
    died: one model load for all the batches, and one for each document that kills it."""
    worker = _Worker(options, start or worker_pool)
    try:
        for batch in lost:
            found = worker.run(analysed_together, batch, options)
            if found is not None:
                yield from zip((where for where, _document in batch), found, strict=True)
                continue
            for where, document in batch:
                alone = worker.run(analysis_within_limits, document, options, where)
                yield where, alone if alone is not None else IngestProblem(where, str(
                    WorkerStopped("the process analysing it stopped (killed, or out of "
                                  "memory) when it read this document alone; a run "
                                  "started again retries it")))
    finally:
        worker.close()


Result = TypeVar("Result")


class _Worker:
    """One worker process, started when it is first needed and again after it died."""

    def __init__(self, options: Options, start: PoolStarter):
        self.options, self.start = options, start
        self.pool: ProcessPoolExecutor | None = None

    def run(self, function: Callable[..., Result], *args: Any) -> Result | None:
        """``function(*args)`` in the worker process; None when the process died."""
        self.pool = self.pool or self.start(self.options, 1)
        try:
            return self.pool.submit(function, *args).result()
        except BrokenProcessPool:
            self.close()
            return None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None


def worker_pool(options: Options, workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                               initializer=warm_up, initargs=(options,))


def check_setup(options: Options) -> None:
    """Load the gazetteer and the attribution model the options name: a broken file stops
    the run once, with its own error, rather than failing every document."""
    load_gazetteer(tuple(options.gazetteer_files))
    attribution_model(options.attribution_model)


def warm_up(options: Options) -> None:
    """Load what every analysis needs when a worker starts, not inside the first document's
    time budget. (Garbage is collected as `settle` has it from the start: the model's load
    makes objects that live as long as the process, and walking them cost the start 0.24 s
    of processor time, 0.17 so.)"""
    gc.set_threshold(*COLLECTED_EVERY)
    get_nlp()
    check_setup(options)
    settle()


# Allocations (less deallocations) of tracked objects between two collections of the youngest
# generation, and how many younger collections make one of the next: see `settle`.
COLLECTED_EVERY = (50_000, 20, 20)


@functools.cache
def settle() -> None:
    """Once a process: what it has loaded by now (the model, gazetteer, attribution model)
    lives as long as it does, so it is kept out of the garbage collector's full passes,
    which would otherwise walk all of it again and again as analyses come and go (a pass
    0.14 s with the model loaded, 0.02 s without it; and most of the time a writer took to
    read a worker's analyses back). And garbage is collected less often (`COLLECTED_EVERY`,
    not Python's 700, 10, 10): nearly everything an analysis makes is freed as soon as it is
    dropped, and at 700 the collector walked young objects some four times a story and the
    whole heap every forty or so, lazily loaded tables and caches included: 0.67 ms a story of
    a worker's processor time and 0.43 of the writer's once settled (`ingest --workers 1`,
    300 BBC stories; 0.07 and 0.07 at these settings, the peak memory the same)."""
    gc.collect()  # what is garbage already is not kept for ever
    gc.freeze()
    gc.set_threshold(*COLLECTED_EVERY)
