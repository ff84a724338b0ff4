"""newstrace against the parse it rests on, with one and more processes, and its cost as the
corpus grows.

    python bench/scaling.py PATH... [--documents N] [--workers 1,2] [--engines ingest,dask]
    python bench/scaling.py PATH... --sizes 1000,10000,100000 [--engines dask] [--workers 2]

Reads the inputs as `newstrace ingest` does (files, folders, JSONL ...), takes the first N
documents, and times, for each number of processes P:
  - the floor: spaCy's `nlp.pipe` alone over the texts with P processes;
  - newstrace on each engine, into a new SQLite database, the whole run (reading, analysis,
    cross-document linking, wire copy and storing): `ingest` (`pipeline.ingest` with P
    workers), `dask` (`newstrace batch` on a local Dask cluster of P worker processes) or
    `local` (`newstrace batch` on P local worker processes, no Dask).
Prints documents a second for both, the ratio newstrace / floor (1.0: newstrace's own stages
cost nothing beside the parse) and the peak memory of one worker process.

With --sizes, the cost curve instead: each engine stores corpora of each size (beyond the
real documents, new ones made by interleaving the paragraphs of three real ones, so none is
a duplicate or a wire copy of another) into a new database, and the seconds per thousand
documents show whether the cost grows linearly. Whole-process figures on a shared machine
vary by a few percent between runs.
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
from newstrace.batch.run import run_batch
from newstrace.ingest import IngestProblem, read_inputs
from newstrace.models import Document
from newstrace.pipeline import IngestReport, ingest
from newstrace.store import Store

ENGINES = ("ingest", "dask", "local")


def real_documents(paths: list[str], limit: int) -> list[Document]:
    return list(islice((d for d in read_inputs(paths) if not isinstance(d, IngestProblem)),
                       limit))


def varied(documents: list[Document], count: int) -> list[Document]:
    """`count` documents: the real ones, then new ones, each the headline of one real
    document over the paragraphs of three in turn (while all three have paragraphs left)."""
    found = documents[:count]
    paragraphs = [[p for p in d.text.split("\n") if p.strip()] for d in documents]
    total = len(documents)
    for number in range(count - len(found)):
        first = number % total
        others = [(first + 1 + number // total) % total,
                  (first + 2 + 3 * (number // total)) % total]
        sources = [paragraphs[i][1:] for i in (first, *others)]
        shortest = min(len(s) for s in sources)
        text = "\n\n".join([paragraphs[first][0], *(
            s[i] for i in range(shortest) for s in sources)])
        found.append(Document(text=f"{text}\n\n(Edition {number}.)", published=documents[
            first].published, outlet=documents[first].outlet))
    return found


def write_jsonl(documents: list[Document], path: Path) -> None:
    """The documents as one JSONL file, so that every run reads the same inputs."""
    with path.open("w", encoding="utf-8") as out:
        for document in documents:
            out.write(json.dumps({"id": document.id, "text": document.text,
                                  "published": str(document.published or "") or None,
                                  "outlet": document.outlet}) + "\n")


def floor(texts: list[str], processes: int) -> float:
    nlp = get_nlp()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=16):
        pass
    return len(texts) / (time.perf_counter() - started)


def newstrace(engine: str, inputs: Path, folder: Path, count: int, workers: int
              ) -> tuple[float, float]:
    """Documents a second of a whole run, and the largest worker's peak memory (MB). A
    batch also prints the time its one loading process was busy reading and storing (the
    rest it waited for workers): the ceiling of any number of workers."""
    db = Store(str(folder / f"{engine}-{workers}-{count}.db"))
    started = time.perf_counter()
    report: IngestReport
    if engine == "ingest":
        report = ingest([str(inputs)], db, workers=workers)
        peak = peak_mb()
    else:
        run = run_batch([str(inputs)], db, folder / f"{engine}-{workers}-{count}", engine,
                        workers)
        report, peak = run.report, max(run.peak_mb.values(), default=0.0)
    elapsed = time.perf_counter() - started
    if engine != "ingest":
        print(f"    ({engine}: the loading process busy {run.busy:.1f} s of {elapsed:.1f}, "
              f"{1000 * run.busy / count:.0f} ms a document)")
    # A corpus may hold the same story twice: stored once, skipped once.
    if len(report.added) + len(report.skipped) != count or report.problems:
        raise SystemExit(f"{engine} with {workers} workers stored {len(report.added)} of "
                         f"{count} documents: {report.problems[:3]}")
    return count / elapsed, peak


def peak_mb() -> float:
    """The largest resident size of this process or any child it waited for (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def side_by_side(documents: list[Document], folder: Path, processes: list[int],
                 engines: list[str]) -> None:
    inputs = folder / "inputs.jsonl"
    write_jsonl(documents, inputs)
    texts = [d.text for d in documents]
    print(f"{len(texts)} documents, {sum(map(len, texts)) / len(texts):.0f} characters "
          "each on average")
    for count in processes:
        parse = floor(texts, count)
        print(f"{count} process(es): spaCy nlp.pipe {parse:6.1f} documents/s (the floor)")
        for engine in engines:
            rate, peak = newstrace(engine, inputs, folder, len(texts), count)
            print(f"  newstrace {engine:<6} {rate:6.1f} documents/s, ratio {rate / parse:.2f}, "
                  f"peak memory of one worker {peak:.0f} MB")


def cost_curve(documents: list[Document], folder: Path, sizes: list[int], workers: int,
               engines: list[str]) -> None:
    print(f"cost curve from {len(documents)} real documents, {workers} worker(s)")
    for size in sizes:
        inputs = folder / f"inputs-{size}.jsonl"
        write_jsonl(varied(documents, size), inputs)
        for engine in engines:
            rate, peak = newstrace(engine, inputs, folder, size, workers)
            print(f"  {size:>7} documents, {engine:<6} {size / rate:8.1f} s, "
                  f"{1000 / rate:6.1f} s per 1,000, {rate:6.1f} documents/s, "
                  f"peak memory of one worker {peak:.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--workers", default="1,2", help="process counts, comma-separated")
    parser.add_argument("--engines", default="ingest,dask",
                        help=f"comma-separated, of {', '.join(ENGINES)}")
    parser.add_argument("--sizes", help="the cost curve: corpus sizes, comma-separated")
    args = parser.parse_args()
    engines = args.engines.split(",")
    if unknown := set(engines) - set(ENGINES):
        parser.error(f"unknown engines {sorted(unknown)}")
    processes = [int(p) for p in args.workers.split(",")]
    with tempfile.TemporaryDirectory() as name:
        if args.sizes:
            sizes = [int(size) for size in args.sizes.split(",")]
            documents = real_documents(args.paths, max(sizes))
            cost_curve(documents, Path(name), sizes, processes[-1], engines)
        else:
            documents = real_documents(args.paths, args.documents)
            side_by_side(documents, Path(name), processes, engines)


if __name__ == "__main__":
    main()
