"""Wires the stages: clean -> annotate -> extract -> resolve, one document at a time.

`analyse` is a pure function of the document and the options, so a batch run on a cluster
and a laptop run give the same output.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from newstrace.annotate import annotate
from newstrace.clean import analysis_view, find_boilerplate, find_datelines, split_stories
from newstrace.config import Options
from newstrace.errors import NewstraceError
from newstrace.extract.attribution import find_quotes
from newstrace.extract.attribution.model.scorer import attribution_model
from newstrace.extract.events import find_events
from newstrace.extract.mentions import find_mentions, gazetteer_mentions
from newstrace.extract.timexes import NAME_TYPES, find_timexes
from newstrace.gazetteer.loader import load_gazetteer
from newstrace.ingest import IngestProblem, read_inputs
from newstrace.limits import check_size, time_budget
from newstrace.models import Analysis, Document
from newstrace.resolve.crossdoc import link_analysis
from newstrace.resolve.entities import resolve_entities
from newstrace.resolve.publishers import credited_publisher, credits_at, publisher_entities
from newstrace.store import Store


class StageTimer:
    """Seconds spent per stage, summed over documents (for `make bench`)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now


def analyse(
    document: Document, options: Options | None = None, timer: StageTimer | None = None
) -> Analysis:
    options = options or Options()
    document = replace(document)  # the caller's record stays as it was given
    lap = timer.lap if timer else (lambda _stage: None)
    if timer:
        timer.lap("idle")  # restart the clock: time between documents is not a stage's
    gazetteer = load_gazetteer(tuple(options.gazetteer_files))
    text = document.text
    datelines = find_datelines(text)
    view = analysis_view(text, [span for span, _ in datelines])
    boilerplate = find_boilerplate(text)
    stories = split_stories(text, boilerplate, gazetteer.is_outlet)
    lap("clean")
    doc = annotate(view, lambda first: [m.span for m in gazetteer_mentions(first, gazetteer)])
    lap("annotate")
    mentions = [
        m for m in find_mentions(doc, gazetteer)
        if not any(b.overlaps(m.span) for b in boilerplate)
    ]
    for mention in mentions:
        mention.text = mention.span.text(text)  # the original characters, not the view's
    entities = resolve_entities(doc, mentions, gazetteer, document.published,
                                [story.span for story in stories])
    if document.outlet is None:
        document.outlet = credited_publisher(text, stories, gazetteer, datelines)
    publishers = publisher_entities(document, stories, entities, gazetteer)
    lap("entities")
    names = [m.span for e in entities if e.type in NAME_TYPES for m in e.mentions]
    timexes = find_timexes(view, document.published, names)
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


def ingest(
    paths: list[str],
    store: Store,
    published: date | None = None,
    outlet: str | None = None,
    options: Options | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> IngestReport:
    """Read, analyse and store every input; a bad input is reported and the run goes on."""
    report = IngestReport()
    options = options or Options()
    for item in read_inputs(paths, published, outlet):
        report.read += 1
        if isinstance(item, IngestProblem):
            report.problems.append(item)
            progress(item.where)
            continue
        where = item.file or item.id
        standing = store.standing(item)
        if standing == "stored":
            report.skipped.append(where)
        elif standing == "id taken":
            report.problems.append(IngestProblem(
                where, f"[NT003] id {item.id!r} is already stored with other content; "
                       "nothing was overwritten"))
        else:
            try:
                check_size(item.text, options.max_document_chars, where)
                with time_budget(options.time_budget, where):
                    analysis = analyse(item, options)
                # linked in the saving transaction: another run may be storing entities
                if store.save(analysis, link=link_analysis):
                    report.added.append(where)
                else:  # another run stored the same content since `standing`
                    report.skipped.append(where)
            except NewstraceError as error:
                report.problems.append(IngestProblem(where, str(error)))
            except Exception as error:  # noqa: BLE001 - one bad document must not stop a batch
                report.problems.append(
                    IngestProblem(where, f"analysis failed: {type(error).__name__}: {error}")
                )
        progress(where)
    return report
