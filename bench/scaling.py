"""newstrace against the parse it rests on, with one and more processes, and its cost as the
corpus grows.

    python bench/scaling.py PATH... [--documents N] [--workers 1,2] [--engines ingest,dask]
    python bench/scaling.py PATH... --sizes 1000,10000,100000 [--engines dask] [--workers 2]

Reads the inputs as `newstrace ingest` does (files, folders, JSONL ...), takes the first N
documents, and times, for each number of processes P:
  - the floor: spaCy's `nlp.pipe` alone over the texts, batches of 16, `n_process=P`, with
    newstrace's own spaCy pipeline (`annotate.get_nlp`: the same components newstrace runs,
    none disabled). With P of 2 or more spaCy's P processes parse and the main process hands
    out texts and takes back the parsed documents;
  - newstrace on each engine, into a new SQLite database, the whole run (reading, analysis,
    cross-document linking, wire copy and storing): `ingest` (`pipeline.ingest` with P
    worker processes that analyse, a batch of 16 documents at a time, while the main process
    reads and stores), `dask` (`newstrace batch` on a local Dask cluster of P worker
    processes, the main process reading and storing) or `local` (`newstrace batch` on P
    local worker processes, no Dask); `inline` is ingest with no worker (`--workers 0`: one
    process reads, analyses and stores), timed with the one-process floor.
Prints documents a second for both, the ratio newstrace / floor (1.0: newstrace's own stages
cost nothing beside the parse), the processor time of every process of the run per document
(the floor's and newstrace's, for the work done beside the wall clock) and the peak memory of
one worker process.

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
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from newstrace.annotate import get_nlp
from newstrace.batch.run import run_batch
from newstrace.ingest import IngestProblem, read_inputs
from newstrace.models import Document
from newstrace.pipeline import IngestReport, ingest
from newstrace.store import Store

ENGINES = ("ingest", "dask", "local", "inline")


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


def floor(texts: list[str], processes: int) -> tuple[float, Processor]:
    """Documents a second of the parse alone, and processor seconds a document."""
    nlp = get_nlp()
    started, cpu = time.perf_counter(), Processor.now()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=16):
        pass
    return len(texts) / (time.perf_counter() - started), Processor.now().since(cpu, len(texts))


def newstrace(engine: str, inputs: Path, folder: Path, count: int, workers: int
              ) -> tuple[float, Processor, float]:
    """Documents a second of a whole run, processor seconds a document (every process of
    the run) and the largest worker's peak memory (MB). A batch also prints the time its one
    loading process was busy reading and storing (the rest it waited for workers): the
    ceiling of any number of workers."""
    db = Store(str(folder / f"{engine}-{workers}-{count}.db"))
    started, cpu = time.perf_counter(), Processor.now()
    report: IngestReport
    if engine in ("ingest", "inline"):
        report = ingest([str(inputs)], db, workers=workers if engine == "ingest" else 0)
        peak = peak_mb()
    else:
        run = run_batch([str(inputs)], db, folder / f"{engine}-{workers}-{count}", engine,
                        workers)
        report, peak = run.report, max(run.peak_mb.values(), default=0.0)
    elapsed = time.perf_counter() - started
    if engine not in ("ingest", "inline"):
        print(f"    ({engine}: the loading process busy {run.busy:.1f} s of {elapsed:.1f}, "
              f"{1000 * run.busy / count:.0f} ms a document)")
    # A corpus may hold the same story twice: stored once, skipped once.
    if len(report.added) + len(report.skipped) != count or report.problems:
        raise SystemExit(f"{engine} with {workers} workers stored {len(report.added)} of "
                         f"{count} documents: {report.problems[:3]}")
    return count / elapsed, Processor.now().since(cpu, count), peak


@dataclass
class Processor:
    """Processor seconds (user and system) of this process, and of the children it waited
    for: the workers, once a run is over."""

    main: float
    children: float

    @staticmethod
    def now() -> Processor:
        own, children = (resource.getrusage(who) for who in (
            resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        return Processor(own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime)

    def since(self, start: Processor, count: int) -> Processor:
        """Seconds a document since ``start``."""
        return Processor((self.main - start.main) / count,
                         (self.children - start.children) / count)

    def __str__(self) -> str:
        return (f"{1000 * (self.main + self.children):.0f} ms of processor time a document "
                f"({1000 * self.main:.0f} in the main process)")


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
          f"each on average; spaCy components on both sides: {', '.join(get_nlp().pipe_names)}")
    print("floor: nlp.pipe, batches of 16, n_process=P; newstrace ingest: P processes analyse "
          "(batches of 16 in nlp.pipe) and the main process reads and stores; dask/local: P "
          "worker processes and the loading process; inline: one process does all")
    for count in processes:
        parse, parse_cpu = floor(texts, count)
        print(f"{count} process(es): spaCy nlp.pipe {parse:6.1f} documents/s (the floor), "
              f"{parse_cpu}")
        for engine in engines:
            if engine == "inline" and count != 1:
                continue
            rate, cpu, peak = newstrace(engine, inputs, folder, len(texts), count)
            print(f"  newstrace {engine:<6} {rate:6.1f} documents/s, ratio {rate / parse:.2f}, "
                  f"{cpu}, peak memory of one worker {peak:.0f} MB", flush=True)


def cost_curve(documents: list[Document], folder: Path, sizes: list[int], workers: int,
               engines: list[str]) -> None:
    print(f"cost curve from {len(documents)} real documents, {workers} worker(s)")
    for size in sizes:
        inputs = folder / f"inputs-{size}.jsonl"
        write_jsonl(varied(documents, size), inputs)
        for engine in engines:
            rate, _cpu, peak = newstrace(engine, inputs, folder, size, workers)
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
