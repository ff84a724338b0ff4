"""The writer's processor time a document, by part: storing analyses made beforehand.

    python bench/writer.py CORPUS [--documents 300] [--repeat 4] [--analyses FILE]
        [--profile FILE]

The first N documents of CORPUS (anything `newstrace ingest` reads) are analysed once in this
process (or read back from --analyses, a pickle this script wrote for the same corpus and
count: the analyses take a minute or two, the storing a second); then, R times, they are stored
into a fresh SQLite store as `newstrace ingest` stores them (`store_analyses`, 16 a
transaction), in processor time, with the writer's parts timed apart: the transaction's first
reads (`Saving.expect`), wire copy, linking and building each document's rows
(`Saving.save`, the full-text entries among them), writing the rows (`Saving.flush`), the
counts, the statements joined when the run ends (`Store.settle_groups`, once for the run:
its share a document), and the rest (the commit, the loop). Each row is the least of the R
repeats after a first one left out, in milliseconds a document. The analyses are kept alive
and frozen out of the garbage collector's passes, as a run's writer keeps what it loaded
(`pipeline.settle`).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pickle
import tempfile
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

from newstrace import pipeline
from newstrace.config import Options
from newstrace.ingest import IngestProblem, read_inputs
from newstrace.models import Analysis
from newstrace.pipeline import STORED_AT_ONCE, IngestReport, analysed, store_analyses, where_of
from newstrace.resolve import copies
from newstrace.store import Store, counts, saving
from newstrace.store import search as full_text

# (owner, function name, the part it is counted in); a part starting with a space is a share
# of the part before it, not added to the total of parts.
PARTS = [
    (saving.Saving, "expect", "first reads"),
    (pipeline, "_copies", "wire copy"),
    (saving.Saving, "save", "link, rows"),
    (full_text, "entries_of", " full-text entries"),
    (saving.Saving, "flush", "writing rows"),
    (full_text, "add", " full-text index"),
    (counts, "add", "counts"),
    # the statements joined when the run ends (store/groups.py), not per transaction
    (Store, "settle_groups", "settling statements"),
]


def analyses(corpus: str, count: int, kept: Path | None) -> list[tuple[str, Analysis]]:
    if kept and kept.exists():
        found: list[tuple[str, Analysis]] = pickle.loads(kept.read_bytes())
        return found
    documents = islice((d for d in read_inputs([corpus]) if not isinstance(d, IngestProblem)),
                       count)
    found = [(where, result) for where, result in
             analysed(((where_of(d), d) for d in documents), Options())
             if isinstance(result, Analysis)]
    if kept:
        kept.write_bytes(pickle.dumps(found))
    return found


def timed(spent: dict[str, float]) -> None:
    """Each part's function counted in ``spent`` (processor seconds)."""
    for owner, name, part in PARTS:
        function = getattr(owner, name)

        def wrapper(*args: Any, _function: Callable[..., Any] = function, _part: str = part,
                    **kwargs: Any) -> Any:
            began = time.process_time()
            try:
                return _function(*args, **kwargs)
            finally:
                spent[_part] = spent.get(_part, 0.0) + time.process_time() - began

        setattr(owner, name, wrapper)


def one_repeat(found: list[tuple[str, Analysis]], folder: Path, spent: dict[str, float]
               ) -> float:
    spent.clear()
    store = Store(str(folder / f"store-{time.monotonic_ns()}.db"))
    report = IngestReport()
    began = time.process_time()
    store_analyses(iter(found), store, report, at_once=STORED_AT_ONCE)
    seconds = time.process_time() - began
    store.engine.dispose()
    if report.problems or len(report.added) + len(report.skipped) != len(found):
        raise SystemExit(f"stored {len(report.added)} of {len(found)}: {report.problems[:3]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--analyses", type=Path, default=None,
                        help="a pickle of the analyses: read when it exists, else written")
    parser.add_argument("--profile", type=Path, default=None,
                        help="cProfile statistics (processor time) of one more repeat")
    args = parser.parse_args()
    found = analyses(args.corpus, args.documents, args.analyses)
    copies.signature(set())  # imports made once a run (datasketch's permutations)
    copies.signature({"a b c d e"})
    gc.collect()
    gc.freeze()
    spent: dict[str, float] = {}
    timed(spent)
    best: tuple[float, dict[str, float]] | None = None
    with tempfile.TemporaryDirectory() as scratch:
        for repeat in range(args.repeat + 1):
            seconds = one_repeat(found, Path(scratch), spent)
            if repeat and (best is None or seconds < best[0]):
                best = seconds, dict(spent)
        if args.profile:
            profile = cProfile.Profile(time.process_time)
            profile.runcall(one_repeat, found, Path(scratch), spent)
            profile.dump_stats(args.profile)
    assert best is not None
    count = len(found)
    total, parts = best
    print(f"{args.corpus}: {count} documents stored, least of {args.repeat} repeats, "
          "processor time, ms a document")
    print(f"  {'storing':<22} {total / count * 1000:6.2f}")
    for _owner, _name, part in PARTS:
        print(f"  {'  ' + part.strip() if part.startswith(' ') else part:<22} "
              f"{parts.get(part, 0.0) / count * 1000:6.2f}")
    rest = total - sum(v for part, v in parts.items() if not part.startswith(" "))
    print(f"  {'rest (commit, loop)':<22} {rest / count * 1000:6.2f}")


if __name__ == "__main__":
    main()
