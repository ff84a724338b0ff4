"""newstrace against the parse it rests on, with one and more processes.

    python bench/scaling.py PATH... [--documents N] [--workers 1,2]

Reads the inputs as `newstrace ingest` does (files, folders, JSONL ...), takes the first N
documents, and times, for each number of processes P:
  - the floor: spaCy's `nlp.pipe` alone over the texts with P processes;
  - newstrace: `pipeline.ingest` of the same inputs into a new SQLite database with P workers
    (reading, analysis, cross-document linking, wire copy and storing: the whole run).
Prints documents a second for both, the ratio newstrace / floor (1.0: newstrace's own stages
cost nothing beside the parse) and the peak memory of the largest process. Whole-process
figures on a shared machine vary by a few percent between runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from itertools import islice
from pathlib import Path

from newstrace.annotate import get_nlp
from newstrace.ingest import IngestProblem, read_inputs
from newstrace.pipeline import ingest
from newstrace.store import Store


def documents_of(paths: list[str], limit: int, folder: Path) -> list[str]:
    """The first `limit` readable documents, written to one JSONL file in `folder` so that
    every run reads the same inputs; returns their texts."""
    found = [d for d in islice((d for d in read_inputs(paths)
                                if not isinstance(d, IngestProblem)), limit)]
    with (folder / "inputs.jsonl").open("w", encoding="utf-8") as out:
        for document in found:
            out.write(json.dumps({"id": document.id, "text": document.text,
                                  "published": str(document.published or "") or None,
                                  "outlet": document.outlet}) + "\n")
    return [d.text for d in found]


def floor(texts: list[str], processes: int) -> float:
    nlp = get_nlp()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=16):
        pass
    return len(texts) / (time.perf_counter() - started)


def newstrace(folder: Path, count: int, workers: int) -> float:
    db = folder / f"bench-{workers}.db"
    started = time.perf_counter()
    report = ingest([str(folder / "inputs.jsonl")], Store(str(db)), workers=workers)
    elapsed = time.perf_counter() - started
    # A corpus may hold the same story twice: stored once, skipped once.
    if len(report.added) + len(report.skipped) != count or report.problems:
        raise SystemExit(f"{workers} workers stored {len(report.added)} of {count} documents: "
                         f"{report.problems[:3]}")
    return count / elapsed


def peak_mb() -> float:
    """The largest resident size of this process or any child it waited for (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--workers", default="1,2", help="process counts, comma-separated")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        texts = documents_of(args.paths, args.documents, folder)
        print(f"{len(texts)} documents, {sum(map(len, texts)) / len(texts):.0f} characters "
              "each on average")
        for processes in (int(p) for p in args.workers.split(",")):
            parse = floor(texts, processes)
            ours = newstrace(folder, len(texts), processes)
            print(f"{processes} process(es): spaCy nlp.pipe {parse:6.1f} documents/s, "
                  f"newstrace ingest {ours:6.1f} documents/s, ratio {ours / parse:.2f}, "
                  f"peak memory of one process {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
