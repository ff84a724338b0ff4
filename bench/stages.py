"""Each stage's processor time a document, the spaCy parse done once and left out.

    python bench/stages.py CORPUS [--documents N] [--repeat R] [--profile FILE]

CORPUS is anything `newstrace ingest` reads (a JSONL file with "text" per line, a folder of
stories ...). The first N documents are cleaned and parsed once (`nlp.pipe` batches, as an
ingest worker parses them); then, R times over those parses, each stage after the parse is
timed in processor time (`time.process_time`, not wall time: the machine may be busy with
other work), and the documents are stored into a fresh SQLite store as `newstrace ingest`
stores them. Each row is the least of the R repeats (the repeat least disturbed), in
milliseconds a document; the parse's row is its one measurement, for scale. The last line is
the share of the parse's speed that ingest in one process can reach at these costs
(issue #18 asks >= 0.75): parse / (parse + newstrace's own stages).

Repeats see what a long run sees: process-wide caches (names, lexicons) warm; each document's
own cached columns (`words_of`) are dropped before each repeat, as a fresh parse has none.
"""

from __future__ import annotations

import argparse
import cProfile
import tempfile
import time
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from spacy.tokens import Doc

from newstrace.annotate import annotate_many, get_nlp
from newstrace.config import Options
from newstrace.ingest import IngestProblem, read_inputs
from newstrace.models import Analysis, Document
from newstrace.pipeline import (
    STORED_AT_ONCE,
    IngestReport,
    Prepared,
    StageTimer,
    check_setup,
    extract,
    new_documents,
    prepare,
    settle,
    store_analyses,
    where_of,
)
from newstrace.store import Store

# The stages `pipeline.extract` times (its laps), in the order they run.
EXTRACT_STAGES = ("entities", "timexes", "quotes", "events")


@dataclass
class Parsed:
    """A document as the parse left it: what every repeat starts from."""

    where: str
    document: Document
    doc: Doc
    user_data: dict[object, object] = field(default_factory=dict)

    def fresh(self) -> Doc:
        """The parse without what an earlier repeat cached on it."""
        self.doc.user_data.clear()
        self.doc.user_data.update(self.user_data)
        return self.doc


def documents(corpus: str, count: int) -> list[Document]:
    read = (d for d in read_inputs([corpus]) if not isinstance(d, IngestProblem))
    return list(islice(read, count))


def parsed(found: list[Document], options: Options) -> tuple[list[Parsed], float]:
    """The documents the extractors read, parsed once, and the parse's processor seconds."""
    ready = [(d, p) for d in found if isinstance(p := prepare(d, options), Prepared)]
    began = time.process_time()
    docs = annotate_many([p.view for _, p in ready], [p.names for _, p in ready])
    seconds = time.process_time() - began
    return [Parsed(where_of(d), d, doc, dict(doc.user_data))
            for (d, _), doc in zip(ready, docs, strict=True)], seconds


def one_repeat(documents: list[Parsed], options: Options, folder: Path
               ) -> tuple[dict[str, float], list[Analysis]]:
    """Processor seconds of each stage over all the documents, once, and the analyses."""
    seconds = dict.fromkeys(("clean", *EXTRACT_STAGES, "standing", "storing"), 0.0)
    timer = StageTimer(clock=time.process_time)
    analyses = []
    for one in documents:
        doc = one.fresh()
        began = time.process_time()
        prepared = prepare(one.document, options)
        seconds["clean"] += time.process_time() - began
        assert isinstance(prepared, Prepared)
        timer.lap("idle")
        analyses.append(extract(prepared, doc, options, timer.lap))
    for stage in EXTRACT_STAGES:
        seconds[stage] = timer.seconds.get(stage, 0.0)
    store = Store(str(folder / f"store-{time.monotonic_ns()}.db"))
    report = IngestReport()
    began = time.process_time()
    fresh = list(new_documents((a.document for a in analyses), store, report, lambda _: None))
    seconds["standing"] = time.process_time() - began
    by_where = {where_of(a.document): a for a in analyses}
    began = time.process_time()
    store_analyses(((where, by_where[where]) for where, _ in fresh), store, report,
                   at_once=STORED_AT_ONCE)
    seconds["storing"] = time.process_time() - began
    store.engine.dispose()
    if report.problems or len(report.added) + len(report.skipped) != len(analyses):
        raise SystemExit(f"stored {len(report.added)} of {len(analyses)} "
                         f"({len(report.skipped)} stored already): {report.problems[:3]}")
    return seconds, analyses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="a JSONL file, a folder, anything ingest reads")
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", type=Path, default=None,
                        help="write cProfile statistics of one more repeat to this file "
                             "(read them with python -m pstats)")
    args = parser.parse_args()
    options = Options()
    get_nlp()
    check_setup(options)  # model and gazetteer loads are no document's
    settle()  # as a run does once it has loaded them
    found = documents(args.corpus, args.documents)
    parses, parse_seconds = parsed(found, options)
    count = len(parses)
    if not count:
        raise SystemExit(f"no documents the extractors read in {args.corpus}")
    least: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        # Not counted: what a run does once, on its first document (imports made when
        # first needed, such as wire copy's MinHash library).
        one_repeat(parses[:1], options, Path(scratch))
        for _ in range(args.repeat):
            seconds, _analyses = one_repeat(parses, options, Path(scratch))
            for stage, value in seconds.items():
                least[stage] = min(least.get(stage, value), value)
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(one_repeat, parses, options, Path(scratch))
            profile.dump_stats(args.profile)
    parse = parse_seconds / count * 1000
    chars = sum(len(p.document.text) for p in parses) / count
    print(f"corpus: {args.corpus} ({count} documents, {chars:.0f} characters each), "
          f"least of {args.repeat} repeats, processor time")
    print(f"  {'stage':<10} {'ms/doc':>8} {'x parse':>8}")
    print(f"  {'parse':<10} {parse:8.2f} {1:8.3f}   (spaCy, once; not counted below)")
    own = 0.0
    for stage, value in least.items():
        ms = value / count * 1000
        own += ms
        print(f"  {stage:<10} {ms:8.2f} {ms / parse:8.3f}")
    print(f"  {'own':<10} {own:8.2f} {own / parse:8.3f}   (newstrace's own stages together)")
    print(f"one process can reach {parse / (parse + own):.3f} of the parse's speed "
          "(parse / (parse + own); issue #18 asks >= 0.75)")


if __name__ == "__main__":
    main()
